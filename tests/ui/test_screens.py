"""Language switch, unlock errors and countdown, settings, audit log, about, crash dialog, start hook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel

from desktop import i18n
from desktop.app import acquire_instance_lock
from desktop.core.store import Store, errors
from desktop.core.store.keys import MemorySecretStore, NoSecretStore
from desktop.ui.errors import ExceptionHook, redacted_report
from desktop.ui.settings import SettingsDialog
from desktop.ui.window_dialogs import WipeDialog
from tests.conftest import ROOT
from tests.support.first_screen import shown_at, time_to_first_screen
from tests.ui.conftest import CANARY, PASSPHRASE, create_store, in_store, unlock, wait_idle, wait_list_loaded
from tests.ui.helpers import answer

I18N = ROOT / "resources" / "i18n"


def _sources(path) -> set[str]:
    tree = ET.parse(path)  # noqa: S314 - our own catalogue files
    return {m.find("source").text for m in tree.iter("message")}


def test_language_switch_changes_visible_texts_without_restart(qtbot, make_window):
    window = make_window(lang="nl")
    create_store(qtbot, window)
    assert window.list_page.title.text() == "Mijn meldingen"
    assert window.menus.work.hide_button.text() == "Nu verbergen"
    window.new_report("coa")
    view = window.form_view
    assert view.widgets["acute_danger"].label.text().startswith("Is er nu acuut gevaar?")
    assert view.widgets["acute_danger"].radios["yes"].text() == "Ja"
    window.set_language("en")
    qtbot.waitUntil(lambda: window.menus.work.hide_button.text() == "Hide now")  # LanguageChange is posted
    assert window.list_page.title.text() == "My reports"
    assert view.save_button.text() == "&Save"
    assert view.widgets["acute_danger"].label.text().startswith(view.form.field("acute_danger").label.en)
    assert view.widgets["acute_danger"].radios["yes"].text() == "Yes"
    assert view.title.text() == view.form.title.en
    # Remembered before unlock, in the preferences file inside the data dir.
    prefs = QSettings(str(window.data_dir / "preferences.ini"), QSettings.Format.IniFormat)
    assert prefs.value("language") == "en"
    window.set_language("nl")
    qtbot.waitUntil(lambda: window.menus.work.file_menu.title() == "&Melding")
    wait_idle(qtbot, window)


def test_catalogues_are_complete():
    sources: dict[str, set[str]] = {}
    for lang in ("nl", "en"):
        tree = ET.parse(I18N / f"signaal_{lang}.ts")  # noqa: S314
        unfinished = [m.find("source").text for m in tree.iter("message")
                      if m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")]
        assert not unfinished, f"{lang}: {unfinished[:5]}"
        sources[lang] = {m.find("source").text for m in tree.iter("message")}
        for message in tree.iter("message"):
            translation = message.find("translation")
            forms_ = translation.findall("numerusform")
            assert translation.text or forms_, message.find("source").text
    assert sources["nl"] == sources["en"]


def test_every_tr_text_in_the_code_is_in_the_catalogue(tmp_path):
    # rglob: the subpackages (desktop/ui/fields/) hold tr() texts too; one catalogue for all.
    mine = list((ROOT / "desktop" / "ui").rglob("*.py"))
    ts = tmp_path / "check.ts"
    lupdate = os.path.join(os.path.dirname(sys.executable), "pyside6-lupdate")
    subprocess.run([lupdate, *map(str, mine), str(ROOT / "desktop" / "app.py"), "-ts", str(ts)],
                   check=True, capture_output=True)
    in_code = _sources(ts)
    in_catalogue = _sources(I18N / "signaal_nl.ts")
    assert in_code <= in_catalogue, sorted(in_code - in_catalogue)[:5]


def test_wrong_passphrase_is_a_plain_sentence_with_a_countdown(qtbot, make_window, data_dir, secrets):
    Store.create(data_dir, PASSPHRASE, secrets=secrets, kdf="test").close()
    window = make_window()
    page = window.unlock_page
    qtbot.keyClicks(page.passphrase, "verkeerde wachtwoordzin")
    page.unlock_button.click()
    qtbot.waitUntil(lambda: page.problem.isVisible(), timeout=5000)
    assert page.problem.text().startswith(errors.WrongPassphrase(0).text("nl"))
    assert page.passphrase.text() == ""
    for _ in range(3):  # the delay grows; the button waits for it
        qtbot.waitUntil(lambda: page.unlock_button.isEnabled(), timeout=20000)
        qtbot.keyClicks(page.passphrase, "nog steeds verkeerd")
        page.unlock_button.click()
        qtbot.waitUntil(lambda: not page.busy.isVisible(), timeout=5000)
    if Store.unlock_wait(data_dir) > 0:
        assert page.wait_label.isVisible()
        assert "opnieuw proberen" in page.wait_label.text()
        assert not page.unlock_button.isEnabled()
        # One number of seconds on screen: the live countdown, not a second, fixed one above it.
        assert "seconde" not in page.problem.text()
        assert page.problem.text() == errors.WrongPassphrase(0).text("nl")
    wait_idle(qtbot, window)


def test_missing_keyring_secret_is_told_apart(qtbot, make_window, data_dir, secrets):
    Store.create(data_dir, PASSPHRASE, secrets=secrets, kdf="test").close()
    window = make_window(secret_store=MemorySecretStore())  # another account's keyring
    page = window.unlock_page
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    page.unlock_button.click()
    qtbot.waitUntil(lambda: page.problem.isVisible(), timeout=5000)
    assert page.problem.text() == errors.DeviceSecretMissing().text("nl")
    assert not window.is_unlocked


def test_damaged_store_is_told_apart(qtbot, make_window, data_dir, secrets):
    Store.create(data_dir, PASSPHRASE, secrets=secrets, kdf="test").close()
    db = next(p for p in data_dir.iterdir() if p.suffix == ".db" or p.name.endswith(".sqlite"))
    raw = bytearray(db.read_bytes())
    for i in range(5000, 5100):
        raw[i] ^= 0xFF
    db.write_bytes(bytes(raw))
    window = make_window()
    unlock_page = window.unlock_page
    qtbot.keyClicks(unlock_page.passphrase, PASSPHRASE)
    unlock_page.unlock_button.click()
    qtbot.waitUntil(lambda: unlock_page.problem.isVisible(), timeout=5000)
    assert unlock_page.problem.text() == errors.StoreDamaged().text("nl")


def test_passphrase_alone_notice_when_no_keyring(qtbot, make_window, data_dir):
    window = make_window(secret_store=NoSecretStore("keyring.backends.fail.Keyring"))
    create_store(qtbot, window)
    assert window.notice.isVisible()
    assert "alleen met uw wachtwoordzin" in window.notice.text()
    window.lock()
    unlock(qtbot, window)
    assert window.notice.isVisible()  # at every unlock, not only the first: it is still true


def test_setup_refuses_short_or_different_passphrases(qtbot, make_window):
    window = make_window()
    page = window.setup_page
    qtbot.keyClicks(page.passphrase, "kort")
    assert "Te kort" in page.strength.text()
    page.create_button.click()
    assert page.problem.isVisible()
    # Typing again replaces the short one; it is not added to it.
    qtbot.keyClicks(page.passphrase, "een lange zin van woorden")
    assert page.passphrase.text() == "een lange zin van woorden"
    qtbot.keyClicks(page.repeat, "een andere zin van woorden")
    page.create_button.click()
    assert "niet gelijk" in page.problem.text()
    assert not window.is_unlocked
    # "Type it again in both fields": both are empty, the cursor in the first.
    assert page.passphrase.text() == page.repeat.text() == ""
    assert window.focusWidget() is page.passphrase


def test_enter_on_the_last_setup_field_starts(qtbot, make_window):
    window = make_window()
    page = window.setup_page
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClicks(page.repeat, PASSPHRASE)
    page.role.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is page.role)
    qtbot.keyClick(page.role, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10000)
    wait_idle(qtbot, window)


def test_settings_are_stored_and_passphrase_changes(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window, role="nla")
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog.role.currentData() == "nla"
    assert dialog.connection_box.title() == "Verbinding met CoMensha"
    dialog.role.setCurrentIndex(dialog.role.findData("zorg"))
    dialog.autolock.setValue(7)
    dialog.retention.setValue(60)
    qtbot.keyClicks(dialog.old_passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.new_passphrase, "een nieuwe lange wachtwoordzin")
    qtbot.keyClicks(dialog.repeat_passphrase, "een nieuwe lange wachtwoordzin")
    dialog.change_button.click()
    qtbot.waitUntil(lambda: dialog.passphrase_message.text() != "", timeout=10000)
    assert dialog.passphrase_message.property("ok") is True
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    wait_idle(qtbot, window)
    stored = in_store(qtbot, window, lambda s: (s.get_setting("role"), s.get_setting("autolock_minutes"),
                                                s.get_setting("retention_days")))
    assert stored == ("zorg", 7, 60)
    assert window.autolock_timer.interval() == 7 * 60_000
    window.lock()
    unlock(qtbot, window, "een nieuwe lange wachtwoordzin")
    assert window.settings["role"] == "zorg"
    # The role's form comes first in the picker.
    window.new_report()
    assert window.picker.list.currentItem().data(Qt.ItemDataRole.UserRole) == "zorg"
    window.picker.reject()


def test_settings_show_the_connection_panel_they_are_given(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    window.open_settings()  # without delivery: a note instead of a panel
    assert window.settings_dialog.connection_note.isVisibleTo(window.settings_dialog)
    window.settings_dialog.reject()
    dialog = SettingsDialog({"language": "nl"}, window, connection_panel=QLabel("paneel van de verbinding"))
    qtbot.addWidget(dialog)
    assert not dialog.connection_note.isVisibleTo(dialog)
    labels = [w.text() for w in dialog.connection_box.findChildren(QLabel)]
    assert "paneel van de verbinding" in labels


def test_audit_log_and_chain_check(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    window.new_report("coa")
    answer(qtbot, window.form_view, "subject_pseudonym", CANARY)
    qtbot.waitUntil(lambda: window.form_view.record_id is not None and not window.form_view.dirty,
                    timeout=5000)
    window.form_view.close_view()
    qtbot.waitUntil(lambda: window.form_view is None, timeout=5000)
    window.open_audit()
    dialog = window.audit_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() >= 2, timeout=5000)
    events = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert "Melding begonnen" in events and "Opslag aangemaakt" in events
    assert not any(CANARY in dialog.table.item(r, c).text()
                   for r in range(dialog.table.rowCount()) for c in range(3))
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: dialog.verify_button.isEnabled(), timeout=5000)
    assert "in orde" in dialog.result_label.text()  # plain words (issue 14), not "de keten is intact"


def test_about_names_the_protection(qtbot, make_window, data_dir):
    window = make_window()
    create_store(qtbot, window)
    window.open_about()
    fields = window.about_dialog.fields
    assert fields["data"].text() == str(data_dir)
    assert fields["cipher"].text().startswith("4.")
    assert fields["keyring"].text() == "memory"
    assert "beveiligde opslag" in fields["protection"].text()  # not the jargon "sleutelbos"


def test_crash_report_is_redacted(qtbot):
    try:
        raise ValueError(f"antwoord {CANARY} van persoon")
    except ValueError as exc:
        report = redacted_report(type(exc), exc, exc.__traceback__)
    assert CANARY not in report
    assert "ValueError" in report and "test_screens.py" in report
    hook = ExceptionHook()
    hook.enabled_dialogs = True
    with qtbot.waitSignal(hook.caught) as blocker:
        try:
            raise RuntimeError(CANARY)
        except RuntimeError as exc:
            hook.handle(type(exc), exc, exc.__traceback__)
    assert CANARY not in blocker.args[0]
    assert hook.dialog is not None and CANARY not in hook.dialog.report.toPlainText()
    hook.dialog.close()


def test_the_log_says_when_the_app_started_and_showed_its_first_screen(tmp_path):
    """How long a start took on a field laptop is in its own log (the start-up benchmark and the
    frozen-app check read the same line); the log holds nothing else of the user's."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    seconds = time_to_first_screen([sys.executable, "-m", "desktop"], tmp_path / "d", env=env, cwd=ROOT)
    assert 0 < seconds < 60
    lines = (tmp_path / "d" / "signaal.log").read_text(encoding="utf-8").splitlines()
    started = next(i for i, line in enumerate(lines) if " started" in line)
    shown = next(i for i, line in enumerate(lines) if line.endswith("first screen shown"))
    assert started < shown
    assert shown_at(tmp_path / "d" / "signaal.log") is not None


def test_title_never_holds_content(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    window.new_report("coa")
    answer(qtbot, window.form_view, "subject_pseudonym", CANARY)
    assert window.windowTitle() == "Signaal"
    assert all(CANARY not in w.windowTitle() for w in QApplication.topLevelWidgets())
    wait_idle(qtbot, window)
    i18n.set_language("nl")


def test_one_instance_per_data_folder(tmp_path):
    first = acquire_instance_lock(tmp_path)
    assert first is not None
    assert acquire_instance_lock(tmp_path) is None
    first.unlock()
    again = acquire_instance_lock(tmp_path)
    assert again is not None
    again.unlock()


def test_enter_during_the_unlock_wait_says_how_long_and_the_old_error_goes_when_it_ends(qtbot, make_window,
                                                                                      data_dir, secrets):
    Store.create(data_dir, PASSPHRASE, secrets=secrets, kdf="test").close()
    window = make_window()
    page = window.unlock_page
    page.show_problem(errors.WrongPassphrase(0).text("nl"))
    page.start_wait(1.5)
    qtbot.keyClicks(page.passphrase, "nog een poging")
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert page.problem.isVisible() and "seconde" in page.problem.text()
    assert page.passphrase.text() == "nog een poging"  # what was typed is kept
    qtbot.waitUntil(lambda: page.unlock_button.isEnabled(), timeout=5000)
    assert not page.problem.isVisible()  # the old message does not linger after the wait
    wait_idle(qtbot, window)


def test_a_store_with_missing_saved_changes_says_so_and_can_be_opened_with_what_is_there(
        qtbot, make_window, data_dir, secrets, tmp_path):
    s = Store.create(data_dir, PASSPHRASE, secrets=secrets, kdf="test")
    kept = s.create_draft("coa", 2, {"acute_danger": "no"})
    s.checkpoint()  # the first draft is in store.db itself
    copy = tmp_path / "store.db.copy"
    shutil.copyfile(data_dir / "store.db", copy)  # a backup tool that takes only store.db
    for i in range(5):
        s.create_draft("coa", 2, {"acute_danger": "no", "age_years": i})
    s.close()
    shutil.copyfile(copy, data_dir / "store.db")  # ... and that copy is put back

    window = make_window()
    page = window.unlock_page
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    page.unlock_button.click()
    qtbot.waitUntil(lambda: page.problem.isVisible(), timeout=5000)
    assert "ontbreken" in page.problem.text()  # what is missing, said plainly
    assert page.continue_button.isVisible() and not window.is_unlocked
    page.continue_button.click()
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=5000)
    wait_list_loaded(qtbot, window)
    ids = [r.id for r in in_store(qtbot, window, lambda st: st.list_records().items)]
    assert kept.id in ids  # what was there is there
    assert any(p.name.startswith("damaged-") for p in data_dir.iterdir())  # the damaged copy is kept
    wait_idle(qtbot, window)


def test_erase_everything_asks_for_the_words_then_leaves_nothing_that_opens(qtbot, make_window, data_dir,
                                                                           secrets):
    window = make_window()
    create_store(qtbot, window)
    in_store(qtbot, window, lambda s: s.create_draft("coa", 2, {"acute_danger": "no"}))
    window.open_settings()
    qtbot.mouseClick(window.settings_dialog.wipe_button, Qt.MouseButton.LeftButton)
    dialog = window.wipe_dialog
    assert isinstance(dialog, WipeDialog) and dialog.isVisible()
    assert not dialog.erase_button.isEnabled()  # a click alone never erases
    qtbot.keyClicks(dialog.typed, "alles wiss")
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.typed, "en")
    assert dialog.erase_button.isEnabled()
    window.settings_dialog.reject()
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.setup_page, timeout=10_000)
    assert "gewist" in window.wipe_report.text()
    assert not window.is_unlocked
    # Nothing is left that opens: no key file, no database.
    left = list(data_dir.rglob("store.*")) if data_dir.exists() else []
    assert left == []
    with pytest.raises(errors.NoStore):
        Store.open(data_dir, PASSPHRASE, secrets=secrets)
    wait_idle(qtbot, window)


def test_a_keyring_that_appears_later_is_adopted_after_asking(qtbot, make_window, data_dir):
    first = make_window(secret_store=NoSecretStore("keyring.backends.fail.Keyring"))
    create_store(qtbot, first)
    first.shutdown()
    first.close()

    keyring = MemorySecretStore()  # a secure keyring is there now
    window = make_window(secret_store=keyring)
    unlock(qtbot, window)
    box = window.keyring_question
    qtbot.waitUntil(box.isVisible, timeout=5000)
    assert "beveiligde opslag" in box.text()
    use = next(b for b in box.buttons() if b.text() == "Beveiligde opslag &gebruiken")
    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(keyring.values), timeout=5000)  # the device secret is in the keyring
    wait_idle(qtbot, window)
    window.shutdown()
    # From now on the passphrase alone no longer opens the store: the keyring is needed too.
    with pytest.raises(errors.DeviceSecretMissing):
        Store.open(data_dir, PASSPHRASE, secrets=MemorySecretStore())
    Store.open(data_dir, PASSPHRASE, secrets=keyring).close()
