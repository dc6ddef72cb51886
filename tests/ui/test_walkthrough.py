"""What a person saw on screen, checked on the real widgets with Signaal's style sheet."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

import forms
from desktop import i18n
from desktop.app import make_application
from desktop.qt import translate
from desktop.sending import SyncController
from desktop.ui.about import AboutDialog
from desktop.ui.audit import event_name
from desktop.ui.common import state_name
from desktop.ui.finalise import FinaliseDialog
from desktop.ui.form_picker import FormPickerDialog
from desktop.ui.form_view import FormView
from desktop.ui.receipt_view import ReceiptView
from desktop.ui.settings import SettingsDialog
from tests.ui.conftest import create_store, in_store, wait_idle, wait_list_loaded
from tests.ui.helpers import fill_coa


def test_finalise_and_send_looks_like_the_main_action(qtbot):
    make_application()  # Signaal's style sheet
    dialog = FinaliseDialog([], [("Melding", "Regio", "Noord-Nederland")], [], "COA", None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    confirm, cancel = dialog.confirm_button, dialog.cancel_button
    # The blue primary button (as "Finalise…" in the form), not a white one like "Cancel".
    assert confirm.palette().button().color().name() == "#1f5f99"
    assert cancel.palette().button().color().name() != "#1f5f99"


def test_an_open_report_that_gets_sent_stops_saying_it_waits(qtbot, make_window):
    """Seen: status bar "Alles verzonden om 12:03" while the open report still said it waited."""

    window = make_window(delivery=lambda worker: SyncController(worker, probe_interval=3600))
    qtbot.waitUntil(lambda: window.delivery is not None, timeout=5000)
    create_store(qtbot, window)
    window.new_report("coa")
    view = window.form_view
    fill_coa(qtbot, view)
    view.save_now()
    qtbot.waitUntil(lambda: view.record_id is not None and not view._saving, timeout=5000)
    view._finalise_confirmed()
    qtbot.waitUntil(lambda: view.read_only, timeout=5000)
    assert view.state == "final"
    view.index.setCurrentRow(3)
    record_id = view.record_id
    in_store(qtbot, window, lambda s: s.mark_sent(record_id, {"reference": "QA-1"}))
    window.delivery.controller.records_changed.emit()  # what the sync thread says after sending
    qtbot.waitUntil(lambda: window.form_view is not view and window.form_view is not None, timeout=5000)
    shown = window.form_view
    assert shown.record_id == record_id
    assert shown.state == "sent"
    assert shown.status.text() == "Verzonden"
    assert "Verzonden op" in shown.state_banner.text()
    assert shown.index.currentRow() == 3  # where the user was
    assert len(shown.findChildren(ReceiptView)) == 1  # its receipt is shown above it
    wait_idle(qtbot, window)


def test_long_section_titles_wrap_in_the_index_instead_of_being_cut_off(qtbot):
    """Seen in the Zorg form: "6. Meldcode en beroepsgehe" and a horizontal scroll bar."""

    make_application()
    for form in forms.catalog().latest():
        view = FormView(form, lambda *a, **k: None, "nl")
        qtbot.addWidget(view)
        view.resize(1100, 720)
        view.show()
        qtbot.waitExposed(view)
        index = view.index
        assert index.horizontalScrollBar().maximum() == 0, form.id
        for row in range(index.count()):
            rect = index.visualItemRect(index.item(row))
            assert rect.right() <= index.viewport().width(), (form.id, index.item(row).text())
        view.dispose()


def test_looking_at_a_new_form_and_going_back_leaves_no_empty_draft(qtbot, make_window):
    """Seen: Ctrl+N, the Zorg form, a page further, back: a "Zorg" draft with nothing in it."""

    window = make_window()
    create_store(qtbot, window)
    for form_id in ("zorg", "nla"):
        window.new_report(form_id)
        view = window.form_view
        view._step(+1)
        qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: window.form_view is None, timeout=5000)
    wait_idle(qtbot, window)
    wait_list_loaded(qtbot, window)
    assert in_store(qtbot, window, lambda s: s.list_records().total) == 0
    # Once something is typed, going back keeps it.
    window.new_report("zorg")
    view = window.form_view
    view.widgets["acute_danger"].radios["no"].click()
    view.close_view()
    qtbot.waitUntil(lambda: window.form_view is None, timeout=5000)
    wait_idle(qtbot, window)
    assert in_store(qtbot, window, lambda s: s.list_records().total) == 1


def test_every_audit_event_the_app_writes_has_a_plain_name():
    """Seen in the audit log: a bare "sent" among Dutch sentences."""

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r'(?:\baudit|_append_audit)\((?:conn, )?"([a-z_.]+)"')
    events = set()
    for path in list((root / "desktop").rglob("*.py")) + list((root / "sync").rglob("*.py")):
        events.update(pattern.findall(path.read_text(encoding="utf-8")))
    assert {"record.sent", "sent", "draft.created"} <= events
    make_application()
    for lang in ("nl", "en"):
        i18n.set_language(lang)
        for event in sorted(events):
            assert event_name(event) != event, (lang, event)
    i18n.set_language("nl")
    assert event_name("sent") == "Meldingen verzonden, ontvangstbewijzen ontvangen"


def test_about_shows_every_line_in_full(qtbot):
    """Seen: "Store protected by" cut off after one line, the other rows clipped at the bottom."""

    class Info:
        cipher_version = "4.19.0 community"
        keyring_backend = "keyrings.alt.file.PlaintextKeyring"
        keyring_in_use = False

    make_application()
    for lang in ("nl", "en"):
        i18n.set_language(lang)
        dialog = AboutDialog("/tmp/een/lange/map/voor/signaal-gegevens", Info(), lang)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        for key, label in dialog.fields.items():
            assert label.height() >= label.heightForWidth(label.width()), (lang, key)
            assert label.geometry().bottom() <= dialog.height(), (lang, key)
    i18n.set_language("nl")


def test_settings_fit_on_a_small_screen_with_save_and_cancel_in_view(qtbot):
    """Seen: with the connection panel, Settings was ~725 px tall: on a 768 px laptop screen
    Save and Cancel would be below the edge."""

    make_application()
    values = {"language": "nl", "role": "coa", "autolock_minutes": 5, "retention_days": 30}
    short = SettingsDialog(values)
    qtbot.addWidget(short)
    short.show()
    qtbot.waitExposed(short)
    assert short.scroll_area.verticalScrollBar().maximum() == 0  # room enough: nothing to scroll

    tall = SettingsDialog(values)
    qtbot.addWidget(tall)
    panel = QWidget()
    panel.setFixedHeight(500)  # a connection panel with a long message, or big fonts
    tall.add_connection_panel(panel)
    tall.show()
    qtbot.waitExposed(tall)
    room = tall.screen().availableGeometry()
    assert tall.height() <= room.height()
    for button in tall.buttons.buttons():
        assert button.isVisible()
        assert button.mapTo(tall, button.rect().bottomLeft()).y() <= tall.height()
    assert tall.scroll_area.verticalScrollBar().maximum() > 0  # the groups scroll instead


def test_the_state_column_shows_sent_with_receipt_in_full(qtbot, make_window):
    """Seen: "Verzonden, met ontvang…" in the list of reports."""

    window = make_window()
    create_store(qtbot, window)
    table = window.list_page.table
    font = table.fontMetrics()
    for text in (translate("ReportList", "%1, with receipt").replace("%1", state_name("sent")),
                 state_name("final")):
        assert font.horizontalAdvance(text) + 16 <= table.horizontalHeader().sectionSize(2), text


def test_the_passphrase_hint_uses_the_width_of_the_field(qtbot, make_window):
    """Seen on the first screen: "Gebruik minstens" / "10 tekens." on two short lines."""
    window = make_window()
    page = window.setup_page
    qtbot.waitUntil(lambda: page.strength.isVisible())
    assert page.strength.width() >= page.passphrase.width() - 2
    text = page.strength.text()
    assert page.strength.fontMetrics().horizontalAdvance(text) <= page.strength.width(), text


def test_the_form_picker_starts_with_a_primary_button_and_reads_without_scrolling_sideways(qtbot):
    make_application()
    dialog = FormPickerDialog(list(forms.catalog().latest()), "nla", "nl")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.list.currentItem().data(256) == "nla"  # the role's form first, chosen
    assert dialog.start_button.palette().button().color().name() == "#1f5f99"
    assert not dialog.list.horizontalScrollBar().isVisible()
