"""From a finalised report, "Aanvulling…" starts a new report of the newest form version that
refers to it; a v3 report keeps the reporter's own contact details only when they choose so, and a
next report starts with them filled in (but not ticked to be sent)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core import contact
from tests.forms import legal_cases as lc
from tests.ui.conftest import create_store, in_store, wait_idle
from tests.ui.helpers import answer, fill_coa


def _finalised_v2(qtbot, window):
    coa = lc.COA2
    answers = lc.report(coa, consent="yes")

    def finalised(store):
        draft = store.create_draft(coa.id, coa.version, answers, summary="COA")
        return store.finalise(draft.id, answers, "COA", envelope=None).id

    return in_store(qtbot, window, finalised)


def test_an_addition_starts_from_a_finalised_report_and_refers_to_it(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    record_id = _finalised_v2(qtbot, window)
    window.open_record(record_id)
    qtbot.waitUntil(lambda: window.form_view is not None and window.form_view.record_id == record_id,
                    timeout=5000)
    view = window.form_view
    assert view.addition_button.isVisibleTo(view)
    assert view.addition_button.text() == "Aanv&ulling…"
    qtbot.mouseClick(view.addition_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.form_view is not view and window.form_view is not None, timeout=5000)
    addition = window.form_view
    # the newest version of the same form (a v2 report gets a v3 addition), linked by envelope id
    assert (addition.form.id, addition.form.version) == ("coa", 3)
    assert addition.answers()["follows_up"] == record_id
    assert not addition.read_only and not addition.addition_button.isVisibleTo(addition)
    # withdrawing consent is one question away in the addition
    assert not addition.widgets["follow_up_withdraws"].isHidden()
    # the report it adds to is shown, filled in by Signaal and not to be typed over
    sections = [addition.index.item(i).text() for i in range(addition.index.count())
                if not addition.index.isRowHidden(i)]
    assert sections[-1].endswith("Aanvulling")
    assert not addition.widgets["follows_up"].body.isEnabled()
    qtbot.waitUntil(lambda: addition.record_id is not None and not addition._saving, timeout=5000)
    stored = in_store(qtbot, window, lambda s: s.get(addition.record_id))
    assert stored.answers["follows_up"] == record_id and stored.form_version == 3
    wait_idle(qtbot, window)


def test_a_new_report_has_no_addition_section(qtbot, make_window):
    """The section for an addition (which report it adds to, whether consent is withdrawn) is
    there only when Signaal started the report as an addition; a new report numbers its sections
    without a gap and cannot be turned into an addition by typing a number."""
    window = make_window()
    create_store(qtbot, window)
    window.new_report("coa")
    view = window.form_view
    assert view.form.version == 3
    shown = [view.index.item(i).text() for i in range(view.index.count()) if not view.index.isRowHidden(i)]
    assert not any(text.endswith("Aanvulling") for text in shown)
    assert [text.split(".")[0] for text in shown] == [str(n) for n in range(1, len(shown) + 1)]
    assert view.widgets["follows_up"].isHidden() and view.widgets["follow_up_withdraws"].isHidden()
    assert "follows_up" not in view.clean_answers()
    wait_idle(qtbot, window)


def test_the_reporters_contact_is_kept_only_when_they_choose_and_is_filled_in_next_time(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    window.new_report("coa")
    view = window.form_view
    assert view.form.version == 3
    fill_coa(qtbot, view)
    answer(qtbot, view, "contact_share", "yes")
    answer(qtbot, view, "contact_name", "Synthetic Reporter")
    answer(qtbot, view, "contact_phone", "0612345678")
    answer(qtbot, view, "contact_remember", "yes")
    view.begin_finalise()
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible(), timeout=5000)
    assert view.dialog.problem_list is None
    view.dialog.confirmed.emit()
    qtbot.waitUntil(lambda: view.read_only, timeout=10_000)
    kept = in_store(qtbot, window, lambda s: s.get_setting(contact.SETTING))
    assert kept == {"contact_name": "Synthetic Reporter", "contact_phone": "0612345678"}

    window.new_report("coa")
    qtbot.waitUntil(lambda: window.form_view is not view, timeout=5000)
    second = window.form_view
    qtbot.waitUntil(lambda: second.widgets["contact_name"].value() == "Synthetic Reporter", timeout=5000)
    assert second.widgets["contact_phone"].value() == "0612345678"
    # filled in, but not sent unless ticked again: the question stays unanswered and they hidden
    assert second.widgets["contact_share"].value() is None
    assert second.widgets["contact_name"].isHidden()
    assert "contact_name" not in second.clean_answers()
    # choosing not to keep them erases them at the next finalise
    fill_coa(qtbot, second)
    answer(qtbot, second, "contact_share", "yes")
    answer(qtbot, second, "contact_remember", "no")
    second.begin_finalise()
    qtbot.waitUntil(lambda: second.dialog is not None and second.dialog.isVisible(), timeout=5000)
    second.dialog.confirmed.emit()
    qtbot.waitUntil(lambda: second.read_only, timeout=10_000)
    assert in_store(qtbot, window, lambda s: s.get_setting(contact.SETTING)) is None
    wait_idle(qtbot, window)
