"""Data minimisation: what of a report may leave the device.

This runs on the device, before a report is sealed for CoMensha. The sealed envelope holds
exactly :attr:`Minimised.answers`; the local record keeps what was typed (it is the reporter's own
record) until it is purged.

The rule (version :data:`RULE`):

* only answers of visible, answerable fields, and only values valid for their field (a choice is
  one of its codes, a date is a date, a checklist row is yes / no / unknown): a field that is not
  a text field can never carry typed text out of the device;
* without consent for registration (the form's ``consent_field`` answered ``yes``), no text field
  leaves the device: identifying text (initials, alias), free text, any other typed text, and
  every checklist note.

Bump :data:`RULE` whenever what may leave changes: envelopes sealed under an older rule and still
queued are sealed again before they go out.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from forms import model as m
from forms.logic import clean_answers, value_ok

RULE = 1
"""Version of the minimisation rule that sealed envelopes are made under."""

CONSENT_YES = "yes"


@dataclass(frozen=True)
class Minimised:
    """The outcome of minimising a report's answers.

    Attributes:
        answers: what leaves the device, keyed by field id (the sealed envelope holds exactly this).
        consent: whether consent for registration was given.
        withheld: ids of answered fields that stay on this device, in form order.
        notes_withheld: whether checklist notes were typed that stay on this device.
    """

    answers: dict[str, Any]
    consent: bool
    withheld: tuple[str, ...]
    notes_withheld: bool


def text_field_ids(form: m.Form) -> set[str]:
    """Every field in which people type text (identifying, free, or other short text)."""
    return {f.id for f in form.all_fields() if f.kind in m.TEXT_KINDS}


def consent_given(form: m.Form, values: dict[str, Any]) -> bool:
    """True only when the form's consent field is shown and answered 'yes'."""
    return form.consent_field is not None and values.get(form.consent_field) == CONSENT_YES


def minimise(form: m.Form, answers: Any) -> Minimised:
    """What of ``answers`` may leave the device under the form's consent (see the module text)."""
    values = clean_answers(form, answers)
    consent = consent_given(form, values)
    texts = text_field_ids(form)
    out: dict[str, Any] = {}
    withheld: list[str] = []
    notes_withheld = False
    for f in form.all_fields():
        if f.id not in values:
            continue
        value = values[f.id]
        if not value_ok(f, value):
            withheld.append(f.id)
            continue
        if f.id in texts and not consent:
            withheld.append(f.id)
            continue
        if isinstance(f, m.ChecklistField):
            rows, dropped = _checklist(f, value, keep_notes=consent)
            notes_withheld = notes_withheld or dropped
            if rows:
                out[f.id] = rows
            continue
        out[f.id] = copy.deepcopy(value)
    return Minimised(out, consent, tuple(withheld), notes_withheld)


def _checklist(f: m.ChecklistField, value: dict[str, Any], *,
               keep_notes: bool) -> tuple[dict[str, Any], bool]:
    """Rows as ``{"answer": …}`` (plus ``"note"`` when notes may leave); and whether a note stayed."""
    rows: dict[str, Any] = {}
    dropped = False
    for ind in f.indicators:
        entry = value.get(ind.id)
        if not isinstance(entry, dict) or entry.get("answer") not in m.YES_NO_UNKNOWN:
            continue
        row: dict[str, Any] = {"answer": entry["answer"]}
        note = entry.get("note")
        if f.notes and isinstance(note, str) and note.strip():
            if keep_notes:
                row["note"] = note
            else:
                dropped = True
        rows[ind.id] = row
    return rows, dropped
