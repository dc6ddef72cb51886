"""The desk's client for the receiver's registrar endpoints (docs/protocol.md, "Registrars").

Qt-free and blocking; run it off the UI thread. Trust works as for devices: enrolment checks the
one-time code's certificate hint and pins the certificate; every later call goes through
:class:`sync.client.SyncClient` with that pin, so nothing in the environment can redirect it.

Errors are the typed :mod:`sync.errors`: ``Unreachable``, ``BadResponse``, ``CertificateMismatch``,
``Unauthorized`` (``revoked`` set when the operator revoked this desk), ``RateLimited``,
``EnrolmentRefused`` (``code_invalid``/``code_used``/``code_expired``) and ``NotAccepted`` carrying
the receiver's error code (e.g. ``not_registrar`` for a device token).
"""

from __future__ import annotations

import base64
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sync import errors, protocol
from sync import registrar_protocol as rp
from sync.client import ServerTrust, SyncClient
from sync.enrolment import cert_sha256, fetch_server_certificate
from sync.registrar_protocol import event_signature_message


@dataclass(frozen=True)
class RegistrarCredentials:
    """What a desk keeps after enrolment (the token in its encrypted store)."""

    base_url: str
    registrar_id: str
    token: str
    certificate_sha256: str
    sealing_public_key: str  # base64 X25519
    receipt_public_key: str  # base64 Ed25519
    name: str

    def __repr__(self) -> str:  # never the token
        return f"RegistrarCredentials({self.registrar_id!r}, {self.base_url!r})"


@dataclass(frozen=True)
class PulledEnvelope:
    seq: int
    envelope: dict[str, Any]  # exactly the envelope JSON the device sent (sync.protocol.Envelope)
    device_id: str
    device_public_key: bytes
    organisation: str
    received_at: str
    receipt: dict[str, Any]  # sync.protocol.Receipt as JSON


@dataclass(frozen=True)
class EnvelopePage:
    items: list[PulledEnvelope]
    next_after: int
    more: bool


@dataclass(frozen=True)
class OutgoingEvent:
    id: str  # 32 lowercase hex, chosen by the desk
    sealed: bytes  # SealedBox to CoMensha's sealing public key
    signature: bytes  # Ed25519 over event_signature_message(id, sealed)


@dataclass(frozen=True)
class EventResult:
    id: str
    seq: int | None
    status: str  # "stored", "duplicate" or "rejected"
    reason: str | None


@dataclass(frozen=True)
class PulledEvent:
    seq: int
    id: str
    registrar_id: str
    registrar_public_key: bytes
    sealed: bytes
    signature: bytes
    received_at: str


@dataclass(frozen=True)
class EventPage:
    items: list[PulledEvent]
    next_after: int
    more: bool


def enrol_registrar(
    base_url: str,
    code: str,
    registrar_public_key: bytes,
    label: str,
    *,
    timeout: float = 10.0,
    proxy: str | None = None,
) -> RegistrarCredentials:
    """Redeem a registrar code (``signaal-receiver registrar add``) for this desk's Ed25519 key.

    The certificate the server shows must match the code's hint before it is pinned, and the
    server must name the same certificate in its answer.

    Raises:
        sync.errors.EnrolmentCodeInvalid: the code cannot be read (typo).
        sync.errors.CertificateMismatch: the server is not the one the code names.
        sync.errors.EnrolmentRefused: unknown, used or expired code.
        sync.errors.SyncError: any other failure.
    """
    try:
        secret, hint = protocol.parse_enrolment_code(code)
    except (ValueError, TypeError):
        raise errors.EnrolmentCodeInvalid() from None
    der = fetch_server_certificate(base_url, timeout=timeout, proxy=proxy)
    if not hmac.compare_digest(protocol.fingerprint_hint(der, secret), hint):
        raise errors.CertificateMismatch()
    pin = cert_sha256(der)
    body = (
        rp.RegistrarEnrolRequest(
            code=code.strip(),
            registrar_public_key=base64.b64encode(bytes(registrar_public_key)).decode(),
            label=label,
        )
        .model_dump_json()
        .encode()
    )
    trust = ServerTrust(cert_sha256=pin)
    with SyncClient(base_url, trust, proxy=proxy, timeout=(timeout, timeout)) as client:
        resp = client.call(
            "POST", rp.ENROL_PATH, rp.RegistrarEnrolResponse, body=body, expected=(201,), auth=False
        )
    if resp.certificate_sha256 != pin:
        raise errors.CertificateMismatch()
    return RegistrarCredentials(
        base_url=base_url.rstrip("/"),
        registrar_id=resp.registrar_id,
        token=resp.token,
        certificate_sha256=pin,
        sealing_public_key=resp.sealing_public_key,
        receipt_public_key=resp.receipt_public_key,
        name=resp.name,
    )


class RegistrarClient:
    """Pulls envelopes and keeps the event log with one receiver. Not thread-safe: one owner."""

    def __init__(
        self, creds: RegistrarCredentials, *, timeout: float = 30.0, proxy: str | None = None
    ) -> None:
        self._client = SyncClient(
            creds.base_url,
            ServerTrust(cert_sha256=creds.certificate_sha256),
            token=creds.token,
            proxy=proxy,
            timeout=(min(10.0, timeout), timeout),
            max_body=rp.MAX_PAGE_RESPONSE_BYTES,
        )

    def __repr__(self) -> str:
        return f"RegistrarClient({self._client.base_url!r})"

    def __enter__(self) -> RegistrarClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    @staticmethod
    def _page_query(after: int, limit: int) -> str:
        if after < 0:
            raise ValueError("after is a seq: 0 or more")
        if not 1 <= limit <= rp.MAX_PAGE_ITEMS:
            raise ValueError(f"limit must be 1 to {rp.MAX_PAGE_ITEMS}")
        return f"?after={int(after)}&limit={int(limit)}"

    def pull_envelopes(self, after: int, limit: int = rp.MAX_PAGE_ITEMS) -> EnvelopePage:
        """Envelopes with ``seq > after``, in seq order. Ask again with ``after=page.next_after``
        while ``page.more``; the same ``after`` always gives the same items (idempotent)."""
        page = self._client.call(
            "GET", rp.ENVELOPES_PATH + self._page_query(after, limit), rp.EnvelopePageBody
        )
        _check_page([i.seq for i in page.items], after, page.next_after)
        return EnvelopePage(
            items=[
                PulledEnvelope(
                    seq=i.seq,
                    envelope=i.envelope.model_dump(),
                    device_id=i.device_id,
                    device_public_key=base64.b64decode(i.device_public_key),
                    organisation=i.organisation,
                    received_at=i.received_at,
                    receipt=i.receipt.model_dump(),
                )
                for i in page.items
            ],
            next_after=page.next_after,
            more=page.more,
        )

    def push_events(self, events: Sequence[OutgoingEvent]) -> list[EventResult]:
        """Append events to the shared log (at most 200 per call); one result per event, in order.
        Sending the same event again is safe: it comes back ``duplicate`` with its original seq."""
        if not events:
            return []
        if len(events) > rp.MAX_EVENTS_PER_CALL:
            raise ValueError(f"at most {rp.MAX_EVENTS_PER_CALL} events per call")
        body = (
            rp.EventsRequest(
                events=[
                    rp.EventIn(
                        id=e.id,
                        sealed=base64.b64encode(e.sealed).decode(),
                        signature=base64.b64encode(e.signature).decode(),
                    )
                    for e in events
                ]
            )
            .model_dump_json()
            .encode()
        )
        resp = self._client.call("POST", rp.EVENTS_PATH, rp.EventsResponse, body=body)
        if len(resp.results) != len(events):
            raise errors.BadResponse()
        out = []
        for sent, r in zip(events, resp.results, strict=True):
            if r.id not in (sent.id, None) or (r.status == "rejected") != (r.seq is None):
                raise errors.BadResponse()
            out.append(EventResult(id=sent.id, seq=r.seq, status=r.status, reason=r.reason))
        return out

    def pull_events(self, after: int, limit: int = rp.MAX_PAGE_ITEMS) -> EventPage:
        """Events with ``seq > after`` in the receiver's total order (the same for every desk)."""
        page = self._client.call("GET", rp.EVENTS_PATH + self._page_query(after, limit), rp.EventPageBody)
        _check_page([i.seq for i in page.items], after, page.next_after)
        return EventPage(
            items=[
                PulledEvent(
                    seq=i.seq,
                    id=i.id,
                    registrar_id=i.registrar_id,
                    registrar_public_key=base64.b64decode(i.registrar_public_key),
                    sealed=base64.b64decode(i.sealed),
                    signature=base64.b64decode(i.signature),
                    received_at=i.received_at,
                )
                for i in page.items
            ],
            next_after=page.next_after,
            more=page.more,
        )


def _check_page(seqs: list[int], after: int, next_after: int) -> None:
    """A page must go forward: rising seqs above ``after``, ``next_after`` the last of them (or
    ``after`` for an empty page). Anything else would make a cursor skip or repeat."""
    previous = after
    for seq in seqs:
        if seq <= previous:
            raise errors.BadResponse()
        previous = seq
    if next_after != previous:
        raise errors.BadResponse()


__all__ = [
    "EnvelopePage",
    "EventPage",
    "EventResult",
    "OutgoingEvent",
    "PulledEnvelope",
    "PulledEvent",
    "RegistrarClient",
    "RegistrarCredentials",
    "enrol_registrar",
    "event_signature_message",
]
