"""Export from the desk: the inbox's filter applied, HTCDS-true, in the receiver export's format.

One place calls the project's export: :func:`table` hands the opened reports to
``forms.export_table`` (the form's HTCDS export mapping, consent, withdrawals and additions
applied, a row per person of a group report; a follow-up in the desk applies to its report even
when the filter leaves the follow-up itself out), and :func:`write` writes it through
``sync.receiver.export.write_table`` (CSV, JSON Lines or XLSX and the codebook beside it, into a
new 0600 file renamed over the target when complete). Three desk columns follow the metadata:
the triage state, to whom it was referred and the person key (counts by person).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import forms
from forms.codebook import META_NAMES
from forms.export_table import ExportTable, Received, export_table
from sync.receiver.export import FORMATS, write_table

from . import inbox
from .store import DeskStore

DESK_COLUMNS = ("desk_state", "desk_referred_to", "desk_person_key")


@dataclass
class ExportSummary:
    written: int = 0
    problems: list[str] = field(default_factory=list)


def table(store: DeskStore, flt: inbox.Filter, summary: ExportSummary) -> ExportTable:
    """The export of every report that matches ``flt``, oldest first, with the desk's columns.

    Follow-ups (withdrawals, additions) outside the filter still take part, so that a
    withdrawal applies to its report; only the rows the filter asks for are kept."""
    wanted = set(inbox.matching_seqs(store, flt))
    c = store.conn()
    received: list[Received] = []
    desk: dict[str, dict[str, Any]] = {}
    keep: set[str] = set()
    for row in c.execute("SELECT r.seq, r.id, r.form_id, r.form_version, a.answers, r.reference, "
                         "r.received_at, r.created_at, r.device_id, r.organisation, r.state, "
                         "r.referred_to, r.person_key, r.follow_up FROM reports r "
                         "JOIN report_answers a ON a.id = r.id ORDER BY r.seq").fetchall():
        seq, rid, form_id, version, answers, reference, received_at, created, device, org = row[:10]
        if seq not in wanted and not row[13]:
            continue
        try:
            form = forms.catalog().get(str(form_id), int(version))
        except KeyError:
            summary.problems.append(f"{rid}: form {form_id} v{version} unknown to this desk")
            continue
        received.append(Received(str(rid), form, json.loads(answers), reference=reference,
                                 received_at=received_at, created_at=created, device_id=device,
                                 organisation=org))
        desk[str(rid)] = {"desk_state": row[10], "desk_referred_to": row[11], "desk_person_key": row[12]}
        if seq in wanted:
            keep.add(str(rid))
    result = export_table(received)
    result.rows = [({**meta, **desk[meta["envelope_id"]]}, record) for meta, record in result.rows
                   if meta["envelope_id"] in keep]
    at = len(META_NAMES)
    result.columns[at:at] = [c for c in DESK_COLUMNS if c not in result.columns]
    summary.problems.extend(result.problems)
    return result


def write(store: DeskStore, flt: inbox.Filter, out: Path, fmt: str) -> ExportSummary:
    """Write the filtered reports to ``out`` as ``"csv"``, ``"jsonl"`` or ``"xlsx"``, with the
    codebook beside it (the receiver export's format)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    summary = ExportSummary()
    result = table(store, flt, summary)
    write_table(Path(out), result, fmt)
    summary.written = len({meta["envelope_id"] for meta, _ in result.rows})
    store.log_event("export", {"written": summary.written, "format": fmt, "problems": len(summary.problems)})
    return summary
