"""The desk's window with real widgets on a real desk store: first start with the key file, unlock,
the inbox and its filters, a report with its form's labels, triage through the panel, linking,
export. Reports come from the in-memory ordering log (tests/support/desk.py); the desk's own
receiver address does not answer, so the window works offline here (and says so)."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt

from desk.core import exchange, export, triage
from desk.core.store import DeskStore
from tests.support.desk import PASSPHRASE, enrol_offline, new_desk


def _unlock(qtbot, w):
    assert w.stack.currentWidget() is w.unlock_page
    qtbot.keyClicks(w.unlock_page.passphrase, PASSPHRASE)
    qtbot.keyClick(w.unlock_page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.main, timeout=15000)
    qtbot.waitUntil(lambda: w.inbox.model.rowCount() > 0 and w.inbox.model.row_at(0) is not None,
                    timeout=10000)
    qtbot.waitUntil(lambda: not w._exchanging, timeout=15000)


def _cell(w, row, column):
    model = w.inbox.model
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


def _select(qtbot, w, row):
    table = w.inbox.table
    rect = table.visualRect(w.inbox.model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: w.report.report_id != "", timeout=10000)


def _run(qtbot, w, fn):
    box = []
    w.worker.submit(fn, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    return box[0]


def test_unlock_inbox_report_in_dutch_and_triage_offline(qtbot, window, seeded):
    w = window()
    _unlock(qtbot, w)
    assert w.inbox.count_label.text() == "6 meldingen"
    assert "offline" in w.status.text().lower()
    assert [_cell(w, 0, 5)] == ["Nieuw"]
    # the moment it arrived, day first in local time, like every date in Signaal
    assert re.fullmatch(r"\d\d-\d\d-20\d\d \d\d:\d\d", _cell(w, 0, 2)), _cell(w, 0, 2)
    _select(qtbot, w, 0)
    html = w.report.browser.toPlainText()
    # the form's own labels and the header, in Dutch; the organisation that sent it
    assert "Ook gemeld bij" in html and "Toestemming om hulp te regelen" in html and "Ontvangstbewijs" in html
    assert "Ziekenhuis Zwolle" in html and "Also reported to" not in html
    assert "getekend door de ontvanger" in html
    # triage: take it in progress with the mouse, assign to me, add a note with the keyboard
    qtbot.mouseClick(w.triage.step_buttons["in_progress"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.triage.state_label.text().startswith("In behandeling"), timeout=10000)
    assert "nog niet gedeeld" in w.triage.state_label.text()
    qtbot.mouseClick(w.triage.me_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.triage.assignee.currentText() == "Anna de Vries", timeout=10000)
    w.triage.note_edit.setFocus()
    qtbot.keyClicks(w.triage.note_edit, "Gebeld met de meldende organisatie")
    qtbot.mouseClick(w.triage.note_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.triage.notes.count() == 1, timeout=10000)
    assert w.triage.note_edit.toPlainText() == ""
    qtbot.waitUntil(lambda: _cell(w, 0, 5) == "In behandeling *" and _cell(w, 0, 6) == "Anna de Vries",
                    timeout=10000)
    # a step that does not fit is not offered; referring needs a name first
    assert not w.triage.step_buttons["in_progress"].isVisible()
    qtbot.mouseClick(w.triage.step_buttons["referred"], Qt.MouseButton.LeftButton)
    assert w.triage.problem.isVisible() and "verwezen" in w.triage.problem.text()
    assert _run(qtbot, w, triage.pending_count) == 3
    # the envelope that did not open is listed with its reason, in Dutch; trying again keeps it
    w.main.setCurrentWidget(w.quarantine)
    qtbot.waitUntil(lambda: w.quarantine.table.rowCount() == 1, timeout=10000)
    assert "controlesom" in w.quarantine.table.item(0, 2).text()
    with qtbot.waitSignal(w.quarantine.reopened, timeout=10000) as reopened:
        qtbot.mouseClick(w.quarantine.retry, Qt.MouseButton.LeftButton)
    assert reopened.args == [0]
    qtbot.waitUntil(lambda: not w.worker.busy, timeout=10000)
    assert w.quarantine.table.rowCount() == 1


def test_filters_run_in_the_store_and_english_is_complete(qtbot, window, seeded):
    w = window()
    _unlock(qtbot, w)
    w.inbox.form_filter.setCurrentIndex(w.inbox.form_filter.findData("nla"))
    w.inbox.apply_filters()
    qtbot.waitUntil(lambda: w.inbox.model.rowCount() == 2, timeout=10000)
    qtbot.waitUntil(lambda: _cell(w, 0, 1) == "NLA" and _cell(w, 1, 1) == "NLA", timeout=10000)
    w.inbox.state_filter.setCurrentIndex(w.inbox.state_filter.findData("registered"))
    w.inbox.apply_filters()
    qtbot.waitUntil(lambda: w.inbox.model.rowCount() == 0, timeout=10000)
    assert w.inbox.count_label.text() == "0 meldingen"
    w.set_language("en")   # Qt delivers the language change as an event
    qtbot.waitUntil(lambda: w.inbox.count_label.text() == "0 reports", timeout=5000)
    assert w.main.tabText(0) == "&Inbox" and w.triage.box.title() == "Triage"
    w.inbox.state_filter.setCurrentIndex(0)
    w.inbox.form_filter.setCurrentIndex(0)
    w.inbox.apply_filters()
    qtbot.waitUntil(lambda: w.inbox.model.rowCount() == 6 and w.inbox.model.row_at(0) is not None,
                    timeout=10000)
    _select(qtbot, w, 0)
    text = w.report.browser.toPlainText()
    assert "Also reported to" in text and "signed by the receiver, checked" in text


def test_first_start_refuses_a_wrong_key_file_and_makes_no_store(qtbot, window, tmp_path, keys):
    folder = tmp_path / "fresh"
    w = window(folder)
    assert w.stack.currentWidget() is w.setup_page
    page = w.setup_page
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClicks(page.repeat, PASSPHRASE)
    wrong = tmp_path / "notes.txt"
    wrong.write_text("geen sleutel")
    qtbot.keyClicks(page.key_file, str(wrong))
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.problem.isVisible(), timeout=10000)
    assert "signaal-receiver init" in page.problem.text()
    assert not DeskStore.exists(folder)
    page.key_file.clear()
    qtbot.keyClicks(page.key_file, str(keys[0]))
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.main, timeout=15000)
    qtbot.waitUntil(lambda: "nog niet aangemeld" in w.status.text(), timeout=10000)
    assert DeskStore.exists(folder)


def test_a_suggestion_is_confirmed_from_the_report_and_export_writes_the_filter(
        qtbot, window, seeded, tmp_path):
    w = window()
    _unlock(qtbot, w)
    # two reports about people with the same non-identifying attributes from one organisation
    ids = seeded[1]
    first, same = seeded[2]
    row = w.inbox.model.row_of(first)
    _select(qtbot, w, row)
    qtbot.waitUntil(lambda: w.report.suggest_list.count() >= 1, timeout=10000)
    w.report.suggest_list.setCurrentRow(0)
    chosen = w.report.suggest_list.currentItem().data(Qt.ItemDataRole.UserRole)
    assert chosen == same
    qtbot.mouseClick(w.report.same_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("zelfde persoon" in w.report.linked_list.item(i).text()
                                for i in range(w.report.linked_list.count())), timeout=10000)
    assert w.report.suggest_list.count() == 0   # decided: no longer suggested
    # Enter on the linked report opens it, and it stays open when the inbox has reloaded
    w.report.linked_list.setFocus()
    w.report.linked_list.setCurrentRow(0)
    qtbot.keyClick(w.report.linked_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.report.report_id == same, timeout=10000)
    qtbot.waitUntil(lambda: not w.worker.busy, timeout=10000)
    assert w.report.report_id == same
    assert any(first[:8] in w.report.linked_list.item(i).text() for i in range(w.report.linked_list.count()))
    # export the current filter (all) as CSV, through the store thread
    out = tmp_path / "export.csv"
    flt = w.inbox.current_filter()
    summary = _run(qtbot, w, lambda s: export.write(s, flt, out, "csv"))
    assert summary.written == 6
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["envelope_id"] for r in rows} == set(ids)
    keys_of = {r["envelope_id"]: r["desk_person_key"] for r in rows}
    assert keys_of[first] == keys_of[same] == min(first, same)
    assert (out.stat().st_mode & 0o777) == 0o600



def test_every_desk_text_is_in_both_catalogues(tmp_path):
    root = Path(__file__).resolve().parents[2]
    sources = [*(root / "desk" / "ui").rglob("*.py"), root / "desk" / "app.py"]
    ts = tmp_path / "desk.ts"
    lupdate = os.path.join(os.path.dirname(sys.executable), "pyside6-lupdate")
    subprocess.run([lupdate, *map(str, sources), "-ts", str(ts)], check=True, capture_output=True)

    def pairs(path):
        root_ = ET.parse(path).getroot()  # noqa: S314 - our own catalogue files
        return {(c.find("name").text, m.find("source").text) for c in root_.iter("context")
                for m in c.iter("message")}

    in_code = pairs(ts)
    assert in_code
    for lang in ("nl", "en"):
        missing = in_code - pairs(root / "resources" / "i18n" / f"signaal_{lang}.ts")
        assert not missing, sorted(missing)[:5]


def test_inactivity_locks_the_desk_and_hides_every_report(qtbot, window, seeded):
    w = window()
    _unlock(qtbot, w)
    _select(qtbot, w, 0)
    assert w.report.browser.toPlainText()
    w.guard.set_autolock_ms(300)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.unlock_page, timeout=5000)
    assert w.inbox.model.rowCount() == 0 and w.report.browser.toPlainText() == ""
    assert w.triage.notes.count() == 0 and w.quarantine.table.rowCount() == 0
    assert w.unlock_page.title.text() == "Signaal is vergrendeld"
    w.guard.set_autolock_ms(60_000)
    _unlock(qtbot, w)
    assert w.inbox.model.rowCount() == 6
    # Ctrl+L locks from the inbox at once
    qtbot.keyClick(w.inbox.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.unlock_page, timeout=5000)


def test_an_overtaken_edit_is_shown_until_seen(qtbot, window, seeded, tmp_path, keys, log, secrets):
    folder, ids, _pair = seeded
    rid = ids[0]
    store = DeskStore.open(folder, PASSPHRASE, secrets=secrets)
    mine = log.api("reg_00000000000000aa", log.registrars["reg_00000000000000aa"])
    colleague = new_desk(tmp_path / "bram", keys[0])
    prepared = enrol_offline(colleague, "reg_00000000000000bb", "Bram Jansen", keys[1],
                             bytes(keys[2].verify_key))
    theirs = log.api("reg_00000000000000bb", prepared.public_key)
    exchange.exchange(colleague, theirs)
    triage.record(store, rid, "assignee", "Anna de Vries")
    triage.record(colleague, rid, "assignee", "Bram Jansen")   # at the same time, not knowing Anna's
    exchange.exchange(store, mine)
    exchange.exchange(colleague, theirs)
    exchange.exchange(store, mine)
    store.close()
    colleague.close()
    w = window()
    _unlock(qtbot, w)
    _select(qtbot, w, w.inbox.model.row_of(rid))
    qtbot.waitUntil(lambda: w.triage.overtaken_banner.isVisible(), timeout=10000)
    text = w.triage.overtaken_banner.text()
    assert "Bram Jansen" in text and "ingehaald" in text and "Anna de Vries" in text
    assert w.triage.assignee.currentText() == "Bram Jansen"
    qtbot.mouseClick(w.triage.seen_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not w.triage.overtaken_banner.isVisible(), timeout=10000)
    w.show_report(rid)   # loaded again from the store: seen stays seen
    qtbot.waitUntil(lambda: not w.worker.busy, timeout=10000)
    assert not w.triage.overtaken_banner.isVisible() and w.triage.assignee.currentText() == "Bram Jansen"


def test_the_statistics_threshold_is_a_desk_setting(qtbot, window, seeded):
    w = window()
    _unlock(qtbot, w)
    w.main.setCurrentWidget(w.stats)
    qtbot.waitUntil(lambda: w.stats.view.protected is not None and not w.stats.view.busy, timeout=15000)
    assert w.stats.threshold.value() == 10 == w.stats.view.threshold
    w.stats.threshold.selectAll()
    qtbot.keyClicks(w.stats.threshold, "5")
    qtbot.keyClick(w.stats.threshold, Qt.Key.Key_Return)
    assert w.stats.view.threshold == 5
    qtbot.waitUntil(lambda: _run(qtbot, w, lambda s: s.get_setting("stats.threshold")) == 5, timeout=10000)


def test_a_wrong_passphrase_is_a_plain_sentence_and_repeated_ones_wait(qtbot, window, seeded):
    w = window()
    for attempt in range(3):
        qtbot.keyClicks(w.unlock_page.passphrase, f"niet de goede wachtzin {attempt}")
        qtbot.keyClick(w.unlock_page.passphrase, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: w.unlock_page.problem.isVisible() and not w.worker.busy, timeout=10000)
        assert "wachtwoordzin klopt niet" in w.unlock_page.problem.text()
        assert w.unlock_page.passphrase.text() == ""
    assert w.unlock_page.wait_label.isVisible()            # the third wrong one: a countdown
    assert not w.unlock_page.unlock_button.isEnabled()
    assert w.stack.currentWidget() is w.unlock_page
