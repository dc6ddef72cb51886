"""Export rows and codebook from a list of opened reports: the Qt-free core of every export.

CoMensha's receiver (``signaal-receiver export``) and any other tool that holds opened reports
(the desk) call :func:`export_table`: per report its envelope metadata and its export record
(:func:`forms.export_record`, with withdrawals applied, :func:`forms.export_records`), the columns
(the union over every form version, metadata first) and the codebook of those columns
(:mod:`forms.codebook`). No I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from forms import codebook as cb
from forms import model as m
from forms.repeat import person_records
from forms.withdrawal import Report, export_records, follows_up, is_withdrawal, withdrawal_of


@dataclass(frozen=True)
class Received:
    """One opened report with what its envelope says about it."""

    envelope_id: str
    form: m.Form
    answers: Any
    reference: str | None = None
    received_at: str | None = None
    created_at: str | None = None
    device_id: str | None = None
    organisation: str | None = None


@dataclass
class ExportTable:
    """Rows of ``(meta, record)``; ``columns``: every column in order; ``problems``: one sentence
    per withdrawal that could not be applied; ``codebook``: see :mod:`forms.codebook`."""

    columns: list[str]
    rows: list[tuple[dict[str, Any], dict[str, object]]]
    problems: list[str] = field(default_factory=list)
    codebook: dict[str, Any] = field(default_factory=dict)

    def flat(self) -> list[dict[str, object]]:
        """Each row as one dict (metadata and record together), keyed by ``columns``."""
        out = []
        for meta, record in self.rows:
            row: dict[str, object] = dict.fromkeys(self.columns)
            row.update(meta)
            for key, value in record.items():
                if key in meta and meta[key] == value:
                    continue  # form_id and form_version: said once
                row[key if key not in meta else f"record.{key}"] = value
            out.append(row)
        return out


def meta_of(r: Received) -> dict[str, Any]:
    received = r.received_at[:10] if isinstance(r.received_at, str) and len(r.received_at) >= 10 else None
    return {
        "reference": r.reference,
        "envelope_id": r.envelope_id,
        "received_at": r.received_at,
        "created_at": r.created_at,
        "form_id": r.form.id,
        "form_version": r.form.version,
        "device_id": r.device_id,
        "organisation": r.organisation,
        "cas_ReferringOrganisation": r.organisation,
        "cas_IncomingReferralDate": received,
        "sig_case_id": r.envelope_id,
        "sig_person": None,
    }


def case_ids(items: list[Received]) -> dict[str, str]:
    """Per envelope, the case it belongs to: the envelope id of the first report of its chain of
    additions and withdrawals (as far as this export holds it), else its own."""
    earlier: dict[str, str] = {}
    for r in items:
        report = Report(r.envelope_id, r.form, r.answers)
        target = follows_up(report)
        w = withdrawal_of(report) if is_withdrawal(r.form) else None
        target = target or (w.envelope_id if w is not None else None)
        if target is not None and target != r.envelope_id:
            earlier[r.envelope_id] = target
    out: dict[str, str] = {}
    for r in items:
        case, seen = r.envelope_id, {r.envelope_id}
        while case in earlier and earlier[case] not in seen:
            case = earlier[case]
            seen.add(case)
        out[r.envelope_id] = case
    return out


def export_table(reports: Iterable[Received]) -> ExportTable:
    """The export of these reports (see the module text)."""
    items = list(reports)
    outcome = export_records(Report(r.envelope_id, r.form, r.answers) for r in items)
    records = dict(outcome.records) | dict(outcome.withdrawals)
    problems = [
        f"withdrawal {w.withdrawal_envelope_id}: the report it withdraws consent for "
        f"({w.envelope_id}) is not in this export; apply it when that report is exported."
        for w in outcome.unmatched
    ] + [f"withdrawal {eid}: incomplete or invalid, not applied." for eid in outcome.invalid]
    cases = case_ids(items)
    rows: list[tuple[dict[str, Any], dict[str, object]]] = []
    for r in items:
        meta = meta_of(r)
        meta["sig_case_id"] = cases[r.envelope_id]
        rows.append((meta, dict(records[r.envelope_id])))
        persons = person_records(r.form, r.answers, withdrawn=outcome.withdrawn.get(r.envelope_id, ()))
        if persons:  # a group report: a row per person, numbered, in the same case
            meta["sig_person"] = 1
            rows.extend(({**meta, "sig_person": n}, record) for n, record in enumerate(persons, start=2))
    columns: list[str] = list(cb.META_NAMES)
    seen = set(columns)
    for meta, record in rows:
        for key, value in record.items():
            if key in meta and meta[key] == value:
                continue
            name = key if key not in meta else f"record.{key}"
            if name not in seen:
                seen.add(name)
                columns.append(name)
    forms_used = {r.form.key: r.form for r in items}
    book = cb.codebook(sorted(forms_used.values(), key=lambda f: f.key))
    return ExportTable(columns, rows, problems, book)
