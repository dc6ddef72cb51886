"""R25 for the desk's client (``sync.registrar``): whatever a server answers, the client raises only
a ``SyncError`` or returns a page that moves the cursor forward (seqs rising above ``after``,
``next_after`` the last of them), and event results that answer exactly the events sent."""

from __future__ import annotations

import base64
import io
import itertools
import json
import secrets

import nacl.signing
import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from requests.adapters import BaseAdapter

from sync import envelope, errors, protocol
from sync.registrar import OutgoingEvent, RegistrarClient, RegistrarCredentials, event_signature_message


class CannedAdapter(BaseAdapter):
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        super().__init__()
        self.answer = (status, headers, body)

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


CREDS = RegistrarCredentials(
    base_url="https://127.0.0.1:1",
    registrar_id="reg_0123456789abcdef",
    token="t" * 43,
    certificate_sha256="a" * 64,
    sealing_public_key=base64.b64encode(bytes(32)).decode(),
    receipt_public_key=base64.b64encode(bytes(32)).decode(),
    name="Team",
)
DEVICE = nacl.signing.SigningKey(bytes(range(32)))
REGISTRAR = nacl.signing.SigningKey(bytes(range(96, 128)))
SEALING_PUBLIC = envelope.new_sealing_keypair()[1]


def _client(status: int, headers: dict[str, str], body: bytes) -> RegistrarClient:
    client = RegistrarClient(CREDS)
    client._client._session.mount("https://", CannedAdapter(status, headers, body))
    return client


def _envelope_item(seq: int) -> dict:
    env = envelope.seal_envelope(
        {"n": seq},
        envelope_id=protocol.new_envelope_id(),
        form_id="coa",
        form_version=1,
        created_at=protocol.utc_now(),
        sealing_public_key=SEALING_PUBLIC,
        signing_key=DEVICE,
    )
    receipt = envelope.sign_receipt(
        envelope_id=env.id,
        sha256=env.sha256,
        received_at=protocol.utc_now(),
        reference="CM-2026-000001",
        signing_key=nacl.signing.SigningKey.generate(),
    )
    return {
        "seq": seq,
        "envelope": env.model_dump(),
        "device_id": "dev_0123456789abcdef",
        "device_public_key": base64.b64encode(bytes(DEVICE.verify_key)).decode(),
        "organisation": "COA",
        "received_at": receipt.received_at,
        "receipt": receipt.model_dump(),
    }


def _event_item(seq: int) -> dict:
    eid = secrets.token_hex(16)
    sealed = secrets.token_bytes(60)
    return {
        "seq": seq,
        "id": eid,
        "registrar_id": "reg_0123456789abcdef",
        "registrar_public_key": base64.b64encode(bytes(REGISTRAR.verify_key)).decode(),
        "sealed": base64.b64encode(sealed).decode(),
        "signature": base64.b64encode(
            REGISTRAR.sign(event_signature_message(eid, sealed)).signature
        ).decode(),
        "received_at": protocol.utc_now(),
    }


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)
pages = st.builds(
    lambda seqs, next_after, more: (seqs, next_after, more),
    st.lists(st.integers(-2, 12), max_size=5),
    st.integers(-2, 14),
    st.booleans(),
)


def _pull(kind: str, after: int, status: int, headers: dict[str, str], body: bytes):
    """The page the client returns, or None when it raised a SyncError (with words for people)."""
    client = _client(status, headers, body)
    try:
        return client.pull_envelopes(after) if kind == "envelopes" else client.pull_events(after)
    except errors.SyncError as exc:
        assert exc.text("nl") and exc.text("en")
        return None
    finally:
        client.close()


def _rising(seqs: list[int], after: int, next_after: int) -> bool:
    """Seqs strictly rising above ``after``, and ``next_after`` the last of them (or ``after``)."""
    bounds = [after, *seqs]
    return all(a < b for a, b in itertools.pairwise(bounds)) and next_after == bounds[-1]


def _moves_forward(page, after: int) -> bool:
    return _rising([i.seq for i in page.items], after, page.next_after)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    kind=st.sampled_from(["envelopes", "events"]),
    status=st.sampled_from([200, 201, 204, 301, 401, 403, 404, 413, 422, 429, 500]),
    ctype=st.sampled_from(["application/json", "text/html", ""]),
    body=st.one_of(
        st.binary(max_size=200),
        json_values.map(lambda v: json.dumps(v).encode()),
        st.just(b'{"error":"not_registrar","message":"x"}'),
        st.just(b'{"items": [], "next_after": 0, "more": false}'),
    ),
)
def test_any_answer_to_a_pull_is_an_error_or_a_page_that_moves_forward(kind, status, ctype, body):
    page = _pull(kind, 0, status, {"Content-Type": ctype} if ctype else {}, body)
    assert page is None or _moves_forward(page, 0)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(kind=st.sampled_from(["envelopes", "events"]), after=st.integers(0, 6), page=pages)
def test_a_page_is_taken_only_when_it_moves_the_cursor_forward(kind, after, page):
    seqs, next_after, more = page
    make = _envelope_item if kind == "envelopes" else _event_item
    items = [make(s) if s >= 0 else {**make(0), "seq": s} for s in seqs]
    body = json.dumps({"items": items, "next_after": next_after, "more": more}).encode()
    got = _pull(kind, after, 200, {"Content-Type": "application/json"}, body)
    assert (got is not None) == _rising(seqs, after, next_after)
    if got is not None:
        assert [i.seq for i in got.items] == seqs and got.next_after == next_after and got.more == more


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    results=st.lists(
        st.fixed_dictionaries(
            {
                "id": st.sampled_from(["a" * 32, "b" * 32, None, "c" * 32]),
                "seq": st.one_of(st.none(), st.integers(0, 5)),
                "status": st.sampled_from(["stored", "duplicate", "rejected", "conflict"]),
                "reason": st.one_of(st.none(), st.text(max_size=20)),
            }
        ),
        max_size=3,
    )
)
def test_event_results_must_answer_exactly_the_events_sent(results):
    sent = [OutgoingEvent("a" * 32, b"x" * 40, bytes(64)), OutgoingEvent("b" * 32, b"y" * 40, bytes(64))]
    body = json.dumps({"results": results}).encode()
    with _client(200, {"Content-Type": "application/json"}, body) as client:
        try:
            out = client.push_events(sent)
        except errors.SyncError:
            return
    assert [r.id for r in out] == [e.id for e in sent]
    for r in out:
        assert (r.status == "rejected") == (r.seq is None)


def test_too_many_events_and_bad_cursors_are_refused_before_sending():
    with RegistrarClient(CREDS) as client:
        with pytest.raises(ValueError):
            client.push_events([OutgoingEvent("a" * 32, b"x", bytes(64))] * 201)
        with pytest.raises(ValueError):
            client.pull_envelopes(-1)
        with pytest.raises(ValueError):
            client.pull_events(0, 501)
        assert client.push_events([]) == []
