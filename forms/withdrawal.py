"""Withdrawal of consent: a follow-up report that names an earlier envelope and what is withdrawn.

A withdrawal is a report of the follow-up form ``withdrawal`` (forms/definitions/
withdrawal.v1.json), sealed and sent like any report. Its answers hold only the envelope id of
the earlier report (``withdraws_envelope_id``), what is withdrawn (``withdraws``: "registration"
and/or "assistance"), the date and the role of who took it; never data about the person.

On CoMensha's side :func:`export_records` applies every withdrawal to the report it names:
consent for registration withdrawn means the report is exported as if consent had never been
given (what that consent alone allowed is blank); consent for assistance withdrawn blanks the
assistance consent. A withdrawal of a report that is not (yet) among the records is kept and
reported, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from forms import model as m
from forms.export import WITHDRAWAL_SCOPES, export_record
from forms.logic import validate
from forms.minimise import minimise

FORM_ID = "withdrawal"


@dataclass(frozen=True)
class Report:
    """One received report: its envelope id, its form version and its (sealed) answers."""

    envelope_id: str
    form: m.Form
    answers: Any


@dataclass(frozen=True)
class Withdrawal:
    """What a withdrawal follow-up withdraws, and from which envelope."""

    envelope_id: str
    scopes: frozenset[str]
    withdrawal_envelope_id: str


def is_withdrawal(form: m.Form) -> bool:
    return form.id == FORM_ID


ADDITION_LINK = "follows_up"
"""The field of a role form (v3 on) that makes a report an addition to an earlier one."""
ADDITION_WITHDRAWS = "follow_up_withdraws"
"""The field of an addition that withdraws consent given in the earlier report."""


def follows_up(report: Report) -> str | None:
    """The envelope id an addition refers to (its valid, minimised ``follows_up``), else None."""
    if not report.form.has_field(ADDITION_LINK):
        return None
    target = minimise(report.form, report.answers).answers.get(ADDITION_LINK)
    return target if isinstance(target, str) else None


def withdrawal_of(report: Report) -> Withdrawal | None:
    """The withdrawal a report makes, or None (not a withdrawal, or not a complete, valid one).

    A withdrawal follow-up, or an addition (a role form's ``follows_up``) that withdraws consent
    with ``follow_up_withdraws``: the same withdrawal, applied the same way."""
    if not is_withdrawal(report.form):
        target = follows_up(report)
        if target is None or not report.form.has_field(ADDITION_WITHDRAWS):
            return None
        chosen = minimise(report.form, report.answers).answers.get(ADDITION_WITHDRAWS) or []
        scopes = frozenset(s for s in chosen if s in WITHDRAWAL_SCOPES)
        return Withdrawal(target, scopes, report.envelope_id) if scopes else None
    if validate(report.form, report.answers, "final"):
        return None
    values = minimise(report.form, report.answers).answers
    scopes = frozenset(s for s in values.get("withdraws", []) if s in WITHDRAWAL_SCOPES)
    target = values.get("withdraws_envelope_id")
    if not scopes or not isinstance(target, str):
        return None
    return Withdrawal(target, scopes, report.envelope_id)


@dataclass(frozen=True)
class ExportOutcome:
    """Records of the reports (withdrawals applied), and what could not be applied.

    Attributes:
        records: (envelope id, export record) per report that is not a withdrawal, in input order.
        withdrawals: (envelope id, export record) per withdrawal follow-up.
        unmatched: withdrawals whose envelope is not among the reports (kept, to apply later).
        invalid: envelope ids of withdrawal follow-ups that are incomplete or invalid.
    """

    records: list[tuple[str, dict[str, object]]]
    withdrawals: list[tuple[str, dict[str, object]]]
    unmatched: list[Withdrawal]
    invalid: list[str]
    withdrawn: dict[str, frozenset[str]] = field(default_factory=dict)
    """Per envelope id of a report: what was withdrawn from it."""


def export_records(reports: Iterable[Report]) -> ExportOutcome:
    """Export every report with the withdrawals among ``reports`` applied (see the module text)."""
    items = list(reports)
    withdrawn: dict[str, set[str]] = {}
    found: list[Withdrawal] = []
    invalid: list[str] = []
    withdrawal_rows: list[tuple[str, dict[str, object]]] = []
    for report in items:
        if not is_withdrawal(report.form):
            addition = withdrawal_of(report)  # an addition that withdraws consent
            if addition is not None:
                found.append(addition)
                withdrawn.setdefault(addition.envelope_id, set()).update(addition.scopes)
            continue
        withdrawal_rows.append((report.envelope_id, export_record(report.form, report.answers)))
        w = withdrawal_of(report)
        if w is None:
            invalid.append(report.envelope_id)
            continue
        found.append(w)
        withdrawn.setdefault(w.envelope_id, set()).update(w.scopes)
    records = [
        (r.envelope_id, export_record(r.form, r.answers, withdrawn=withdrawn.get(r.envelope_id, ())))
        for r in items
        if not is_withdrawal(r.form)
    ]
    known = {r.envelope_id for r in items if not is_withdrawal(r.form)}
    unmatched = [w for w in found if w.envelope_id not in known]
    return ExportOutcome(records, withdrawal_rows, unmatched, invalid,
                         {k: frozenset(v) for k, v in withdrawn.items()})
