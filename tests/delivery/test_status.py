"""The status bar says where delivery stands: offline with N waiting, sending progress, all sent at
HH:MM, revoked (queue intact, re-enrol sends it), conflicts flagged. Real store, real receiver."""

from __future__ import annotations

import json
import sqlite3

import pytest

from desktop.core import delivery
from desktop.ui.connection import ConnectionPanel
from desktop.ui.sync_status import SyncStatusWidget
from forms import MINIMISATION_RULE
from sync import protocol
from tests.support.receiver import running_receiver
from tests.support.reports import report_answers

from .conftest import lock_and_unlock, make_final, run_on_store
from .test_end_to_end import _enrol_via_panel


@pytest.fixture(scope="module")
def rx(tmp_path_factory):
    with running_receiver(tmp_path_factory.mktemp("rx-status")) as receiver:
        yield receiver


@pytest.fixture
def enrolled(qtbot, rx, store_worker, controller):
    """An unlocked store, enrolled through the panel; returns (panel, status widget, device id)."""
    status = SyncStatusWidget(controller)
    qtbot.addWidget(status)
    panel = ConnectionPanel(controller, store_worker)
    qtbot.addWidget(panel)
    controller.on_unlocked()
    outcome = _enrol_via_panel(qtbot, panel, controller, rx.url, rx.enrol())
    assert outcome.ok, outcome
    qtbot.waitUntil(lambda: controller.state.kind in ("idle", "all_sent"), timeout=10_000)
    return panel, status, outcome.device_id


def _texts(controller, status):
    seen = []
    controller.state_changed.connect(lambda state: seen.append(status.describe(state)))
    return seen


def _state_of(qtbot, store_worker, record_id):
    return run_on_store(qtbot, store_worker, lambda s: s.get(record_id).state)


def test_offline_shows_waiting_count_in_dutch_and_sends_when_back(qtbot, rx, store_worker, controller,
                                                                   enrolled, language, monkeypatch):
    _panel, status, _device = enrolled
    # The server is down, the network is up: that is not "Offline" (issue 14), it is CoMensha that
    # does not answer.
    monkeypatch.setattr("desktop.ui.sync_status.network_down", lambda: False)
    rx.stop()
    try:
        ids = [run_on_store(qtbot, store_worker, make_final).id for _ in range(3)]
        controller.send_now()
        # (a probe may have said "offline" before the third report was queued: wait for all three)
        qtbot.waitUntil(lambda: controller.state.kind == "offline" and controller.state.waiting == 3,
                        timeout=15_000)
        assert status.text() == "CoMensha not reachable — 3 reports waiting"
        language("nl")
        qtbot.waitUntil(lambda: status.text() == "CoMensha niet bereikbaar — 3 meldingen wachten",
                        timeout=5000)
        assert status.send_button.text() == "Nu verzenden"
        assert run_on_store(qtbot, store_worker, lambda s: s.outbox_count()) == 3
    finally:
        rx.start()
    # The connection is back: the timer (health probe) finds it and sends on its own.
    qtbot.waitUntil(lambda: all(_state_of(qtbot, store_worker, i) == "sent" for i in ids), timeout=20_000)
    qtbot.waitUntil(lambda: controller.state.kind == "all_sent", timeout=10_000)
    hhmm = controller.state.last_sent_at.astimezone().strftime("%H:%M")
    assert status.text() == f"Alles verzonden om {hhmm}"


def test_sending_progress_is_shown(qtbot, store_worker, controller, enrolled):
    _panel, status, _device = enrolled
    controller.on_locked()  # hold the worker while the queue fills
    qtbot.waitUntil(lambda: controller.state.kind == "locked", timeout=5000)

    def fill(store):
        for _ in range(120):
            make_final(store)

    run_on_store(qtbot, store_worker, fill, timeout=60_000)
    seen = _texts(controller, status)
    controller.on_unlocked()
    qtbot.waitUntil(lambda: controller.state.kind == "all_sent", timeout=60_000)
    assert "Sending 0/120" in seen
    assert "Sending 100/120" in seen
    assert "Sending 120/120" in seen
    assert run_on_store(qtbot, store_worker, lambda s: s.outbox_count()) == 0


def test_revoked_device_is_told_to_reenrol_and_keeps_its_queue(qtbot, rx, store_worker, controller, enrolled):
    panel, status, device_id = enrolled
    rx.revoke(device_id)
    rec = run_on_store(qtbot, store_worker, make_final)
    controller.send_now()
    qtbot.waitUntil(lambda: controller.state.kind == "revoked", timeout=15_000)
    assert status.text() == ("This device has been revoked — connect again via Settings · "
                             "1 report kept in the queue")
    assert not status.send_button.isVisible()
    assert run_on_store(qtbot, store_worker, lambda s: s.outbox_count()) == 1
    assert _state_of(qtbot, store_worker, rec.id) == "final"
    info = run_on_store(qtbot, store_worker, delivery.enrolment)
    assert info.revoked
    panel.refresh()
    qtbot.waitUntil(lambda: "revoked by CoMensha" in panel.state_label.text(), timeout=5000)
    assert panel.connect_button.isVisibleTo(panel)

    # A new code from CoMensha: the same device key enrols again and the queue goes out.
    outcome = _enrol_via_panel(qtbot, panel, controller, rx.url, rx.enrol())
    assert outcome.ok, outcome
    assert outcome.device_id != device_id
    qtbot.waitUntil(lambda: _state_of(qtbot, store_worker, rec.id) == "sent", timeout=20_000)
    qtbot.waitUntil(lambda: controller.state.kind == "all_sent", timeout=10_000)


def test_conflict_is_flagged(qtbot, store_worker, controller, enrolled):
    _panel, status, _device = enrolled
    first = run_on_store(qtbot, store_worker, make_final)
    controller.report_finalised(first.id)  # what the finalise operation's callback does
    qtbot.waitUntil(lambda: _state_of(qtbot, store_worker, first.id) == "sent", timeout=20_000)

    def same_id_other_content(store):
        # Another report that (through a bug or a restored backup) reuses the first one's envelope
        # id with other content: CoMensha answers "conflict" and keeps the original.
        answers = report_answers("coa", i=1)
        draft = store.create_draft("coa", 1, answers, summary="COA · ander")
        env = delivery.build_envelope(store, store.get(first.id), answers)
        return store.finalise(draft.id, answers, "COA · ander", env, sealed_rule=MINIMISATION_RULE)

    clash = run_on_store(qtbot, store_worker, same_id_other_content)
    assert protocol.Envelope.model_validate(clash.envelope).id == \
        protocol.Envelope.model_validate(first.envelope).id
    controller.send_now()
    qtbot.waitUntil(lambda: controller.state.conflicts == 1, timeout=15_000)
    got = run_on_store(qtbot, store_worker, lambda s: s.get(clash.id))
    assert got.state == "final" and got.conflict
    assert run_on_store(qtbot, store_worker, lambda s: s.outbox_count()) == 0
    assert status.text().endswith("1 conflict — see the report list")
    assert status.label.property("problem") is True


def test_refused_report_is_held_back_and_shown(qtbot, store_worker, controller, enrolled):
    _panel, status, _device = enrolled
    controller.on_locked()
    qtbot.waitUntil(lambda: controller.state.kind == "locked", timeout=5000)

    def broken_signature(store):
        rec = make_final(store)
        env = dict(rec.envelope, signature="A" * 86 + "==")  # well formed, but not the device's
        store._c().execute("UPDATE outbox SET envelope = ? WHERE record_id = ?", (json.dumps(env), rec.id))
        return rec

    rec = run_on_store(qtbot, store_worker, broken_signature)
    controller.on_unlocked()
    # Refused five times, then held back from automatic sending and shown as such.
    qtbot.waitUntil(lambda: controller.state.extra.get("held") == 1, timeout=30_000)
    assert "1 report refused by CoMensha — press Send now to try again" in status.text()
    items = run_on_store(qtbot, store_worker, lambda s: s.outbox_batch(10))
    assert [i.record_id for i in items] == [rec.id] and items[0].attempts >= 5 and items[0].last_error
    assert _state_of(qtbot, store_worker, rec.id) == "final"


def test_lock_while_sending_loses_nothing_and_sends_nothing_twice(qtbot, rx, store_worker, controller,
                                                                  enrolled):
    controller.on_locked()
    qtbot.waitUntil(lambda: controller.state.kind == "locked", timeout=5000)

    def fill(store):
        return [make_final(store).id for _ in range(150)]

    ids = run_on_store(qtbot, store_worker, fill, timeout=60_000)
    controller.on_unlocked()
    qtbot.waitUntil(lambda: controller.state.kind == "sending", timeout=15_000)
    lock_and_unlock(qtbot, store_worker, controller)  # the app locks in the middle of a send
    qtbot.waitUntil(lambda: controller.state.kind == "all_sent", timeout=60_000)
    states = run_on_store(qtbot, store_worker, lambda s: [s.get(i).state for i in ids])
    assert states == ["sent"] * len(ids)
    assert run_on_store(qtbot, store_worker, lambda s: s.outbox_count()) == 0
    envelope_ids = run_on_store(qtbot, store_worker, lambda s: [s.get(i).envelope["id"] for i in ids])
    with sqlite3.connect(f"file:{rx.data_dir / 'receiver.sqlite3'}?mode=ro", uri=True) as db:
        stored = [row[0] for row in db.execute("SELECT id FROM envelopes")]
    assert sorted(i for i in stored if i in set(envelope_ids)) == sorted(envelope_ids)
