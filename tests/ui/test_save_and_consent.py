"""The Save button, and the finalise summary that shows exactly what will be sent."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.errors import CrashDialog
from tests.forms import legal_cases as lc
from tests.ui.conftest import create_store, in_store, wait_idle
from tests.ui.helpers import answer, fill_coa

ROOT = Path(__file__).resolve().parents[2]


def _crash_dialogs() -> list[CrashDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]


def test_clicking_save_saves_without_an_error(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    window.new_report("coa")
    view = window.form_view
    answer(qtbot, view, "gender", "female")
    for _ in range(2):  # once with something to save, once with nothing new
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: view.record_id is not None and not view._saving and not view.dirty,
                        timeout=5000)
        assert not _crash_dialogs()
    record_id = view.record_id
    assert in_store(qtbot, window, lambda s: s.get(record_id)).answers["gender"] == "female"
    wait_idle(qtbot, window)
    assert not _crash_dialogs()


def test_no_signal_is_connected_to_a_slot_with_optional_positional_parameters():
    """A signal such as ``clicked(bool)`` fills a slot's optional positional parameters: that is
    how Save passed ``checked=False`` as ``then`` and crashed. Such slots take keyword-only options."""
    found = []
    for path in (ROOT / "desktop").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            methods = {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}
            for node in ast.walk(cls):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "connect" and node.args):
                    continue
                target = node.args[0]
                if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                        and target.value.id == "self" and target.attr in methods
                        and methods[target.attr].args.defaults):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {target.attr}")
    assert not found, found


def _finalise_dialog(qtbot, view):
    view.begin_finalise()
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible(), timeout=5000)
    assert view.dialog.problem_list is None
    return view.dialog


def test_finalise_summary_without_consent_shows_what_is_sent_and_names_what_stays(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    window.new_report("coa")
    view = window.form_view
    fill_coa(qtbot, view)
    answer(qtbot, view, "subject_pseudonym", "Synthetic A.B.")
    answer(qtbot, view, "free_text", "Synthetic note about the situation")
    answer(qtbot, view, "consent_registration", "no")
    dialog = _finalise_dialog(qtbot, view)
    shown = dialog.summary_view.toPlainText()
    assert "Synthetic A.B." not in shown and "Synthetic note" not in shown
    assert "Initialen of schuilnaam" not in shown and "Korte toelichting" not in shown
    assert "Geslacht" in shown  # what is sent is listed
    assert dialog.held_back.isVisibleTo(dialog)
    assert "Initialen of schuilnaam" in dialog.held_back.text()
    assert "Korte toelichting" in dialog.held_back.text()
    dialog.reject()

    answer(qtbot, view, "consent_registration", "yes")
    answer(qtbot, view, "consent_given_by", "self")
    dialog = _finalise_dialog(qtbot, view)
    shown = dialog.summary_view.toPlainText()
    assert "Synthetic A.B." in shown and "Synthetic note about the situation" in shown
    assert not dialog.held_back.isVisibleTo(dialog)
    dialog.reject()
    wait_idle(qtbot, window)


def test_a_finalised_report_can_have_its_consent_withdrawn_by_a_follow_up(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    coa = lc.COA2
    answers = lc.report(coa, consent="yes")

    def finalised(store):
        draft = store.create_draft(coa.id, coa.version, answers, summary="COA")
        return store.finalise(draft.id, answers, "COA", envelope=None).id

    record_id = in_store(qtbot, window, finalised)
    window.open_record(record_id)
    qtbot.waitUntil(lambda: window.form_view is not None and window.form_view.record_id == record_id,
                    timeout=5000)
    view = window.form_view
    assert view.withdraw_button.isVisibleTo(view)
    assert view.withdraw_button.text() == "Toestemming &intrekken…"
    qtbot.mouseClick(view.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.form_view is not view and window.form_view is not None, timeout=5000)
    follow_up = window.form_view
    assert follow_up.form.id == "withdrawal"
    assert follow_up.answers()["withdraws_envelope_id"] == record_id
    assert not follow_up.withdraw_button.isVisibleTo(follow_up)  # a draft, not a sent report
    wait_idle(qtbot, window)


def test_the_chosen_legal_basis_explains_itself_under_the_choice(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window, role="zorg")
    window.new_report("zorg")
    view = window.form_view
    route = view.form.legal
    assert view.basis_guidance.text() == route.guidance.nl  # nothing chosen yet: the route itself
    answer(qtbot, view, route.basis_field, "conflict_of_duties")
    assert view.basis_guidance.text() == route.basis("conflict_of_duties").guidance.nl
    assert "geen gezondheidsgegevens" in view.basis_guidance.text()
    view.set_language("en")
    assert view.basis_guidance.text() == route.basis("conflict_of_duties").guidance.en
    wait_idle(qtbot, window)
