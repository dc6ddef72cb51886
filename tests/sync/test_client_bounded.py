"""No answer from a server can raise anything out of the client but a SyncError (R25, issue 16):
hostile bodies (deep nesting, huge, not UTF-8, not JSON, wrong shapes) and headers, for every
status, through the client's real parsing (the transport is replaced, nothing else)."""

from __future__ import annotations

import json
import uuid

import nacl.signing
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync import envelope as envelope_mod
from sync import errors, protocol
from sync.client import ServerTrust, SyncClient

DEEP = 100_000
BODIES = [
    b"",
    b"[" * DEEP + b"]" * DEEP,
    b"{\"a\":" * DEEP + b"1" + b"}" * DEEP,
    b'{"error":"revoked","message":"x","d":' + b"[" * 20_000 + b"]" * 20_000 + b"}",
    b'{"error":"revoked","message":' + b"[" * 20_000 + b"]" * 20_000 + b"}",
    b'{"error":' + b"[" * 20_000 + b"]" * 20_000 + b"}",
    b'{"results":' + b"[" * 20_000 + b"]" * 20_000 + b"}",
    b"\xff\xfe\xfd",
    b'"\\ud800"',
    b"1e999999",
    b"-" * 70_000,
    b'{"error":"x' + b"\\" * 1000 + b'"}',
    b'{"error":"revoked"',
    b"<html>captive portal</html>",
    json.dumps({"results": [{"index": 0, "id": None, "status": "stored"}]}).encode(),
    json.dumps({"status": "ok", "protocol": 1, "time": "2026-13-45T99:99:99Z"}).encode(),
    json.dumps({"error": "revoked", "message": "x" * 100_000}).encode(),
]
HEADERS = [
    {"Content-Type": "application/json"},
    {"Content-Type": "text/html"},
    {"Content-Type": "application/json; charset=\x00", "Retry-After": "Mon, 99 Foo 99999"},
    {"Content-Type": "application/json", "Retry-After": "1e999", "WWW-Authenticate": "\x00" * 1000},
    {},
]
STATUSES = [200, 201, 204, 207, 301, 302, 400, 401, 403, 404, 409, 413, 422, 429, 500, 502, 599, 99, 1000]


class _Headers(dict):
    def get(self, key, default=None):  # case-insensitive enough for these tests
        for k, v in self.items():
            if k.lower() == key.lower():
                return v
        return default


def _client(answer):
    c = SyncClient("https://receiver.test", ServerTrust(cert_sha256="a" * 64), token="t" * 43)
    c._request = lambda *a, **kw: answer  # the transport is replaced; all parsing is real
    return c


def _envelope():
    device = nacl.signing.SigningKey.generate()
    _, public = envelope_mod.new_sealing_keypair()
    return envelope_mod.seal_envelope({"q": 1}, envelope_id=str(uuid.uuid4()), form_id="coa", form_version=1,
                                      created_at=protocol.utc_now(), sealing_public_key=public,
                                      signing_key=device)


ENV = _envelope()


def _exercise(status, headers, body):
    c = _client((status, _Headers(headers), body))
    assert c.health() in (True, False)
    for call in (lambda: c.post_batch([ENV]),
                 lambda: c.enrol("ABCD-EFGH-IJKL-MNOP", b"\x01" * 32, "laptop")):
        try:
            call()
        except errors.SyncError as exc:
            assert exc.text("nl") and exc.text("en")


@pytest.mark.parametrize("body", BODIES, ids=range(len(BODIES)))
def test_hostile_bodies_raise_only_sync_errors(body):
    for status in STATUSES:
        for headers in HEADERS:
            _exercise(status, headers, body)


def test_a_revoked_answer_with_a_deeply_nested_body_is_recognised():
    body = b'{"error":"revoked","message":"x","d":' + b"[" * 20_000 + b"]" * 20_000 + b"}"
    c = _client((401, _Headers({"Content-Type": "application/json"}), body))
    with pytest.raises(errors.Unauthorized) as ei:
        c.post_batch([ENV])
    assert ei.value.revoked and ei.value.code == "revoked"


def test_a_nested_error_member_is_not_taken_for_the_top_level():
    body = b'{"x":{"error":"revoked"},"d":' + b"[" * 20_000 + b"]" * 20_000 + b"}"
    c = _client((401, _Headers({"Content-Type": "application/json"}), body))
    with pytest.raises(errors.Unauthorized) as ei:
        c.post_batch([ENV])
    assert not ei.value.revoked


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(status=st.sampled_from(STATUSES), headers=st.sampled_from(HEADERS),
       body=st.one_of(st.binary(max_size=300),
                      st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                                   lambda inner: st.lists(inner, max_size=4)
                                   | st.dictionaries(st.sampled_from(["error", "message", "results", "status",
                                                                      "index", "id", "receipt"]),
                                                     inner, max_size=4),
                                   max_leaves=20).map(lambda v: json.dumps(v).encode())))
def test_any_answer_raises_only_sync_errors(status, headers, body):
    _exercise(status, headers, body)
