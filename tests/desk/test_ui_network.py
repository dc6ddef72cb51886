"""The exchange's HTTP runs on a thread of its own: with a receiver that accepts the connection and
never answers, the registrar's edits still complete at once (they used to wait behind the
exchange on the store's thread, up to the client's timeout)."""

from __future__ import annotations

import dataclasses
import socket

import pytest
from PySide6.QtCore import Qt

from desk.core import enrolment
from desk.core.store import DeskStore
from tests.desk.test_ui import _select
from tests.support.desk import PASSPHRASE


@pytest.fixture
def silent_receiver():
    """A TCP port that takes connections (the kernel's backlog) and never says a word."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    yield f"https://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


def test_an_edit_completes_while_the_receiver_hangs(qtbot, window, seeded, secrets, silent_receiver):
    store = DeskStore.open(seeded[0], PASSPHRASE, secrets=secrets)
    creds = dataclasses.replace(enrolment.credentials(store), base_url=silent_receiver)
    enrolment.save(store, enrolment.prepare(store), creds)
    store.close()
    w = window()
    qtbot.keyClicks(w.unlock_page.passphrase, PASSPHRASE)
    qtbot.keyClick(w.unlock_page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.inbox.model.rowCount() == 6 and w.inbox.model.row_at(0) is not None,
                    timeout=15000)
    qtbot.waitUntil(lambda: w._exchanging, timeout=10000)     # the exchange started and now waits
    _select(qtbot, w, 0)
    w.triage.step_buttons["in_progress"].setFocus()
    qtbot.keyClick(w.triage.step_buttons["in_progress"], Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: w.triage.state_label.text().startswith("In behandeling"), timeout=5000)
    w.triage.note_edit.setFocus()
    qtbot.keyClicks(w.triage.note_edit, "Gebeld terwijl de ontvanger zweeg")
    qtbot.keyClick(w.triage.note_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: w.triage.notes.count() == 1, timeout=5000)
    assert w._exchanging, "the exchange must still be waiting on the receiver"
    assert "ophalen" in w.status.text()
    # locking while the request hangs: nothing of the exchange comes back to a locked desk
    qtbot.keyClick(w.triage.note_edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.unlock_page, timeout=5000)
    assert w.status.text() == ""
