"""The hand-off file format (sync/handoff.py): round trip, tamper detection, bounded parsing.

The envelopes in the file are byte-identical to the outbox envelopes, so the receiver's rule "an
envelope id is stored once" makes a report handed off and also sent online count once."""

from __future__ import annotations

import base64
import json
import uuid

import nacl.signing
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync import envelope as envelope_mod
from sync import handoff, protocol
from sync.handoff import HandoffError
from sync.receiver.storage import Incoming, open_storage

DEVICE_ID = "dev_0123456789abcdef"


def _outbox(keys, n=5):
    return [envelope_mod.seal_envelope({"q": f"antwoord {i}"}, envelope_id=str(uuid.uuid4()), form_id="coa",
                                       form_version=1, created_at=protocol.utc_now(),
                                       sealing_public_key=keys.sealing_public, signing_key=keys.device
                                       ).model_dump(mode="json") for i in range(n)]


def _canon(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()


def test_round_trip_keeps_every_envelope_byte_for_byte(keys):
    outbox = _outbox(keys)
    data = handoff.write_handoff(outbox, device_id=DEVICE_ID, signing_key=keys.device)
    parsed = handoff.read_handoff(data)
    handoff.verify_handoff(parsed, bytes(keys.device.verify_key))
    assert parsed.device_id == DEVICE_ID and len(parsed.envelopes) == 5
    got = handoff.envelope_dicts(parsed)
    assert [_canon(e) for e in got] == [_canon(e) for e in outbox]
    # What the receiver stores (and what an online POST carries) is the same bytes: same hash,
    # same signature, so an import and a later online send are one envelope id, one sha256.
    online = protocol.BatchRequest(envelopes=[protocol.Envelope.model_validate(e) for e in outbox])
    assert [e.model_dump(mode="json") for e in online.envelopes] == got
    for env in got:
        assert envelope_mod.open_envelope(env, keys.sealing_private)["envelope_id"] == env["id"]


def test_writing_is_deterministic_given_the_time(keys):
    outbox = _outbox(keys, 2)
    a = handoff.write_handoff(outbox, device_id=DEVICE_ID, signing_key=keys.device,
                              created_at="2026-11-28T10:00:00.000000Z")
    b = handoff.write_handoff(outbox, device_id=DEVICE_ID, signing_key=keys.device,
                              created_at="2026-11-28T10:00:00.000000Z")
    assert a == b  # Ed25519 is deterministic; canonical JSON


def _doc(keys, n=3):
    return json.loads(handoff.write_handoff(_outbox(keys, n), device_id=DEVICE_ID, signing_key=keys.device))


def _resign(doc, signing_key):
    doc["envelopes_sha256"] = handoff.envelopes_sha256(
        [protocol.Envelope.model_validate(e) for e in doc["envelopes"]])
    msg = handoff.handoff_message(doc["device_id"], doc["created_at"], len(doc["envelopes"]),
                                  doc["envelopes_sha256"])
    doc["signature"] = base64.b64encode(signing_key.sign(msg).signature).decode()
    return _canon(doc)


def test_a_changed_envelope_is_detected(keys):
    doc = _doc(keys)
    sealed = doc["envelopes"][1]["sealed"]
    doc["envelopes"][1]["sealed"] = ("B" if sealed[0] != "B" else "C") + sealed[1:]
    with pytest.raises(HandoffError) as ei:
        handoff.read_handoff(_canon(doc))
    assert ei.value.code == "digest_mismatch"
    assert "gewijzigd" in ei.value.text("nl") and "changed" in ei.value.text("en")


def test_a_recomputed_digest_without_the_device_key_is_detected(keys):
    doc = _doc(keys)
    doc["envelopes"].pop()  # drop a report and fix the digest, but the signature is the device's
    doc["envelopes_sha256"] = handoff.envelopes_sha256(
        [protocol.Envelope.model_validate(e) for e in doc["envelopes"]])
    parsed = handoff.read_handoff(_canon(doc))
    with pytest.raises(HandoffError) as ei:
        handoff.verify_handoff(parsed, bytes(keys.device.verify_key))
    assert ei.value.code == "bad_signature"


@pytest.mark.parametrize("field,value", [("device_id", "dev_ffffffffffffffff"),
                                         ("created_at", "2020-01-01T00:00:00Z")])
def test_changed_bundle_fields_break_the_signature(keys, field, value):
    doc = _doc(keys)
    doc[field] = value
    with pytest.raises(HandoffError) as ei:
        handoff.verify_handoff(handoff.read_handoff(_canon(doc)), bytes(keys.device.verify_key))
    assert ei.value.code == "bad_signature"


def test_another_device_key_is_refused(keys):
    data = handoff.write_handoff(_outbox(keys), device_id=DEVICE_ID, signing_key=keys.device)
    other = nacl.signing.SigningKey.generate()
    with pytest.raises(HandoffError) as ei:
        handoff.verify_handoff(handoff.read_handoff(data), bytes(other.verify_key))
    assert ei.value.code == "bad_signature"


def test_an_envelope_from_another_device_inside_a_validly_signed_bundle_is_refused(keys):
    doc = _doc(keys)
    thief = nacl.signing.SigningKey.generate()
    foreign = envelope_mod.seal_envelope({"q": "x"}, envelope_id=str(uuid.uuid4()), form_id="coa",
                                         form_version=1, created_at=protocol.utc_now(),
                                         sealing_public_key=keys.sealing_public, signing_key=thief)
    doc["envelopes"].append(foreign.model_dump(mode="json"))
    parsed = handoff.read_handoff(_resign(doc, keys.device))
    with pytest.raises(HandoffError) as ei:
        handoff.verify_handoff(parsed, bytes(keys.device.verify_key))
    assert ei.value.code == "bad_envelope_signature" and ei.value.index == 3
    with pytest.raises(HandoffError) as ei:  # and the device never writes such a file
        handoff.write_handoff(doc["envelopes"], device_id=DEVICE_ID, signing_key=keys.device)
    assert ei.value.code == "wrong_key"


def test_duplicate_ids_are_refused(keys):
    outbox = _outbox(keys, 2)
    with pytest.raises(HandoffError) as ei:
        handoff.write_handoff([outbox[0], outbox[0]], device_id=DEVICE_ID, signing_key=keys.device)
    assert ei.value.code == "duplicate_id"
    doc = _doc(keys, 2)
    doc["envelopes"][1] = doc["envelopes"][0]
    with pytest.raises(HandoffError) as ei:
        handoff.read_handoff(_resign(doc, keys.device))
    assert ei.value.code == "duplicate_id"


def test_empty_outbox_and_bad_device_id(keys):
    with pytest.raises(HandoffError) as ei:
        handoff.write_handoff([], device_id=DEVICE_ID, signing_key=keys.device)
    assert ei.value.code == "empty" and "geen afgeronde meldingen" in ei.value.text("nl")
    with pytest.raises(HandoffError) as ei:
        handoff.write_handoff(_outbox(keys, 1), device_id="dev_\nx", signing_key=keys.device)
    assert ei.value.code == "malformed"


HOSTILE = [
    b"",
    b"null",
    b"[]",
    b"{}",
    b"[" * 100_000 + b"]" * 100_000,
    b'{"format":' * 50_000 + b"1" + b"}" * 50_000,
    b"\xff\xfe\x00",
    b'{"format":"signaal-handoff","version":1,"extra":1}',
    b" " * (handoff.MAX_HANDOFF_BYTES + 1),
]


@pytest.mark.parametrize("data", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_files_raise_only_handoff_error(data):
    with pytest.raises(HandoffError) as ei:
        handoff.read_handoff(data)
    assert ei.value.code in ("malformed", "too_large")
    assert ei.value.text("nl") and ei.value.text("en")
    with pytest.raises(HandoffError):
        handoff.read_receipts(data)


def test_unknown_fields_in_an_envelope_are_refused(keys):
    doc = _doc(keys)
    doc["envelopes"][0]["answers"] = {"plain": "text"}
    with pytest.raises(HandoffError) as ei:
        handoff.read_handoff(_canon(doc))  # refused by shape, before any digest or signature
    assert ei.value.code == "malformed"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_files_raise_only_handoff_error(keys, data):
    good = handoff.write_handoff(_outbox(keys, 2), device_id=DEVICE_ID, signing_key=keys.device)
    blob = bytearray(good)
    for _ in range(data.draw(st.integers(1, 5))):
        i = data.draw(st.integers(0, len(blob) - 1))
        blob[i] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(blob)))
    try:
        parsed = handoff.read_handoff(bytes(blob[:cut] if data.draw(st.booleans()) else blob))
        handoff.verify_handoff(parsed, bytes(keys.device.verify_key))
    except HandoffError:
        return
    # Only a mutation that left the file meaning the same may pass (e.g. whitespace at the end).
    assert handoff.envelope_dicts(parsed) == handoff.envelope_dicts(handoff.read_handoff(good))


def test_receipts_file_round_trip(keys):
    receipt_key = nacl.signing.SigningKey.generate()
    env = _outbox(keys, 1)[0]
    r = envelope_mod.sign_receipt(envelope_id=env["id"], sha256=env["sha256"], received_at=protocol.utc_now(),
                                  reference="CM-2026-000001", signing_key=receipt_key)
    data = handoff.write_receipts([r], device_id=DEVICE_ID)
    parsed = handoff.read_receipts(data)
    assert parsed.device_id == DEVICE_ID and parsed.receipts == [r]
    assert envelope_mod.verify_receipt(parsed.receipts[0], bytes(receipt_key.verify_key))


def test_imported_twice_and_sent_online_is_stored_once(keys, tmp_path):
    """With the reference receiver's storage (SQLite): an import of the file, the same file again,
    and the same reports online are one stored copy each (same id, same sha256 → duplicate)."""

    def incoming(env) -> Incoming:
        return Incoming(env["id"], env["form_id"], env["form_version"], env["created_at"],
                        base64.b64decode(env["sealed"]), env["sha256"], env["signature"])

    storage = open_storage(tmp_path)
    storage.add_code("c" * 64, "COA", "2026-01-01T00:00:00Z", "2099-01-01T00:00:00Z")
    assert storage.redeem_code("c" * 64, "2026-01-01T00:00:00Z", DEVICE_ID, "laptop",
                               base64.b64encode(bytes(keys.device.verify_key)).decode(), "t" * 64)[0] == "ok"

    def sign(envelope_id, sha256, received_at, reference):
        return "A" * 86 + "=="

    outbox = _outbox(keys, 4)
    data = handoff.write_handoff(outbox, device_id=DEVICE_ID, signing_key=keys.device)
    outcomes = []
    for _ in range(2):  # imported twice
        parsed = handoff.read_handoff(data)
        handoff.verify_handoff(parsed, bytes(keys.device.verify_key))
        items = [incoming(e) for e in handoff.envelope_dicts(parsed)]
        result = storage.store_batch(parsed.device_id, items, protocol.utc_now(), sign)
        outcomes.append([o[0] for o in result])
    items = [incoming(e) for e in outbox]
    online = [o[0] for o in storage.store_batch(DEVICE_ID, items, protocol.utc_now(), sign)]
    assert outcomes == [["stored"] * 4, ["duplicate"] * 4]
    assert online == ["duplicate"] * 4
    assert storage.count_envelopes() == 4
    storage.close()
