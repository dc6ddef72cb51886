"""Export from the desk: the inbox's filter applied, the form's export mapping, the receiver's file format.

One place calls the project's export functions: :func:`records` hands the opened reports to
``forms.export_records`` (the form's export mapping, consent and withdrawals applied: a
withdrawal follow-up in the desk applies to its report even when the filter leaves the
withdrawal itself out), and :func:`write` writes them in the format of ``signaal-receiver
export`` (``sync.receiver.export``: the same metadata columns, the same CSV cells, JSON Lines),
into a new 0600 file renamed over the target when complete. Two desk columns follow the
metadata: the triage state and the person key (counts by person).
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import forms
from sync.receiver import files
from sync.receiver.export import META_COLUMNS
from sync.receiver.export import _write_csv as write_csv  # the receiver's CSV writer: one format

from . import inbox
from .store import DeskStore

DESK_COLUMNS = ("desk_state", "desk_referred_to", "desk_person_key")


@dataclass
class ExportSummary:
    written: int = 0
    problems: list[str] = field(default_factory=list)


def records(store: DeskStore, flt: inbox.Filter,
            summary: ExportSummary) -> list[tuple[dict[str, Any], dict[str, object]]]:
    """(metadata, export record) for every report that matches ``flt``, oldest first."""
    wanted = set(inbox.matching_seqs(store, flt))
    c = store.conn()
    reports: list[tuple[dict[str, Any], forms.Report]] = []
    for row in c.execute("SELECT r.seq, r.id, r.form_id, r.form_version, a.answers, r.reference, "
                         "r.received_at, r.created_at, r.device_id, r.organisation, r.state, "
                         "r.referred_to, r.person_key, r.follow_up FROM reports r "
                         "JOIN report_answers a ON a.id = r.id ORDER BY r.seq").fetchall():
        seq, rid, form_id, version, answers, reference, received, created, device, org = row[:10]
        if seq not in wanted and not row[13]:
            continue
        try:
            form = forms.catalog().get(str(form_id), int(version))
        except KeyError:
            summary.problems.append(f"{rid}: form {form_id} v{version} unknown to this desk")
            continue
        meta = {"reference": reference, "envelope_id": rid, "received_at": received, "created_at": created,
                "form_id": form_id, "form_version": version, "device_id": device, "organisation": org,
                "desk_state": row[10], "desk_referred_to": row[11], "desk_person_key": row[12],
                "_wanted": seq in wanted}
        reports.append((meta, forms.Report(str(rid), form, json.loads(answers))))
    outcome = forms.export_records([r for _, r in reports])
    by_id = dict(outcome.records) | dict(outcome.withdrawals)
    out = []
    for meta, r in reports:
        if meta.pop("_wanted"):
            out.append((meta, dict(by_id[r.envelope_id])))
    for w in outcome.unmatched:
        summary.problems.append(f"withdrawal {w.withdrawal_envelope_id}: its report {w.envelope_id} is not "
                                "in this desk yet")
    return out


def write(store: DeskStore, flt: inbox.Filter, out: Path, fmt: str) -> ExportSummary:
    """Write the filtered reports to ``out`` as ``"csv"`` or ``"jsonl"``."""
    if fmt not in ("csv", "jsonl"):
        raise ValueError(f"unknown format {fmt!r}")
    summary = ExportSummary()
    rows = records(store, flt, summary)

    def flat() -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        # the receiver's writer puts its metadata columns first and then the record's keys:
        # the desk's columns go in front of the record
        for meta, record in rows:
            yield ({k: meta[k] for k in META_COLUMNS},
                   {**{k: meta[k] for k in DESK_COLUMNS}, **record})

    with (files.private_temp(Path(out)) as (raw, tmp),
          io.TextIOWrapper(raw, encoding="utf-8", newline="") as fh):
        if fmt == "jsonl":
            for meta, record in rows:
                fh.write(json.dumps({**meta, "record": record}, ensure_ascii=False, default=str) + "\n")
        else:
            write_csv(fh, flat())
        fh.flush()
        os.fsync(fh.fileno())
        os.replace(tmp, out)
    summary.written = len(rows)
    store.log_event("export", {"written": summary.written, "format": fmt, "problems": len(summary.problems)})
    return summary

