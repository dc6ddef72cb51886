"""CoMensha's desks against the real receiver over TLS, on SQLite and PostgreSQL: enrolment with a
one-time registrar code, pulling envelopes with a cursor, the triage event log, and who may not
read (devices, revoked desks). The client is the real ``sync.registrar``."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets

import nacl.public
import nacl.signing
import psycopg
import pytest
import requests

import forms
from sync import envelope, errors, protocol
from sync.registrar import (
    OutgoingEvent,
    RegistrarClient,
    RegistrarCredentials,
    enrol_registrar,
    event_signature_message,
)
from tests.receiver.conftest import BACKENDS
from tests.support.reports import report_answers

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True, scope="module")


@pytest.fixture(scope="module")
def desk(receiver):
    creds, key = receiver.enrol_registrar("Team Noord", "Desk 1")
    return creds, key


def _new_key() -> bytes:
    return bytes(nacl.signing.SigningKey.generate().verify_key)


def _pull_all(client: RegistrarClient, after: int = 0, limit: int = 500):
    items, pages = [], 0
    while True:
        page = client.pull_envelopes(after, limit)
        pages += 1
        items += page.items
        after = page.next_after
        if not page.more:
            return items, after, pages


def _event(box: nacl.public.SealedBox, key: nacl.signing.SigningKey, doc: dict, event_id: str | None = None):
    eid = event_id or secrets.token_hex(16)
    sealed = box.encrypt(json.dumps(doc).encode())
    return OutgoingEvent(eid, sealed, key.sign(event_signature_message(eid, sealed)).signature)


def _box(receiver) -> nacl.public.SealedBox:
    return nacl.public.SealedBox(nacl.public.PublicKey(receiver.sealing_public_key))


def test_enrolment_with_a_one_time_code_pins_the_certificate(receiver, desk):
    creds, _ = desk
    assert creds.registrar_id.startswith("reg_") and len(creds.registrar_id) == 20
    assert creds.name == "Team Noord"
    assert creds.certificate_sha256 == hashlib.sha256(receiver.cert_der).hexdigest()
    assert base64.b64decode(creds.sealing_public_key) == receiver.sealing_public_key
    assert base64.b64decode(creds.receipt_public_key) == receiver.receipt_public_key
    assert creds.token not in repr(creds)
    listed = receiver.cli("registrar", "list", check=True).stdout
    assert (
        creds.registrar_id in listed and "Team Noord" in listed and "Desk 1" in listed and "active" in listed
    )


def test_used_expired_unknown_and_device_codes_are_refused_with_their_codes(receiver):
    code = receiver.registrar_code("Team Zuid")
    enrol_registrar(receiver.url, code, _new_key(), "Desk 2")
    with pytest.raises(errors.EnrolmentRefused) as used:
        enrol_registrar(receiver.url, code, _new_key(), "Desk 3")
    assert used.value.code == "code_used" and used.value.status == 403
    # Valid for a few microseconds: expired before the desk can use it (no waiting needed).
    expired = receiver.registrar_code("Team Oost", hours=0.000000001)
    with pytest.raises(errors.EnrolmentRefused) as late:
        enrol_registrar(receiver.url, expired, _new_key(), "Desk 4")
    assert late.value.code == "code_expired"
    never = protocol.make_enrolment_code(receiver.cert_der)  # well-formed, never issued
    with pytest.raises(errors.EnrolmentRefused) as unknown:
        enrol_registrar(receiver.url, never, _new_key(), "Desk 5")
    assert unknown.value.code == "code_invalid"
    # A device enrolment code does not make a desk, and a registrar code does not make a device.
    with pytest.raises(errors.EnrolmentRefused) as device_code:
        enrol_registrar(receiver.url, receiver.enrol("Org"), _new_key(), "Desk 6")
    assert device_code.value.code == "code_invalid"
    r = receiver.session().post(
        receiver.url + "/v1/enrol",
        json={
            "code": receiver.registrar_code("Team West"),
            "label": "L",
            "device_public_key": base64.b64encode(_new_key()).decode(),
        },
        timeout=10,
    )
    assert r.status_code == 403 and r.json()["error"] == "code_invalid"
    # A code for another server (its hint names another certificate) is caught before anything is sent.
    with pytest.raises(errors.CertificateMismatch):
        enrol_registrar(receiver.url, protocol.make_enrolment_code(b"another certificate"), _new_key(), "D")
    with pytest.raises(errors.EnrolmentCodeInvalid):
        enrol_registrar(receiver.url, "not a code", _new_key(), "D")


def test_envelopes_are_pulled_exactly_as_sent_with_a_cursor_across_pages(receiver, desk):
    creds, _ = desk
    with RegistrarClient(creds) as client:
        _, start, _ = _pull_all(client)
        sent = {}
        for org, form_id in (("COA", "coa"), ("NLA", "nla"), ("Zorg", "zorg")):
            dev = receiver.enrol_device(f"{org} laptop", org=org)
            form = forms.catalog().get(form_id, 1)
            envs = [
                envelope.seal_report(
                    form,
                    report_answers(form_id, i=i),
                    envelope_id=protocol.new_envelope_id(),
                    created_at=protocol.utc_now(),
                    sealing_public_key=receiver.sealing_public_key,
                    signing_key=dev.signing_key,
                    device_id=dev.device_id,
                )
                for i in range(3)
            ]
            assert receiver.post_batch(dev, envs).status_code == 200
            sent.update({e.id: (e, dev, org) for e in envs})
        items, end, pages = _pull_all(client, start, limit=4)
        assert pages == 3 and len(items) == 9
        assert [i.seq for i in items] == list(range(start + 1, start + 10)) and end == start + 9
        assert [i.envelope["id"] for i in items] == list(sent)  # the order they were stored in
        for item in items:
            env, dev, org = sent[item.envelope["id"]]
            assert item.envelope == env.model_dump()  # exactly what the device sent
            assert item.device_id == dev.device_id and item.organisation == org
            assert item.device_public_key == bytes(dev.signing_key.verify_key)
            assert envelope.verify_envelope(item.envelope, item.device_public_key)
            receipt = protocol.Receipt.model_validate(item.receipt)
            assert envelope.verify_receipt(receipt, receiver.receipt_public_key)
            assert receipt.received_at == item.received_at
        # Idempotent: the same cursor gives the same items; the end gives nothing more.
        again, _, _ = _pull_all(client, start, limit=500)
        assert again == items
        empty = client.pull_envelopes(end)
        assert empty.items == [] and empty.next_after == end and not empty.more
        # A resend by the device is a duplicate: no new seq, nothing new to pull.
        env, dev, _ = next(iter(sent.values()))
        receiver.post_batch(dev, [env])
        assert client.pull_envelopes(end).items == []


def test_a_device_token_can_never_read(receiver, desk):
    dev = receiver.enrol_device("Curious laptop")
    s = receiver.session()
    for method, path in (
        ("GET", "/v1/registrar/envelopes"),
        ("GET", "/v1/registrar/events"),
        ("POST", "/v1/registrar/events"),
    ):
        r = s.request(method, receiver.url + path, headers=dev.headers, json={"events": []}, timeout=10)
        assert r.status_code == 403 and r.json()["error"] == "not_registrar", (path, r.text)
        r = s.request(method, receiver.url + path, json={"events": []}, timeout=10)
        assert r.status_code == 401 and r.json()["error"] == "unauthorized"
    creds, _ = desk
    as_device = RegistrarCredentials(
        creds.base_url,
        creds.registrar_id,
        dev.token,
        creds.certificate_sha256,
        creds.sealing_public_key,
        creds.receipt_public_key,
        creds.name,
    )
    with RegistrarClient(as_device) as client, pytest.raises(errors.NotAccepted) as refused:
        client.pull_envelopes(0)
    assert refused.value.code == "not_registrar" and refused.value.status == 403
    # Nor is a registrar token a device token.
    r = receiver.post_batch(
        type(dev)(creds.registrar_id, creds.token, dev.signing_key, {}), [receiver.seal(dev, {"n": 1})]
    )
    assert r.status_code == 401 and r.json()["error"] == "unauthorized"


def test_a_revoked_registrar_is_refused(receiver):
    creds, key = receiver.enrol_registrar("Team Leaving", "Old desk")
    with RegistrarClient(creds) as client:
        client.pull_envelopes(0, 1)
        client.push_events([_event(_box(receiver), key, {"state": "new"})])
        out = receiver.cli("registrar", "revoke", creds.registrar_id, check=True).stdout
        assert "revoked" in out
        for call in (
            lambda: client.pull_envelopes(0),
            lambda: client.pull_events(0),
            lambda: client.push_events([_event(_box(receiver), key, {"state": "x"})]),
        ):
            with pytest.raises(errors.Unauthorized) as refused:
                call()
            assert refused.value.revoked and refused.value.code == "revoked"
    assert "already" in receiver.cli("registrar", "revoke", creds.registrar_id, check=True).stdout
    unknown = receiver.cli("registrar", "revoke", "reg_ffffffffffffffff")
    assert (
        unknown.returncode == 1 and "registrar list" in unknown.stderr and "Traceback" not in unknown.stderr
    )
    listed = receiver.cli("registrar", "list", check=True).stdout
    assert any(creds.registrar_id in line and "revoked" in line for line in listed.splitlines())


def test_events_are_stored_once_and_ordered_for_every_desk(receiver, desk):
    creds_a, key_a = desk
    creds_b, key_b = receiver.enrol_registrar("Team Noord", "Desk 2")
    box = _box(receiver)
    with RegistrarClient(creds_a) as a, RegistrarClient(creds_b) as b:
        start = a.pull_events(0).next_after
        while (page := a.pull_events(start)).items:
            start = page.next_after
        first = [_event(box, key_a, {"n": i}) for i in range(3)]
        second = [_event(box, key_b, {"n": 10 + i}) for i in range(2)]
        stored_a = a.push_events(first)
        stored_b = b.push_events(second)
        assert [r.status for r in stored_a + stored_b] == ["stored"] * 5
        assert [r.seq for r in stored_a + stored_b] == list(range(start + 1, start + 6))
        # Sent again (a retry after a lost answer): duplicates with the original seqs, nothing new.
        again = a.push_events([first[1], first[0]])
        assert [(r.status, r.seq) for r in again] == [("duplicate", start + 2), ("duplicate", start + 1)]
        # The same id with other bytes, a bad signature, another desk's id: rejected, said why.
        changed = _event(box, key_a, {"n": "changed"}, event_id=first[2].id)
        forged = _event(box, key_b, {"n": "forged"})  # signed with desk B's key, sent by desk A
        stolen = OutgoingEvent(
            second[0].id,
            second[0].sealed,
            key_a.sign(event_signature_message(second[0].id, second[0].sealed)).signature,
        )
        bad = a.push_events([changed, forged, stolen])
        assert [r.status for r in bad] == ["rejected"] * 3 and all(r.seq is None for r in bad)
        assert bad[0].reason.startswith("conflict:") and bad[1].reason.startswith("bad_signature:")
        assert bad[2].reason.startswith("conflict:")
        # Both desks read one log in one order, with who wrote each event.
        log_a, log_b = a.pull_events(start), b.pull_events(start)
        assert log_a == log_b and not log_a.more
        assert [e.id for e in log_a.items] == [e.id for e in first + second]
        assert [e.sealed for e in log_a.items] == [e.sealed for e in first + second]
        assert [e.registrar_id for e in log_a.items] == [creds_a.registrar_id] * 3 + [
            creds_b.registrar_id
        ] * 2
        for e in log_a.items:
            nacl.signing.VerifyKey(e.registrar_public_key).verify(
                event_signature_message(e.id, e.sealed), e.signature
            )
        assert [e.seq for e in a.pull_events(start, limit=2).items] == [start + 1, start + 2]


def test_event_limits_and_bad_requests(receiver, desk):
    creds, key = desk
    s = receiver.session()
    headers = {"Authorization": f"Bearer {creds.token}"}
    url = receiver.url + "/v1/registrar/events"
    big = secrets.token_bytes(32 * 1024 + 1)
    eid = secrets.token_hex(16)
    body = {
        "events": [
            {
                "id": eid,
                "sealed": base64.b64encode(big).decode(),
                "signature": base64.b64encode(key.sign(event_signature_message(eid, big)).signature).decode(),
            },
            {"id": "not-an-id", "sealed": "AAAA", "signature": "x"},
        ]
    }
    r = s.post(url, json=body, headers=headers, timeout=30)
    assert r.status_code == 200
    results = r.json()["results"]
    assert results[0]["status"] == "rejected" and results[0]["reason"].startswith("too_large:")
    assert results[0]["id"] == eid
    assert results[1] == {"id": None, "seq": None, "status": "rejected", "reason": results[1]["reason"]}
    assert results[1]["reason"].startswith("schema:") and "not-an-id" not in results[1]["reason"]
    many = [{"id": secrets.token_hex(16), "sealed": "AAAA", "signature": "A" * 86 + "=="}] * 201
    r = s.post(url, json={"events": many}, headers=headers, timeout=30)
    assert r.status_code == 413 and r.json()["error"] == "too_many_events"
    for bad in ({"events": []}, {"events": {}}, {"other": 1}):
        r = s.post(url, json=bad, headers=headers, timeout=30)
        assert r.status_code == 422 and r.json()["error"] == "invalid_request"
    for query in ("after=-1", "after=x", "limit=0", "limit=501", "since=1"):
        r = s.get(receiver.url + "/v1/registrar/envelopes?" + query, headers=headers, timeout=10)
        assert r.status_code == 422 and r.json()["error"] == "invalid_request", query
    with RegistrarClient(creds) as client, pytest.raises(ValueError):
        client.push_events([_event(_box(receiver), key, {})] * 201)


def test_the_receiver_holds_no_plaintext(receiver, desk, tmp_path):
    """Field devices send reports with synthetic answers, desks log sealed triage notes; neither the
    database nor the log holds any of that text, while the desk, with the private key, reads it."""
    creds, key = desk
    needles: set[str] = set()
    for org, form_id in (("COA", "coa"), ("NLA", "nla"), ("Zorg", "zorg")):
        dev = receiver.enrol_device(f"{org} field laptop", org=org)
        form = forms.catalog().get(form_id, 1)
        answers = report_answers(form_id, i=7)
        env = envelope.seal_report(
            form,
            answers,
            envelope_id=protocol.new_envelope_id(),
            created_at=protocol.utc_now(),
            sealing_public_key=receiver.sealing_public_key,
            signing_key=dev.signing_key,
            device_id=dev.device_id,
        )
        assert receiver.post_batch(dev, [env]).status_code == 200
        minimised = forms.minimise(form, answers).answers
        needles |= {v for v in minimised.values() if isinstance(v, str) and v.startswith("Synthetic")}
    note = "Synthetic triage note " + secrets.token_hex(6)
    needles.add(note)
    with RegistrarClient(creds) as client:
        client.push_events([_event(_box(receiver), key, {"state": "in_behandeling", "note": note})])
        # Positive control: with the private key, the pulled data does hold the text.
        private = receiver.sealing_private_key_bytes()
        opened = ""
        items, _, _ = _pull_all(client)
        for item in items:
            env = protocol.Envelope.model_validate(item.envelope)
            opened += json.dumps(envelope.open_envelope(env, private))
        events = client.pull_events(0)
        opened += "".join(
            nacl.public.SealedBox(nacl.public.PrivateKey(private)).decrypt(e.sealed).decode()
            for e in events.items
        )
    assert len(needles) >= 4 and all(n in opened for n in needles)

    stored = _database_bytes(receiver)
    for n in needles:
        assert n.encode() not in stored, n
    log = receiver.log_path.read_text()
    assert not any(n in log for n in needles)
    assert creds.token not in log


def _database_bytes(receiver) -> bytes:
    """Everything the database holds, as bytes: the SQLite file and its WAL, or every value of
    every table in PostgreSQL (bytea as raw bytes, text as UTF-8)."""
    if receiver.database_url is None:
        db = receiver.data_dir / "receiver.sqlite3"
        data = b"".join(p.read_bytes() for p in (db, db.with_name(db.name + "-wal")) if p.exists())
        assert b"envelopes" in data and b"registrars" in data
        return data
    out = []
    with psycopg.connect(receiver.database_url) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
        ]
        assert {"envelopes", "events", "registrars", "registrar_codes"} <= set(tables)
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):  # noqa: S608 - names from the catalogue
                for value in row:
                    out.append(bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode())
    return b"\n".join(out)


def test_requests_without_tls_trust_are_refused(receiver, desk):
    """The client pins the certificate: a desk with the wrong pin sends nothing."""
    creds, _ = desk
    wrong = RegistrarCredentials(
        creds.base_url,
        creds.registrar_id,
        creds.token,
        "0" * 64,
        creds.sealing_public_key,
        creds.receipt_public_key,
        creds.name,
    )
    with RegistrarClient(wrong) as client, pytest.raises(errors.CertificateMismatch):
        client.pull_envelopes(0)
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(receiver.url + "/v1/registrar/envelopes", timeout=10)  # system trust: not ours


def test_hostile_bodies_get_plain_errors_that_do_not_repeat_them(receiver, desk):
    creds, _ = desk
    s = receiver.session()
    auth = {"Authorization": f"Bearer {creds.token}"}
    events = receiver.url + "/v1/registrar/events"
    marker = "SECRET-" + secrets.token_hex(4)
    cases = [
        (events, {**auth, "Content-Type": "text/plain"}, b"{}", 415, "unsupported_media_type"),
        (events, {**auth, "Content-Type": "application/json"}, marker.encode(), 422, "invalid_json"),
        (events, {**auth, "Content-Type": "application/json"}, b"[" * 100_000, 422, "invalid_json"),
        (
            events,
            {**auth, "Content-Type": "application/json"},
            b" " * (10 * 1024 * 1024 + 1),
            413,
            "body_too_large",
        ),
        (
            receiver.url + "/v1/registrar/enrol",
            {"Content-Type": "application/json"},
            json.dumps({"code": marker * 3, "label": "x", "registrar_public_key": "AAAA"}).encode(),
            422,
            "invalid_request",
        ),
        (
            receiver.url + "/v1/registrar/enrol",
            {"Content-Type": "application/json"},
            b" " * 9000,
            413,
            "body_too_large",
        ),
    ]
    for url, headers, body, status, error in cases:
        r = s.post(url, data=body, headers=headers, timeout=60)
        assert r.status_code == status and r.json()["error"] == error, (error, r.text[:200])
        assert marker not in r.text
    r = s.get(
        receiver.url + "/v1/registrar/envelopes", headers={"Authorization": "Bearer " + "x" * 200}, timeout=10
    )
    assert r.status_code == 401 and r.json()["error"] == "unauthorized"
