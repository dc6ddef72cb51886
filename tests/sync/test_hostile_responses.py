"""R25: whatever a server (or something pretending to be one) answers, the client raises only a
``SyncError`` or returns a response that answers exactly what was sent; and the engine marks
nothing sent without a receipt that verifies for that envelope."""

from __future__ import annotations

import io
import json
import types

import nacl.signing
import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from requests.adapters import BaseAdapter

from sync import envelope as env_mod
from sync import envelope as envelope_mod
from sync import errors, protocol
from sync.client import ServerTrust, SyncClient
from sync.engine import SyncEngine
from tests.support.outbox import MemoryOutbox, queue_memory


class CannedAdapter(BaseAdapter):
    def __init__(self) -> None:
        super().__init__()
        self.answer: tuple[int, dict, bytes] = (200, {}, b"")

    def send(self, request, **kwargs):
        status, headers, body = self.answer
        r = requests.Response()
        r.status_code = status
        r.headers.update(headers)

        r.raw = io.BytesIO(body)
        r.url = request.url
        r.request = request
        return r

    def close(self) -> None:
        pass


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20)


@pytest.fixture(scope="module")
def world():
    k = types.SimpleNamespace()
    k.sealing_private, k.sealing_public = env_mod.new_sealing_keypair()
    k.device = nacl.signing.SigningKey.generate()
    k.receipt = nacl.signing.SigningKey.generate()
    outbox = MemoryOutbox()
    queue_memory(outbox, 3, k.sealing_public, k.device)
    k.envs = [protocol.Envelope.model_validate(it.envelope) for it in outbox.outbox_batch(3)]
    return k


def _good_results(world, signer=None):
    out = []
    for i, env in enumerate(world.envs):
        rec = envelope_mod.sign_receipt(envelope_id=env.id, sha256=env.sha256,
                                        received_at=protocol.utc_now(), reference="CM-2026-000001",
                                        signing_key=signer or world.receipt)
        out.append({"index": i, "id": env.id, "status": "stored", "receipt": rec.model_dump(mode="json"),
                    "reason": None})
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(status=st.sampled_from([200, 201, 204, 207, 301, 302, 400, 401, 403, 404, 408, 409, 413, 429,
                               500, 502, 503, 599]),
       ctype=st.sampled_from(["application/json", "application/json; charset=utf-8", "text/html",
                              "", "application/problem+json", "APPLICATION/JSON"]),
       body=st.one_of(st.binary(max_size=300), json_values.map(lambda v: json.dumps(v).encode()),
                      st.just(b'{"results": []}'), st.just(b'{"error":"revoked","message":"x"}')),
       retry_after=st.one_of(st.none(), st.text(max_size=30), st.integers(-10**9, 10**12).map(str)))
def test_client_never_crashes_on_any_answer(world, status, ctype, body, retry_after):
    client = SyncClient("https://127.0.0.1:1", ServerTrust(cert_sha256="a" * 64), token="t" * 43)
    adapter = CannedAdapter()
    client._session.mount("https://", adapter)
    headers = {"Content-Type": ctype} if ctype else {}
    if retry_after is not None:
        headers["Retry-After"] = retry_after
    adapter.answer = (status, headers, body)
    try:
        resp = client.post_batch(world.envs)
    except errors.SyncError as exc:
        assert exc.text("nl") and exc.text("en")
        if isinstance(exc, errors.RateLimited):
            assert 1.0 <= exc.retry_after <= 3600.0
        return
    assert protocol.check_batch_response(world.envs, resp) is None


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_engine_marks_only_verified_receipts(world, data):
    """Results shuffled, dropped, re-signed with another key or pointing at other ids."""
    other = nacl.signing.SigningKey.generate()
    results = _good_results(world, signer=data.draw(st.sampled_from([world.receipt, other])))
    mutate = data.draw(st.lists(st.sampled_from(["drop", "swap_id", "swap_receipt", "status"]),
                                max_size=3))
    for m in mutate:
        if m == "drop" and results:
            results.pop()
        elif m == "swap_id" and len(results) > 1:
            results[0]["id"], results[1]["id"] = results[1]["id"], results[0]["id"]
        elif m == "swap_receipt" and len(results) > 1:
            results[0]["receipt"], results[1]["receipt"] = results[1]["receipt"], results[0]["receipt"]
        elif m == "status" and results:
            results[0]["status"] = data.draw(st.sampled_from(["duplicate", "conflict", "rejected"]))
            if results[0]["status"] in ("conflict", "rejected"):
                results[0]["receipt"] = None
                results[0]["reason"] = "x"

    class Raw:
        def post_batch(self, envs):
            return protocol.BatchResponse.model_validate({"results": results})

    outbox = MemoryOutbox()
    for env in world.envs:
        outbox.add(env.id, env.model_dump(mode="json"))
    SyncEngine(outbox, Raw(), bytes(world.receipt.verify_key)).run_once()
    for rid, receipt in outbox.receipts.items():
        env = next(e for e in world.envs if e.id == rid)
        r = protocol.Receipt.model_validate(receipt)
        assert envelope_mod.verify_receipt(r, bytes(world.receipt.verify_key))
        assert envelope_mod.receipt_matches(r, env)
    assert set(outbox.receipts).isdisjoint(outbox.outbox)
