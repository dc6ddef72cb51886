"""Locked-mode delivery (desktop/core/spool.py): a report finalised offline goes out on its own, exactly
once, while Signaal is locked; its receipt is applied at the next unlock (SECURITY R1, R13, R14,
R21, R24). Real store on disk (kdf="test"), the test file keyring as the OS keyring, a real
receiver over TLS (tests/support/receiver.py)."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import nacl.secret
import nacl.utils
import pytest

from desktop.core import delivery, locked_sending, operations, spool
from desktop.core.store import keys
from desktop.sending import SyncController, SyncState
from desktop.ui.sync_status import SyncStatusWidget
from sync import envelope as envelope_mod
from sync import protocol
from tests.support.receiver import running_receiver
from tests.support.reports import report_answers

from .conftest import FORM_ID, PASS, make_final, run_on_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rx(tmp_path_factory):
    with running_receiver(tmp_path_factory.mktemp("rx-locked")) as receiver:
        yield receiver


@pytest.fixture
def receiver_up(rx):
    """Every test leaves the receiver running (some take it down to play 'no signal')."""
    yield rx
    if not rx.healthy(timeout=1):
        rx.start()


def _enrol(qtbot, controller, rx):
    controller.on_unlocked()
    with qtbot.waitSignal(controller.enrol_finished, timeout=20_000) as blocker:
        controller.enrol(rx.url, rx.enrol())
    assert blocker.args[0].ok, blocker.args[0]
    qtbot.waitUntil(lambda: controller.state.kind in ("idle", "all_sent"), timeout=10_000)


def _finalise(store, canary):
    """A report finalised the way the app does it (operations.finalise_operation)."""
    answers = report_answers(FORM_ID, free_text=canary)  # with consent: the canary is sealed in
    draft = store.create_draft(FORM_ID, 1, answers, summary="COA · test")
    return operations.finalise_operation(store, draft.id, answers, "COA · test")


def _lock(store_worker, controller):
    """What the app does on lock: drop queued jobs, close the store (the data key goes)."""
    store_worker.cancel_pending()
    store_worker.close_store()
    controller.on_locked()


def _unlock(qtbot, store_worker, controller):
    box = {}
    store_worker.open(store_worker.test_data_dir, PASS, secrets=store_worker.test_secrets,
                      on_done=lambda info: box.setdefault("info", info),
                      on_error=lambda exc: box.setdefault("error", exc))
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    assert "error" not in box, box.get("error")
    controller.on_unlocked()


def _at_server(rx, envelope_ids):
    with sqlite3.connect(f"file:{rx.data_dir / 'receiver.sqlite3'}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT id FROM envelopes").fetchall()
    return sorted(r[0] for r in rows if r[0] in set(envelope_ids))


def _files(folder: Path, suffix: str) -> list[Path]:
    return sorted(p for p in folder.glob(f"*{suffix}")) if folder.exists() else []


def _spool_key(data_dir, test_keyring) -> bytes:
    cfg = spool.load_config(data_dir)
    assert cfg is not None
    entries = json.loads(test_keyring.path.read_text())
    assert any(name.startswith("delivery-spool:") for name in entries)  # next to the token
    return cfg.key


def test_reports_go_out_while_locked_exactly_once_and_are_sent_after_unlock(
        qtbot, receiver_up, store_worker, controller, data_dir, test_keyring):
    rx = receiver_up
    status = SyncStatusWidget(controller)
    qtbot.addWidget(status)
    _enrol(qtbot, controller, rx)

    # At the farm: no signal. Three reports are finalised; each is spooled right away.
    rx.stop()
    canaries = [f"CANARY-{uuid.uuid4().hex}" for _ in range(3)]
    records = [run_on_store(qtbot, store_worker, lambda s, c=c: _finalise(s, c)) for c in canaries]
    for rec in records:
        assert rec.envelope is not None
        controller.report_finalised(rec.id)
    folder = spool.spool_dir(data_dir)
    qtbot.waitUntil(lambda: len(_files(folder, ".env")) == 3, timeout=10_000)
    envelope_ids = [rec.envelope["id"] for rec in records]

    # The laptop locks (the store closes, the data key is gone).
    _lock(store_worker, controller)
    qtbot.waitUntil(lambda: status.text() == "Locked — 3 reports waiting", timeout=10_000)

    # The spool: 0700 folder, 0600 files; no canary, no envelope id, no form id, nothing that
    # parses without the key from the keyring; with that key an envelope comes out (sealed).
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    raw = b""
    for p in folder.rglob("*"):
        if p.is_file():
            assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
            raw += p.read_bytes() + p.name.encode()
    for needle in [*canaries, *envelope_ids, FORM_ID, "coa"]:
        assert needle.encode() not in raw, needle
    for p in data_dir.rglob("*"):  # R1: nor anywhere else in the profile (store, WAL, keyfile)
        if p.is_file():
            assert not any(c.encode() in p.read_bytes() for c in canaries), p
    key = _spool_key(data_dir, test_keyring)
    sample = _files(folder, ".env")[0].read_bytes()
    with pytest.raises(ValueError):
        spool._open(nacl.utils.random(32), sample)
    with pytest.raises(ValueError):
        json.loads(sample)
    assert spool._open(key, sample)["envelope"]["id"] in envelope_ids

    # At the office: the connection is back; the sync thread sends while still locked.
    rx.start()
    qtbot.waitUntil(lambda: status.text().startswith("Locked — all sent at "), timeout=20_000)
    assert _at_server(rx, envelope_ids) == sorted(envelope_ids)
    assert _files(folder, ".env") == []
    assert len(_files(spool.receipts_dir(data_dir), ".rcpt")) == 3

    # Unlock: the receipts (verified again) mark the records sent, audited; the spool is empty.
    _unlock(qtbot, store_worker, controller)
    qtbot.waitUntil(lambda: run_on_store(qtbot, store_worker, lambda s: [s.get(r.id).state for r in records])
                    == ["sent"] * 3, timeout=15_000)
    qtbot.waitUntil(lambda: controller.state.kind == "all_sent", timeout=10_000)
    for rec in records:
        check = run_on_store(qtbot, store_worker, lambda s, r=rec: delivery.check_receipt(s, r.id))
        assert check.verified and check.reference.startswith("CM-")
    assert run_on_store(qtbot, store_worker, lambda s: s.outbox_count()) == 0
    assert _files(folder, ".env") == [] and _files(spool.receipts_dir(data_dir), ".rcpt") == []
    events = run_on_store(qtbot, store_worker, lambda s: [(e.event, e.record_id, e.detail)
                                                          for e in s.audit_entries()])
    assert ("sent", None, {"count": 3, "while_locked": True}) in events
    assert sorted(rid for name, rid, _ in events if name == "record.sent") == sorted(r.id for r in records)
    assert all(c not in json.dumps([d for *_x, d in events]) for c in canaries)
    assert _at_server(rx, envelope_ids) == sorted(envelope_ids)  # still once each


CRASHING_SENDER = r"""
import os, signal, sys
from desktop.core import locked_sending
from sync.client import ServerTrust, SyncClient
from tests.support.keyrings import use_file_keyring_from_env

use_file_keyring_from_env()

def crash(self, record_id, receipt):
    # The server has stored the envelope and answered; the process dies before the receipt is kept.
    os.kill(os.getpid(), signal.SIGKILL)

locked_sending.SpoolOutbox.mark_sent = crash
run = locked_sending.send_locked(
    sys.argv[1],
    make_client=lambda info, token, proxy: SyncClient(
        info.server_url, ServerTrust(cert_sha256=info.cert_sha256), token=token))
print("not killed:", run.status)
"""


def test_a_kill_after_the_server_stored_but_before_the_receipt_was_kept_sends_once(
        qtbot, receiver_up, store_worker, controller, data_dir, test_keyring):
    rx = receiver_up
    _enrol(qtbot, controller, rx)
    rx.stop()
    rec = run_on_store(qtbot, store_worker, lambda s: _finalise(s, "CANARY-crash"))
    controller.report_finalised(rec.id)
    folder = spool.spool_dir(data_dir)
    qtbot.waitUntil(lambda: len(_files(folder, ".env")) == 1, timeout=10_000)
    _lock(store_worker, controller)
    controller.stop()  # the app is gone; a locked sender in another process takes over
    rx.start()

    env = dict(os.environ, PYTHONPATH=str(ROOT), SIGNAAL_TEST_KEYRING=str(test_keyring.path))
    proc = subprocess.run([sys.executable, "-c", CRASHING_SENDER, str(data_dir)], env=env, cwd=str(ROOT),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == -9, proc.stdout + proc.stderr
    assert _at_server(rx, [rec.envelope["id"]]) == [rec.envelope["id"]]  # stored at CoMensha
    assert len(_files(folder, ".env")) == 1                              # still spooled
    assert _files(spool.receipts_dir(data_dir), ".rcpt") == []

    # Signaal starts again, locked: it resends, gets the original receipt back (duplicate).
    restarted = SyncController(store_worker, probe_interval=0.3, purge_check_interval=3600,
                               data_dir=data_dir)
    try:
        # The receipt is kept first, then the envelope file goes.
        qtbot.waitUntil(lambda: len(_files(spool.receipts_dir(data_dir), ".rcpt")) == 1
                        and _files(folder, ".env") == [], timeout=20_000)
        _unlock(qtbot, store_worker, restarted)
        qtbot.waitUntil(lambda: run_on_store(qtbot, store_worker, lambda s: s.get(rec.id).state) == "sent",
                        timeout=15_000)
        check = run_on_store(qtbot, store_worker, lambda s: delivery.check_receipt(s, rec.id))
        assert check.verified
        assert _at_server(rx, [rec.envelope["id"]]) == [rec.envelope["id"]]  # exactly once
    finally:
        restarted.stop()


def test_without_an_acceptable_keyring_nothing_is_sent_while_locked_and_the_status_says_why(
        qtbot, receiver_up, store_worker, controller, data_dir, test_keyring):
    rx = receiver_up
    delivery.use_secret_store(keys.NoSecretStore("test: no keyring"))  # the token goes into the store
    status = SyncStatusWidget(controller)
    qtbot.addWidget(status)
    _enrol(qtbot, controller, rx)
    assert run_on_store(qtbot, store_worker, delivery.token_location) == "store"
    rx.stop()
    records = [run_on_store(qtbot, store_worker, lambda s: _finalise(s, "CANARY-nokeyring"))
               for _ in range(2)]
    for rec in records:
        controller.report_finalised(rec.id)
    qtbot.waitUntil(lambda: controller.state.kind == "offline" and controller.state.waiting == 2,
                    timeout=15_000)
    _lock(store_worker, controller)
    qtbot.waitUntil(lambda: status.text() == "Locked — 2 reports will be sent after unlocking",
                    timeout=10_000)
    assert "keyring" in status.toolTip()
    assert not spool.spool_dir(data_dir).exists()
    assert not any(k.startswith("delivery-") for k in test_keyring._load())

    rx.start()
    # Nothing going out is what is tested, so the test has to let time pass: several probe
    # intervals. There is no event to wait for and SyncController has no clock to inject.
    qtbot.wait(1500)
    ids = [r.envelope["id"] for r in records]
    assert _at_server(rx, ids) == []
    assert status.text() == "Locked — 2 reports will be sent after unlocking"

    _unlock(qtbot, store_worker, controller)  # today's behaviour: sent after unlocking
    qtbot.waitUntil(lambda: run_on_store(qtbot, store_worker, lambda s: [s.get(r.id).state for r in records])
                    == ["sent", "sent"], timeout=20_000)
    assert _at_server(rx, ids) == sorted(ids)


def test_dutch_locked_texts(qtbot, controller, language):
    language("nl")
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    at = datetime(2026, 5, 1, 12, 2, tzinfo=UTC)
    hhmm = at.astimezone().strftime("%H:%M")
    cases = [
        (SyncState("locked"), "Vergrendeld"),
        (SyncState("locked", waiting=3, extra={"mode": "spool"}), "Vergrendeld — 3 meldingen wachten"),
        (SyncState("locked", last_sent_at=at, extra={"mode": "spool"}),
         f"Vergrendeld — alles verzonden om {hhmm}"),
        (SyncState("locked", waiting=2, extra={"mode": "unavailable"}),
         "Vergrendeld — 2 meldingen worden verzonden na ontgrendelen"),
        (SyncState("locked", done=1, total=3, extra={"mode": "sending"}), "Vergrendeld — verzenden 1/3"),
        (SyncState("locked", waiting=1, extra={"mode": "revoked"}),
         "Vergrendeld — dit apparaat is ingetrokken; 1 melding bewaard"),
    ]
    for state, text in cases:
        widget.show_state(state)
        assert widget.text() == text
    assert not widget.send_button.isVisibleTo(widget)


# ---------------------------------------------------------------------------------------------
# receipts kept in the spool are checked again at unlock (no server needed)


def _fake_enrol(store, result):
    prepared = delivery.prepare_enrolment(store, label="Testlaptop")
    return delivery.save_enrolment(store, prepared, result, "https://127.0.0.1:1/")


def test_a_tampered_or_forged_receipt_file_is_not_applied(qtbot, store_worker, data_dir, test_keyring):
    from .test_state import _enrolment

    result, _sealing, receipt_key = _enrolment()
    run_on_store(qtbot, store_worker, lambda s: _fake_enrol(s, result))
    a = run_on_store(qtbot, store_worker, make_final)
    b = run_on_store(qtbot, store_worker, make_final)
    run_on_store(qtbot, store_worker, spool.sync_with_store)
    key = _spool_key(data_dir, test_keyring)
    outbox = locked_sending.SpoolOutbox(data_dir, key)
    assert sorted(i.record_id for i in outbox.outbox_batch(10)) == sorted([a.id, b.id])

    def receipt(rec, reference="CM-2026-000001"):
        return envelope_mod.sign_receipt(
            envelope_id=rec.envelope["id"], sha256=rec.envelope["sha256"], received_at="2026-05-01T12:02:00Z",
            reference=reference, signing_key=receipt_key).model_dump(mode="json")

    # a: a genuine receipt, then one byte of the file flipped (it no longer opens).
    outbox.mark_sent(a.id, receipt(a))
    path_a = spool.receipts_dir(data_dir) / f"{spool.entry_name(key, a.id)}.rcpt"
    data = bytearray(path_a.read_bytes())
    data[-5] ^= 0x01
    path_a.write_bytes(bytes(data))
    # b: encrypted with the right key, but forged: the reference changed after signing, and
    # a genuine receipt of another report does not count either.
    forged = dict(receipt(b), reference="CM-2026-999999")
    outbox.mark_sent(b.id, forged)

    synced = run_on_store(qtbot, store_worker, spool.sync_with_store)
    assert (synced.applied, synced.refused_receipts) == (0, 2)
    states = run_on_store(qtbot, store_worker, lambda s: [s.get(a.id).state, s.get(b.id).state])
    assert states == ["final", "final"]
    assert run_on_store(qtbot, store_worker, lambda s: s.outbox_count()) == 2
    assert len(_files(spool.spool_dir(data_dir), ".env")) == 2  # spooled again: they will be resent
    events = run_on_store(qtbot, store_worker, lambda s: [(e.event, e.detail) for e in s.audit_entries()])
    assert ("spool.receipt_refused", {"count": 2}) in events

    outbox.mark_sent(b.id, receipt(a))  # a's genuine receipt filed for b
    synced = run_on_store(qtbot, store_worker, spool.sync_with_store)
    assert (synced.applied, synced.refused_receipts) == (0, 1)

    outbox.mark_sent(a.id, receipt(a))  # the genuine one
    synced = run_on_store(qtbot, store_worker, spool.sync_with_store)
    assert (synced.applied, synced.refused_receipts) == (1, 0)
    got = run_on_store(qtbot, store_worker, lambda s: s.get(a.id))
    assert got.state == "sent" and got.receipt["reference"] == "CM-2026-000001"
    assert _files(spool.receipts_dir(data_dir), ".rcpt") == []


def test_disconnect_deletes_the_spool_and_its_key(qtbot, store_worker, data_dir, test_keyring):
    from .test_state import _enrolment

    result, _sealing, _receipt_key = _enrolment()
    run_on_store(qtbot, store_worker, lambda s: _fake_enrol(s, result))
    run_on_store(qtbot, store_worker, make_final)
    run_on_store(qtbot, store_worker, spool.sync_with_store)
    assert len(_files(spool.spool_dir(data_dir), ".env")) == 1
    run_on_store(qtbot, store_worker, delivery.disconnect)
    assert not spool.spool_dir(data_dir).exists()
    assert not any(k.startswith("delivery-") for k in json.loads(test_keyring.path.read_text()))
    assert spool.load_config(data_dir) is None
    assert run_on_store(qtbot, store_worker, lambda s: s.outbox_count()) == 1  # the queue stays


def test_a_secret_box_with_the_wrong_key_does_not_open(tmp_path):
    key = nacl.utils.random(nacl.secret.SecretBox.KEY_SIZE)
    sealed = spool._seal(key, {"x": 1})
    assert spool._open(key, sealed) == {"x": 1}
    assert spool._seal(key, {"x": 1}) != sealed  # a random nonce each time
    with pytest.raises(ValueError):
        spool._open(nacl.utils.random(32), sealed)


def test_revoked_while_locked_stops_and_keeps_the_spool(
        qtbot, receiver_up, store_worker, controller, data_dir, test_keyring):
    rx = receiver_up
    status = SyncStatusWidget(controller)
    qtbot.addWidget(status)
    _enrol(qtbot, controller, rx)
    device_id = run_on_store(qtbot, store_worker, delivery.enrolment).device_id
    rx.stop()
    rec = run_on_store(qtbot, store_worker, lambda s: _finalise(s, "CANARY-revoked"))
    controller.report_finalised(rec.id)
    folder = spool.spool_dir(data_dir)
    qtbot.waitUntil(lambda: len(_files(folder, ".env")) == 1, timeout=10_000)
    _lock(store_worker, controller)
    rx.revoke(device_id)
    rx.start()
    qtbot.waitUntil(lambda: status.text() == "Locked — this device has been revoked; 1 report kept",
                    timeout=20_000)
    assert len(_files(folder, ".env")) == 1 and spool.load_config(data_dir).revoked
    assert _at_server(rx, [rec.envelope["id"]]) == []
    _unlock(qtbot, store_worker, controller)
    qtbot.waitUntil(lambda: controller.state.kind == "revoked", timeout=10_000)
    assert run_on_store(qtbot, store_worker, delivery.enrolment).revoked
    assert run_on_store(qtbot, store_worker, lambda s: s.get(rec.id).state) == "final"
    assert run_on_store(qtbot, store_worker, lambda s: s.outbox_count()) == 1


def test_a_conflict_and_a_refusal_while_locked_are_applied_at_unlock(qtbot, store_worker, data_dir,
                                                                      test_keyring):
    from .test_state import _enrolment

    result, _sealing, _receipt_key = _enrolment()
    run_on_store(qtbot, store_worker, lambda s: _fake_enrol(s, result))
    a = run_on_store(qtbot, store_worker, make_final)
    b = run_on_store(qtbot, store_worker, make_final)
    run_on_store(qtbot, store_worker, spool.sync_with_store)
    posts = []

    class AnsweringClient:
        def health(self):
            return True

        def post_batch(self, envelopes):
            posts.append([e.id for e in envelopes])
            results = []
            for i, env in enumerate(envelopes):
                status = "conflict" if env.id == a.envelope["id"] else "rejected"
                results.append(protocol.EnvelopeResult(index=i, id=env.id, status=status,
                                                       reason=f"{status} by the test server"))
            return protocol.BatchResponse(results=results)

        def close(self):
            pass

    store_worker.cancel_pending()
    store_worker.close_store()
    ctl = SyncController(store_worker, probe_interval=0.2, purge_check_interval=3600, data_dir=data_dir,
                         client_factory=lambda info, token, proxy: AnsweringClient())
    try:
        # Signaal starts locked: it sends from the spool; a conflict and a refusal are noted there.
        qtbot.waitUntil(lambda: len(_files(spool.spool_dir(data_dir), ".note")) == 2, timeout=10_000)
        qtbot.waitUntil(lambda: ctl.state.kind == "locked" and ctl.state.waiting == 1, timeout=10_000)
        _unlock(qtbot, store_worker, ctl)
        def conflict():
            return run_on_store(qtbot, store_worker, lambda s: s.get(a.id).conflict)

        qtbot.waitUntil(lambda: conflict() is not None, timeout=10_000)
        assert "conflict by the test server" in conflict()
        item = run_on_store(qtbot, store_worker, lambda s: {i.record_id: i for i in s.outbox_batch(10)})
        assert a.id not in item and item[b.id].attempts >= 1
        assert "rejected by the test server" in item[b.id].last_error
    finally:
        ctl.stop()
    assert ctl._thread.isFinished()


def test_unlock_reconciles_the_spool_with_the_outbox(qtbot, store_worker, data_dir, test_keyring):
    from .test_state import _enrolment

    result, _sealing, _receipt_key = _enrolment()
    run_on_store(qtbot, store_worker, lambda s: _fake_enrol(s, result))
    recs = [run_on_store(qtbot, store_worker, make_final) for _ in range(2)]
    folder = spool.spool_dir(data_dir)
    assert _files(folder, ".env") == []  # make_final is the bare store: nothing spooled it yet
    run_on_store(qtbot, store_worker, spool.sync_with_store)
    assert len(_files(folder, ".env")) == 2
    key = _spool_key(data_dir, test_keyring)
    missing = folder / f"{spool.entry_name(key, recs[0].id)}.env"
    missing.unlink()                                               # lost
    stray = folder / f"{spool.entry_name(key, 'gone-record')}.env"
    stray.write_bytes(spool._seal(key, {"record_id": "gone-record", "envelope": {}}))  # no longer queued
    synced = run_on_store(qtbot, store_worker, spool.sync_with_store)
    assert (synced.written, synced.removed) == (1, 1)
    assert missing.exists() and not stray.exists()
    assert sorted(i.record_id for i in locked_sending.SpoolOutbox(data_dir, key).outbox_batch(10)) == sorted(
        r.id for r in recs)
