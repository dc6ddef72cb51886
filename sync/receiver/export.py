"""``signaal-receiver export``: open each stored envelope with CoMensha's private key, check it,
and write the form's export mapping (consent applied) as JSON Lines or CSV.

Per envelope, in order: the device signature still verifies (the row was not altered in the
database), the payload decrypts, the ids inside equal the ids outside (no swapped payloads), the
form version is known, and the answers pass the form's "final" validation. A record that cannot
be opened, is swapped, or whose form is unknown is not written (without its form, consent cannot
be applied); a record that fails validation is written and reported. Problems are listed at the
end; one bad record never stops the export.

The output holds decrypted reports: it is written into a new temporary file next to it that this
process created exclusively with mode 0600 (never an existing ``<out>.part`` someone may have
planted), and renamed over ``out`` when complete.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import forms
from forms import codebook
from forms import export_table as forms_table
from sync import envelope as env_mod
from sync.protocol import Envelope
from sync.receiver import export_xlsx, files
from sync.receiver.storage import Storage, Stored

META_COLUMNS = codebook.META_NAMES


@dataclass
class ExportReport:
    total: int = 0
    written: int = 0
    problems: list[str] = field(default_factory=list)


def _describe_problems(problems: Sequence[forms.Problem]) -> str:
    parts = []
    for p in problems[:10]:
        parts.append(f"{p.field_id}:{p.code}")
    more = f" and {len(problems) - 10} more" if len(problems) > 10 else ""
    return ", ".join(parts) + more


def _label(s: Stored) -> str:
    return f"{s.reference} ({s.id})"


def open_record(s: Stored, private_key: bytes, device_keys: dict[str, str]) -> dict[str, Any]:
    """The decrypted payload of a stored envelope; raises env_mod.EnvelopeError."""
    env = Envelope(
        id=s.id,
        form_id=s.form_id,
        form_version=s.form_version,
        created_at=s.created_at,
        sealed=base64.b64encode(s.sealed).decode(),
        sha256=s.sha256,
        signature=s.signature,
    )
    key = device_keys.get(s.device_id)
    if key is None or not env_mod.verify_envelope(env, base64.b64decode(key)):
        raise env_mod.EnvelopeError(
            "bad_signature", "the device signature does not verify (altered in the database?)"
        )
    return env_mod.open_envelope(env, private_key)


def open_reports(
    storage: Storage,
    private_key: bytes,
    *,
    since: str | None = None,
    progress: TextIO | None = None,
    report: ExportReport | None = None,
) -> list[forms_table.Received]:
    """Every exportable envelope, opened and checked (see the module text); problems go to
    ``report``."""
    report = report if report is not None else ExportReport()
    catalog = forms.catalog()
    devices = {d.id: d for d in storage.list_devices()}
    device_keys = {d.id: d.public_key for d in devices.values()}
    total = storage.count_envelopes(since)
    report.total = total
    last_tick = time.monotonic()
    opened: list[forms_table.Received] = []
    for n, s in enumerate(storage.iter_envelopes(since), start=1):
        if progress is not None and (time.monotonic() - last_tick > 1.0 or n == total):
            print(f"export: {n}/{total} envelopes", file=progress, flush=True)
            last_tick = time.monotonic()
        try:
            payload = open_record(s, private_key, device_keys)
        except env_mod.EnvelopeError as exc:
            report.problems.append(f"{_label(s)}: not exported: {exc.code}: {exc}")
            continue
        try:
            form = catalog.get(s.form_id, s.form_version)
        except KeyError:
            report.problems.append(
                f"{_label(s)}: not exported: form {s.form_id} version {s.form_version} "
                "is not known to this export tool (update it)."
            )
            continue
        answers = payload["answers"]
        problems = forms.validate(form, answers, "final")  # never raises
        if problems:
            report.problems.append(
                f"{_label(s)}: exported, but {len(problems)} answer(s) fail the form's "
                f"checks: {_describe_problems(problems)}"
            )
        device = devices.get(s.device_id)
        opened.append(forms_table.Received(
            envelope_id=s.id, form=form, answers=answers, reference=s.reference,
            received_at=s.received_at, created_at=s.created_at, device_id=s.device_id,
            organisation=device.organisation if device else None,
        ))
    return opened


def export_table(
    storage: Storage,
    private_key: bytes,
    *,
    since: str | None = None,
    progress: TextIO | None = None,
    report: ExportReport | None = None,
) -> forms_table.ExportTable:
    """The rows and codebook of every exportable envelope (:func:`forms.export_table.export_table`:
    withdrawals of consent applied to the report they name, follow-ups and persons of a group
    report linked by ``sig_case_id``)."""
    report = report if report is not None else ExportReport()
    table = forms_table.export_table(
        open_reports(storage, private_key, since=since, progress=progress, report=report))
    report.problems.extend(table.problems)
    report.written = len(table.rows)
    return table


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        text = codebook.MULTI_SEPARATOR.join(_cell(v) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    else:
        text = str(value)
    if isinstance(value, str | list | tuple | dict) and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text  # a spreadsheet must not run a formula from a report
    return text


FORMATS = ("jsonl", "csv", "xlsx")
LABEL_LANGUAGES = ("nl", "en")


def codebook_path(out: Path) -> Path:
    """Where the codebook of an export is written: ``<out>.codebook.json`` beside it."""
    return out.with_name(out.name + ".codebook.json")


def run_export(
    storage: Storage,
    private_key: bytes,
    out: Path,
    fmt: str,
    *,
    since: str | None = None,
    progress: TextIO | None = None,
    labels: str | None = None,
) -> ExportReport:
    """Write the export in ``fmt`` (jsonl, csv or xlsx) and its codebook beside it. ``labels``
    ("nl" or "en"): in the XLSX, a column with the labels beside every column of codes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if labels is not None and (fmt != "xlsx" or labels not in LABEL_LANGUAGES):
        raise ValueError("labels next to the codes are written in the xlsx format, in nl or en")
    report = ExportReport()
    table = export_table(storage, private_key, since=since, progress=progress, report=report)
    write_table(Path(out), table, fmt, labels=labels)
    return report


def write_table(out: Path, table: forms_table.ExportTable, fmt: str, *, labels: str | None = None) -> None:
    """Write ``table`` to ``out`` in ``fmt`` (jsonl, csv or xlsx), through a new 0600 file renamed
    over ``out`` when complete, and its codebook beside it. The receiver's CLI and the desk both
    write through here: one file format."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if labels is not None and (fmt != "xlsx" or labels not in LABEL_LANGUAGES):
        raise ValueError("labels next to the codes are written in the xlsx format, in nl or en")
    # A new file that only this process created (mode 0600), never a planted "<out>.part".
    with files.private_temp(out) as (raw, tmp):
        if fmt == "xlsx":
            export_xlsx.write(raw, table, labels=labels)
            raw.flush()
            os.fsync(raw.fileno())
            os.replace(tmp, out)
        else:
            with io.TextIOWrapper(raw, encoding="utf-8", newline="") as fh:
                if fmt == "jsonl":
                    for meta, record in table.rows:
                        line = json.dumps({**meta, "record": record}, ensure_ascii=False, default=str)
                        fh.write(line + "\n")
                else:
                    _write_csv(fh, table)
                fh.flush()
                os.fsync(fh.fileno())
                os.replace(tmp, out)
    files.write_private(
        codebook_path(out), (json.dumps(table.codebook, ensure_ascii=False, indent=1) + "\n").encode())


def _write_csv(fh: TextIO, table: forms_table.ExportTable) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(table.columns)
    fh.write(buf.getvalue())
    for row in table.flat():
        buf.seek(0)
        buf.truncate()
        writer.writerow([_cell(row.get(c)) for c in table.columns])
        fh.write(buf.getvalue())
