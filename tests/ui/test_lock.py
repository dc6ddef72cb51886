"""Locking hides everything: no widget, title or clipboard keeps what was typed."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QWidget,
)

from tests.ui.conftest import CANARY, PASSPHRASE, create_store, in_store, unlock, wait_idle
from tests.ui.helpers import answer, fill_coa, start_saved_draft


def visible_texts(widget: QWidget) -> list[str]:
    texts = [widget.windowTitle(), widget.toolTip(), widget.accessibleName(), widget.whatsThis()]
    if isinstance(widget, QLineEdit):
        texts += [widget.text(), widget.placeholderText()]
    if isinstance(widget, QPlainTextEdit | QTextBrowser):
        texts.append(widget.toPlainText())
    if isinstance(widget, QLabel | QAbstractButton):
        texts.append(widget.text())
    if isinstance(widget, QComboBox):
        texts.append(widget.currentText())
        texts += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        root = QModelIndex()
        for row in range(min(model.rowCount(root), 500)):
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
            for col in range(columns):
                value = model.data(model.index(row, col))
                texts.append("" if value is None else str(value))
    return texts


def all_texts() -> str:
    found = []
    for top in QApplication.topLevelWidgets():
        for widget in [top, *top.findChildren(QWidget)]:
            found += [t for t in visible_texts(widget) if t]
    return "\n".join(found)


def test_lock_leaves_no_trace_of_what_was_typed(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    window.new_report("coa")
    view = window.form_view
    fill_coa(qtbot, view)
    answer(qtbot, view, "subject_pseudonym", CANARY)
    answer(qtbot, view, "free_text", f"Gesprek met {CANARY} in de opvang")
    checklist = view.widgets["coa_checklist"]
    row = next(iter(checklist.rows.values()))
    row.note_button.click()
    qtbot.keyClicks(row.note, CANARY)
    # Copy from the app, as a user would with Ctrl+C.
    edit = view.widgets["subject_pseudonym"].edit
    edit.selectAll()
    edit.copy()
    assert QApplication.clipboard().text() == CANARY
    # The finalise summary shows it too (consent is yes).
    view.begin_finalise()
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible(), timeout=5000)
    assert CANARY in view.dialog.summary_view.toPlainText()
    assert CANARY in all_texts()
    assert CANARY not in window.windowTitle()

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.is_unlocked
    assert window.stack.currentWidget() is window.unlock_page
    assert window.form_view is None
    assert window.list_model.rowCount() == 0
    texts = all_texts()
    assert CANARY not in texts
    assert "Gesprek met" not in texts
    assert CANARY not in QApplication.clipboard().text()
    for top in QApplication.topLevelWidgets():
        assert CANARY not in top.windowTitle()
    assert window.windowTitle() == "Signaal"
    # Preferences and the log never hold report content.
    for name in ("preferences.ini", "signaal.log"):
        path = window.data_dir / name
        if path.exists():
            assert CANARY.encode() not in path.read_bytes()

    # What was typed before the lock was saved, not lost.
    unlock(qtbot, window, PASSPHRASE)
    record = in_store(qtbot, window, lambda s: s.get(s.list_records().items[0].id))
    assert record.answers["subject_pseudonym"] == CANARY
    wait_idle(qtbot, window)


def test_hide_now_button_and_search_box_cleared(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.list_page.search.hasFocus()
    qtbot.keyClicks(window.list_page.search, CANARY)
    window.open_settings()
    assert window.settings_dialog.isVisible()
    assert window.menus.work.hide_button.isVisible()
    window.menus.work.hide_button.click()
    assert not window.is_unlocked
    assert window.list_page.search.text() == ""
    window.list_page.search.undo()  # Ctrl+Z must not bring it back
    assert window.list_page.search.text() == ""
    assert not any(isinstance(w, QWidget) and w.isVisible() and w.objectName() == "settingsDialog"
                   for w in QApplication.topLevelWidgets())
    assert CANARY not in all_texts()
    assert not window.menus.work.hide_button.isVisible()
    assert not window.menus.work.new_action.isEnabled()


def _menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions() if a.isVisible()]


def test_the_menus_offer_only_what_works_now(qtbot, make_window):
    """Locked (first start, unlock): only Help, and Quit by its shortcut; unlocked: Report, Tools,
    Help in that order, and the hide button; locked again: Help only."""
    window = make_window()
    assert _menu_titles(window) == ["&Help"]
    create_store(qtbot, window)
    assert _menu_titles(window) == ["&Melding", "E&xtra", "&Help"]
    assert window.menus.work.hide_button.isVisible()
    assert window.menus.work.new_action.isEnabled()
    window.lock()
    assert _menu_titles(window) == ["&Help"]
    assert not window.menus.work.hide_button.isVisible()
    unlock(qtbot, window, PASSPHRASE)
    assert _menu_titles(window) == ["&Melding", "E&xtra", "&Help"]
    wait_idle(qtbot, window)


def test_inactivity_locks(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    window.set_autolock_ms(600)
    # Input keeps it open... (the pauses between key presses are what is tested: 1.2 s of
    # typing, longer than the 600 ms without input that locks; the window's QTimer has no clock
    # to inject)
    for _ in range(6):
        qtbot.wait(200)
        qtbot.keyClick(window.list_page.search, Qt.Key.Key_A)
    assert window.is_unlocked
    # ...and without input it locks by itself.
    with qtbot.waitSignal(window.locked, timeout=3000):
        pass
    assert not window.is_unlocked
    assert window.stack.currentWidget() is window.unlock_page
    assert window.list_page.search.text() == ""


def test_after_unlock_the_open_report_comes_back(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    view = start_saved_draft(qtbot, window)
    record_id = view.record_id
    window.lock()
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.form_view is not None, timeout=5000)
    assert window.form_view.record_id == record_id
    wait_idle(qtbot, window)


def test_closing_the_window_saves_what_was_just_typed(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    view = start_saved_draft(qtbot, window)
    answer(qtbot, view, "subject_pseudonym", "K.Q.")  # no wait: the debounce has not fired
    record_id = view.record_id
    window.close()
    second = make_window()
    unlock(qtbot, second)
    record = in_store(qtbot, second, lambda s: s.get(record_id))
    assert record.answers["subject_pseudonym"] == "K.Q."
