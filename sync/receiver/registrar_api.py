"""The registrar endpoints (``/v1/registrar/…``): how CoMensha's desks enrol, read what devices
sent, and keep the team's triage log. Mounted next to the device API by :mod:`sync.receiver.server`.

- ``POST /v1/registrar/enrol``: a one-time registrar code (``signaal-receiver registrar add``) and
  the desk's Ed25519 key give a registrar id and token.
- ``GET /v1/registrar/envelopes?after=&limit=``: envelopes in ``seq`` order, exactly as the
  devices sent them, with the receipt and the device's key and organisation.
- ``POST /v1/registrar/events``: sealed, signed triage events; stored once per id, numbered in one
  total order.
- ``GET /v1/registrar/events?after=&limit=``: the event log in that order.

A device token is refused with 403 ``not_registrar``: a device never reads what others sent. The
receiver cannot open envelopes or events (it never holds the sealing private key); it checks the
registrar's signature and sizes, and logs who and what, never payloads.
"""

from __future__ import annotations

import base64
import binascii
import math
import secrets
from typing import Any

import nacl.exceptions
import nacl.signing
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from sync import protocol
from sync import registrar_protocol as rp
from sync.receiver.app import (
    ApiError,
    RateLimiter,
    Settings,
    _hash_token,
    _now,
    _parse_json,
    _read_body,
    _require_json,
)
from sync.receiver.registrar_store import IncomingEvent, Registrar

# A desk catching up pulls many pages in a row; it gets more requests than a device.
REGISTRAR_RATE_PER_MINUTE = 600
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="signaal"'}


def _page_args(request: Request) -> tuple[int, int]:
    """``after`` (default 0) and ``limit`` (default and most 500) from the query string."""
    query = request.query_params
    unknown = set(query) - {"after", "limit"}
    if unknown:
        raise ApiError(422, "invalid_request", "Only 'after' and 'limit' may be given.")
    after_text = query.get("after", "0")
    limit_text = query.get("limit", str(rp.MAX_PAGE_ITEMS))
    if not (after_text.isdigit() and len(after_text) <= 18):
        raise ApiError(422, "invalid_request", "'after' must be a whole number of 0 or more (a seq).")
    if not (limit_text.isdigit() and 1 <= int(limit_text) <= rp.MAX_PAGE_ITEMS):
        raise ApiError(
            422, "invalid_request", f"'limit' must be a whole number from 1 to {rp.MAX_PAGE_ITEMS}."
        )
    return int(after_text), int(limit_text)


def _event_id(raw: object) -> str | None:
    if isinstance(raw, dict):
        value = raw.get("id")
        if isinstance(value, str) and len(value) == 32 and all(c in "0123456789abcdef" for c in value):
            return value
    return None


def _check_event(raw: object, key: nacl.signing.VerifyKey) -> IncomingEvent | str:
    """An IncomingEvent for a well-formed event the registrar signed; else the rejection reason."""
    if not isinstance(raw, dict):
        return "schema: an event must be a JSON object."
    sealed = raw.get("sealed")
    if isinstance(sealed, str) and len(sealed) > rp.MAX_EVENT_SEALED_B64:
        return f"too_large: the sealed event is larger than {rp.MAX_EVENT_SEALED_BYTES} bytes."
    model, reason = protocol.try_parse(rp.EventIn, raw)
    if model is None:
        return "schema: " + (reason or "not an event.")
    try:
        sealed_bytes = base64.b64decode(model.sealed, validate=True)
        signature = base64.b64decode(model.signature, validate=True)
    except (binascii.Error, ValueError):
        return "schema: 'sealed' or 'signature' is not base64."
    if len(sealed_bytes) > rp.MAX_EVENT_SEALED_BYTES:
        return f"too_large: the sealed event is larger than {rp.MAX_EVENT_SEALED_BYTES} bytes."
    try:
        key.verify(rp.event_signature_message(model.id, sealed_bytes), signature)
    except (nacl.exceptions.BadSignatureError, ValueError):
        return "bad_signature: the signature does not verify with this registrar's key."
    return IncomingEvent(id=model.id, sealed=sealed_bytes, signature=model.signature)


def registrar_router(settings: Settings) -> APIRouter:
    router = APIRouter()
    storage = settings.storage
    metrics = settings.metrics
    per_minute = settings.rate_per_minute
    limiter = RateLimiter(0 if per_minute <= 0 else max(per_minute, REGISTRAR_RATE_PER_MINUTE))
    enrol_limiter = RateLimiter(settings.enrol_per_minute)
    receipt_public = base64.b64encode(bytes(settings.receipt_key.verify_key)).decode()

    def count_enrolment(outcome: str) -> None:
        if metrics is not None:
            metrics.registrar_enrolments.labels(outcome).inc()

    async def authenticate(request: Request) -> Registrar:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token or len(token) > 128:
            raise ApiError(
                401, "unauthorized", "A registrar token is needed (Authorization: Bearer …).", _CHALLENGE
            )
        token_hash = _hash_token(token.strip())
        registrar = await run_in_threadpool(storage.registrar_by_token, token_hash)
        if registrar is None:
            device = await run_in_threadpool(storage.device_by_token, token_hash)
            if device is not None:
                request.scope.setdefault("state", {})["device_id"] = device.id
                raise ApiError(
                    403, "not_registrar", "A device cannot read what was sent; only CoMensha's desks can."
                )
            raise ApiError(
                401, "unauthorized", "This token is not known here. Enrol the desk again.", _CHALLENGE
            )
        request.scope.setdefault("state", {})["registrar_id"] = registrar.id
        if registrar.revoked:
            raise ApiError(
                401,
                "revoked",
                "This desk was disconnected by CoMensha's operator. Enrol it again with a new code.",
                _CHALLENGE,
            )
        wait = limiter.take(registrar.id)
        if wait:
            raise ApiError(
                429,
                "rate_limited",
                "Too many requests from this desk; wait and try again.",
                {"Retry-After": str(max(1, math.ceil(wait)))},
            )
        return registrar

    @router.post(rp.ENROL_PATH)
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
        doc = _parse_json(await _read_body(request, 8 * 1024))
        req, reason = protocol.try_parse(rp.RegistrarEnrolRequest, doc)
        if req is None:
            raise ApiError(422, "invalid_request", reason or "Not a registrar enrolment request.")
        try:
            code_hash = protocol.enrolment_secret_hash(req.code)
            nacl.signing.VerifyKey(base64.b64decode(req.registrar_public_key))
        except (ValueError, nacl.exceptions.CryptoError):
            count_enrolment("code_invalid")
            raise ApiError(
                403, "code_invalid", "This registrar code is not valid. Ask the operator for a new one."
            ) from None
        registrar_id = "reg_" + secrets.token_hex(8)
        token = secrets.token_urlsafe(32)
        status, name = await run_in_threadpool(
            storage.redeem_registrar_code,
            code_hash,
            _now(),
            registrar_id,
            req.label,
            req.registrar_public_key,
            _hash_token(token),
        )
        if status != "ok":
            error = {"unknown": "code_invalid", "used": "code_used", "expired": "code_expired"}[status]
            message = {
                "unknown": "This registrar code is not valid. Ask the operator for a new one.",
                "used": "This registrar code has been used already. Ask the operator for a new one.",
                "expired": "This registrar code has expired. Ask the operator for a new one.",
            }[status]
            count_enrolment(error)
            raise ApiError(403, error, message)
        request.scope.setdefault("state", {})["registrar_id"] = registrar_id
        resp = rp.RegistrarEnrolResponse(
            registrar_id=registrar_id,
            token=token,
            sealing_public_key=settings.sealing_public_key,
            receipt_public_key=receipt_public,
            certificate_sha256=settings.certificate_sha256,
            name=name or "",
        )
        count_enrolment("ok")
        return JSONResponse(status_code=201, content=resp.model_dump())

    @router.get(rp.ENVELOPES_PATH)
    async def envelopes(request: Request) -> JSONResponse:
        await authenticate(request)
        after, limit = _page_args(request)
        rows, more = await run_in_threadpool(storage.envelopes_after, after, limit)
        items: list[dict[str, Any]] = []
        budget = rp.PAGE_BUDGET_BYTES
        for row in rows:
            sealed = base64.b64encode(row.sealed).decode()
            size = len(sealed) + 1200
            if items and size > budget:
                more = True  # the rest on the next page
                break
            budget -= size
            items.append(
                {
                    "seq": row.seq,
                    "envelope": {
                        "id": row.id,
                        "form_id": row.form_id,
                        "form_version": row.form_version,
                        "created_at": row.created_at,
                        "sealed": sealed,
                        "sha256": row.sha256,
                        "signature": row.signature,
                    },
                    "device_id": row.device_id,
                    "device_public_key": row.device_public_key,
                    "organisation": row.organisation,
                    "received_at": row.received_at,
                    "receipt": {
                        "envelope_id": row.id,
                        "sha256": row.sha256,
                        "received_at": row.received_at,
                        "reference": row.reference,
                        "signature": row.receipt_signature,
                    },
                }
            )
        if metrics is not None:
            metrics.envelopes_pulled.inc(len(items))
        next_after = items[-1]["seq"] if items else after
        return JSONResponse({"items": items, "next_after": next_after, "more": more})

    @router.post(rp.EVENTS_PATH)
    async def push_events(request: Request) -> JSONResponse:
        registrar = await authenticate(request)
        _require_json(request)
        doc = _parse_json(await _read_body(request, settings.max_body))
        if not isinstance(doc, dict) or set(doc) != {"events"} or not isinstance(doc["events"], list):
            raise ApiError(
                422, "invalid_request", "The body must be an object with one field, 'events', a list."
            )
        raw_events = doc["events"]
        if len(raw_events) > rp.MAX_EVENTS_PER_CALL:
            raise ApiError(413, "too_many_events", f"A call holds at most {rp.MAX_EVENTS_PER_CALL} events.")
        if not raw_events:
            raise ApiError(422, "invalid_request", "The list of events is empty.")
        key = nacl.signing.VerifyKey(base64.b64decode(registrar.public_key))
        results: list[dict[str, Any] | None] = [None] * len(raw_events)
        incoming: list[tuple[int, IncomingEvent]] = []
        for i, raw in enumerate(raw_events):
            checked = _check_event(raw, key)
            if isinstance(checked, str):
                results[i] = {"id": _event_id(raw), "seq": None, "status": "rejected", "reason": checked}
            else:
                incoming.append((i, checked))
        if incoming:
            outcomes = await run_in_threadpool(
                storage.store_events, registrar.id, [e for _, e in incoming], _now
            )
            for (i, event), (status, seq, reason) in zip(incoming, outcomes, strict=True):
                results[i] = {"id": event.id, "seq": seq, "status": status, "reason": reason}
        if metrics is not None:
            for r in results:
                if r is None:
                    continue
                if r["status"] == "rejected":
                    metrics.rejections.labels(str(r["reason"]).partition(":")[0]).inc()
                else:
                    metrics.events.labels(r["status"]).inc()
        return JSONResponse({"results": results})

    @router.get(rp.EVENTS_PATH)
    async def pull_events(request: Request) -> JSONResponse:
        await authenticate(request)
        after, limit = _page_args(request)
        rows, more = await run_in_threadpool(storage.events_after, after, limit)
        items: list[dict[str, Any]] = []
        budget = rp.PAGE_BUDGET_BYTES
        for r in rows:
            sealed = base64.b64encode(r.sealed).decode()
            size = len(sealed) + 400
            if items and size > budget:
                more = True  # the rest on the next page
                break
            budget -= size
            items.append(
                {
                    "seq": r.seq,
                    "id": r.id,
                    "registrar_id": r.registrar_id,
                    "registrar_public_key": r.registrar_public_key,
                    "sealed": sealed,
                    "signature": r.signature,
                    "received_at": r.received_at,
                }
            )
        next_after = items[-1]["seq"] if items else after
        return JSONResponse({"items": items, "next_after": next_after, "more": more})

    return router
