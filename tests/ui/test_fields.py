"""Every shipped form renders; every field kind takes a value, gives it back, and shows a problem."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

import forms
from desktop.ui.fields import (
    ChecklistWidget,
    CountryWidget,
    DateWidget,
    FieldWidget,
    IntegerWidget,
    LongTextWidget,
    MultipleChoiceWidget,
    NoticeWidget,
    RepeatWidget,
    ShortTextWidget,
    SingleChoiceWidget,
    YesNoUnknownWidget,
    fold,
    parse_date,
    widget_for,
)
from desktop.ui.form_view import FormView
from tests.ui.conftest import create_store, wait_idle

CATALOG = forms.catalog()
ALL_FORMS = sorted(CATALOG.forms.values(), key=lambda f: (f.id, f.version))
WIDGET_OF_KIND: dict[str, type[FieldWidget]] = {
    "short_text": ShortTextWidget,
    "identifying_text": ShortTextWidget,
    "reference": ShortTextWidget,
    "long_text": LongTextWidget,
    "integer": IntegerWidget,
    "date": DateWidget,
    "single_choice": SingleChoiceWidget,
    "multiple_choice": MultipleChoiceWidget,
    "yes_no_unknown": YesNoUnknownWidget,
    "country": CountryWidget,
    "checklist": ChecklistWidget,
    "notice": NoticeWidget,
    "repeat": RepeatWidget,
}


def no_store(fn: Any, on_done: Any = None, on_error: Any = None, **_kw: Any) -> None:
    """A submit that never reaches a store (rendering tests do not save)."""


def first_field(kind: str, **props: Any) -> Any:
    for form in ALL_FORMS:
        for field in form.all_fields():
            if field.kind == kind and all(getattr(field, k, None) == v for k, v in props.items()):
                return field
    pytest.skip(f"no shipped field of kind {kind} {props}")


@pytest.mark.parametrize("form", ALL_FORMS, ids=lambda f: f"{f.id}.v{f.version}")
def test_every_shipped_form_renders(qtbot, form):
    assert not CATALOG.errors
    view = FormView(form, no_store, "nl")
    qtbot.addWidget(view)
    view.resize(1100, 720)
    view.show()
    assert view.index.count() == len(form.sections)
    assert set(view.widgets) == {f.id for f in form.all_fields()}
    for field_id, widget in view.widgets.items():
        assert type(widget) is WIDGET_OF_KIND[widget.field.kind], field_id
        target = widget.focus_target()
        if widget.field.kind == "notice":
            continue
        assert target is not None, field_id
        assert widget.label.buddy() is target, field_id
        for control in widget.inputs():
            assert control.accessibleName(), field_id
    # Walk every section as a user would, with the keyboard shortcut for "next".
    for _ in range(len(form.sections)):
        view._step(+1)
    view.grab()
    view.dispose()


@pytest.mark.parametrize(
    ("kind", "props", "value"),
    [
        ("short_text", {}, "Kanarie-7Q"),
        ("identifying_text", {}, "K.Q."),
        ("long_text", {}, "Eerste regel\ntweede regel"),
        ("integer", {}, 34),
        ("date", {}, "2026-11-03"),
        ("single_choice", {}, None),
        ("multiple_choice", {}, None),
        ("yes_no_unknown", {}, "unknown"),
        ("country", {"multiple": False}, None),
        ("country", {"multiple": True}, None),
        ("checklist", {}, None),
    ],
)
def test_field_kind_value_in_value_out_and_problem(qtbot, kind, props, value):
    field = first_field(kind, **props)
    if value is None:
        codes = [o.code for o in field.choices()]
        if kind == "single_choice":
            value = codes[-1]
        elif kind == "multiple_choice":
            exclusive = set(getattr(field, "exclusive", []) or [])
            value = [c for c in codes if c not in exclusive][:2]
        elif kind == "country":
            value = codes[3:5] if props.get("multiple") else codes[7]
        elif kind == "checklist":
            ids = [i.id for i in field.indicators]
            value = {ids[0]: {"answer": "yes", "note": "gezien"}, ids[1]: {"answer": "no"}}
    widget = widget_for(field, "nl")
    qtbot.addWidget(widget)
    widget.show()
    changes: list[int] = []
    widget.changed.connect(lambda: changes.append(1))
    assert widget.value() is None
    widget.set_value(value)
    assert widget.value() == value
    assert changes == []  # loading a value is not a user change
    widget.set_value(None)
    assert widget.value() is None
    widget.set_problem("Dit veld is verplicht.")
    assert widget.problem.isVisible()
    assert widget.problem.text() == "Dit veld is verplicht."
    widget.set_problem(None)
    assert not widget.problem.isVisible()
    widget.set_language("en")
    assert widget.label.text().startswith(field.label.en)


def test_notice_renders_its_text(qtbot):
    field = first_field("notice", severity="danger")
    widget = widget_for(field, "nl")
    qtbot.addWidget(widget)
    assert field.text.nl in widget.banner.text()
    assert widget.value() is None


def test_problems_from_validate_show_under_the_field(qtbot):
    form = CATALOG.get("coa")
    view = FormView(form, no_store, "nl")
    qtbot.addWidget(view)
    view.show()
    age = view.widgets["age_years"]
    view.jump_to("age_years")
    qtbot.keyClicks(age.edit, "130")
    assert age.problem.isVisible(), "an age out of range is a draft-level problem"
    problems = forms.validate(form, {"age_years": 130})
    message = next(p.message.nl for p in problems if p.field_id == "age_years")
    assert age.problem.text() == message
    date = view.widgets["date_signal"]
    view.jump_to("date_signal")
    qtbot.keyClicks(date.edit, "31-02-2026")
    assert date.problem.isVisible()
    view.dispose()


def test_conditional_fields_appear_and_disappear_live(qtbot):
    form = CATALOG.get("coa")
    view = FormView(form, no_store, "nl")
    qtbot.addWidget(view)
    view.show()
    target = view.widgets["sector_sexual"]
    assert target.isHidden()
    view.widgets["exploitation_types"].boxes["sexual"].click()
    assert not target.isHidden()
    view.widgets["exploitation_types"].boxes["sexual"].click()
    assert target.isHidden()
    # The 112 notice when acute danger is yes.
    notice = view.widgets["acute_danger_notice"]
    assert notice.isHidden()
    view.widgets["acute_danger"].radios["yes"].click()
    assert not notice.isHidden()
    view.index.setCurrentRow(3)
    assert view.danger_banner.isVisibleTo(view)
    view.dispose()


def test_checklist_is_compact_and_notes_open_on_demand(qtbot):
    field = first_field("checklist")
    widget = widget_for(field, "nl")
    qtbot.addWidget(widget)
    widget.show()
    row = next(iter(widget.rows.values()))
    assert not row.note.isVisible()
    row.note_button.click()
    assert row.note.isVisible()
    qtbot.keyClicks(row.note, "gezien bij de poort")
    row.radios["yes"].click()
    assert widget.value()[row.indicator.id] == {"answer": "yes", "note": "gezien bij de poort"}
    assert row.height() < 80


def test_help_is_on_hover_and_f1(qtbot):
    form = CATALOG.get("coa")
    field = next(f for f in form.all_fields() if f.help is not None and f.kind != "notice")
    view = FormView(form, no_store, "nl")
    qtbot.addWidget(view)
    view.show()
    widget = view.widgets[field.id]
    assert widget.toolTip() == field.help.nl
    view.jump_to(field.id)
    view.show_help()
    assert widget.help_label.isVisibleTo(view)
    view.dispose()


def test_dates_as_people_type_them():
    assert parse_date("3-11-2026").isoformat() == "2026-11-03"
    assert parse_date("2026-11-03").isoformat() == "2026-11-03"
    assert parse_date("") is None
    with pytest.raises(ValueError):
        parse_date("31-02-2026")


def test_field_widgets_have_no_orphan_labels(qtbot):
    form = CATALOG.get("nla")
    view = FormView(form, no_store, "en")
    qtbot.addWidget(view)
    for widget in view.findChildren(FieldWidget):
        labels = [lbl for lbl in widget.findChildren(QLabel) if lbl.objectName() == "fieldLabel"]
        assert labels and all(isinstance(lbl.buddy(), QWidget | type(None)) for lbl in labels)
    view.dispose()


def test_f1_in_a_form_shows_the_fields_help(qtbot, make_window):
    window = make_window()
    create_store(qtbot, window)
    window.new_report("coa")
    view = window.form_view
    field = next(f for f in view.form.all_fields() if f.help is not None and f.kind != "notice")
    view.jump_to(field.id)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F1)
    assert view.widgets[field.id].help_label.isVisibleTo(view)
    wait_idle(qtbot, window)


@pytest.mark.parametrize("form", ALL_FORMS, ids=lambda f: f"{f.id}.v{f.version}")
def test_no_form_forces_a_wide_window(qtbot, form):
    view = FormView(form, no_store, "nl")
    qtbot.addWidget(view)
    for number in range(len(form.sections)):
        view.index.setCurrentRow(number)
        assert view.minimumSizeHint().width() <= 1024, (form.id, number, view.minimumSizeHint())
    view.dispose()


def _country_names(widget: Any) -> list[str]:
    if widget.multiple:
        return [widget.list.item(i).text() for i in range(widget.list.count())]
    return [widget.combo.itemText(i) for i in range(1, widget.combo.count())]


@pytest.mark.parametrize("multiple", [False, True], ids=["one", "several"])
def test_countries_are_listed_by_their_name_in_the_interface_language(qtbot, multiple):
    field = first_field("country", multiple=multiple)
    widget = widget_for(field, "nl")
    qtbot.addWidget(widget)
    chosen = ["DE", "ER"] if multiple else "DE"
    widget.set_value(chosen)
    for lang, germany in (("nl", "Duitsland"), ("en", "Germany")):
        widget.set_language(lang)
        names = _country_names(widget)
        specials = [o for o in field.choices() if o.code in ("unknown", "stateless")]
        # "Unknown" (and "stateless" where allowed) first, then every country A to Z by name.
        assert names[:len(specials)] == [o.label.get(lang) for o in sorted(
            specials, key=lambda o: o.code != "unknown")]
        countries = names[len(specials):]
        assert countries == sorted(countries, key=fold), lang
        assert countries.index("Afghanistan") < countries.index("Andorra")
        assert germany in countries
        # Re-sorting on a language switch keeps the answer (the same whatever the language).
        assert widget.value() == chosen
    if multiple:  # the filter ignores case and accents
        widget.set_language("nl")
        widget.filter.setText("ethiopie")
        shown = [widget.list.item(i).text() for i in range(widget.list.count())
                 if not widget.list.item(i).isHidden()]
        assert shown == ["Ethiopië"]


def test_a_half_typed_country_never_looks_like_an_answer(qtbot):
    field = first_field("country", multiple=False)
    widget = widget_for(field, "nl")
    qtbot.addWidget(widget)
    widget.show()
    widget.combo.setFocus()
    edit = widget.combo.lineEdit()
    # Part of a name that fits one country chooses it.
    qtbot.keyClicks(edit, "ethiop")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    edit.editingFinished.emit()
    assert widget.value() == "ET"
    assert widget.combo.currentText() == "Ethiopië"
    # Text that fits no country (or several) shows the chosen country again, not the typing.
    edit.selectAll()
    qtbot.keyClicks(edit, "Er")
    edit.editingFinished.emit()
    assert widget.value() == "ET"
    assert widget.combo.currentText() == "Ethiopië"


def test_several_countries_can_be_chosen_with_the_keyboard_alone(qtbot):
    """Found by walking the app: typing "eritr" and Enter did nothing; Tab, then Space was needed."""

    field = first_field("country", multiple=True)
    widget = widget_for(field, "nl")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.filter.setFocus()
    qtbot.keyClicks(widget.filter, "eritr")
    qtbot.keyClick(widget.filter, Qt.Key.Key_Return)
    assert widget.value() == ["ER"]
    qtbot.keyClicks(widget.filter, "ethiop")  # the search was selected: typing replaces it
    assert widget.filter.text() == "ethiop"
    qtbot.keyClick(widget.filter, Qt.Key.Key_Return)
    assert widget.value() == ["ER", "ET"]
    # Several matches: Enter ticks nothing; Down goes to the list and Space ticks one.
    widget.filter.selectAll()
    qtbot.keyClicks(widget.filter, "guin")
    qtbot.keyClick(widget.filter, Qt.Key.Key_Return)
    assert widget.value() == ["ER", "ET"]
    qtbot.keyClick(widget.filter, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is widget.list or widget.focusWidget() is widget.list
    first = widget.list.currentItem()
    assert not first.isHidden() and "guin" in first.text().lower()
    qtbot.keyClick(widget.list, Qt.Key.Key_Space)
    assert len(widget.value()) == 3
    # A name typed in full is ticked even when a longer name also matches.
    widget.filter.setFocus()
    widget.filter.selectAll()
    qtbot.keyClicks(widget.filter, "Soedan")
    qtbot.keyClick(widget.filter, Qt.Key.Key_Return)
    assert "SD" in widget.value() and "SS" not in widget.value()


def test_the_section_index_numbers_only_what_is_shown(qtbot, make_window):
    """Seen: "10. Hulp, 12. Toelichting" while a section in between was hidden."""

    window = make_window()
    create_store(qtbot, window)
    window.new_report("nla")
    view = window.form_view
    shown = [view.index.item(i).text() for i in range(view.index.count()) if not view.index.isRowHidden(i)]
    assert any(view.index.isRowHidden(i) for i in range(view.index.count()))  # some wait for an answer
    assert [int(text.split(".")[0]) for text in shown] == list(range(1, len(shown) + 1))
    wait_idle(qtbot, window)
