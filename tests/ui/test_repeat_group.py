"""The repeat group of a v3 report: persons are added and removed with the keyboard and the mouse,
each person's answers are saved as an item, a problem names the person, and the limit holds."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.fields import RepeatWidget
from desktop.ui.finalise import summary_rows
from forms import catalog
from tests.ui.conftest import create_store, in_store, wait_idle


def _group(qtbot, window):
    window.new_report("nla")
    view = window.form_view
    assert view.form.version == 3
    view.jump_to("other_persons")
    widget = view.widgets["other_persons"]
    assert isinstance(widget, RepeatWidget)
    return view, widget


def test_persons_are_added_filled_in_saved_and_removed(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window, role="nla")
    view, group = _group(qtbot, window)
    assert group.value() is None and group.empty_label.isVisibleTo(group)
    assert group.add_button.text() == "Persoon &toevoegen"
    group.add_button.setFocus()
    qtbot.keyClick(group.add_button, Qt.Key.Key_Space)  # the keyboard adds a person
    qtbot.mouseClick(group.add_button, Qt.MouseButton.LeftButton)
    assert [item.title.text() for item in group.items] == ["Persoon 1", "Persoon 2"]
    first, second = group.items
    gender = first.widgets["p_gender"]
    if gender.combo is None:
        gender.radios["male"].click()
    else:
        gender.combo.setCurrentIndex(gender.combo.findData("male"))
        gender.combo.activated.emit(gender.combo.currentIndex())
    second.widgets["p_pseudonym"].edit.setFocus()
    qtbot.keyClicks(second.widgets["p_pseudonym"].edit, "W2")
    assert group.value() == [{"p_gender": "male"}, {"p_pseudonym": "W2"}]
    qtbot.waitUntil(lambda: view.record_id is not None and not view._saving, timeout=5000)
    view.save_now()
    qtbot.waitUntil(lambda: not view._saving, timeout=5000)
    stored = in_store(qtbot, window, lambda s: s.get(view.record_id).answers)
    assert stored["other_persons"] == [{"p_gender": "male"}, {"p_pseudonym": "W2"}]
    # A person without the required answers is named in the problem at finalising.
    problems = [p for p in view.final_problems() if p.field_id == "other_persons"]
    assert any("Persoon 2" in p.message.nl for p in problems)
    # Removing the first renumbers the rest.
    qtbot.mouseClick(first.remove_button, Qt.MouseButton.LeftButton)
    assert [item.title.text() for item in group.items] == ["Persoon 1"]
    assert group.value() == [{"p_pseudonym": "W2"}]
    wait_idle(qtbot, window)


def test_no_more_persons_than_the_limit(qtbot, make_window):
    window = make_window(lang="en")
    create_store(qtbot, window, role="nla")
    _view, group = _group(qtbot, window)
    assert group.add_button.text() == "&Add person"
    for _ in range(group.field.max_items):
        qtbot.mouseClick(group.add_button, Qt.MouseButton.LeftButton)
    assert len(group.items) == group.field.max_items == 30
    assert not group.add_button.isEnabled()
    qtbot.mouseClick(group.add_button, Qt.MouseButton.LeftButton)
    assert len(group.items) == 30
    wait_idle(qtbot, window)


def test_the_finalise_summary_lists_what_leaves_of_each_person():
    coa = catalog().get("coa", 3)
    answers = {"consent_registration": "no", "other_persons": [
        {"p_pseudonym": "Synthetic W.2", "p_gender": "male", "p_minor": "no", "p_nationality": ["RO"]},
        {"p_gender": "female", "p_minor": "doubt"}]}
    rows, _staying, _why = summary_rows(coa, answers, "nl")
    persons = next(value for _section, label, value in rows if label.startswith("Andere personen"))
    assert persons == "Persoon 1: Man, Nee, 18 of ouder, Roemenië; Persoon 2: Vrouw, Twijfel"
    assert "Synthetic W.2" not in persons  # without consent the alias stays on this computer
