"""The device side of the hand-off (desktop/core/handoff.py) on a real store: the file holds the
outbox envelopes byte for byte, signed by the device; a receipts file brought back marks exactly
the reports it has verified receipts for."""

from __future__ import annotations

import json

import nacl.signing
import pytest

from desktop.core import delivery
from desktop.core.handoff import HandoffError, apply_receipts_file, write_handoff_file
from sync import envelope as envelope_mod
from sync import handoff, protocol
from tests.support.outbox import queue_reports

DEVICE_ID = "dev_00112233445566aa"


def _enrol(store):
    device = nacl.signing.SigningKey.generate()
    receipt_key = nacl.signing.SigningKey.generate()
    sealing_private, sealing_public = envelope_mod.new_sealing_keypair()
    store.set_setting(delivery.DEVICE_KEY, bytes(device).hex())
    info = delivery.EnrolmentInfo("https://receiver.test", DEVICE_ID, sealing_public,
                                  bytes(receipt_key.verify_key), "0" * 64, None, None)
    store.set_setting(delivery.ENROLMENT, info.to_setting())
    return device, receipt_key, sealing_public, sealing_private


def test_handoff_file_holds_the_outbox_byte_for_byte(store, tmp_path):
    device, _, sealing_public, _ = _enrol(store)
    queue_reports(store, 6, sealing_public, device)
    outbox = [item.envelope for item in store.outbox_batch(100)]
    result = write_handoff_file(store, tmp_path / "overdracht.json")
    assert result.count == 6 and result.envelope_ids == [e["id"] for e in outbox]
    parsed = handoff.read_handoff((tmp_path / "overdracht.json").read_bytes())
    handoff.verify_handoff(parsed, bytes(device.verify_key))
    assert parsed.device_id == DEVICE_ID
    canon = [json.dumps(e, sort_keys=True, separators=(",", ":")) for e in outbox]
    assert [json.dumps(e, sort_keys=True, separators=(",", ":"))
            for e in handoff.envelope_dicts(parsed)] == canon
    assert store.outbox_count() == 6, "still queued: they also go out online; the receiver keeps one"
    assert any(e.event == "handoff.written" for e in store.audit_entries(limit=3))
    # Nothing in plain text in the file.
    blob = (tmp_path / "overdracht.json").read_bytes()
    for rid in result.envelope_ids:
        assert store.get(rid).summary.encode() not in blob


def test_receipts_file_marks_sent_only_what_verifies(store, tmp_path):
    device, receipt_key, sealing_public, _ = _enrol(store)
    queue_reports(store, 4, sealing_public, device)
    items = store.outbox_batch(100)

    def receipt(item, key=receipt_key, sha=None):
        return envelope_mod.sign_receipt(envelope_id=item.envelope["id"],
                                         sha256=sha or item.envelope["sha256"],
                                         received_at=protocol.utc_now(), reference="CM-2026-000123",
                                         signing_key=key)

    forged = receipt(items[1], key=nacl.signing.SigningKey.generate())
    wrong_hash = receipt(items[2], sha="f" * 64)
    data = handoff.write_receipts([receipt(items[0]), forged, wrong_hash], device_id=DEVICE_ID)
    applied = apply_receipts_file(store, data)
    assert (applied.applied, applied.already, applied.refused) == (1, 0, 2)
    assert store.get(items[0].record_id).state == "sent"
    assert [store.get(i.record_id).state for i in items[1:]] == ["final"] * 3
    again = apply_receipts_file(store, data)  # the same file twice: nothing new
    assert (again.applied, again.already) == (0, 1)
    with pytest.raises(HandoffError) as ei:
        other = handoff.write_receipts([receipt(items[3])], device_id="dev_ffffffffffffffff")
        apply_receipts_file(store, other)
    assert ei.value.code == "other_device" and "ander apparaat" in ei.value.text("nl")


def test_not_enrolled_and_empty_outbox(store, tmp_path):
    with pytest.raises(HandoffError) as ei:
        write_handoff_file(store, tmp_path / "x.json")
    assert ei.value.code == "not_enrolled"
    _enrol(store)
    with pytest.raises(HandoffError) as ei:
        write_handoff_file(store, tmp_path / "x.json")
    assert ei.value.code == "empty"
    assert not (tmp_path / "x.json").exists()
