"""The receiver's HTTP API (FastAPI): ``/v1/health``, ``/v1/enrol``, ``/v1/envelopes`` (the desks'
``/v1/registrar/…`` endpoints are in :mod:`sync.receiver.registrar_api`).

Bodies are read by hand, not through FastAPI's body parameters, for three reasons: the size limit
is enforced while the stream is read (a 50 MB body is refused after 10 MB, not buffered); errors
never echo the input (FastAPI's default 422 repeats it); and a batch is checked envelope by
envelope, so one bad envelope is rejected without blocking the ninety-nine good ones behind it.

The process holds the receipt signing key, never the sealing private key: it cannot read reports.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import json
import logging
import math
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import nacl.exceptions
import nacl.signing
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync import envelope as env_mod
from sync import protocol, registrar_protocol
from sync.receiver.metrics import Metrics
from sync.receiver.storage import Device, Incoming, Storage

log = logging.getLogger("signaal.receiver")

ENROL_BODY_MAX = 8 * 1024
BODY_TIMEOUT = 120.0  # seconds for a whole request body (10 MiB at about 0.7 Mbit/s)
MAX_HEADERS = 64
_UUID = re.compile(protocol.UUID_RE)
_CLOSE = {"Connection": "close"}
CONFLICT_REASON = "conflict: an envelope with this id and other content is stored already; nothing changed."
KNOWN_PATHS = {"/v1/health", "/v1/enrol", "/v1/envelopes", *registrar_protocol.PATHS}


@dataclass
class Settings:
    storage: Storage
    receipt_key: nacl.signing.SigningKey
    sealing_public_key: str
    certificate_sha256: str
    rate_per_minute: int = protocol.DEFAULT_RATE_PER_MINUTE
    enrol_per_minute: int = 30
    max_body: int = protocol.MAX_BODY_BYTES
    max_batch: int = protocol.MAX_BATCH_ENVELOPES
    max_sealed: int = protocol.MAX_SEALED_BYTES
    metrics: Metrics | None = None


class ApiError(Exception):
    def __init__(self, status: int, error: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.error, self.message, self.headers = status, error, message, headers or {}


def _error(status: int, error: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": error, "message": message}, headers=headers)


class RateLimiter:
    """Token bucket per key: ``per_minute`` requests, refilled continuously. At most ``max_keys``
    buckets are kept (least recently used dropped first), so a flood of keys cannot grow memory."""

    def __init__(self, per_minute: int, max_keys: int = 10_000) -> None:
        self.per_minute = per_minute
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._buckets)

    def take(self, key: str) -> float:
        """0 when allowed, else seconds until the next request may come."""
        if self.per_minute <= 0:
            return 0.0
        rate = self.per_minute / 60.0
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.pop(key, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - last) * rate)
            wait = 0.0 if tokens >= 1.0 else (1.0 - tokens) / rate
            self._buckets[key] = (tokens - 1.0 if wait == 0.0 else tokens, now)
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
            return wait


def _hash_token(token: str) -> str:
    return hashlib.sha256(b"signaal-token-v1\n" + token.encode("ascii", "replace")).hexdigest()


def _now() -> str:
    return protocol.format_time(datetime.now(UTC))


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it passes ``limit`` (announced or streamed)."""
    length = request.headers.get("content-length")
    if length is not None:
        if not length.isdigit() or len(length) > 15:
            raise ApiError(400, "bad_request", "The Content-Length header is not a number.")
        if int(length) > limit:
            raise ApiError(413, "body_too_large", f"The body is larger than {limit} bytes.", _CLOSE)
    chunks: list[bytes] = []
    size = 0
    try:
        # A body trickled in byte by byte must not hold the connection (and a thread) for ever.
        async with asyncio.timeout(BODY_TIMEOUT):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    # Close the connection: otherwise the server would go on reading (and discarding) it.
                    raise ApiError(413, "body_too_large", f"The body is larger than {limit} bytes.", _CLOSE)
                chunks.append(chunk)
    except TimeoutError:
        raise ApiError(
            408, "body_timeout", f"The body did not arrive within {BODY_TIMEOUT:g} seconds.", _CLOSE
        ) from None
    return b"".join(chunks)


def _require_json(request: Request) -> None:
    ctype = request.headers.get("content-type", "")
    main, _, params = ctype.partition(";")
    charset = params.strip().lower().replace(" ", "")
    if main.strip().lower() != "application/json" or charset not in ("", "charset=utf-8"):
        raise ApiError(415, "unsupported_media_type", "Send the body as application/json (UTF-8).")


def _parse_json(body: bytes) -> object:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ApiError(422, "invalid_json", "The body is not valid UTF-8 JSON.") from None


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, title="Signaal receiver")
    storage = settings.storage
    device_limiter = RateLimiter(settings.rate_per_minute)
    enrol_limiter = RateLimiter(settings.enrol_per_minute)
    receipt_public = base64.b64encode(bytes(settings.receipt_key.verify_key)).decode()
    limits = protocol.Limits(
        max_body_bytes=settings.max_body,
        max_batch_envelopes=settings.max_batch,
        max_sealed_bytes=settings.max_sealed,
        requests_per_minute=settings.rate_per_minute,
    )
    max_sealed_b64 = 4 * ((settings.max_sealed + 2) // 3)

    metrics = settings.metrics

    def rejected(request: Request, code: str) -> None:
        """Count a refused request (and a failed enrolment) by its error code."""
        if metrics is not None:
            metrics.rejections.labels(code).inc()
            if request.scope.get("path") == "/v1/enrol":
                metrics.enrolments.labels(code).inc()

    def sign(envelope_id: str, sha256: str, received_at: str, reference: str) -> str:
        msg = env_mod.receipt_message(envelope_id, sha256, received_at, reference)
        return base64.b64encode(settings.receipt_key.sign(msg).signature).decode()

    # -- errors: always an ErrorBody, never the input or a stack trace -------------------------
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        rejected(request, exc.error)
        return _error(exc.status, exc.error, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {
            404: ("not_found", "There is nothing at this address."),
            405: ("method_not_allowed", "This address does not accept this method."),
        }
        error, message = codes.get(exc.status_code, ("http_error", "The request was refused."))
        rejected(request, error)
        return _error(exc.status_code, error, message)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, "invalid_request", "The request does not have the expected shape.")

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.error(
            json.dumps(
                {"event": "internal_error", "path": _path(request.scope), "error": exc.__class__.__name__}
            )
        )
        return _error(500, "internal_error", "The receiver could not handle this request; try again later.")

    # -- one JSON log line per request: who, what, outcome; never payloads or tokens ----------
    @app.middleware("http")
    async def _access_log(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        started = time.perf_counter()
        status = 500
        size_out = 0
        try:
            if len(request.headers.raw) > MAX_HEADERS:
                rejected(request, "headers_too_large")
                response: Response = _error(
                    431, "headers_too_large", f"A request may carry at most {MAX_HEADERS} headers.", _CLOSE
                )
            else:
                response = await call_next(request)
            status = response.status_code
            size_out = int(response.headers.get("content-length", 0) or 0)
            response.headers["Cache-Control"] = "no-store"
            response.headers["X-Content-Type-Options"] = "nosniff"
            return response
        finally:
            elapsed = time.perf_counter() - started
            if metrics is not None:
                metrics.latency.labels(_path(request.scope)).observe(elapsed)
            length = request.headers.get("content-length", "")
            log.info(
                json.dumps(
                    {
                        "event": "request",
                        "ts": _now(),
                        "method": request.method
                        if request.method in ("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH")
                        else "other",
                        "endpoint": _path(request.scope),
                        "status": status,
                        "device": request.scope.get("state", {}).get("device_id"),
                        "registrar": request.scope.get("state", {}).get("registrar_id"),
                        "bytes_in": int(length) if length.isdigit() and len(length) < 16 else None,
                        "bytes_out": size_out,
                        "ms": round(elapsed * 1000, 2),
                    }
                )
            )

    # -- endpoints -----------------------------------------------------------------------------
    @app.get("/v1/health")
    async def health() -> dict[str, object]:
        return {"status": "ok", "protocol": protocol.PROTOCOL_VERSION, "time": _now()}

    @app.post("/v1/enrol")
    async def enrol(request: Request) -> JSONResponse:
        client = request.client.host if request.client else "-"
        wait = enrol_limiter.take(client)
        if wait:
            raise ApiError(
                429,
                "rate_limited",
                "Too many enrolment attempts; wait and try again.",
                {"Retry-After": str(math.ceil(wait))},
            )
        _require_json(request)
        body = await _read_body(request, ENROL_BODY_MAX)
        doc = _parse_json(body)
        req, reason = protocol.try_parse(protocol.EnrolRequest, doc)
        if req is None:
            raise ApiError(422, "invalid_request", reason or "Not an enrolment request.")
        try:
            code_hash = protocol.enrolment_secret_hash(req.code)
            device_key = env_mod.key_from_b64(req.device_public_key)
            nacl.signing.VerifyKey(device_key)
        except (ValueError, nacl.exceptions.CryptoError):
            raise ApiError(
                403, "code_invalid", "This enrolment code is not valid. Ask CoMensha for a new one."
            ) from None
        device_id = "dev_" + secrets.token_hex(8)
        token = secrets.token_urlsafe(32)
        status, organisation = await run_in_threadpool(
            storage.redeem_code,
            code_hash,
            _now(),
            device_id,
            req.label,
            req.device_public_key,
            _hash_token(token),
        )
        if status != "ok":
            message = {
                "unknown": "This enrolment code is not valid. Ask CoMensha for a new one.",
                "used": "This enrolment code has been used already. Ask CoMensha for a new one.",
                "expired": "This enrolment code has expired. Ask CoMensha for a new one.",
            }[status]
            raise ApiError(
                403,
                {"unknown": "code_invalid", "used": "code_used", "expired": "code_expired"}[status],
                message,
            )
        request.scope.setdefault("state", {})["device_id"] = device_id
        resp = protocol.EnrolResponse(
            device_id=device_id,
            token=token,
            sealing_public_key=settings.sealing_public_key,
            receipt_public_key=receipt_public,
            certificate_sha256=settings.certificate_sha256,
            organisation=organisation or "",
            limits=limits,
        )
        if metrics is not None:
            metrics.enrolments.labels("ok").inc()
        return JSONResponse(status_code=201, content=resp.model_dump())

    @app.post("/v1/envelopes")
    async def envelopes(request: Request) -> JSONResponse:
        device = await _authenticate(request)
        wait = device_limiter.take(device.id)
        if wait:
            raise ApiError(
                429,
                "rate_limited",
                "Too many requests from this device; wait and try again.",
                {"Retry-After": str(max(1, math.ceil(wait)))},
            )
        _require_json(request)
        body = await _read_body(request, settings.max_body)
        doc = _parse_json(body)
        if not isinstance(doc, dict) or set(doc) != {"envelopes"} or not isinstance(doc["envelopes"], list):
            raise ApiError(
                422, "invalid_request", "The body must be an object with one field, 'envelopes', a list."
            )
        items = doc["envelopes"]
        if len(items) > settings.max_batch:
            raise ApiError(
                413, "too_many_envelopes", f"A batch holds at most {settings.max_batch} envelopes."
            )
        if not items:
            raise ApiError(422, "invalid_request", "The batch is empty.")
        device_key = base64.b64decode(device.public_key)
        results: list[dict[str, Any] | None] = [None] * len(items)
        incoming: list[tuple[int, Incoming]] = []
        for i, raw in enumerate(items):
            eid = _readable_id(raw)
            reason = _check(raw, device_key, max_sealed_b64, settings.max_sealed)
            if isinstance(reason, str):
                results[i] = {"index": i, "id": eid, "status": "rejected", "receipt": None, "reason": reason}
            else:
                incoming.append((i, reason))
        if incoming:
            outcomes = await run_in_threadpool(
                storage.store_batch, device.id, [x for _, x in incoming], _now, sign
            )
            for (i, item), (status, receipt) in zip(incoming, outcomes, strict=True):
                results[i] = {
                    "index": i,
                    "id": item.id,
                    "status": status,
                    "receipt": receipt.model_dump() if receipt else None,
                    "reason": CONFLICT_REASON if status == "conflict" else None,
                }
        if metrics is not None:
            _count_results(metrics, results)
        return JSONResponse(status_code=200, content={"results": results})

    async def _authenticate(request: Request) -> Device:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        challenge = {"WWW-Authenticate": 'Bearer realm="signaal"'}
        if scheme.lower() != "bearer" or not token or len(token) > 128:
            raise ApiError(
                401, "unauthorized", "A device token is needed (Authorization: Bearer …).", challenge
            )
        device = await run_in_threadpool(storage.device_by_token, _hash_token(token.strip()))
        if device is None:
            raise ApiError(
                401, "unauthorized", "This device token is not known here. Enrol the device again.", challenge
            )
        request.scope.setdefault("state", {})["device_id"] = device.id
        if device.revoked:
            raise ApiError(
                401,
                "revoked",
                "This device was disconnected by CoMensha. Enrol it again with a new code.",
                challenge,
            )
        return device

    return app


def _count_results(metrics: Metrics, results: list[dict[str, Any] | None]) -> None:
    for r in results:
        if r is None:
            continue
        if r["status"] == "stored":
            metrics.stored.inc()
        elif r["status"] == "duplicate":
            metrics.duplicates.inc()
        else:  # rejected (reason "code: sentence") or conflict
            code = r["reason"].partition(":")[0] if r["status"] == "rejected" else "conflict"
            metrics.rejections.labels(code).inc()


def _path(scope: Mapping[str, Any]) -> str:
    path = scope.get("path", "")
    return path if path in KNOWN_PATHS else "(other)"


def _readable_id(raw: object) -> str | None:
    """The envelope's id if it is a well-formed UUID (so a rejection can name it), else None."""
    if isinstance(raw, dict):
        value = raw.get("id")
        if isinstance(value, str) and len(value) == 36 and _UUID.fullmatch(value):
            return value
    return None


def _check(raw: object, device_key: bytes, max_sealed_b64: int, max_sealed: int) -> Incoming | str:
    """An Incoming for a well-formed, correctly signed envelope; else the rejection reason."""
    if not isinstance(raw, dict):
        return "schema: an envelope must be a JSON object."
    sealed = raw.get("sealed")
    if isinstance(sealed, str) and len(sealed) > max_sealed_b64:
        return f"too_large: the sealed payload is larger than {max_sealed} bytes."
    model, reason = protocol.try_parse(protocol.Envelope, raw)
    if model is None:
        return "schema: " + (reason or "not an envelope.")
    try:
        sealed_bytes = base64.b64decode(model.sealed, validate=True)
    except (binascii.Error, ValueError):
        return "schema: 'sealed' is not base64."
    if len(sealed_bytes) > max_sealed:
        return f"too_large: the sealed payload is larger than {max_sealed} bytes."
    problem = env_mod.check_envelope(model, device_key)
    if problem == "hash_mismatch":
        return "hash_mismatch: sha256 is not the hash of the sealed bytes."
    if problem == "bad_signature":
        return "bad_signature: the signature does not verify with this device's key."
    if problem:
        return "schema: not an envelope."
    return Incoming(
        id=model.id,
        form_id=model.form_id,
        form_version=model.form_version,
        created_at=model.created_at,
        sealed=sealed_bytes,
        sha256=model.sha256,
        signature=model.signature,
    )
