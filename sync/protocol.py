"""The wire protocol between the app and CoMensha's receiver (version 1, under ``/v1``).

Every message is a pydantic model that forbids unknown fields and bounds every length, so a
message either parses into exactly this shape or is refused. The byte-level constructions
(what is sealed, what is signed) live in :mod:`sync.envelope`; docs/protocol.md describes both
for someone writing their own receiver.

Parsing what a server sent must never crash the app (SECURITY.md R25): use :func:`parse_message`
(raises only :class:`ProtocolError`) or :func:`try_parse` (returns ``(message, None)`` or
``(None, reason)``), never ``Model.model_validate_json`` on a raw body.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
import unicodedata
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

PROTOCOL_VERSION = 1
API_PREFIX = "/v1"

# ---------------------------------------------------------------------------------------------
# Limits. The receiver enforces them; the client uses them to size its batches.
# ---------------------------------------------------------------------------------------------
MAX_SEALED_BYTES = 64 * 1024  # ciphertext of one envelope (answers of one report)
MAX_SEALED_B64 = 4 * ((MAX_SEALED_BYTES + 2) // 3)
MAX_BATCH_ENVELOPES = 100  # envelopes in one POST /v1/envelopes
MAX_BODY_BYTES = 10 * 1024 * 1024  # any request body (100 x 64 KiB sealed, base64, fits)
MAX_RESPONSE_BYTES = 4 * 1024 * 1024  # what the client reads of a response before giving up
DEFAULT_RATE_PER_MINUTE = 120  # requests per device per minute
CODE_TTL_SECONDS = 24 * 3600  # enrolment codes expire after this by default

ENVELOPE_DOMAIN = b"signaal-envelope-v1\n"
RECEIPT_DOMAIN = b"signaal-receipt-v1\n"
HINT_DOMAIN = b"signaal-enrol-hint-v1\n"

UUID_RE = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
FORM_ID_RE = r"^[a-z0-9][a-z0-9_.-]{0,63}$"
SHA256_RE = r"^[0-9a-f]{64}$"
RFC3339_UTC_RE = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$"
REFERENCE_RE = r"^CM-\d{4}-\d{6,9}$"
DEVICE_ID_RE = r"^dev_[0-9a-f]{16}$"
B64_RE = r"^[A-Za-z0-9+/]*={0,2}$"


class ProtocolError(ValueError):
    """A message did not have the protocol's shape. ``str(err)`` is one plain sentence that
    never repeats the offending input."""


# ---------------------------------------------------------------------------------------------
# Field types
# ---------------------------------------------------------------------------------------------
def _check_time(value: str) -> str:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError("not a valid UTC time") from None
    return value


def _check_b64(value: str) -> str:
    if len(value) % 4:
        raise ValueError("not valid base64")
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not valid base64") from None
    return value


def _b64_of(n: int) -> str:
    return f"^[A-Za-z0-9+/]{{{4 * (n // 3)}}}[A-Za-z0-9+/=]{{{4 if n % 3 else 0}}}$"


def _check_plain_text(value: str) -> str:
    # Labels and organisation names end up in terminals and spreadsheets: no control or
    # formatting characters (bidi overrides, zero-width), no leading '=', '+', '-' or '@'.
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in value):
        raise ValueError("contains control or invisible characters")
    if value != value.strip() or not value:
        raise ValueError("empty or surrounded by spaces")
    if value[0] in "=+-@":
        raise ValueError("starts with a formula character")
    return value


EnvelopeId = Annotated[str, Field(min_length=36, max_length=36, pattern=UUID_RE)]
FormId = Annotated[str, Field(min_length=1, max_length=64, pattern=FORM_ID_RE)]
FormVersion = Annotated[int, Field(ge=1, le=1_000_000)]
Sha256Hex = Annotated[str, Field(min_length=64, max_length=64, pattern=SHA256_RE)]
UtcTime = Annotated[
    str, Field(min_length=20, max_length=27, pattern=RFC3339_UTC_RE), AfterValidator(_check_time)
]
Signature64 = Annotated[
    str, Field(min_length=88, max_length=88, pattern=_b64_of(64)), AfterValidator(_check_b64)
]
Key32 = Annotated[str, Field(min_length=44, max_length=44, pattern=_b64_of(32)), AfterValidator(_check_b64)]
SealedB64 = Annotated[
    str, Field(min_length=4, max_length=MAX_SEALED_B64, pattern=B64_RE), AfterValidator(_check_b64)
]
Reference = Annotated[str, Field(min_length=14, max_length=17, pattern=REFERENCE_RE)]
DeviceId = Annotated[str, Field(min_length=20, max_length=20, pattern=DEVICE_ID_RE)]
Token = Annotated[str, Field(min_length=43, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
PlainText100 = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_check_plain_text)]
Message500 = Annotated[str, Field(min_length=0, max_length=500)]


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, str_max_length=MAX_SEALED_B64)


# ---------------------------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------------------------
class Envelope(_Message):
    """One sealed, signed report. See sync.envelope for how ``sealed``, ``sha256`` and
    ``signature`` are made."""

    id: EnvelopeId
    form_id: FormId
    form_version: FormVersion
    created_at: UtcTime
    sealed: SealedB64
    sha256: Sha256Hex
    signature: Signature64


class Receipt(_Message):
    """The receiver's signed statement that it stored the envelope with this id and hash."""

    envelope_id: EnvelopeId
    sha256: Sha256Hex
    received_at: UtcTime
    reference: Reference
    signature: Signature64


class BatchRequest(_Message):
    """Body of ``POST /v1/envelopes``. The receiver checks each envelope on its own (one bad
    envelope is rejected without blocking the others), so it reads ``envelopes`` as raw
    objects; this model is what a client sends."""

    envelopes: list[Envelope] = Field(min_length=1, max_length=MAX_BATCH_ENVELOPES)


EnvelopeStatus = Literal["stored", "duplicate", "conflict", "rejected"]


class EnvelopeResult(_Message):
    """The outcome for one envelope, in request order.

    - ``stored``: new, ``receipt`` set.
    - ``duplicate``: same id and same sha256 were stored before: the original ``receipt`` again.
    - ``conflict``: same id, other sha256: nothing changed, ``receipt`` is None, ``reason`` set.
    - ``rejected``: not stored (schema, size, hash, signature), ``reason`` set.
    ``id`` is None only when the envelope was so malformed that it had no readable id.
    """

    index: int = Field(ge=0, le=MAX_BATCH_ENVELOPES)
    id: EnvelopeId | None
    status: EnvelopeStatus
    receipt: Receipt | None = None
    reason: Message500 | None = None


class BatchResponse(_Message):
    results: list[EnvelopeResult] = Field(max_length=MAX_BATCH_ENVELOPES)


class EnrolRequest(_Message):
    code: Annotated[str, Field(min_length=16, max_length=64)]
    device_public_key: Key32  # base64 of the 32-byte Ed25519 verify key
    label: PlainText100  # e.g. the laptop's name, shown to CoMensha's operator


class Limits(_Message):
    max_body_bytes: int = Field(ge=1, le=1 << 40)
    max_batch_envelopes: int = Field(ge=1, le=1_000_000)
    max_sealed_bytes: int = Field(ge=1, le=1 << 40)
    requests_per_minute: int = Field(ge=0, le=1_000_000)


class EnrolResponse(_Message):
    device_id: DeviceId
    token: Token  # bearer token; keep it in the OS keyring
    sealing_public_key: Key32  # CoMensha's X25519 key: seal every report to it
    receipt_public_key: Key32  # CoMensha's Ed25519 key: receipts must verify with it
    certificate_sha256: Sha256Hex  # the serving certificate (DER) the app pins from now on
    organisation: PlainText100
    limits: Limits


class Health(_Message):
    status: Literal["ok"]
    protocol: int = Field(ge=1, le=1000)
    time: UtcTime


class ErrorBody(_Message):
    """Every 4xx/5xx body. ``error`` is a stable code (see docs/protocol.md), ``message`` a
    sentence for people that never repeats the request."""

    error: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z_]+$")]
    message: Message500


# ---------------------------------------------------------------------------------------------
# Safe parsing (R25)
# ---------------------------------------------------------------------------------------------
M = TypeVar("M", bound=BaseModel)


def parse_message(model: type[M], body: object, *, max_bytes: int = MAX_RESPONSE_BYTES) -> M:
    """Parse ``body`` (bytes, str or an already decoded JSON value) into ``model``.

    Raises only :class:`ProtocolError`, whose message names what was wrong (the field path) but
    never repeats the input.
    """
    try:
        if isinstance(body, bytes | bytearray | memoryview):
            raw = bytes(body)
            if len(raw) > max_bytes:
                raise ProtocolError("The response is larger than allowed.")
            return model.model_validate_json(raw)
        if isinstance(body, str):
            if len(body) > max_bytes:
                raise ProtocolError("The response is larger than allowed.")
            return model.model_validate_json(body)
        if isinstance(body, dict):
            return model.model_validate(body)
        raise ProtocolError(f"Expected a JSON object for {model.__name__}.")
    except ProtocolError:
        raise
    except ValidationError as exc:
        raise ProtocolError(_describe(model, exc)) from None
    except (ValueError, TypeError, RecursionError, UnicodeError, OverflowError, MemoryError):
        raise ProtocolError(f"The response is not a valid {model.__name__}.") from None


def try_parse(
    model: type[M], body: object, *, max_bytes: int = MAX_RESPONSE_BYTES
) -> tuple[M | None, str | None]:
    """``(message, None)`` when ``body`` parses, ``(None, reason)`` otherwise. Never raises."""
    try:
        return parse_message(model, body, max_bytes=max_bytes), None
    except ProtocolError as exc:
        return None, str(exc)
    except Exception:
        return None, f"The response is not a valid {model.__name__}."


def _loc_part(part: object) -> str:
    if isinstance(part, int) and not isinstance(part, bool):
        return str(part)
    if isinstance(part, str) and part in _KNOWN_NAMES:
        return part
    return "(unknown field)"


def _describe(model: type[BaseModel], exc: ValidationError) -> str:
    try:
        errors = exc.errors(include_input=False, include_url=False, include_context=False)
        first: dict[str, Any] = dict(errors[0]) if errors else {}
        # Only names the protocol defines (or list positions): an unknown key is the sender's text.
        where = ".".join(_loc_part(p) for p in first.get("loc", ()))[:120]
        kind = str(first.get("type", "invalid"))[:40]
    except Exception:
        where, kind = "", "invalid"
    if kind == "json_invalid":
        return f"The body is not valid JSON (expected {model.__name__})."
    extra = f" ({len(exc.errors())} problems)" if exc.error_count() > 1 else ""
    return f"Not a valid {model.__name__}: field '{where or '(top level)'}' is {kind}{extra}."


_KNOWN_NAMES = frozenset(
    name
    for m in (
        Envelope,
        Receipt,
        BatchRequest,
        EnvelopeResult,
        BatchResponse,
        EnrolRequest,
        Limits,
        EnrolResponse,
        Health,
        ErrorBody,
    )
    for name in m.model_fields
) | {"str", "int", "bool", "list", "dict", "none", "function-after[_check_b64(), str]"}


def parse_batch_response(body: object) -> BatchResponse:
    return parse_message(BatchResponse, body)


def parse_enrol_response(body: object) -> EnrolResponse:
    return parse_message(EnrolResponse, body)


def parse_health(body: object) -> Health:
    return parse_message(Health, body)


def parse_error_body(body: object) -> ErrorBody | None:
    """The server's error body, or None when the body is not one (e.g. a proxy's HTML page)."""
    message, _ = try_parse(ErrorBody, body, max_bytes=64 * 1024)
    return message


def check_batch_response(request: BatchRequest | list[Envelope], response: BatchResponse) -> str | None:
    """None if ``response`` answers exactly the envelopes of ``request`` (one result per
    envelope, in order, same ids, a receipt for stored/duplicate that names the same id and
    hash); otherwise one sentence saying what does not match. Receipt signatures are checked
    separately with :func:`sync.envelope.verify_receipt`."""
    envelopes = request.envelopes if isinstance(request, BatchRequest) else list(request)
    if len(response.results) != len(envelopes):
        return "The response does not have one result per envelope."
    for i, (env, res) in enumerate(zip(envelopes, response.results, strict=True)):
        if res.index != i or res.id != env.id:
            return f"Result {i} does not belong to envelope {i}."
        if res.status in ("stored", "duplicate"):
            if res.receipt is None:
                return f"Result {i} is {res.status} without a receipt."
            if res.receipt.envelope_id != env.id or res.receipt.sha256 != env.sha256:
                return f"The receipt in result {i} is for another envelope."
        elif res.receipt is not None:
            return f"Result {i} is {res.status} but carries a receipt."
    return None


# ---------------------------------------------------------------------------------------------
# Times and ids
# ---------------------------------------------------------------------------------------------
def utc_now() -> str:
    """Now as RFC 3339 UTC with microseconds, the only time format on the wire."""
    return format_time(datetime.now(UTC))


def format_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("a naive datetime is ambiguous; give a UTC time")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(value: str) -> datetime:
    if not re.fullmatch(RFC3339_UTC_RE, value):
        raise ValueError("not an RFC 3339 UTC time like 2026-01-31T12:00:00Z")
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def new_envelope_id() -> str:
    return str(uuid.uuid4())


# ---------------------------------------------------------------------------------------------
# Enrolment codes
# ---------------------------------------------------------------------------------------------
# Crockford's base32: no I, L, O, U; when typed, I/L read as 1 and O as 0.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = {"I": "1", "L": "1", "O": "0"}
SECRET_CHARS = 16  # 80 bits
HINT_CHARS = 6  # 30 bits, keyed with the secret: an attacker cannot aim at it
CHECK_CHARS = 2  # 10 bits against typing mistakes
CODE_CHARS = SECRET_CHARS + HINT_CHARS + CHECK_CHARS


def _b32(data: bytes, chars: int) -> str:
    n = int.from_bytes(data, "big")
    total_bits = len(data) * 8
    out = []
    for i in range(chars):
        shift = total_bits - 5 * (i + 1)
        out.append(ALPHABET[(n >> shift) & 31] if shift >= 0 else ALPHABET[(n << -shift) & 31])
    return "".join(out)


def _check_chars(body: str) -> str:
    return _b32(hashlib.sha256(b"signaal-code-check\n" + body.encode("ascii")).digest()[:2], CHECK_CHARS)


def certificate_sha256(cert_der: bytes) -> str:
    """Hex SHA-256 of a DER certificate: the fingerprint the app pins."""
    return hashlib.sha256(cert_der).hexdigest()


def fingerprint_hint(cert_der: bytes, secret: str) -> str:
    """The short hash of the serving certificate's SHA-256 fingerprint that an enrolment code
    carries (6 Crockford base32 characters).

    It is keyed with the code's secret: a machine in the middle must present its certificate
    before it sees the code, so it cannot grind a certificate whose hint matches (an unkeyed
    30-bit hint could be ground offline from the public real certificate).
    """
    if not isinstance(cert_der, bytes | bytearray) or not cert_der:
        raise ValueError("cert_der must be the certificate's DER bytes")
    secret = _normalise(secret)
    if len(secret) != SECRET_CHARS:
        raise ValueError("the secret must be the 16 characters of an enrolment code's secret")
    fp = hashlib.sha256(bytes(cert_der)).digest()
    mac = hmac.new(secret.encode("ascii"), HINT_DOMAIN + fp, hashlib.sha256).digest()
    return _b32(mac[:4], HINT_CHARS)


def make_enrolment_code(cert_der: bytes, secret: str | None = None) -> str:
    """A new code for the certificate ``cert_der``: ``XXXX-XXXX-XXXX-XXXX-HHHH-HHCC``."""
    secret = _normalise(secret) if secret else _b32(secrets.token_bytes(10), SECRET_CHARS)
    body = secret + fingerprint_hint(cert_der, secret)
    code = body + _check_chars(body)
    return "-".join(code[i : i + 4] for i in range(0, CODE_CHARS, 4))


def _normalise(code: str) -> str:
    if not isinstance(code, str):
        raise ValueError("An enrolment code is text.")
    out = []
    for c in code.upper():
        if c in " -\t\u00a0\u2010\u2011\u2012\u2013":
            continue
        c = _READ_AS.get(c, c)
        if c not in ALPHABET:
            raise ValueError(
                "The enrolment code contains a character that cannot be in a code "
                "(codes use digits and letters without I, L, O, U)."
            )
        out.append(c)
    return "".join(out)


def parse_enrolment_code(code: str) -> tuple[str, str]:
    """``(secret, fingerprint_hint)`` of a typed code. Spaces, dashes and case do not matter;
    I and L read as 1, O as 0. Raises ValueError with a sentence for a person otherwise."""
    if not isinstance(code, str) or len(code) > 200:
        raise ValueError("That is not an enrolment code.")
    clean = _normalise(code)
    if len(clean) != CODE_CHARS:
        raise ValueError(
            f"An enrolment code has {CODE_CHARS} characters; this one has {len(clean)}. "
            "Check that you copied all of it."
        )
    body, check = clean[:-CHECK_CHARS], clean[-CHECK_CHARS:]
    if not hmac.compare_digest(check, _check_chars(body)):
        raise ValueError("The enrolment code has a typing mistake: check it against the one you were given.")
    return body[:SECRET_CHARS], body[SECRET_CHARS:]


def code_matches_certificate(code: str, cert_der: bytes) -> bool:
    """True when the code's hint matches the certificate the server presented. False means a
    machine in the middle (or a code for another server). Never raises."""
    try:
        secret, hint = parse_enrolment_code(code)
        return hmac.compare_digest(hint, fingerprint_hint(cert_der, secret))
    except Exception:
        return False


def enrolment_secret_hash(secret_or_code: str) -> str:
    """What the receiver stores of a code: hex SHA-256 of its canonical secret. The secret has
    80 random bits, so a plain hash is not guessable."""
    clean = _normalise(secret_or_code)
    if len(clean) == CODE_CHARS:
        clean = parse_enrolment_code(clean)[0]
    if len(clean) != SECRET_CHARS:
        raise ValueError("That is not an enrolment code.")
    return hashlib.sha256(b"signaal-enrol-secret-v1\n" + clean.encode("ascii")).hexdigest()
