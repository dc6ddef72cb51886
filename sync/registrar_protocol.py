"""The registrar part of the wire protocol (version 1, under ``/v1/registrar``).

A registrar is one of CoMensha's desks (``signaal-desk``). It enrols with a one-time code like a
device does, then reads what devices sent (sealed envelopes, with a cursor) and keeps the team's
triage log: events the desk seals to CoMensha's key and signs with its own Ed25519 key, which the
receiver stores without reading and puts in one total order (``seq``). docs/protocol.md describes
the endpoints; the models here are the exact shapes (unknown fields refused, lengths bounded).

Parse what a server sent only through :func:`sync.protocol.parse_message` / ``try_parse``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from sync.protocol import (
    B64_RE,
    MAX_BODY_BYTES,
    DeviceId,
    Envelope,
    Key32,
    Message500,
    PlainText100,
    Receipt,
    Sha256Hex,
    Signature64,
    Token,
    UtcTime,
    _check_b64,
    _Message,
)

ENROL_PATH = "/v1/registrar/enrol"
ENVELOPES_PATH = "/v1/registrar/envelopes"
EVENTS_PATH = "/v1/registrar/events"
PATHS = (ENROL_PATH, ENVELOPES_PATH, EVENTS_PATH)

MAX_EVENT_SEALED_BYTES = 32 * 1024  # one sealed triage event (state, assignee, note)
MAX_EVENT_SEALED_B64 = 4 * ((MAX_EVENT_SEALED_BYTES + 2) // 3)
MAX_EVENTS_PER_CALL = 200  # events in one POST /v1/registrar/events (fits MAX_BODY_BYTES)
MAX_PAGE_ITEMS = 500  # items in one page of envelopes or events
PAGE_BUDGET_BYTES = 4 * 1024 * 1024  # the receiver stops filling a page past about this size
MAX_PAGE_RESPONSE_BYTES = 8 * 1024 * 1024  # what the client reads of one page at most

assert MAX_EVENTS_PER_CALL * (MAX_EVENT_SEALED_B64 + 300) < MAX_BODY_BYTES

REGISTRAR_ID_RE = r"^reg_[0-9a-f]{16}$"
EVENT_ID_RE = r"^[0-9a-f]{32}$"

RegistrarId = Annotated[str, Field(min_length=20, max_length=20, pattern=REGISTRAR_ID_RE)]
EventId = Annotated[str, Field(min_length=32, max_length=32, pattern=EVENT_ID_RE)]
EventSealedB64 = Annotated[
    str, Field(min_length=4, max_length=MAX_EVENT_SEALED_B64, pattern=B64_RE), AfterValidator(_check_b64)
]
Seq = Annotated[int, Field(ge=0, le=(1 << 62))]
EventStatus = Literal["stored", "duplicate", "rejected"]


class RegistrarEnrolRequest(_Message):
    code: Annotated[str, Field(min_length=16, max_length=64)]
    registrar_public_key: Key32  # base64 of the desk's 32-byte Ed25519 verify key
    label: PlainText100  # e.g. the workstation's name, shown in 'signaal-receiver registrar list'


class RegistrarEnrolResponse(_Message):
    registrar_id: RegistrarId
    token: Token  # bearer token; the desk keeps it in its encrypted store
    sealing_public_key: Key32  # CoMensha's X25519 key: events are sealed to it
    receipt_public_key: Key32  # receipts on pulled envelopes verify with it
    certificate_sha256: Sha256Hex  # the serving certificate the desk pins
    name: PlainText100  # the name the operator gave in 'registrar add --name'


class PulledEnvelopeItem(_Message):
    seq: Seq
    envelope: Envelope  # exactly what the device sent
    device_id: DeviceId
    device_public_key: Key32
    organisation: PlainText100
    received_at: UtcTime
    receipt: Receipt


class EnvelopePageBody(_Message):
    items: list[PulledEnvelopeItem] = Field(max_length=MAX_PAGE_ITEMS)
    next_after: Seq
    more: bool


class EventIn(_Message):
    id: EventId
    sealed: EventSealedB64  # SealedBox to CoMensha's sealing key of the event JSON
    signature: Signature64  # Ed25519 by the registrar's key over id (UTF-8) + sealed bytes


class EventsRequest(_Message):
    events: list[EventIn] = Field(min_length=1, max_length=MAX_EVENTS_PER_CALL)


class EventResultBody(_Message):
    """``stored`` (new, ``seq`` set); ``duplicate`` (this registrar stored the same id and bytes
    before: the original ``seq``); ``rejected`` (``seq`` None, ``reason`` ``code: sentence``)."""

    id: Annotated[str, Field(min_length=0, max_length=64)] | None
    seq: Seq | None
    status: EventStatus
    reason: Message500 | None


class EventsResponse(_Message):
    results: list[EventResultBody] = Field(max_length=MAX_EVENTS_PER_CALL)


class PulledEventItem(_Message):
    seq: Seq
    id: EventId
    registrar_id: RegistrarId
    registrar_public_key: Key32
    sealed: EventSealedB64
    signature: Signature64
    received_at: UtcTime


class EventPageBody(_Message):
    items: list[PulledEventItem] = Field(max_length=MAX_PAGE_ITEMS)
    next_after: Seq
    more: bool


def event_signature_message(event_id: str, sealed: bytes) -> bytes:
    """What a registrar signs for one event: the id's UTF-8 bytes followed by the sealed bytes
    (the id has a fixed length of 32, so the split is unambiguous)."""
    return event_id.encode("utf-8") + bytes(sealed)


__all__ = [
    "ENROL_PATH",
    "ENVELOPES_PATH",
    "EVENTS_PATH",
    "EnvelopePageBody",
    "EventIn",
    "EventPageBody",
    "EventResultBody",
    "EventsRequest",
    "EventsResponse",
    "PulledEnvelopeItem",
    "PulledEventItem",
    "RegistrarEnrolRequest",
    "RegistrarEnrolResponse",
    "event_signature_message",
]
