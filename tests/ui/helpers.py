"""Driving the form view the way a user does (clicks, typing, choosing)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop.ui.fields import (
    ChecklistWidget,
    CountryWidget,
    DateWidget,
    IntegerWidget,
    LongTextWidget,
    MultipleChoiceWidget,
    ShortTextWidget,
    SingleChoiceWidget,
)


def answer(qtbot: Any, view: Any, field_id: str, value: Any) -> None:
    """Give ``value`` to a field through its real input widgets."""
    widget = view.widgets[field_id]
    view.jump_to(field_id)
    if isinstance(widget, SingleChoiceWidget):  # also yes/no/unknown
        if widget.combo is not None:
            index = widget.combo.findData(value)
            assert index >= 0, (field_id, value)
            widget.combo.setCurrentIndex(index)
            widget.combo.activated.emit(index)
        else:
            widget.radios[value].click()
    elif isinstance(widget, MultipleChoiceWidget):
        for code in value:
            if not widget.boxes[code].isChecked():
                widget.boxes[code].click()
    elif isinstance(widget, CountryWidget):
        if widget.multiple:
            for i in range(widget.list.count()):
                item = widget.list.item(i)
                if item.data(Qt.ItemDataRole.UserRole) in value:
                    item.setCheckState(Qt.CheckState.Checked)
        else:
            index = widget.combo.findData(value)
            assert index >= 0, (field_id, value)
            widget.combo.setCurrentIndex(index)
            widget.combo.activated.emit(index)
    elif isinstance(widget, ChecklistWidget):
        for indicator_id, row in widget.rows.items():
            row.radios[value.get(indicator_id, {"answer": "unknown"})["answer"]].click()
    elif isinstance(widget, DateWidget | ShortTextWidget | IntegerWidget):
        widget.edit.clear()
        qtbot.keyClicks(widget.edit, str(value))
    elif isinstance(widget, LongTextWidget):
        widget.edit.setFocus()
        qtbot.keyClicks(widget.edit, str(value))
    else:  # pragma: no cover - a new kind needs a branch here
        raise AssertionError(f"no way to answer {type(widget).__name__}")


# A complete COA report (form v2) with the conditional fields it opens (nidos_informed,
# sector_labour, consent_given_by). Synthetic values only.
COA_ANSWERS: dict[str, Any] = {
    "acute_danger": "no",
    "date_signal": "03-11-2026",
    "date_report": "04-11-2026",
    "reporter_region": None,  # first real option, filled in at run time
    "gender": None,
    "minor": None,
    "nationality": None,
    "residence_status": None,
    "coa_location": None,
    "coa_household": "unaccompanied_minor",
    "nidos_informed": "yes",
    "exploitation_types": ["labour"],
    "sector_labour": None,
    "coa_checklist": {},
    "assessment": None,
    "consent_registration": "yes",
    "consent_given_by": None,
    # form v2: the referral answer and the consent record (what was explained, by whom, when)
    "referred_to_police": None,
    "consent_explained": {i: {"answer": "yes"} for i in
                          ("told_purpose", "told_recipient", "told_retention", "told_withdrawal")},
    "consent_explained_by": None,
    "consent_date": "04-11-2026",
    "consent_language": None,
    "consent_interpreter": None,
    # form v3: what the reporter asks of CoMensha
    "request_kind": None,
}


def first_code(view: Any, field_id: str) -> str:
    return view.form.field(field_id).choices()[0].code


def fill_coa(qtbot: Any, view: Any) -> dict[str, Any]:
    """Answer every required field of the COA form; returns the answers given (as stored)."""
    given: dict[str, Any] = {}
    for field_id, value in COA_ANSWERS.items():
        if value is None:
            value = first_code(view, field_id)
            if view.form.field(field_id).kind == "multiple_choice":
                value = [value]
        answer(qtbot, view, field_id, value)
        given[field_id] = value
    return given


def start_saved_draft(qtbot: Any, window: Any) -> Any:
    """Open a new COA report, answer one question and wait until the draft is in the store.

    Returns the form view; its ``record_id`` is the saved draft's id.
    """
    window.new_report("coa")
    view = window.form_view
    answer(qtbot, view, "gender", view.form.field("gender").choices()[0].code)
    qtbot.waitUntil(lambda: view.record_id is not None and not view._saving, timeout=5000)
    return view
