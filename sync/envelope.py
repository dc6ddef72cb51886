"""Sealing, signing and verifying envelopes and receipts (byte by byte in docs/protocol.md).

- The payload is canonical JSON (UTF-8, keys sorted, no spaces) of
  ``{"v": 1, "envelope_id", "form_id", "form_version", "created_at", "answers", "device_id"?}``.
  It repeats the outer ids, so a sealed payload cannot be moved into another envelope unnoticed.
- ``sealed`` = libsodium ``crypto_box_seal`` (nacl.public.SealedBox) of the payload to CoMensha's
  X25519 public key: only the holder of the private key can open it; the receiver cannot.
- ``sha256`` = hex SHA-256 of the sealed bytes (not of the base64 text).
- ``signature`` = Ed25519 by the device key over
  ``b"signaal-envelope-v1\\n" + id + "\\n" + form_id + "\\n" + str(form_version) + "\\n" +
  created_at + "\\n" + sha256`` (ASCII; every part is pattern-checked so none holds a newline).
- A receipt's ``signature`` = Ed25519 by the receiver's receipt key over
  ``b"signaal-receipt-v1\\n" + envelope_id + "\\n" + sha256 + "\\n" + received_at + "\\n" + reference``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from datetime import datetime
from typing import Any

import nacl.exceptions
import nacl.public
import nacl.signing

from forms.minimise import minimise
from forms.model import Form
from sync import protocol
from sync.protocol import Envelope, Receipt

PAYLOAD_VERSION = 1


class EnvelopeError(ValueError):
    """An envelope cannot be opened. ``code`` is stable: ``hash_mismatch``, ``undecryptable``,
    ``bad_payload``, ``id_mismatch``."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def canonical_json(value: object) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def envelope_message(
    envelope_id: str, form_id: str, form_version: int, created_at: str, sha256: str
) -> bytes:
    """The exact bytes a device signs for an envelope."""
    parts = (envelope_id, form_id, str(int(form_version)), created_at, sha256)
    return protocol.ENVELOPE_DOMAIN + "\n".join(parts).encode("ascii")


def receipt_message(envelope_id: str, sha256: str, received_at: str, reference: str) -> bytes:
    """The exact bytes the receiver signs for a receipt."""
    return protocol.RECEIPT_DOMAIN + "\n".join((envelope_id, sha256, received_at, reference)).encode("ascii")


def _time(value: str | datetime) -> str:
    return protocol.format_time(value) if isinstance(value, datetime) else value


def seal_envelope(
    answers_record: dict[str, Any],
    *,
    envelope_id: str,
    form_id: str,
    form_version: int,
    created_at: str | datetime,
    sealing_public_key: bytes,
    signing_key: nacl.signing.SigningKey,
    device_id: str | None = None,
) -> Envelope:
    """Seal ``answers_record`` (the answers dict, keyed by field id) for CoMensha and sign it.

    Raises ValueError (pydantic's ValidationError is one) when an id, version or time does not
    have the protocol's shape, or when the sealed payload is larger than
    ``protocol.MAX_SEALED_BYTES``.
    """
    created = _time(created_at)
    payload = {
        "v": PAYLOAD_VERSION,
        "envelope_id": envelope_id,
        "form_id": form_id,
        "form_version": form_version,
        "created_at": created,
        "answers": answers_record,
    }
    if device_id is not None:
        payload["device_id"] = device_id
    sealed = nacl.public.SealedBox(nacl.public.PublicKey(bytes(sealing_public_key))).encrypt(
        canonical_json(payload)
    )
    if len(sealed) > protocol.MAX_SEALED_BYTES:
        raise ValueError(
            f"The sealed report is {len(sealed)} bytes; at most {protocol.MAX_SEALED_BYTES} can be sent."
        )
    digest = hashlib.sha256(sealed).hexdigest()
    # Validate the outer fields before signing so we never sign something that is not an envelope.
    Envelope.model_validate(
        {
            "id": envelope_id,
            "form_id": form_id,
            "form_version": form_version,
            "created_at": created,
            "sealed": _b64(sealed),
            "sha256": digest,
            "signature": "A" * 86 + "==",
        }
    )
    message = envelope_message(envelope_id, form_id, form_version, created, digest)
    signature = signing_key.sign(message).signature
    return Envelope(
        id=envelope_id,
        form_id=form_id,
        form_version=form_version,
        created_at=created,
        sealed=_b64(sealed),
        sha256=digest,
        signature=_b64(signature),
    )


def seal_report(
    form: Form,
    answers: object,
    *,
    envelope_id: str,
    created_at: str | datetime,
    sealing_public_key: bytes,
    signing_key: nacl.signing.SigningKey,
    device_id: str | None = None,
) -> Envelope:
    """Seal a report's answers for CoMensha: only what :func:`forms.minimise.minimise` lets leave.

    This is how a device seals a report. The answers pass through the form's minimisation
    (visibility, valid values, consent) first, so what the consent does not allow is never inside
    the envelope. Raises ValueError like :func:`seal_envelope`.
    """
    return seal_envelope(
        minimise(form, answers).answers,
        envelope_id=envelope_id,
        form_id=form.id,
        form_version=form.version,
        created_at=created_at,
        sealing_public_key=sealing_public_key,
        signing_key=signing_key,
        device_id=device_id,
    )


def _as_envelope(env: Envelope | dict[str, Any]) -> Envelope:
    return env if isinstance(env, Envelope) else Envelope.model_validate(env)


def verify_envelope(env: Envelope | dict[str, Any], device_public_key: bytes) -> bool:
    """True when ``sha256`` is the hash of the sealed bytes and the device signature verifies.
    Never raises."""
    try:
        return check_envelope(env, device_public_key) is None
    except Exception:
        return False


def check_envelope(env: Envelope | dict[str, Any], device_public_key: bytes) -> str | None:
    """None when the envelope is intact and signed by this device; otherwise the rejection code
    ``schema``, ``hash_mismatch`` or ``bad_signature``. Never raises."""
    try:
        e = _as_envelope(env)
    except Exception:
        return "schema"
    try:
        sealed = _unb64(e.sealed)
    except (binascii.Error, ValueError):
        return "schema"
    if not hmac.compare_digest(hashlib.sha256(sealed).hexdigest(), e.sha256):
        return "hash_mismatch"
    try:
        key = nacl.signing.VerifyKey(bytes(device_public_key))
        key.verify(
            envelope_message(e.id, e.form_id, e.form_version, e.created_at, e.sha256), _unb64(e.signature)
        )
    except Exception:
        return "bad_signature"
    return None


def open_envelope(env: Envelope | dict[str, Any], sealing_private_key: bytes) -> dict[str, Any]:
    """Decrypt with CoMensha's X25519 private key and return the payload dict (``answers``,
    ``envelope_id``, ``form_id``, ``form_version``, ``created_at``, ``device_id`` if present).

    Checks the hash of the sealed bytes and that the ids inside equal the ids outside (a payload
    swapped between envelopes is refused). Raises :class:`EnvelopeError`. Does not check the
    device signature: that needs the device key (see :func:`verify_envelope`).
    """
    try:
        e = _as_envelope(env)
    except Exception as exc:
        raise EnvelopeError("bad_payload", "The envelope does not have the protocol's shape.") from exc
    sealed = _unb64(e.sealed)
    if not hmac.compare_digest(hashlib.sha256(sealed).hexdigest(), e.sha256):
        raise EnvelopeError("hash_mismatch", "The sealed bytes do not match the envelope's SHA-256.")
    try:
        box = nacl.public.SealedBox(nacl.public.PrivateKey(bytes(sealing_private_key)))
        plain = box.decrypt(sealed)
    except (nacl.exceptions.CryptoError, ValueError, TypeError) as exc:
        raise EnvelopeError("undecryptable", "The envelope cannot be opened with this private key.") from exc
    try:
        payload = json.loads(plain.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise EnvelopeError("bad_payload", "The sealed payload is not JSON.") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("answers"), dict):
        raise EnvelopeError("bad_payload", "The sealed payload has no answers.")
    inner = (payload.get("envelope_id"), payload.get("form_id"), payload.get("form_version"))
    outer = (e.id, e.form_id, e.form_version)
    if inner != outer or type(payload.get("form_version")) is not int:
        raise EnvelopeError(
            "id_mismatch",
            "The sealed payload belongs to another envelope "
            "(its id, form or version differs from the envelope's).",
        )
    return payload


def sign_receipt(
    *,
    envelope_id: str,
    sha256: str,
    received_at: str | datetime,
    reference: str,
    signing_key: nacl.signing.SigningKey,
) -> Receipt:
    received = _time(received_at)
    sig = signing_key.sign(receipt_message(envelope_id, sha256, received, reference)).signature
    return Receipt(
        envelope_id=envelope_id, sha256=sha256, received_at=received, reference=reference, signature=_b64(sig)
    )


def verify_receipt(receipt: Receipt | dict[str, Any] | object, receipt_public_key: bytes) -> bool:
    """True when ``receipt`` is a well-formed receipt signed by ``receipt_public_key``.
    Never raises, whatever ``receipt`` is."""
    try:
        r = receipt if isinstance(receipt, Receipt) else Receipt.model_validate(receipt)
        nacl.signing.VerifyKey(bytes(receipt_public_key)).verify(
            receipt_message(r.envelope_id, r.sha256, r.received_at, r.reference), _unb64(r.signature)
        )
        return True
    except Exception:
        return False


def receipt_matches(receipt: Receipt, env: Envelope) -> bool:
    """True when the receipt names this envelope's id and hash (check the signature too)."""
    return receipt.envelope_id == env.id and hmac.compare_digest(receipt.sha256, env.sha256)


# Key helpers -------------------------------------------------------------------------------
def new_sealing_keypair() -> tuple[bytes, bytes]:
    """``(private, public)`` raw 32-byte X25519 keys."""
    sk = nacl.public.PrivateKey.generate()
    return bytes(sk), bytes(sk.public_key)


def key_to_b64(key: bytes) -> str:
    return _b64(bytes(key))


def key_from_b64(text: str) -> bytes:
    raw = _unb64(text)
    if len(raw) != 32:
        raise ValueError("a key is 32 bytes")
    return raw
