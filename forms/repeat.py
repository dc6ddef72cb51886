"""Repeat groups (XLSForm's repeat): one group report with several persons, each exported as a row.

A repeat group asks its fields once per item. Each item field has a *twin*: the report field with
the same export name and kind (the group "other persons" repeats the person section). A person's
row is the report's row with the person section answered by that item instead: the same
minimisation, legal basis and HTCDS mapping apply, so a person row holds only what the first
person's row could hold. The rows share the report's envelope id and case id; ``sig_person``
numbers them (1 is the report's own person).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from forms import model as m
from forms.export import export_record
from forms.logic import clean_answers


def groups(form: m.Form) -> list[m.RepeatField]:
    return [f for f in form.all_fields() if isinstance(f, m.RepeatField)]


def twins(form: m.Form, group: m.RepeatField) -> dict[str, m.FormField]:
    """Per item field id, the report field it stands for (same export name and kind)."""
    by_name = {f.export_name: f for f in form.all_fields() if f.export_name}
    out: dict[str, m.FormField] = {}
    for inner in group.fields:
        twin = by_name.get(inner.export_name) if inner.export_name else None
        if twin is not None and twin.kind == inner.kind:
            out[inner.id] = twin
    return out


def check(form: m.Form) -> list[tuple[str, str, str]]:
    """Definition errors: every item field needs a twin (``(group id, sub path, message)``)."""
    problems = []
    for group in groups(form):
        found = twins(form, group)
        for i, inner in enumerate(group.fields):
            if inner.id not in found:
                problems.append((group.id, f".fields[{i}].export_name",
                                 f"{inner.export_name!r} is not the export name of a field of the same "
                                 "kind in this form: a person's row fills the report's columns"))
    return problems


def person_answers(form: m.Form, group: m.RepeatField, answers: Any, item: dict[str, Any]) -> dict[str, Any]:
    """The report's answers with its person section answered by ``item``."""
    values = clean_answers(form, answers)
    pair = twins(form, group)
    sections = {form.section_of(t.id).id for t in pair.values()}
    out = {k: v for k, v in values.items()
           if form.section_of(k).id not in sections and not isinstance(form.field(k), m.RepeatField)}
    for inner_id, twin in pair.items():
        if inner_id in item:
            out[twin.id] = item[inner_id]
    return out


def person_records(form: m.Form, answers: Any, *, withdrawn: Collection[str] = ()) -> list[dict[str, object]]:
    """The export record of every item of every repeat group, in order (persons 2, 3, …)."""
    values = clean_answers(form, answers)
    out = []
    for group in groups(form):
        items = values.get(group.id)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                person = person_answers(form, group, answers, item)
                out.append(export_record(form, person, withdrawn=withdrawn))
    return out
