"""Delivery composed into the real MainWindow (given its controller factory): the status bar, the
Settings panel, unlock/lock, delivery right after a finalise, the receipt of a sent report, a clean
stop, and a plain message when delivery cannot start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

import forms
from desktop.app import create_window
from desktop.core import delivery, operations
from desktop.core.store import keys
from desktop.sending import SyncController
from desktop.ui.connection import ConnectionPanel
from desktop.ui.receipt_view import ReceiptView
from forms import MINIMISATION_RULE
from tests.support.receiver import running_receiver
from tests.support.reports import report_answers

from .conftest import FORM_ID, PASS, run_on_store
from .test_end_to_end import _enrol_via_panel


def finalise_operation_with_sealing(store, record_id, answers, summary):
    """The one-line change proposed for desktop/core/operations.py: seal in the finalise transaction."""
    return store.finalise(record_id, answers, summary,
                          envelope=delivery.seal_for_finalise(store, record_id, answers),
                          sealed_rule=MINIMISATION_RULE)


@pytest.fixture
def window(qtbot, data_dir, test_keyring, monkeypatch):
    monkeypatch.setattr(operations, "finalise_operation", finalise_operation_with_sealing)
    win = create_window(data_dir, lang="en", secrets=keys.MemorySecretStore(), kdf="test",
                        delivery=lambda worker: SyncController(worker, probe_interval=0.3, data_dir=data_dir))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.delivery is not None, timeout=5000)  # right after the first paint
    yield win
    win.shutdown()


def test_delivery_is_wired_into_the_main_window(qtbot, tmp_path, window):
    ui = window.delivery
    assert ui is not None
    # First start: there is no store yet, so the status bar must not claim "Locked".
    assert window.stack.currentWidget() is window.setup_page
    assert not ui.status.isVisibleTo(window)
    with qtbot.waitSignal(window.unlocked, timeout=20_000):
        window.setup_page.create_requested.emit(PASS, "coa", "en")
    qtbot.waitUntil(lambda: ui.controller.state.kind == "not_enrolled", timeout=10_000)
    assert ui.status.isVisibleTo(window)
    assert ui.status.text() == "Not connected to CoMensha — connect via Settings"
    assert not window.status_label.isVisible()
    assert ui.status.settings_button.isVisibleTo(ui.status) and ui.status.settings_button.text() == "Connect…"

    with running_receiver(tmp_path / "rx") as rx:
        # Settings → "Connect to CoMensha" (the status bar's "Connect…" opens the same dialog).
        qtbot.mouseClick(ui.status.settings_button, _left())
        panel = window.settings_dialog.findChild(ConnectionPanel)
        assert panel is not None
        outcome = _enrol_via_panel(qtbot, panel, ui.controller, rx.url, rx.enrol())
        assert outcome.ok, outcome
        window.settings_dialog.close()

        # A report finalised through the app's finalise operation is sealed and sent at once.
        def draft_and_finalise(store):
            answers = report_answers(FORM_ID)
            draft = store.create_draft(FORM_ID, 1, answers, summary="COA · test")
            return operations.finalise_operation(store, draft.id, answers, "COA · test")

        rec = run_on_store(qtbot, window.worker, draft_and_finalise)
        assert rec.envelope is not None
        ui.controller.report_finalised(rec.id)  # what an open form's finalised signal calls
        qtbot.waitUntil(
            lambda: run_on_store(qtbot, window.worker, lambda s: s.get(rec.id).state) == "sent",
            timeout=20_000)
        qtbot.waitUntil(lambda: ui.status.text().startswith("All sent at "), timeout=10_000)

        # Lock: the sync thread lets go of the store; unlock: it starts again.
        window.lock()
        qtbot.waitUntil(lambda: ui.controller.state.kind == "locked", timeout=10_000)
        assert ui.status.text() == "Locked"
        with qtbot.waitSignal(window.unlocked, timeout=20_000):
            window._unlock(PASS)
        qtbot.waitUntil(lambda: ui.controller.state.kind == "all_sent", timeout=10_000)

        # Opening the sent report shows its receipt, checked again.
        loaded = {}
        window.worker.submit(lambda s: s.get(rec.id), lambda r: loaded.setdefault("r", r))
        qtbot.waitUntil(lambda: "r" in loaded, timeout=5000)
        window._catalog = None
        form = _any_form()
        window._open_form(form, loaded["r"])
        views = window.form_view.findChildren(ReceiptView)
        assert len(views) == 1  # one receipt, however many hooks asked for it
        view = views[0]
        qtbot.waitUntil(lambda: bool(view.checks), timeout=5000)
        assert view.checks[0].verified

    # Closing the window stops the sync thread before the store worker.
    window.close()
    assert ui.controller._thread.isFinished()


def _left():
    return Qt.MouseButton.LeftButton


def _any_form():
    return forms.catalog().latest()[0]


def test_a_delivery_that_cannot_start_is_told_and_recording_goes_on(qtbot, data_dir, monkeypatch):
    def broken(_worker):
        raise RuntimeError("synthetic: the sync thread could not start")

    shown = []
    monkeypatch.setattr("desktop.ui.window_commands.report_if_unexpected", shown.append)
    win = create_window(data_dir, lang="en", secrets=keys.MemorySecretStore(), kdf="test", delivery=broken)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.status_label.text() != "Not connected to CoMensha", timeout=5000)
    assert win.delivery is None
    assert win.status_label.text() == "Sending is not available: reports wait on this computer"
    assert "Restart Signaal" in win.status_label.toolTip()
    assert [type(e) for e in shown] == [RuntimeError]  # the bug goes to the crash dialog as well
    with qtbot.waitSignal(win.unlocked, timeout=20_000):
        win.setup_page.create_requested.emit(PASS, "coa", "en")
    win.new_report("coa")
    assert win.form_view is not None  # recording works without delivery
    win.shutdown()
