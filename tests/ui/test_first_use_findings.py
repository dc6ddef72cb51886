"""The rough edges of a first use (issue 14), one test each, on the real window and its widgets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QPlainTextEdit, QWidget

from desktop.core.store import Store
from desktop.core.store.keys import NoSecretStore
from desktop.sending import SyncController
from tests.ui.conftest import PASSPHRASE, create_store, in_store, unlock, wait_idle


def open_coa(qtbot: Any, window: Any) -> Any:
    window.new_report("coa")
    view = window.form_view
    qtbot.waitUntil(lambda: view.isAncestorOf(QApplication.focusWidget()))
    return view


def focus(qtbot: Any, widget: Any) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def test_tab_after_the_last_field_of_a_section_goes_to_next_not_the_window(qtbot, make_window):
    """Seen: Tab went to an invisible stop, the status bar's "Verbinden…", then "Volgende"."""
    window = make_window()
    create_store(qtbot, window)
    view = open_coa(qtbot, window)
    view.widgets["reporter_region"].focus_input()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.next_button
    assert "Ctrl+PgDown" in view.next_button.toolTip()


def test_one_tab_stop_per_choice_list_and_arrow_keys_inside(qtbot, make_window):
    """Seen: a list of six sectors took six Tabs."""
    window = make_window()
    create_store(qtbot, window)
    view = open_coa(qtbot, window)
    widget = view.widgets["exploitation_types"]
    view.jump_to("exploitation_types")
    boxes = list(widget.boxes.values())
    assert QApplication.focusWidget() is boxes[0]
    qtbot.keyClick(boxes[0], Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert QApplication.focusWidget() is boxes[2]
    qtbot.keyClick(boxes[2], Qt.Key.Key_Space)
    assert widget.value() == [list(widget.boxes)[2]]
    qtbot.keyClick(boxes[2], Qt.Key.Key_Tab)
    after = QApplication.focusWidget()
    assert not isinstance(after, QCheckBox) or after.parentWidget() is not widget.body
    # Screen readers still hear each option by its name.
    assert boxes[2].accessibleName().endswith(boxes[2].text())
    # A list of radio buttons is one Tab stop too: from gender straight on to the age.
    view.jump_to("gender")
    radio = QApplication.focusWidget()
    assert radio in view.widgets["gender"].radios.values()
    qtbot.keyClick(radio, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.widgets["age_years"].edit


def test_checklist_keys_answer_and_move_on_and_rest_is_dont_know(qtbot, make_window):
    """Seen: twelve signals took 49 keys (space Tab Tab per "Ja")."""
    window = make_window()
    create_store(qtbot, window)
    view = open_coa(qtbot, window)
    checklist = view.widgets["coa_checklist"]
    rows = list(checklist.rows.values())
    view.jump_to("coa_checklist")
    assert rows[0].isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), "j")
    assert rows[1].isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), "n")
    qtbot.keyClick(QApplication.focusWidget(), "3")
    assert [r.answer() for r in rows[:3]] == ["yes", "no", "unknown"]
    assert checklist.keys_hint.isVisible() and "J" in checklist.keys_hint.text()
    assert checklist.rest_button.text() == "Rest: weet niet"
    qtbot.keyClick(QApplication.focusWidget(), "r")
    assert [r.answer() for r in rows[:3]] == ["yes", "no", "unknown"]  # answers given stay
    assert {r.answer() for r in rows[3:]} == {"unknown"}
    assert not view.widgets["coa_checklist"].isAncestorOf(QApplication.focusWidget())  # on to the next
    assert rows[0].radios["yes"].accessibleName().endswith(": Ja")


def test_the_report_date_is_today_marked_as_filled_in_and_editable(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    view = open_coa(qtbot, window)
    widget = view.widgets["date_report"]
    assert widget.value() == dt.date.today().isoformat()
    assert widget.prefill_note.isVisible() and "vandaag" in widget.prefill_note.text()
    widget.edit.selectAll()
    qtbot.keyClicks(widget.edit, "01-11")
    assert widget.value() == dt.date(dt.date.today().year, 11, 1).isoformat()
    assert not widget.prefill_note.isVisible()


def test_minor_follows_from_the_age_and_the_users_own_answer_stays(qtbot, make_window):
    """Seen: "Minderjarig?" was still asked after an age of 24 was typed."""
    window = make_window()
    create_store(qtbot, window)
    view = open_coa(qtbot, window)
    age, minor = view.widgets["age_years"], view.widgets["minor"]
    view.jump_to("age_years")
    qtbot.keyClicks(age.edit, "24")
    assert minor.value() == "no"
    assert minor.prefill_note.isVisible() and "leeftijd" in minor.prefill_note.text()
    qtbot.keyClick(age.edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(age.edit, Qt.Key.Key_Backspace)  # no age: the proposal goes too
    assert minor.value() is None and not minor.prefill_note.isVisible()
    qtbot.keyClicks(age.edit, "15")
    assert minor.value() == "yes"
    view.jump_to("minor")
    qtbot.keyClick(QApplication.focusWidget(), "3")  # "twijfel": the user's own answer
    assert minor.value() == "doubt" and not minor.prefill_note.isVisible()
    age.edit.clear()
    qtbot.keyClicks(age.edit, "40")
    assert minor.value() == "doubt"


def test_an_old_draft_keeps_its_answers_when_it_opens(qtbot, make_window):
    """New prefills never change what a draft holds: no date, no minor filled in on opening."""

    window = make_window()
    create_store(qtbot, window)
    record = in_store(qtbot, window, lambda store: store.create_draft(
        "coa", 2, {"age_years": 24, "acute_danger": "no"}, summary="COA"))
    window.open_record(record.id)
    qtbot.waitUntil(lambda: window.form_view is not None)
    view = window.form_view
    assert view.widgets["date_report"].value() is None
    assert view.widgets["minor"].value() is None
    assert not view.dirty
    wait_idle(qtbot, window)


def test_enter_moves_on_but_makes_a_new_line_in_a_long_text(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    view = open_coa(qtbot, window)
    view.jump_to("free_text")
    edit = QApplication.focusWidget()
    assert isinstance(edit, QPlainTextEdit)
    qtbot.keyClicks(edit, "regel een")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClicks(edit, "regel twee")
    assert edit.toPlainText() == "regel een\nregel twee"
    assert QApplication.focusWidget() is edit


def test_the_character_limit_shows_before_it_is_reached(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    view = open_coa(qtbot, window)
    widget = view.widgets["free_text"]
    view.jump_to("free_text")
    assert widget.counter.isVisible()
    assert widget.counter.text() == "0 van hoogstens 1000 tekens"
    qtbot.keyClicks(widget.edit, "abc")
    assert widget.counter.text() == "3 van hoogstens 1000 tekens"


def test_section_keys_are_numbers_in_every_language(qtbot, make_window):
    """Seen: Alt+O in Dutch, Alt+X in English for the next section."""
    window = make_window()
    create_store(qtbot, window)
    view = open_coa(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert view.index.currentRow() == 2
    assert "&" not in view.next_button.text()
    assert view.index.item(2).toolTip() == "Alt+3"
    window.set_language("en")
    assert "&" not in view.next_button.text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert view.index.currentRow() == 0


def test_a_hint_under_the_form_names_the_keys_of_the_field_with_the_focus(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    view = open_coa(qtbot, window)
    view.jump_to("acute_danger")
    assert "J = ja" in view.keys.hint.text()
    view.jump_to("date_signal")
    assert "T of V: vandaag" in view.keys.hint.text()


def test_settings_tab_reaches_the_connection_before_save_and_return_does_not_save(qtbot, make_window):
    """Seen: Tab jumped from "Wachtwoordzin wijzigen" to Opslaan/Annuleren; Return in the server
    address pressed Opslaan."""

    window = make_window(delivery=lambda worker: SyncController(worker, probe_interval=3600))
    qtbot.waitUntil(lambda: window.delivery is not None, timeout=5000)
    create_store(qtbot, window)
    window.open_settings()
    dialog = window.settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    panel = dialog.connection_box.findChild(QWidget, "connectionPanel")
    url = panel.url_edit
    focus(qtbot, dialog.change_button)
    qtbot.keyClick(dialog.change_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is url
    qtbot.keyClicks(url, "https://comensha.example")
    qtbot.keyClick(url, Qt.Key.Key_Return)
    assert dialog.isVisible()  # not saved and closed
    assert QApplication.focusWidget() is panel.code_edit
    # Honest about when it acts.
    assert "meteen" in panel.acts_now.text()
    dialog.reject()


def test_return_during_the_unlock_wait_says_how_long_and_the_old_error_goes(qtbot, make_window, data_dir,
                                                                           secrets):
    """Seen: during the wait Return was ignored in silence and an old error stayed on screen."""

    Store.create(data_dir, PASSPHRASE, secrets=secrets, kdf="test").close()
    window = make_window()
    page = window.unlock_page
    for _ in range(3):  # the third wrong passphrase starts a wait of two seconds
        qtbot.waitUntil(page.unlock_button.isEnabled, timeout=10000)
        qtbot.keyClicks(page.passphrase, "verkeerde wachtwoordzin")
        qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not page.busy.isVisible() and page.problem.isVisible(), timeout=5000)
    qtbot.waitUntil(page.wait_label.isVisible, timeout=5000)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert page.problem.text().startswith("Wacht nog")
    assert page.passphrase.text() == PASSPHRASE  # what was typed stays
    qtbot.waitUntil(lambda: not page.wait_label.isVisible(), timeout=10000)
    assert not page.problem.isVisible()  # the wait is over: its message is gone
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10000)


def test_first_start_problem_follows_a_change_of_language(qtbot, make_window):
    """Seen: after switching the language, an English error stayed on the Dutch screen."""
    window = make_window(lang="en")
    page = window.setup_page
    qtbot.keyClicks(page.passphrase, "kort")
    qtbot.keyClicks(page.repeat, "kort")
    qtbot.keyClick(page.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(page.problem.isVisible)
    assert page.problem.text().startswith("The passphrase is too short")
    page.language.setFocus()
    page.language.setCurrentIndex(page.language.findData("nl"))
    page.language.activated.emit(page.language.currentIndex())
    qtbot.waitUntil(lambda: page.problem.text().startswith("De wachtwoordzin is te kort"), timeout=5000)


def test_the_no_keyring_warning_shows_on_every_unlock(qtbot, make_window):
    """Seen: the warning showed on the first run only."""

    no_keyring = NoSecretStore("keyring.backends.fail.Keyring")
    window = make_window(secret_store=no_keyring)
    create_store(qtbot, window)
    assert window.notice.isVisible() and "beveiligde opslag" in window.notice.text()
    window.lock()
    unlock(qtbot, window)
    assert window.notice.isVisible()
    window.shutdown()
    again = make_window(secret_store=no_keyring)  # the next run of the app
    unlock(qtbot, again)
    assert again.notice.isVisible()


def test_after_unlock_a_draft_reopens_at_its_section(qtbot, make_window):
    """Seen: after unlocking, the draft reopened at section 1."""

    window = make_window()
    create_store(qtbot, window)
    view = open_coa(qtbot, window)
    view.jump_to("gender")
    qtbot.keyClick(QApplication.focusWidget(), "1")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert view.index.currentRow() == 3
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.is_unlocked, timeout=5000)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.form_view is not None, timeout=5000)
    assert window.form_view.index.currentRow() == 3
    assert window.form_view.widgets["gender"].value() == "female"


def test_go_to_field_keeps_the_required_marks_of_the_other_empty_fields(qtbot, make_window):
    """Seen: after "Ga naar veld", changing one field cleared all other "Dit veld is verplicht"."""
    window = make_window()
    create_store(qtbot, window)
    view = open_coa(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible(), timeout=5000)
    dialog = view.dialog
    dialog.problem_list.setCurrentRow(0)
    qtbot.keyClick(dialog.problem_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: view.isAncestorOf(QApplication.focusWidget()), timeout=5000)
    assert view.widgets["gender"].problem.text() == "Dit veld is verplicht."
    view.jump_to("acute_danger")
    qtbot.keyClick(QApplication.focusWidget(), "n")
    assert not view.widgets["acute_danger"].problem.isVisible()
    assert view.widgets["gender"].problem.text() == "Dit veld is verplicht."
    assert view.widgets["residence_status"].problem.text() == "Dit veld is verplicht."


def test_enter_in_a_list_of_countries_ticks_the_one_typed_and_moves_on(qtbot, make_window):
    """One nationality is one name and Enter; Shift+Enter keeps the search for another; a name that
    fits several countries goes to the list instead of guessing."""
    window = make_window()
    create_store(qtbot, window)
    view = open_coa(qtbot, window)
    widget = view.widgets["nationality"]
    view.jump_to("nationality")
    search = QApplication.focusWidget()
    assert search is widget.filter
    qtbot.keyClicks(search, "Nige")  # Niger and Nigeria
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is widget.list and widget.value() is None
    focus(qtbot, search)
    search.clear()
    qtbot.keyClicks(search, "Nigeria")
    qtbot.keyClick(search, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert widget.value() == ["NG"] and QApplication.focusWidget() is search
    qtbot.keyClicks(search, "Ghana")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert widget.value() == ["GH", "NG"]
    assert not widget.isAncestorOf(QApplication.focusWidget())  # on to the next question
