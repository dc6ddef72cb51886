"""What a registrar found driving the real desk window with the keyboard only (scripts/desk-walk.sh):
each test presses the keys a registrar presses on real widgets over a real desk store.

- First start: Enter in any field sets the desk up (a default button acts on Enter only in a dialog).
- Fetch, enrol, export and lock: the toolbar's buttons take no focus, so they are in a menu (Alt+K)
  and have shortcuts (F5, Ctrl+Shift+E, Ctrl+E, Ctrl+L).
- The window fits a 1024 x 768 screen (it opened 1659 x 860 on a 1366 x 768 one, the triage
  panel and the status line cut off): the inbox's filters in three rows, narrower boxes.
- The language chosen is remembered for the next start (in the data folder's preferences file,
  which holds nothing else but the window's place).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from desk.core.store import DeskStore
from desk.ui.dialogs import EnrolDialog, ExportDialog
from desk.ui.window import DeskWindow
from desktop import i18n
from desktop.app import load_style
from desktop.core.store.keys import MemorySecretStore
from desktop.ui.window_place import PREFERENCES_FILE
from tests.desk.test_ui import _unlock
from tests.support.desk import PASSPHRASE


def test_enter_in_the_key_file_field_sets_the_desk_up(qtbot, window, tmp_path, keys):
    folder = tmp_path / "fresh"
    w = window(folder)
    page = w.setup_page
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClicks(page.repeat, PASSPHRASE)
    qtbot.keyClicks(page.key_file, str(keys[0]))
    qtbot.keyClick(page.key_file, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.main, timeout=15000)
    assert DeskStore.exists(folder)


def test_enter_with_differing_passphrases_says_so_and_makes_nothing(qtbot, window, tmp_path, keys):
    folder = tmp_path / "fresh"
    w = window(folder)
    page = w.setup_page
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClicks(page.repeat, PASSPHRASE + "x")
    qtbot.keyClick(page.repeat, Qt.Key.Key_Return)
    assert page.problem.isVisible() and "verschillen" in page.problem.text()
    assert not DeskStore.exists(folder)


def _active_dialog(qtbot, kind):
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=5000)
    return QApplication.activeModalWidget()


def test_fetch_enrol_export_and_lock_are_reached_with_keys(qtbot, window):
    w = window()
    w.activateWindow()
    _unlock(qtbot, w)
    assert w.menuBar().isVisible()
    focus = w.inbox.table
    focus.setFocus()
    # F5 fetches now (the receiver of this desk does not answer: it says it works offline)
    w.show_status("")
    qtbot.keyClick(focus, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "offline" in w.status.text().lower(), timeout=15000)
    # Ctrl+E: export; Escape closes it
    qtbot.keyClick(focus, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = _active_dialog(qtbot, ExportDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    # Ctrl+Shift+E: enrol
    both = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(focus, Qt.Key.Key_E, both)
    dialog = _active_dialog(qtbot, EnrolDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    # the menu lists all four with their keys, in Dutch
    items = {a.text().replace("&", ""): a.shortcut().toString() for a in w.desk_menu.actions()}
    assert items == {"Nu ophalen en delen": "F5", "Aanmelden bij de ontvanger…": "Ctrl+Shift+E",
                     "Exporteren…": "Ctrl+E", "Vergrendelen": "Ctrl+L"}
    assert w.desk_menu.title().replace("&", "") == "Desk"
    # Ctrl+L locks, from the table
    qtbot.keyClick(focus, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.unlock_page, timeout=5000)
    assert not w.menuBar().isVisible() and w.inbox.model.rowCount() == 0


def test_the_desk_menu_opens_with_alt_k_and_runs_an_action_with_enter(qtbot, window):
    w = window()
    w.activateWindow()
    _unlock(qtbot, w)
    w.inbox.table.setFocus()
    qtbot.keyClick(w.inbox.table, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5000)
    menu = QApplication.activePopupWidget()
    assert menu is w.desk_menu
    qtbot.keyClick(menu, Qt.Key.Key_Down)      # the second entry: enrol
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    dialog = _active_dialog(qtbot, EnrolDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)


@pytest.fixture
def app_style(qapp):
    """The app's own style sheet, as signaal-desk loads it (its fonts and paddings set the sizes)."""
    load_style(qapp)
    yield
    qapp.setStyleSheet("")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_window_fits_a_1024_by_768_screen(qtbot, window, app_style, lang):
    w = window()
    w.set_language(lang)
    w.activateWindow()
    _unlock(qtbot, w) if lang == "nl" else _unlock_en(qtbot, w)
    w.inbox.table.setFocus()
    qtbot.keyClick(w.inbox.table, Qt.Key.Key_Down)       # a report open: the triage steps shown
    qtbot.waitUntil(lambda: w.triage.step_buttons["in_progress"].isVisible(), timeout=10000)
    for tab in range(w.main.count()):
        w.main.setCurrentIndex(tab)
        need = w.minimumSizeHint()
        assert need.width() <= 1024 and need.height() <= 768 - 48, (tab, need)   # a taskbar left over
    # it first opens at most 1100 x 720 (the field app's rule), never the old 1659 x 860
    fresh = DeskWindow(w.data_dir.parent / "other", secrets=MemorySecretStore(), kdf="test")
    assert fresh.width() <= 1100 and fresh.height() <= 720
    fresh.close()


def test_the_language_chosen_is_used_at_the_next_start(qtbot, window, seeded):
    w = window()
    assert w.unlock_page.language.currentData() == "nl"
    w.unlock_page.language.setFocus()
    qtbot.keyClick(w.unlock_page.language, Qt.Key.Key_Down)     # Nederlands -> English
    qtbot.waitUntil(lambda: i18n.current_language() == "en", timeout=5000)
    w.close()
    i18n.set_language("nl")
    prefs = (seeded[0] / PREFERENCES_FILE).read_text()
    assert "language=en" in prefs and PASSPHRASE not in prefs
    again = window()
    assert i18n.current_language() == "en"
    assert again.unlock_page.language.currentData() == "en"
    _unlock_en(qtbot, again)
    assert again.main.tabText(0) == "&Inbox" and again.main.tabText(1) == "S&tatistics"
    assert again.inbox.count_label.text() == "6 reports"


def _unlock_en(qtbot, w):
    qtbot.keyClicks(w.unlock_page.passphrase, PASSPHRASE)
    qtbot.keyClick(w.unlock_page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.inbox.model.rowCount() == 6 and w.inbox.model.row_at(0) is not None,
                    timeout=15000)


def test_the_enrol_and_export_dialogs_open_ready_to_type(qtbot, window):
    """They opened with the focus on OK: what a registrar typed went nowhere, and Tab reached the
    address only after OK and Cancel."""
    w = window()
    w.activateWindow()
    _unlock(qtbot, w)
    w.inbox.table.setFocus()
    both = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.inbox.table, Qt.Key.Key_E, both)
    dialog = _active_dialog(qtbot, EnrolDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.url, timeout=5000)
    qtbot.keyClicks(QApplication.focusWidget(), "https://ontvanger.example")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "ABCD-EFGH")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Werkplek Anna")
    assert (dialog.url.text(), dialog.code.text(), dialog.label.text()) == (
        "https://ontvanger.example", "ABCD-EFGH", "Werkplek Anna")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5000)
    qtbot.keyClick(w.inbox.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = _active_dialog(qtbot, ExportDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.format, timeout=5000)
    qtbot.keyClick(dialog.format, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.path
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_the_triage_steps_are_readable_at_1024_wide(qtbot, window):
    """Four step buttons in one row of the triage panel were cut to 'ndeling', 'egistrere'."""
    w = window()
    w.resize(1024, 700)
    _unlock(qtbot, w)
    w.inbox.table.setFocus()
    qtbot.keyClick(w.inbox.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: w.report.report_id != "", timeout=10000)
    qtbot.waitUntil(lambda: w.triage.step_buttons["in_progress"].isVisible(), timeout=10000)
    shown = [b for b in w.triage.step_buttons.values() if b.isVisible()]
    assert len(shown) == 4

    def cut() -> list[str]:
        return [b.text() for b in shown if b.width() < b.sizeHint().width()]

    # The layout settles in a later event-loop turn than the buttons become visible (seen on a
    # loaded machine): wait for it, then no button may be narrower than its text needs.
    try:
        qtbot.waitUntil(lambda: not cut(), timeout=5000)
    except AssertionError:
        raise AssertionError(f"cut off at 1024 wide: {cut()}") from None
    assert w.width() <= 1024


def test_tab_leaves_the_inbox_table_for_the_report_and_triage(qtbot, window):
    """Tab used to walk the table's cells (scrolling it sideways) and never reached the report or
    the triage panel."""
    w = window()
    w.activateWindow()
    _unlock(qtbot, w)
    w.inbox.table.setFocus()
    qtbot.keyClick(w.inbox.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: w.triage.step_buttons["in_progress"].isVisible(), timeout=10000)
    reached = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert w.triage.step_buttons["in_progress"] in reached
    # and Space on it takes the report in progress
    while QApplication.focusWidget() is not w.triage.step_buttons["in_progress"]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: w.triage.state_label.text().startswith("In behandeling"), timeout=10000)


def test_refer_and_note_by_keyboard(qtbot, window):
    """Refer… without a name puts the cursor in 'Referred to'; Enter there refers. Tab in the note
    used to type a tab character instead of reaching 'Add note'."""
    w = window()
    w.activateWindow()
    _unlock(qtbot, w)
    w.inbox.table.setFocus()
    qtbot.keyClick(w.inbox.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: w.triage.step_buttons["referred"].isVisible(), timeout=10000)
    refer = w.triage.step_buttons["referred"]
    refer.setFocus()
    qtbot.keyClick(refer, Qt.Key.Key_Space)
    assert QApplication.focusWidget() is w.triage.referred_to
    qtbot.keyClicks(w.triage.referred_to, "FairWork")
    qtbot.keyClick(w.triage.referred_to, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.triage.state_label.text().startswith("Doorverwezen: FairWork"), timeout=10000)
    w.triage.note_edit.setFocus()
    qtbot.keyClicks(w.triage.note_edit, "Doorverwezen na overleg")
    qtbot.keyClick(w.triage.note_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is w.triage.note_button
    assert "\t" not in w.triage.note_edit.toPlainText()
    qtbot.keyClick(w.triage.note_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: w.triage.notes.count() == 1, timeout=10000)


def test_the_report_header_labels_are_not_broken_mid_word(qtbot, window):
    """At 1366 x 768 'Ontvangstbewijs' was shown as 'Ontvangstbewij' / 's'."""
    w = window()
    w.resize(1024, 700)
    _unlock(qtbot, w)
    w.inbox.table.setFocus()
    qtbot.keyClick(w.inbox.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: "Ontvangstbewijs" in w.report.browser.toPlainText(), timeout=10000)
    doc = w.report.browser.document()
    doc.setTextWidth(240)   # a narrow report pane (the walk at 1366 x 768 had about this)
    labels = {"Kenmerk", "Verstuurd door", "Ontvangen", "Ontvangstbewijs", "Meldingnummer"}
    block, seen = doc.begin(), set()
    while block.isValid():
        text = block.text().replace("\xa0", " ")   # nowrap keeps a label's spaces unbreakable
        if text in labels:
            seen.add(text)
            assert block.layout().lineCount() == 1, text
        block = block.next()
    assert seen == labels


def test_the_report_gets_a_fair_share_of_the_window(qtbot, window, app_style):
    """At 1366 x 768 the window opens 1100 wide; the report pane got 250 px and broke
    'CM-2026-000007' and 'Ziekenhuis' over lines."""
    w = window()
    w.resize(1100, 720)
    _unlock(qtbot, w)
    w.inbox.table.setFocus()
    qtbot.keyClick(w.inbox.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: w.report.report_id != "", timeout=10000)
    qtbot.wait(50)
    assert w.report.width() >= 340, w.splitter.sizes()


def test_the_export_file_label_is_a_mnemonic_not_an_ampersand(qtbot, window):
    """The export dialog showed '&Bestand' literally, and Alt+B did not reach the file field."""
    w = window()
    _unlock(qtbot, w)
    dialog = w.open_export()
    label = dialog.file_label
    assert label.text() == "&Bestand" and label.buddy() is dialog.path
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog, timeout=5000)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    qtbot.keyClick(dialog.format, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.path
    dialog.reject()
