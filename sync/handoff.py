"""The hand-off file: finalised reports carried to CoMensha on a USB disk (docs/protocol.md,
"Hand-off files").

For an inspector without a connection for weeks. The file bundles the device's *outbox envelopes
exactly as they would be sent online* (already sealed to CoMensha and signed by the device), with
the device id and a device signature over the whole bundle. The receiver imports it with the same
exactly-once rules as ``POST /v1/envelopes`` (an id is stored once; the same id with other bytes is
a conflict), so a report handed off and later also sent online is stored once.

Pure functions, no I/O:

- :func:`write_handoff` → the file's bytes;
- :func:`read_handoff` → a :class:`HandoffFile` (bounded, strict parsing: anything unexpected is a
  :class:`HandoffError`, never another exception);
- :func:`verify_handoff` → checks the bundle signature and every envelope's own signature against
  the device key the receiver registered for ``device_id``;
- :func:`write_receipts` / :func:`read_receipts` → the receipts file the receiver gives back.

The bundle signature is Ed25519 by the device key over::

    b"signaal-handoff-v1\\n" + device_id + "\\n" + created_at + "\\n" + str(len(envelopes)) + "\\n"
        + envelopes_sha256

where ``envelopes_sha256`` is the hex SHA-256 of the canonical JSON (UTF-8, keys sorted, no
spaces) of the ``envelopes`` list.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

import nacl.exceptions
import nacl.signing
from pydantic import Field, ValidationError

from signaal_common.errors import UserError
from sync import protocol
from sync.envelope import canonical_json, verify_envelope
from sync.protocol import DeviceId, Envelope, Receipt, Sha256Hex, Signature64, UtcTime, _Message

FORMAT: Literal["signaal-handoff"] = "signaal-handoff"
RECEIPTS_FORMAT: Literal["signaal-handoff-receipts"] = "signaal-handoff-receipts"
VERSION: Literal[1] = 1
HANDOFF_DOMAIN = b"signaal-handoff-v1\n"
MAX_HANDOFF_ENVELOPES = 1000
# Every envelope at its largest, plus room for the JSON around it.
MAX_HANDOFF_BYTES = MAX_HANDOFF_ENVELOPES * (protocol.MAX_SEALED_B64 + 1024) + 64 * 1024
MAX_RECEIPTS_BYTES = MAX_HANDOFF_ENVELOPES * 1024 + 64 * 1024


class HandoffError(UserError):
    """A hand-off or receipts file cannot be used. ``code`` is stable (see ``_TEXTS``);
    ``index`` names the envelope concerned, when there is one."""

    def __init__(self, code: str, index: int | None = None) -> None:
        self.code = code
        self.index = index
        self.nl, self.en = _TEXTS.get(code, _TEXTS["malformed"])
        super().__init__(self.en if index is None else f"{self.en} (envelope {index})")


_TEXTS: dict[str, tuple[str, str]] = {
    "malformed": (
        "Dit bestand is geen bruikbaar overdrachtsbestand van Signaal: het is beschadigd, onvolledig of "
        "van een ander soort. Er is niets ingelezen.",
        "This file is not a usable Signaal hand-off file: it is damaged, incomplete or of another kind. "
        "Nothing was imported."),
    "too_large": (
        "Dit overdrachtsbestand is groter dan toegestaan. Er is niets ingelezen.",
        "This hand-off file is larger than allowed. Nothing was imported."),
    "digest_mismatch": (
        "Het overdrachtsbestand is gewijzigd nadat het werd gemaakt. Er is niets ingelezen.",
        "The hand-off file was changed after it was made. Nothing was imported."),
    "duplicate_id": (
        "Het overdrachtsbestand bevat dezelfde melding twee keer. Er is niets ingelezen.",
        "The hand-off file holds the same report twice. Nothing was imported."),
    "bad_signature": (
        "De ondertekening van het overdrachtsbestand klopt niet met de sleutel van dit apparaat. Er is "
        "niets ingelezen.",
        "The hand-off file's signature does not match this device's key. Nothing was imported."),
    "bad_envelope_signature": (
        "Een melding in het overdrachtsbestand is niet door dit apparaat ondertekend. Er is niets "
        "ingelezen.",
        "A report in the hand-off file was not signed by this device. Nothing was imported."),
    "empty": (
        "Er zijn geen afgeronde meldingen om over te dragen.",
        "There are no finalised reports to hand off."),
    "not_enrolled": (
        "Dit apparaat is nog niet gekoppeld aan CoMensha; koppel het eerst. Er is geen "
        "overdrachtsbestand gemaakt.",
        "This device is not connected to CoMensha yet; connect it first. No hand-off file was made."),
    "other_device": (
        "Dit ontvangstbestand hoort bij een ander apparaat. Er is niets verwerkt.",
        "This receipts file belongs to another device. Nothing was processed."),
    "wrong_key": (
        "Een melding is ondertekend met een andere sleutel dan die van dit apparaat; het "
        "overdrachtsbestand is niet gemaakt.",
        "A report is signed with another key than this device's; the hand-off file was not made."),
}


class HandoffFile(_Message):
    format: Literal["signaal-handoff"]
    version: Literal[1]
    device_id: DeviceId
    created_at: UtcTime
    envelopes: list[Envelope] = Field(min_length=1, max_length=MAX_HANDOFF_ENVELOPES)
    envelopes_sha256: Sha256Hex
    signature: Signature64


class ReceiptsFile(_Message):
    format: Literal["signaal-handoff-receipts"]
    version: Literal[1]
    device_id: DeviceId
    receipts: list[Receipt] = Field(min_length=0, max_length=MAX_HANDOFF_ENVELOPES)


def _envelope_dicts(envelopes: Sequence[Envelope]) -> list[dict[str, Any]]:
    return [e.model_dump(mode="json") for e in envelopes]


def envelopes_sha256(envelopes: Sequence[Envelope]) -> str:
    """Hex SHA-256 of the canonical JSON of the envelope list (what the signature covers)."""
    return hashlib.sha256(canonical_json(_envelope_dicts(envelopes))).hexdigest()


def handoff_message(device_id: str, created_at: str, count: int, digest: str) -> bytes:
    """The exact bytes a device signs for a hand-off file."""
    return HANDOFF_DOMAIN + "\n".join((device_id, created_at, str(int(count)), digest)).encode("ascii")


def write_handoff(envelopes: Sequence[Envelope | dict[str, Any]], *, device_id: str,
                  signing_key: nacl.signing.SigningKey, created_at: str | datetime | None = None) -> bytes:
    """The bytes of a hand-off file holding ``envelopes`` (the outbox's, unchanged).

    Raises :class:`HandoffError`: ``empty``, ``duplicate_id``, ``wrong_key`` (an envelope that does
    not verify with ``signing_key``: it would be refused at import), ``malformed`` (an envelope or
    the device id has not the protocol's shape, or more than ``MAX_HANDOFF_ENVELOPES``).
    """
    if not envelopes:
        raise HandoffError("empty")
    try:
        parsed = [e if isinstance(e, Envelope) else Envelope.model_validate(e) for e in envelopes]
    except (ValidationError, ValueError, TypeError):
        raise HandoffError("malformed") from None
    if len({e.id for e in parsed}) != len(parsed):
        raise HandoffError("duplicate_id")
    verify_key = bytes(signing_key.verify_key)
    for i, env in enumerate(parsed):
        if not verify_envelope(env, verify_key):
            raise HandoffError("wrong_key", i)
    when = protocol.utc_now() if created_at is None else (
        protocol.format_time(created_at) if isinstance(created_at, datetime) else created_at)
    digest = envelopes_sha256(parsed)
    signature = signing_key.sign(handoff_message(device_id, when, len(parsed), digest)).signature
    try:
        doc = HandoffFile(format=FORMAT, version=VERSION, device_id=device_id, created_at=when,
                          envelopes=parsed, envelopes_sha256=digest,
                          signature=base64.b64encode(signature).decode("ascii"))
    except (ValidationError, ValueError):
        raise HandoffError("malformed") from None
    data = canonical_json(doc.model_dump(mode="json")) + b"\n"
    if len(data) > MAX_HANDOFF_BYTES:
        raise HandoffError("too_large")
    return data


def read_handoff(data: bytes) -> HandoffFile:
    """Parse a hand-off file strictly; check its digest and that no id occurs twice.

    Does not check signatures (that needs the device's registered key: :func:`verify_handoff`).
    Raises only :class:`HandoffError`.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise HandoffError("malformed")
    if len(data) > MAX_HANDOFF_BYTES:
        raise HandoffError("too_large")
    try:
        handoff = protocol.parse_message(HandoffFile, bytes(data), max_bytes=MAX_HANDOFF_BYTES)
    except protocol.ProtocolError:
        raise HandoffError("malformed") from None
    except Exception:  # parse_message promises ProtocolError only; a bug must not escape as a crash
        raise HandoffError("malformed") from None
    if envelopes_sha256(handoff.envelopes) != handoff.envelopes_sha256:
        raise HandoffError("digest_mismatch")
    if len({e.id for e in handoff.envelopes}) != len(handoff.envelopes):
        raise HandoffError("duplicate_id")
    return handoff


def verify_handoff(handoff: HandoffFile, device_public_key: bytes) -> None:
    """Check the bundle signature and each envelope's signature with the device's key (the one
    registered for ``handoff.device_id``). Raises :class:`HandoffError` ``bad_signature`` or
    ``bad_envelope_signature`` (with the index)."""
    try:
        key = nacl.signing.VerifyKey(bytes(device_public_key))
        signature = base64.b64decode(handoff.signature, validate=True)
        key.verify(handoff_message(handoff.device_id, handoff.created_at, len(handoff.envelopes),
                                   handoff.envelopes_sha256), signature)
    except (nacl.exceptions.BadSignatureError, nacl.exceptions.ValueError, binascii.Error, ValueError,
            TypeError):
        raise HandoffError("bad_signature") from None
    for i, env in enumerate(handoff.envelopes):
        if not verify_envelope(env, bytes(device_public_key)):
            raise HandoffError("bad_envelope_signature", i)


def envelope_dicts(handoff: HandoffFile) -> list[dict[str, Any]]:
    """The envelopes as plain dicts, exactly as the outbox holds them and the receiver stores them."""
    return _envelope_dicts(handoff.envelopes)


def write_receipts(receipts: Sequence[Receipt | dict[str, Any]], *, device_id: str) -> bytes:
    """The receipts file the receiver gives back after an import (each receipt is signed on its
    own by the receiver's receipt key; the device checks them as it checks receipts online)."""
    try:
        parsed = [r if isinstance(r, Receipt) else Receipt.model_validate(r) for r in receipts]
        doc = ReceiptsFile(format=RECEIPTS_FORMAT, version=VERSION, device_id=device_id, receipts=parsed)
    except (ValidationError, ValueError, TypeError):
        raise HandoffError("malformed") from None
    return canonical_json(doc.model_dump(mode="json")) + b"\n"


def read_receipts(data: bytes) -> ReceiptsFile:
    """Parse a receipts file strictly. Raises only :class:`HandoffError`. Verify each receipt with
    ``sync.envelope.verify_receipt`` and the pinned receipt key before it counts (R15)."""
    if not isinstance(data, bytes | bytearray | memoryview) or len(data) > MAX_RECEIPTS_BYTES:
        raise HandoffError("malformed" if not isinstance(data, bytes | bytearray | memoryview)
                           else "too_large")
    try:
        return protocol.parse_message(ReceiptsFile, bytes(data), max_bytes=MAX_RECEIPTS_BYTES)
    except Exception:
        raise HandoffError("malformed") from None
