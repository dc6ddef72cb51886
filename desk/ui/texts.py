"""Words the desk shows for the core's codes (states, relations, matches), in the UI language."""

from __future__ import annotations

import functools

import forms
from desktop import i18n
from desktop.qt import translate


def state_text(state: str) -> str:
    return {
        "new": translate("Desk", "New"),
        "in_progress": translate("Desk", "In progress"),
        "registered": translate("Desk", "Registered"),
        "referred": translate("Desk", "Referred"),
        "not_trafficking": translate("Desk", "Not trafficking"),
    }.get(state, state)


def action_text(state: str) -> str:
    """The button that moves a report to ``state``."""
    return {
        "new": translate("Desk", "Back to new"),
        "in_progress": translate("Desk", "Take in progress"),
        "registered": translate("Desk", "Register"),
        "referred": translate("Desk", "Refer…"),
        "not_trafficking": translate("Desk", "Not trafficking"),
    }.get(state, state)


def relation_text(relation: str) -> str:
    return {
        "follows_up": translate("Desk", "follow-up of"),
        "followed_by": translate("Desk", "followed up by"),
        "same_person": translate("Desk", "same person"),
    }.get(relation, relation)


def match_text(name: str) -> str:
    return {
        "nationality": translate("Desk", "nationality"),
        "gender": translate("Desk", "gender"),
        "age_band": translate("Desk", "age band"),
        "municipality": translate("Desk", "municipality"),
        "organisation": translate("Desk", "reporting organisation"),
        "period": translate("Desk", "period"),
    }.get(name, name)


def attribute_text(name: str) -> str:
    return {
        "state": translate("Desk", "state"),
        "assignee": translate("Desk", "assignee"),
        "link": translate("Desk", "link"),
    }.get(name, name)


@functools.cache
def _region_field() -> forms.Field | None:
    """The field whose options name the regions (the police units every form asks for)."""
    for form in forms.catalog().latest():
        if form.has_field("reporter_region"):
            field: forms.Field = form.field("reporter_region")  # Form.field is untyped: any field
            return field
    return None


def region_text(code: str | None) -> str:
    """A region code as its label in the UI language."""
    if not code:
        return ""
    field = _region_field()
    if field is None:
        return code
    return field.option_label(code, i18n.current_language())
