"""Data minimisation: what of a report may leave the device.

This runs on the device, before a report is sealed for CoMensha. The sealed envelope holds
exactly :attr:`Minimised.answers`; the local record keeps what was typed (it is the reporter's own
record) until it is purged.

The rule (version :data:`RULE`):

* only answers of visible, answerable fields, and only values valid for their field (a choice is
  one of its codes, a date is a date, a reference has its fixed format, a checklist row is
  yes / no / unknown): a field that is not a text field can never carry typed text out of the
  device;
* the legal basis that holds (:func:`forms.legal.effective_basis`: the role's route in the form
  definition, the basis chosen, consent, the basis's conditions) allows data categories; an
  answer leaves only when every category of its field is allowed: identifying text, free text
  (every text field and every checklist note), health data (fields and checklist indicators
  marked ``health``), and the quasi-identifiers exact age, municipality, exact dates and other
  context;
* a quasi-identifier that is not allowed leaves coarsened where the form says how: an exact age
  as its band, a municipality as its province, a date as its month ("YYYY-MM"); otherwise it
  stays;
* an answer whose question is shown only because of an answer that stays, stays too;
* a form version without any legal route keeps rule 1: without consent for registration no text
  field and no checklist note leaves.

Bump :data:`RULE` whenever what may leave changes: envelopes sealed under an older rule and still
queued are sealed again before they go out.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from forms import legal
from forms import model as m
from forms.logic import CONSENT_YES, clean_answers, consent_given, value_ok

RULE = 2
"""Version of the minimisation rule that sealed envelopes are made under."""

__all__ = ["CONSENT_YES", "RULE", "Minimised", "consent_given", "minimise", "text_field_ids"]

def _empty() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Minimised:
    """The outcome of minimising a report's answers.

    Attributes:
        answers: what leaves the device, keyed by field id (the sealed envelope holds exactly this).
        consent: whether consent for registration was given (and not withdrawn).
        withheld: ids of answered fields that stay on this device, in form order.
        notes_withheld: whether checklist notes were typed that stay on this device.
        basis: the legal basis that holds (a code of the route, e.g. "consent", "legal_task",
            "none"); None for a form version without a legal route.
        basis_requested: the basis the answers asked for; differs from ``basis`` when it did not
            hold (see ``basis_note``).
        basis_note: why the requested basis did not hold: "no_consent", "requirements",
            "withdrawn" (see :func:`forms.legal.reason_text`), else None.
        reasons: per withheld field id, why it stays: "invalid", "depends" or the data category
            the basis does not allow ("identifying", "free_text", "health", "exact_age",
            "municipality", "exact_date", "context").
        coarsened: per field id whose exact answer stays, the category; its coarse answer is in
            ``answers`` under the field id of ``coarse_fields``.
        coarse_fields: per coarsened field id, the field that holds the coarse answer (the field
            itself for a date, which leaves as "YYYY-MM").
        indicators_withheld: checklist indicators answered but withheld (health data).
    """

    answers: dict[str, Any]
    consent: bool
    withheld: tuple[str, ...]
    notes_withheld: bool
    basis: str | None = None
    basis_requested: str | None = None
    basis_note: str | None = None
    reasons: Mapping[str, str] = field(default_factory=_empty)
    coarsened: Mapping[str, str] = field(default_factory=_empty)
    coarse_fields: Mapping[str, str] = field(default_factory=_empty)
    indicators_withheld: tuple[str, ...] = ()


def text_field_ids(form: m.Form) -> set[str]:
    """Every field in which people type text (identifying, free, or other short text)."""
    return {f.id for f in form.all_fields() if f.kind in m.TEXT_KINDS}


def minimise(form: m.Form, answers: Any, *, consent_withdrawn: bool = False) -> Minimised:
    """What of ``answers`` may leave the device under the report's legal basis (see the module
    text). ``consent_withdrawn``: the person later withdrew consent for registration (a withdrawal
    follow-up, see :mod:`forms.withdrawal`); the report is then minimised as if never given."""
    values = clean_answers(form, answers)
    # The basis is decided on valid answers only: an invalid list of meldcode steps proves nothing.
    valid = {fid: v for fid, v in values.items() if value_ok(form.field(fid), v)}
    decision = legal.effective_basis(form, valid, consent_withdrawn=consent_withdrawn)
    allows = decision.allows
    out: dict[str, Any] = {}
    reasons: dict[str, str] = {}
    coarsened: dict[str, str] = {}
    coarse_fields: dict[str, str] = {}
    dropped_indicators: list[str] = []
    notes_withheld = False
    for f in form.all_fields():
        if f.id not in values:
            continue
        value = values[f.id]
        if not value_ok(f, value):
            reasons[f.id] = "invalid"
            continue
        if isinstance(f, m.RepeatField):
            # Each item as the person section would leave: an answer goes when its twin's
            # categories are allowed (an item field without a twin, never).
            pairs = {g.id: legal.field_categories(form, g) for g in f.fields}
            twins = {g.id: form.field(t) for g in f.fields for t in _twin_ids(form, g)}
            out[f.id] = [
                {k: copy.deepcopy(v) for k, v in item.items()
                 if k in twins and legal.field_categories(form, twins[k]) | pairs[k] <= allows}
                for item in value
            ]
            continue
        if isinstance(f, m.ChecklistField):
            rows, dropped, withheld_rows = _checklist(
                f, value, keep_notes="free_text" in allows,
                health=legal.health_indicators(form, f) if "health" not in allows else frozenset(),
            )
            notes_withheld = notes_withheld or dropped
            dropped_indicators.extend(withheld_rows)
            if rows:
                out[f.id] = rows
            elif withheld_rows:
                reasons[f.id] = "health"
            continue
        missing = sorted(legal.field_categories(form, f) - allows, key=m.DATA_CATEGORIES.index)
        if not missing:
            out[f.id] = copy.deepcopy(value)
            continue
        coarse = legal.coarsen(form, f, value) if missing[0] in _COARSE else None
        if coarse is not None and len(missing) == 1:
            target, coarse_value = coarse
            coarsened[f.id] = missing[0]
            coarse_fields[f.id] = target
            if target not in out or target == f.id:
                out[target] = coarse_value
            continue
        reasons[f.id] = missing[0]
    # A question shown only because of an answer that stays is not sent either.
    shown = clean_answers(form, out)
    for fid in list(out):
        if fid not in shown:
            del out[fid]
            reasons[fid] = "depends"
    for fid, target in list(coarse_fields.items()):
        if target not in out:
            del coarsened[fid], coarse_fields[fid]
            reasons[fid] = "depends"
    withheld = tuple(f.id for f in form.all_fields() if f.id in reasons)
    return Minimised(
        answers=out,
        consent=consent_given(form, values) and not consent_withdrawn,
        withheld=withheld,
        notes_withheld=notes_withheld,
        basis=decision.code,
        basis_requested=decision.requested,
        basis_note=decision.note,
        reasons=MappingProxyType({fid: reasons[fid] for fid in withheld}),
        coarsened=MappingProxyType(coarsened),
        coarse_fields=MappingProxyType(coarse_fields),
        indicators_withheld=tuple(dropped_indicators),
    )


_COARSE = frozenset({"exact_age", "municipality", "exact_date"})


def _twin_ids(form: m.Form, inner: Any) -> list[str]:
    """The report field a repeat group's field stands for (same export name and kind), if any."""
    return [f.id for f in form.all_fields() if f.export_name == inner.export_name and f.kind == inner.kind]


def _checklist(
    f: m.ChecklistField, value: dict[str, Any], *, keep_notes: bool, health: frozenset[str]
) -> tuple[dict[str, Any], bool, list[str]]:
    """Rows as ``{"answer": …}`` (plus ``"note"`` when notes may leave); whether a note stayed; the
    indicators that stayed because they are health data the basis does not allow."""
    rows: dict[str, Any] = {}
    dropped = False
    withheld: list[str] = []
    for ind in f.indicators:
        entry = value.get(ind.id)
        if not isinstance(entry, dict) or entry.get("answer") not in m.YES_NO_UNKNOWN:
            continue
        note = entry.get("note")
        has_note = f.notes and isinstance(note, str) and bool(note.strip())
        if ind.id in health:
            withheld.append(ind.id)
            dropped = dropped or has_note
            continue
        row: dict[str, Any] = {"answer": entry["answer"]}
        if has_note:
            if keep_notes:
                row["note"] = note
            else:
                dropped = True
        rows[ind.id] = row
    return rows, dropped, withheld
