"""Answers that the form proposes: today's date in a new report, an answer that follows from another
(minor from an age). The definition says which (``prefill`` on a field); the UI shows them as filled
in and the user can change them. Nothing here changes a draft that exists: a new report starts with
:func:`new_report_answers`, and :func:`derived_answer` is asked only when the user changes an answer.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from forms import model as m
from forms.logic import holds, value_ok


def new_report_answers(form: m.Form, today: _dt.date | None = None) -> dict[str, Any]:
    """The answers a new report starts with beyond ``form.defaults``: dates marked ``prefill: today``."""
    day = (today or _dt.date.today()).isoformat()
    return {f.id: day for f in form.all_fields() if isinstance(f, m.DateField) and f.prefill == "today"}


def prefill_fields(form: m.Form) -> list[str]:
    """Ids of the fields whose answer can follow from other answers."""
    return [f.id for f in form.all_fields() if isinstance(f, m.SingleChoiceField) and f.prefill]


def derived_answer(form: m.Form, field_id: str, answers: dict[str, Any]) -> str | None:
    """The answer that follows from ``answers`` for ``field_id`` (the first prefill rule that holds),
    or None when none does."""
    f = form.field(field_id)
    if not isinstance(f, m.SingleChoiceField):
        return None
    # Only from answers that are valid: an age of 134 proposes nothing.
    valid = {fid: value for fid, value in answers.items()
             if form.has_field(fid) and value_ok(form.field(fid), value)}
    for rule in f.prefill:
        if holds(rule.when, valid):
            return rule.value
    return None
