"""Delivery state without a server: sealing at finalise, sealing later, token placement, receipts,
retention. Real store on disk, through the real store worker thread."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import nacl.public
import nacl.signing

from desktop.core import delivery
from desktop.core.store import keys
from desktop.sending import SyncController
from desktop.ui.receipt_view import ReceiptView
from desktop.ui.sync_status import SyncStatusWidget
from sync import envelope as envelope_mod
from sync import errors, protocol

from .conftest import make_final, run_on_store, sent_answers


@dataclass
class FakeEnrolment:
    device_id: str
    token: str
    sealing_public_key: bytes
    receipt_public_key: bytes
    cert_sha256: str
    cert_pem: str


def _enrolment():
    sealing = nacl.public.PrivateKey.generate()
    receipt = nacl.signing.SigningKey.generate()
    result = FakeEnrolment("dev_0123456789abcdef", "t" * 43, bytes(sealing.public_key),
                           bytes(receipt.verify_key), "ab" * 32, "")
    return result, sealing, receipt


def _enrol(store, result):
    prepared = delivery.prepare_enrolment(store, label="Testlaptop")
    return delivery.save_enrolment(store, prepared, result, "https://127.0.0.1:1/")


def test_finalise_before_enrolment_waits_then_is_sealed_at_enrolment(qtbot, store_worker, test_keyring):
    rec = run_on_store(qtbot, store_worker, make_final)
    assert rec.state == "final" and rec.envelope is None
    assert run_on_store(qtbot, store_worker, lambda s: s.outbox_count()) == 0
    assert run_on_store(qtbot, store_worker, lambda s: [r.id for r in s.records_awaiting_seal()]) == [rec.id]

    result, sealing, _receipt = _enrolment()
    sealed = run_on_store(qtbot, store_worker, lambda s: _enrol(s, result))
    assert sealed == 1
    got = run_on_store(qtbot, store_worker, lambda s: s.get(rec.id))
    assert got.state == "final" and got.envelope is not None
    assert run_on_store(qtbot, store_worker, lambda s: s.outbox_count()) == 1
    # The envelope opens with CoMensha's private key, and carries the record's id and answers.
    env = protocol.Envelope.model_validate(got.envelope)
    opened = envelope_mod.open_envelope(env, bytes(sealing))
    assert opened["answers"] == sent_answers()
    device_key = run_on_store(qtbot, store_worker, delivery.device_signing_key)
    assert envelope_mod.verify_envelope(env, bytes(device_key.verify_key))
    # The token is in the (test) keyring, not in the store; the enrolment is audited without content.
    assert run_on_store(qtbot, store_worker, delivery.token_location) == "keyring"
    assert run_on_store(qtbot, store_worker, delivery.load_token) == "t" * 43
    events = run_on_store(qtbot, store_worker, lambda s: [e.event for e in s.audit_entries()])
    assert "enrolled" in events and "sealed" in events


def test_finalise_when_enrolled_seals_in_the_same_transaction(qtbot, store_worker):
    result, _sealing, _receipt = _enrolment()
    run_on_store(qtbot, store_worker, lambda s: _enrol(s, result))
    rec = run_on_store(qtbot, store_worker, make_final)
    assert rec.envelope is not None and rec.state == "final"
    items = run_on_store(qtbot, store_worker, lambda s: s.outbox_batch(10))
    assert [i.record_id for i in items] == [rec.id]
    assert items[0].envelope == rec.envelope


def test_token_goes_to_the_store_without_an_acceptable_keyring(qtbot, store_worker, monkeypatch):
    monkeypatch.setattr(keys, "choose_secret_store", lambda: keys.NoSecretStore("none"))
    result, _sealing, _receipt = _enrolment()
    run_on_store(qtbot, store_worker, lambda s: _enrol(s, result))
    assert run_on_store(qtbot, store_worker, delivery.token_location) == "store"
    assert run_on_store(qtbot, store_worker, delivery.load_token) == "t" * 43


def test_disconnect_keeps_device_key_and_queue(qtbot, store_worker):
    result, _sealing, _receipt = _enrolment()
    run_on_store(qtbot, store_worker, lambda s: _enrol(s, result))
    run_on_store(qtbot, store_worker, make_final)
    seed = run_on_store(qtbot, store_worker, delivery.device_seed)
    run_on_store(qtbot, store_worker, delivery.disconnect)
    assert run_on_store(qtbot, store_worker, delivery.enrolment) is None
    assert run_on_store(qtbot, store_worker, delivery.load_token) is None
    assert run_on_store(qtbot, store_worker, delivery.device_seed) == seed
    assert run_on_store(qtbot, store_worker, lambda s: s.outbox_count()) == 1
    events = run_on_store(qtbot, store_worker, lambda s: [e.event for e in s.audit_entries()])
    assert "disconnected" in events


def _send_with_receipt(store, record_id, receipt_key, *, days_ago=0):
    env = protocol.Envelope.model_validate(store.get(record_id).envelope)
    received = datetime.now(UTC) - timedelta(days=days_ago)
    receipt = envelope_mod.sign_receipt(envelope_id=env.id, sha256=env.sha256, received_at=received,
                                        reference="CM-2026-000123", signing_key=receipt_key)
    store.mark_sent(record_id, receipt.model_dump(mode="json"))
    return receipt


def test_receipt_view_verifies_and_flags_a_tampered_receipt(qtbot, store_worker):
    result, _sealing, receipt_key = _enrolment()
    run_on_store(qtbot, store_worker, lambda s: _enrol(s, result))
    rec = run_on_store(qtbot, store_worker, make_final)
    run_on_store(qtbot, store_worker, lambda s: _send_with_receipt(s, rec.id, receipt_key))

    view = ReceiptView(store_worker)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.load()
    assert len(view.checks) == 1 and view.checks[0].verified
    assert view.table.item(0, 0).text() == "CM-2026-000123"
    assert view.table.item(0, 2).text() == view.checks[0].sha256 and len(view.checks[0].sha256) == 64
    assert "verified" in view.table.item(0, 3).text()

    def tamper(store):
        # Change the stored receipt behind the app's back (a forged reference).
        raw = store.get(rec.id).receipt
        raw = dict(raw, reference="CM-2026-000999")
        store._c().execute("UPDATE records SET receipt = ? WHERE id = ?", (json.dumps(raw), rec.id))

    run_on_store(qtbot, store_worker, tamper)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()
    assert not view.checks[0].verified
    assert "NOT verify" in view.table.item(0, 3).text()


def test_retention_purge_at_unlock_keeps_receipt_and_is_audited(qtbot, store_worker, controller):
    result, _sealing, receipt_key = _enrolment()
    run_on_store(qtbot, store_worker, lambda s: _enrol(s, result))
    old = run_on_store(qtbot, store_worker, make_final)
    fresh = run_on_store(qtbot, store_worker, make_final)
    run_on_store(qtbot, store_worker, lambda s: _send_with_receipt(s, old.id, receipt_key))
    run_on_store(qtbot, store_worker, lambda s: _send_with_receipt(s, fresh.id, receipt_key))

    def age(store):
        when = (datetime.now(UTC) - timedelta(days=31)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        store._c().execute("UPDATE records SET sent_at = ? WHERE id = ?", (when, old.id))

    run_on_store(qtbot, store_worker, age)
    with qtbot.waitSignal(controller.purged, timeout=10_000) as blocker:
        controller.on_unlocked()
    assert blocker.args == [1]
    got = run_on_store(qtbot, store_worker, lambda s: s.get(old.id))
    assert got.state == "purged" and got.answers is None and got.envelope is None
    assert got.receipt is not None and got.receipt["reference"] == "CM-2026-000123"
    assert run_on_store(qtbot, store_worker, lambda s: s.get(fresh.id)).state == "sent"
    entries = run_on_store(qtbot, store_worker, lambda s: s.audit_entries())
    purged = [e for e in entries if e.event == "purged"]
    assert purged and purged[0].detail == {"count": 1, "retention_days": 30}
    # The daily check does nothing again within the day.
    assert run_on_store(qtbot, store_worker, lambda s: delivery.run_purge(s, force=False)) == 0
    controller.on_locked()


def test_a_genuine_receipt_of_another_report_does_not_count(qtbot, store_worker):
    result, _sealing, receipt_key = _enrolment()
    run_on_store(qtbot, store_worker, lambda s: _enrol(s, result))
    a = run_on_store(qtbot, store_worker, make_final)
    b = run_on_store(qtbot, store_worker, make_final)
    run_on_store(qtbot, store_worker, lambda s: _send_with_receipt(s, a.id, receipt_key))
    run_on_store(qtbot, store_worker, lambda s: _send_with_receipt(s, b.id, receipt_key))

    def swap(store):
        ra, rb = store.get(a.id).receipt, store.get(b.id).receipt
        for rid, receipt in ((a.id, rb), (b.id, ra)):
            store._c().execute("UPDATE records SET receipt = ? WHERE id = ?", (json.dumps(receipt), rid))

    run_on_store(qtbot, store_worker, swap)
    view = ReceiptView(store_worker)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.load([a.id, b.id])
    assert [c.verified for c in view.checks] == [False, False]
    assert {c.reason for c in view.checks} == {"other-report"}
    assert "belongs to another report" in view.table.item(0, 3).text()


def test_a_refusal_is_shown_with_the_reason_and_not_retried_on_its_own(qtbot, store_worker):
    calls = []

    class RefusingClient:
        def health(self):
            calls.append("health")
            return True

        def post_batch(self, envelopes):
            calls.append("post")
            raise errors.NotAccepted(400, "the batch is not accepted")

        def close(self):
            pass

    result, _sealing, _receipt = _enrolment()
    run_on_store(qtbot, store_worker, lambda s: _enrol(s, result))
    run_on_store(qtbot, store_worker, make_final)
    controller = SyncController(store_worker, probe_interval=0.2,
                                client_factory=lambda info, token, proxy: RefusingClient())
    try:
        status = SyncStatusWidget(controller)
        qtbot.addWidget(status)
        controller.on_unlocked()
        qtbot.waitUntil(lambda: controller.state.kind == "error", timeout=10_000)
        assert "the batch is not accepted" in status.text()
        assert "1 report waiting" in status.text()
        posts = calls.count("post")
        # Nothing happening is what is tested, so the test has to let time pass: five probe
        # intervals. There is no event to wait for and SyncController has no clock to inject.
        qtbot.wait(1000)
        assert calls.count("post") == posts
        controller.send_now()  # the user asks: one more try
        qtbot.waitUntil(lambda: calls.count("post") == posts + 1, timeout=5000)
        assert run_on_store(qtbot, store_worker, lambda s: s.outbox_count()) == 1
    finally:
        controller.stop()
    assert controller._thread.isFinished()
