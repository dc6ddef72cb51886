"""The receiver over real TLS, in a subprocess, on SQLite and PostgreSQL (R14, R19)."""

from __future__ import annotations

import base64
import threading
import time

import nacl.signing
import pytest

from sync import envelope, protocol
from tests.receiver.conftest import BACKENDS
from tests.receiver.helpers import stored, stored_count

pytestmark = pytest.mark.parametrize("database_url", BACKENDS, indirect=True, scope="module")

ANSWERS = {"signal": "yes", "note": "synthetic test data"}


@pytest.fixture(scope="module")
def device(receiver):
    return receiver.enrol_device("Laptop A")


def results(resp):
    assert resp.status_code == 200, resp.text
    return protocol.parse_batch_response(resp.content).results


def test_health(receiver):
    r = receiver.session().get(receiver.url + "/v1/health", timeout=10)
    assert r.status_code == 200
    health = protocol.parse_health(r.content)
    assert health.protocol == 1


def test_enrolment_gives_keys_and_pins_the_certificate(receiver, device):
    resp = protocol.parse_enrol_response(device.response)
    assert base64.b64decode(resp.sealing_public_key) == receiver.sealing_public_key
    assert base64.b64decode(resp.receipt_public_key) == receiver.receipt_public_key
    assert resp.certificate_sha256 == protocol.certificate_sha256(receiver.cert_der)
    assert resp.organisation == "Test organisation"
    assert resp.limits.max_batch_envelopes == protocol.MAX_BATCH_ENVELOPES


def test_code_matches_the_served_certificate(receiver):
    code = receiver.enrol("Org B")
    assert protocol.code_matches_certificate(code, receiver.cert_der)


def _enrol(receiver, code, key=None):
    key = key or nacl.signing.SigningKey.generate()
    return receiver.session().post(
        receiver.url + "/v1/enrol",
        timeout=10,
        json={
            "code": code,
            "label": "Laptop",
            "device_public_key": base64.b64encode(bytes(key.verify_key)).decode(),
        },
    )


def test_code_is_single_use(receiver):
    code = receiver.enrol()
    assert _enrol(receiver, code).status_code == 201
    second = _enrol(receiver, code)
    assert second.status_code == 403
    assert protocol.parse_error_body(second.content).error == "code_used"


def test_code_with_separators_and_lowercase_works(receiver):
    code = receiver.enrol()
    assert _enrol(receiver, code.lower().replace("-", " ")).status_code == 201


def test_expired_code_fails(receiver):
    code = receiver.enrol(hours=0.0003)  # about a second
    time.sleep(1.3)
    r = _enrol(receiver, code)
    assert r.status_code == 403
    assert protocol.parse_error_body(r.content).error == "code_expired"


def test_unknown_code_fails(receiver):
    code = protocol.make_enrolment_code(receiver.cert_der)  # well-formed, never issued
    r = _enrol(receiver, code)
    assert r.status_code == 403 and protocol.parse_error_body(r.content).error == "code_invalid"


def test_store_then_duplicate_then_conflict(receiver, device):
    before = stored_count(receiver)
    envs = [receiver.seal(device, {**ANSWERS, "n": i}) for i in range(3)]
    first = results(receiver.post_batch(device, envs))
    assert [r.status for r in first] == ["stored"] * 3
    assert protocol.check_batch_response(envs, protocol.BatchResponse(results=first)) is None
    for r in first:
        assert envelope.verify_receipt(r.receipt, receiver.receipt_public_key)
    refs = [r.receipt.reference for r in first]
    numbers = [int(ref.rsplit("-", 1)[1]) for ref in refs]
    assert numbers == list(range(numbers[0], numbers[0] + 3)), "references are sequential"
    assert stored_count(receiver) == before + 3

    again = results(receiver.post_batch(device, envs))
    assert [r.status for r in again] == ["duplicate"] * 3
    assert [r.receipt for r in again] == [r.receipt for r in first], "the original receipts again"
    assert stored_count(receiver) == before + 3

    changed = receiver.seal(device, {**ANSWERS, "n": 99}, envelope_id=envs[0].id)
    conflict = results(receiver.post_batch(device, [changed]))
    assert conflict[0].status == "conflict" and conflict[0].receipt is None and conflict[0].reason
    row = stored(receiver, envs[0].id)
    assert row.sha256 == envs[0].sha256 and row.reference == refs[0], "the stored envelope is unchanged"
    assert stored_count(receiver) == before + 3


def test_duplicate_inside_one_batch(receiver, device):
    env = receiver.seal(device, ANSWERS)
    res = results(receiver.post_batch(device, [env, env]))
    assert [r.status for r in res] == ["stored", "duplicate"]
    assert res[0].receipt == res[1].receipt


def test_modified_receipt_does_not_verify(receiver, device):
    env = receiver.seal(device, ANSWERS)
    receipt = results(receiver.post_batch(device, [env]))[0].receipt
    assert envelope.verify_receipt(receipt, receiver.receipt_public_key)
    forged = receipt.model_dump() | {"reference": "CM-2026-999999"}
    assert not envelope.verify_receipt(forged, receiver.receipt_public_key)
    assert not envelope.verify_receipt(receipt, bytes(nacl.signing.SigningKey.generate().verify_key))


def test_bad_signature_and_tampered_hash_are_rejected(receiver, device):
    before = stored_count(receiver)
    good = receiver.seal(device, ANSWERS)
    other_key = nacl.signing.SigningKey.generate()
    wrong_signer = envelope.seal_envelope(
        ANSWERS,
        envelope_id=protocol.new_envelope_id(),
        form_id="coa-signaal",
        form_version=1,
        created_at=protocol.utc_now(),
        sealing_public_key=receiver.sealing_public_key,
        signing_key=other_key,
    )
    flipped_sig = bytearray(base64.b64decode(good.signature))
    flipped_sig[0] ^= 1
    bad_sig = good.model_copy(
        update={"id": protocol.new_envelope_id(), "signature": base64.b64encode(bytes(flipped_sig)).decode()}
    )
    raw = bytearray(base64.b64decode(good.sealed))
    raw[-1] ^= 1
    tampered = good.model_copy(update={"sealed": base64.b64encode(bytes(raw)).decode()})
    wrong_hash = good.model_copy(update={"sha256": "ab" * 32})
    res = results(receiver.post_batch(device, [wrong_signer, bad_sig, tampered, wrong_hash, good]))
    assert [r.status for r in res] == ["rejected"] * 4 + ["stored"]
    assert res[0].reason.startswith("bad_signature") and res[1].reason.startswith("bad_signature")
    assert res[2].reason.startswith("hash_mismatch") and res[3].reason.startswith("hash_mismatch")
    assert all(r.receipt is None for r in res[:4])
    assert stored_count(receiver) == before + 1
    assert stored(receiver, wrong_signer.id) is None and stored(receiver, bad_sig.id) is None


def test_replay_from_another_device_is_a_conflict(receiver, device):
    env = receiver.seal(device, ANSWERS)
    assert results(receiver.post_batch(device, [env]))[0].status == "stored"
    thief = receiver.enrol_device("Laptop T")
    # The thief re-signs the captured envelope with its own key.
    sig = thief.signing_key.sign(
        envelope.envelope_message(env.id, env.form_id, env.form_version, env.created_at, env.sha256)
    ).signature
    replay = env.model_copy(update={"signature": base64.b64encode(sig).decode()})
    res = results(receiver.post_batch(thief, [replay]))
    assert res[0].status == "conflict" and res[0].receipt is None


def test_unknown_and_revoked_devices_get_401(receiver):
    dev = receiver.enrol_device("Laptop R")
    env = receiver.seal(dev, ANSWERS)
    before = stored_count(receiver)
    receiver.revoke(dev.device_id)
    r = receiver.post_batch(dev, [env])
    assert r.status_code == 401 and protocol.parse_error_body(r.content).error == "revoked"
    assert "Bearer" in r.headers.get("WWW-Authenticate", "")
    dev.token = "x" * 43
    r = receiver.post_batch(dev, [env])
    assert r.status_code == 401 and protocol.parse_error_body(r.content).error == "unauthorized"
    assert stored_count(receiver) == before and stored(receiver, env.id) is None
    listing = receiver.cli("devices", check=True).stdout
    assert dev.device_id in listing and "revoked" in listing


def test_rate_limit_gives_429_with_retry_after(receiver):
    dev = receiver.enrol_device("Laptop F")
    s = receiver.session()
    statuses = []
    for _ in range(protocol.DEFAULT_RATE_PER_MINUTE + 5):
        r = s.post(receiver.url + "/v1/envelopes", json={"envelopes": []}, headers=dev.headers, timeout=10)
        statuses.append(r.status_code)
        if r.status_code == 429:
            assert int(r.headers["Retry-After"]) >= 1
            assert protocol.parse_error_body(r.content).error == "rate_limited"
            break
    assert statuses[-1] == 429 and set(statuses[:-1]) == {422}
    # Other devices are not affected.
    other = receiver.enrol_device("Laptop G")
    assert receiver.post_batch(other, [receiver.seal(other, ANSWERS)]).status_code == 200


def test_the_same_batch_sent_concurrently_is_stored_once(receiver, device):
    envs = [receiver.seal(device, {**ANSWERS, "c": i}) for i in range(20)]
    before = stored_count(receiver)
    answers = []
    lock = threading.Lock()

    def send():
        res = results(receiver.post_batch(device, envs))
        with lock:
            answers.append(res)

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == 4
    assert stored_count(receiver) == before + 20
    for i in range(20):
        receipts = {a[i].receipt.model_dump_json() for a in answers}
        assert len(receipts) == 1, "every answer for an envelope carries the same receipt"
        assert sorted(a[i].status for a in answers) == ["duplicate"] * 3 + ["stored"]
