"""Every keystroke typed before a lock, an auto-lock or closing the window is stored.

The store thread is held busy (as by the spool snapshot or a list reload), a letter is typed and
its autosave queued behind the busy job, more is typed, and then the window locks or closes. After
unlocking, the report holds everything that was typed.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import PASSPHRASE, create_store, in_store, unlock, wait_idle


def _hold_store_thread(window) -> threading.Event:
    """Occupy the store thread until the returned event is set."""
    release = threading.Event()
    started = threading.Event()

    def busy(_store):
        started.set()
        release.wait(20)

    window.worker.submit(busy)
    assert started.wait(5)
    return release


def _type_while_the_store_is_busy(qtbot, window):
    window.new_report("coa")
    view = window.form_view
    edit = view.widgets["free_text"].edit
    view.jump_to("free_text")
    release = _hold_store_thread(window)
    qtbot.keyClicks(edit, "A")
    qtbot.waitUntil(lambda: view._saving, timeout=5000)  # the autosave of "A" waits behind the job
    qtbot.keyClicks(edit, "BC")
    assert view.dirty
    return view, release


def _stored_free_text(qtbot, window) -> list[str]:
    records = in_store(qtbot, window, lambda s: [s.get(r.id) for r in s.list_records().items])
    return [r.answers.get("free_text") for r in records]


@pytest.mark.parametrize("how", ["ctrl_l", "hide_button", "autolock"])
def test_text_typed_right_before_a_lock_is_stored(qtbot, make_window, how):
    window = make_window()
    create_store(qtbot, window)
    _view, release = _type_while_the_store_is_busy(qtbot, window)
    if how == "ctrl_l":
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    elif how == "hide_button":
        qtbot.mouseClick(window.menus.work.hide_button, Qt.MouseButton.LeftButton)
    else:
        window.set_autolock_ms(200)
    qtbot.waitUntil(lambda: not window.is_unlocked, timeout=5000)
    release.set()
    unlock(qtbot, window, PASSPHRASE)
    assert _stored_free_text(qtbot, window) == ["ABC"]
    # After unlocking, the report that was open is open again, with all of it, where the user was.
    qtbot.waitUntil(lambda: window.form_view is not None, timeout=5000)
    assert window.form_view.widgets["free_text"].edit.toPlainText() == "ABC"
    assert window.form_view.pages.currentIndex() == window.form_view._section_of["free_text"]
    wait_idle(qtbot, window)


def test_text_typed_right_before_closing_the_window_is_stored(qtbot, make_window, data_dir):
    window = make_window()
    create_store(qtbot, window)
    _view, release = _type_while_the_store_is_busy(qtbot, window)
    threading.Timer(0.3, release.set).start()  # the busy job ends while the window closes
    window.close()
    assert not window.worker.running

    second = make_window()
    unlock(qtbot, second, PASSPHRASE)
    assert _stored_free_text(qtbot, second) == ["ABC"]
    wait_idle(qtbot, second)


def test_an_open_draft_keeps_text_typed_right_before_a_lock(qtbot, make_window):
    """The same for a draft that was already saved once (an update, not the first save)."""
    window = make_window()
    create_store(qtbot, window)
    window.new_report("coa")
    view = window.form_view
    edit = view.widgets["free_text"].edit
    view.jump_to("free_text")
    qtbot.keyClicks(edit, "Eerste")
    qtbot.waitUntil(lambda: view.record_id is not None and not view._saving and not view.dirty, timeout=5000)
    release = _hold_store_thread(window)
    qtbot.keyClicks(edit, " en")
    qtbot.waitUntil(lambda: view._saving, timeout=5000)
    qtbot.keyClicks(edit, " meer")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    release.set()
    unlock(qtbot, window, PASSPHRASE)
    assert _stored_free_text(qtbot, window) == ["Eerste en meer"]
    wait_idle(qtbot, window)
