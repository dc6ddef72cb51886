"""Hostile input against a running receiver: each answered with its 4xx (or a per-envelope
rejection), nothing stored, the server healthy afterwards, nothing of the input echoed."""

from __future__ import annotations

import base64
import json
import socket
import ssl
import warnings

import nacl.signing
import pytest
import requests

from sync import protocol
from tests.receiver.helpers import stored_count

CANARY = "CANARY-hostile-7731"
HOSTILE_STRINGS = [
    CANARY + "\x00",
    CANARY + "\u202e",
    CANARY + "\n\r",
    "\ud800" + CANARY,
    CANARY * 300,
    "=cmd|' /C calc'!A0" + CANARY,
    "",
]
# An emoji is a fine laptop label, but not an id, hash, key or time.
ENVELOPE_STRINGS = [*HOSTILE_STRINGS, "💥" + CANARY]


@pytest.fixture(scope="module")
def device(receiver):
    return receiver.enrol_device("Laptop H")


@pytest.fixture(autouse=True)
def _nothing_stored_and_still_healthy(receiver):
    before = stored_count(receiver)
    yield
    assert receiver.healthy(), "the receiver must still answer after hostile input"
    assert stored_count(receiver) == before, "hostile input must store nothing"


def _post(receiver, device, data, headers=None, path="/v1/envelopes", **kw):
    h = {"Content-Type": "application/json", **(device.headers if device else {}), **(headers or {})}
    return receiver.session().post(receiver.url + path, data=data, headers=h, timeout=60, **kw)


def _is_error(r, status, error=None):
    assert r.status_code == status, (r.status_code, r.text[:300])
    body = protocol.parse_error_body(r.content)
    assert body is not None, r.text[:300]
    assert CANARY not in r.text and "Traceback" not in r.text
    if error:
        assert body.error == error
    return body


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b"not json " + CANARY.encode(),
        b"\xff\xfe\x00" + CANARY.encode(),
        b"[" * 200_000,
        b'{"envelopes": [' + b"1" * 5000 + b"]}",
        b"NaN",
    ],
)
def test_invalid_json_is_422(receiver, device, body):
    r = _post(receiver, device, body)
    assert r.status_code == 422
    _is_error(r, 422)


@pytest.mark.parametrize(
    "doc",
    [
        [],
        "x",
        1,
        None,
        {"envelopes": "x"},
        {"envelopes": {}},
        {"envelopes": []},
        {"envelopes": [], "extra": CANARY},
        {CANARY: []},
    ],
)
def test_wrong_top_level_shape_is_422(receiver, device, doc):
    _is_error(_post(receiver, device, json.dumps(doc)), 422, "invalid_request")


@pytest.mark.parametrize("item", [1, "x", None, [], {}, {"id": CANARY}, {"id": 5, "sealed": []}])
def test_wrong_envelope_types_are_rejected_per_envelope(receiver, device, item):
    r = _post(receiver, device, json.dumps({"envelopes": [item]}))
    assert r.status_code == 200
    (res,) = protocol.parse_batch_response(r.content).results
    assert res.status == "rejected" and res.reason.startswith("schema") and CANARY not in r.text


def test_unicode_and_control_characters_in_every_envelope_field(receiver, device):
    good = receiver.seal(device, {"q": "x"}).model_dump()
    batch = []
    for field in good:
        for s in ENVELOPE_STRINGS:
            batch.append({**good, field: s})
    for chunk in range(0, len(batch), protocol.MAX_BATCH_ENVELOPES):
        part = batch[chunk : chunk + protocol.MAX_BATCH_ENVELOPES]
        body = json.dumps({"envelopes": part}, ensure_ascii=False).encode("utf-8", "surrogatepass")
        r = _post(receiver, device, body)
        if r.status_code == 422:  # a lone surrogate makes the whole body invalid UTF-8
            _is_error(r, 422, "invalid_json")
            continue
        assert r.status_code == 200, r.text[:300]
        results = protocol.parse_batch_response(r.content).results
        assert all(x.status == "rejected" for x in results)
        assert CANARY not in r.text


def test_extra_field_in_envelope_is_rejected(receiver, device):
    env = receiver.seal(device, {"q": "x"}).model_dump() | {"note": CANARY}
    r = _post(receiver, device, json.dumps({"envelopes": [env]}))
    (res,) = protocol.parse_batch_response(r.content).results
    assert res.status == "rejected" and CANARY not in r.text


@pytest.mark.parametrize("field", ["code", "label", "device_public_key"])
def test_hostile_strings_in_enrolment_fields(receiver, field):
    code = receiver.enrol()
    good = {
        "code": code,
        "label": "Laptop",
        "device_public_key": base64.b64encode(bytes(nacl.signing.SigningKey.generate().verify_key)).decode(),
    }
    for s in HOSTILE_STRINGS:
        body = json.dumps({**good, field: s}, ensure_ascii=False).encode("utf-8", "surrogatepass")
        r = _post(receiver, None, body, path="/v1/enrol")
        assert r.status_code in (403, 422), (field, r.status_code)
        _is_error(r, r.status_code)
    # The code was not used up by the failed attempts.
    assert _post(receiver, None, json.dumps(good), path="/v1/enrol").status_code == 201


def test_wrong_types_in_enrolment(receiver):
    for doc in ([], {"code": 1, "label": [], "device_public_key": None}, {"code": "x" * 1000}):
        _is_error(_post(receiver, None, json.dumps(doc), path="/v1/enrol"), 422)


def test_too_many_envelopes_is_413(receiver, device):
    env = receiver.seal(device, {"q": "x"}).model_dump()
    r = _post(receiver, device, json.dumps({"envelopes": [env] * 10_000}))
    _is_error(r, 413)


def test_50mb_body_with_length_is_413(receiver, device):
    body = b'{"envelopes": ["' + b"A" * (50 * 1024 * 1024) + b'"]}'
    try:
        r = _post(receiver, device, body)
    except requests.ConnectionError:
        pytest.fail("the receiver must answer 413, not drop the connection")
    _is_error(r, 413, "body_too_large")


def test_50mb_streamed_body_is_refused_while_reading(receiver, device):
    """Chunked, no Content-Length: the 413 comes once the limit is passed, while the client is
    still sending; the server does not wait for (or buffer) the whole 50 MB."""
    ctx = ssl.create_default_context(cafile=str(receiver.ca_pem))
    with (
        socket.create_connection(("127.0.0.1", receiver.port), timeout=10) as raw,
        ctx.wrap_socket(raw, server_hostname="127.0.0.1") as sock,
    ):
        sock.sendall(
            b"POST /v1/envelopes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + device.token.encode() + b"\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        chunk = b"A" * (1024 * 1024)
        for _ in range(protocol.MAX_BODY_BYTES // len(chunk) + 2):  # just past the limit, not 50 MB
            sock.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
        head = sock.recv(200)
    assert head.startswith(b"HTTP/1.1 413"), head


def test_oversized_envelope_is_rejected_alone(receiver, device):
    big = receiver.seal(device, {"q": "x"}).model_dump()
    big["sealed"] = "A" * (protocol.MAX_SEALED_B64 + 4)
    r = _post(receiver, device, json.dumps({"envelopes": [big]}))
    (res,) = protocol.parse_batch_response(r.content).results
    assert res.status == "rejected" and res.reason.startswith("too_large")


@pytest.mark.parametrize(
    "auth",
    [
        None,
        "",
        "Bearer",
        "Bearer " + "A" * 43,
        "Basic dXNlcjpwYXNz",
        "Bearer " + "x" * 5000,
        "Bearer " + CANARY + "\u202e",
    ],
)
def test_missing_or_bogus_token_is_401(receiver, auth):
    headers = {"Content-Type": "application/json"}
    if auth is not None:
        headers["Authorization"] = auth
    try:
        r = receiver.session().post(
            receiver.url + "/v1/envelopes", data=b'{"envelopes": []}', headers=headers, timeout=10
        )
    except (UnicodeEncodeError, ValueError):
        return  # the client library refuses to send it; nothing to test
    _is_error(r, 401, "unauthorized")


@pytest.mark.parametrize(
    "ctype",
    [
        None,
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin-1",
        "multipart/form-data; boundary=x",
    ],
)
def test_wrong_content_type_is_415(receiver, device, ctype):
    headers = dict(device.headers)
    s = receiver.session()
    req = requests.Request("POST", receiver.url + "/v1/envelopes", data=b'{"envelopes": []}', headers=headers)
    prepared = s.prepare_request(req)
    if ctype is None:
        prepared.headers.pop("Content-Type", None)
    else:
        prepared.headers["Content-Type"] = ctype
    _is_error(s.send(prepared, timeout=10), 415, "unsupported_media_type")


def test_unknown_paths_and_methods(receiver, device):
    s = receiver.session()
    _is_error(s.get(receiver.url + "/v1/" + CANARY, timeout=10), 404, "not_found")
    _is_error(s.get(receiver.url + "/v1/envelopes", timeout=10), 405, "method_not_allowed")
    _is_error(s.get(receiver.url + "/docs", timeout=10), 404)
    _is_error(s.get(receiver.url + "/openapi.json", timeout=10), 404)


def test_plain_http_and_old_tls_are_refused(receiver):
    with pytest.raises(requests.RequestException):
        requests.get(receiver.url.replace("https", "http") + "/v1/health", timeout=5)
    ctx = ssl.create_default_context(cafile=str(receiver.ca_pem))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ctx.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
        ctx.maximum_version = ssl.TLSVersion.TLSv1_1
    with (
        socket.create_connection(("127.0.0.1", receiver.port), timeout=5) as sock,
        pytest.raises(ssl.SSLError),
    ):
        ctx.wrap_socket(sock, server_hostname="127.0.0.1")


def test_log_holds_no_tokens_or_payloads(receiver, device):
    env = receiver.seal(device, {"q": CANARY})
    r = _post(receiver, device, json.dumps({"envelopes": [env.model_dump() | {"form_id": CANARY}]}))
    assert r.status_code == 200
    log = receiver.log_path.read_text()
    assert device.token not in log and CANARY not in log and env.sealed[:40] not in log
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    requests_logged = [x for x in lines if x.get("event") == "request"]
    assert requests_logged and {"endpoint", "status", "device", "ms", "bytes_in"} <= set(requests_logged[-1])
    assert any(x["device"] == device.device_id for x in requests_logged)
