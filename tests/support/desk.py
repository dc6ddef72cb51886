"""Desks for tests: real SQLCipher desk stores in tmp dirs, the real key file, sealed reports.

- ``new_desk(folder, key_file, name)``: a desk store (cheapest KDF, an in-memory secret store)
  with the sealing key imported from ``key_file`` (written by ``signaal-receiver init``).
- ``enrol_offline(store, creds)``: keep an enrolment the test made up (for the in-memory log).
- ``OrderingLog``: the receiver's ordering in memory (a seq per envelope and per event, signature
  checked, duplicates answered like the receiver). For unit tests of the fold's combinations;
  the end-to-end tests use the real receiver over TLS.
- ``sealed_report(...)``: a report of a shipped form sealed through ``sync.envelope.seal_report``,
  as a field device seals it.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nacl.signing

import forms
from desk.core import enrolment, sealing
from desk.core.store import DeskStore
from desktop.core.store.keys import MemorySecretStore
from sync import envelope as env_mod
from sync import errors, protocol
from sync.receiver import config as rx_config
from sync.registrar import (
    EnvelopePage,
    EventPage,
    EventResult,
    OutgoingEvent,
    PulledEnvelope,
    PulledEvent,
    RegistrarCredentials,
    event_signature_message,
)
from tests.support.reports import report_answers

PASSPHRASE = "desk passphrase for tests 42"


def receiver_keys(folder: Path) -> tuple[Path, bytes, nacl.signing.SigningKey]:
    """``signaal-receiver init`` in ``folder``: (key file path, sealing public key, receipt key)."""
    cfg, key_file = rx_config.initialise(folder / "rx", folder / "sealing-private.key")
    return key_file, cfg.sealing_public_key_bytes, cfg.receipt_signing_key()


def new_desk(folder: Path, key_file: Path, secrets: MemorySecretStore | None = None) -> DeskStore:
    store = DeskStore.create(folder, PASSPHRASE, secrets=secrets or MemorySecretStore(), kdf="test")
    sealing.import_key_file(store, key_file)
    return store


def enrol_offline(store: DeskStore, registrar_id: str, name: str, sealing_public_key: bytes,
                  receipt_public_key: bytes) -> enrolment.Prepared:
    prepared = enrolment.prepare(store)
    creds = RegistrarCredentials(
        base_url="https://127.0.0.1:1", registrar_id=registrar_id, token="t" * 43,
        certificate_sha256="0" * 64, sealing_public_key=base64.b64encode(sealing_public_key).decode(),
        receipt_public_key=base64.b64encode(receipt_public_key).decode(), name=name)
    enrolment.save(store, prepared, creds)
    return prepared


@dataclass
class Device:
    device_id: str
    key: nacl.signing.SigningKey
    organisation: str


def sealed_report(device: Device, sealing_public_key: bytes, form_id: str = "coa", *, i: int = 0,
                  envelope_id: str | None = None, version: int = 1, **overrides: Any) -> dict[str, Any]:
    form = forms.catalog().get(form_id, version)
    answers = report_answers(form_id, i=i, **overrides)
    env = env_mod.seal_report(form, answers, envelope_id=envelope_id or protocol.new_envelope_id(),
                              created_at=protocol.utc_now(), sealing_public_key=sealing_public_key,
                              signing_key=device.key, device_id=device.device_id)
    return env.model_dump()


@dataclass
class OrderingLog:
    """The receiver's ordering in memory (see the module text)."""

    receipt_key: nacl.signing.SigningKey
    envelopes: list[PulledEnvelope] = field(default_factory=list)
    events: list[PulledEvent] = field(default_factory=list)
    registrars: dict[str, bytes] = field(default_factory=dict)
    seq: int = 0

    def add_envelope(self, envelope: dict[str, Any], device: Device) -> PulledEnvelope:
        self.seq += 1
        at = protocol.utc_now()
        receipt = env_mod.sign_receipt(envelope_id=envelope["id"], sha256=envelope["sha256"], received_at=at,
                                       reference=f"CM-2026-{self.seq:06d}", signing_key=self.receipt_key)
        item = PulledEnvelope(self.seq, envelope, device.device_id, bytes(device.key.verify_key),
                              device.organisation, at, receipt.model_dump())
        self.envelopes.append(item)
        return item

    def api(self, registrar_id: str, public_key: bytes) -> Api:
        self.registrars[registrar_id] = public_key
        return Api(self, registrar_id)


@dataclass
class Api:
    log: OrderingLog
    registrar_id: str
    offline: bool = False

    def _check(self) -> None:
        if self.offline:
            raise errors.Unreachable()

    def pull_envelopes(self, after: int, limit: int = 500) -> EnvelopePage:
        self._check()
        items = [e for e in self.log.envelopes if e.seq > after][:limit]
        more = len([e for e in self.log.envelopes if e.seq > after]) > limit
        return EnvelopePage(items, items[-1].seq if items else after, more)

    def push_events(self, events: Sequence[OutgoingEvent]) -> list[EventResult]:
        self._check()
        out = []
        key = nacl.signing.VerifyKey(self.log.registrars[self.registrar_id])
        for e in events:
            known = [x for x in self.log.events if x.id == e.id]
            if known:
                out.append(EventResult(e.id, known[0].seq, "duplicate", None))
                continue
            try:
                key.verify(event_signature_message(e.id, e.sealed), e.signature)
            except Exception:
                out.append(EventResult(e.id, None, "rejected", "bad_signature"))
                continue
            self.log.seq += 1
            self.log.events.append(PulledEvent(self.log.seq, e.id, self.registrar_id,
                                               self.log.registrars[self.registrar_id], e.sealed, e.signature,
                                               protocol.utc_now()))
            out.append(EventResult(e.id, self.log.seq, "stored", None))
        return out

    def pull_events(self, after: int, limit: int = 500) -> EventPage:
        self._check()
        newer = [e for e in self.log.events if e.seq > after]
        items = newer[:limit]
        return EventPage(items, items[-1].seq if items else after, len(newer) > limit)
