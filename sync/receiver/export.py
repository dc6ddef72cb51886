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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import forms
from sync import envelope as env_mod
from sync.protocol import Envelope
from sync.receiver import files
from sync.receiver.storage import Storage, Stored

META_COLUMNS = (
    "reference",
    "envelope_id",
    "received_at",
    "created_at",
    "form_id",
    "form_version",
    "device_id",
    "organisation",
)


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


def export_rows(
    storage: Storage,
    private_key: bytes,
    *,
    since: str | None = None,
    progress: TextIO | None = None,
    report: ExportReport | None = None,
) -> Iterator[tuple[dict[str, Any], dict[str, object]]]:
    """Yield ``(meta, record)`` per exportable envelope; problems go to ``report``.

    Withdrawals of consent (follow-up reports of the ``withdrawal`` form) are applied to the report
    they name (``forms.export_records``): that report is exported as if the withdrawn consent had
    never been given. The withdrawals are exported as rows of their own; one whose report is not
    in this export is listed among the problems, never dropped.
    """
    report = report if report is not None else ExportReport()
    catalog = forms.catalog()
    devices = {d.id: d for d in storage.list_devices()}
    device_keys = {d.id: d.public_key for d in devices.values()}
    total = storage.count_envelopes(since)
    report.total = total
    last_tick = time.monotonic()
    opened: list[tuple[dict[str, Any], forms.Report]] = []
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
        meta = {
            "reference": s.reference,
            "envelope_id": s.id,
            "received_at": s.received_at,
            "created_at": s.created_at,
            "form_id": s.form_id,
            "form_version": s.form_version,
            "device_id": s.device_id,
            "organisation": device.organisation if device else None,
        }
        opened.append((meta, forms.Report(s.id, form, answers)))
    outcome = forms.export_records([r for _, r in opened])
    records = dict(outcome.records) | dict(outcome.withdrawals)
    for w in outcome.unmatched:
        report.problems.append(
            f"withdrawal {w.withdrawal_envelope_id}: the report it withdraws consent for "
            f"({w.envelope_id}) is not in this export; apply it when that report is exported.")
    for envelope_id in outcome.invalid:
        report.problems.append(f"withdrawal {envelope_id}: incomplete or invalid, not applied.")
    for meta, r in opened:
        report.written += 1
        yield meta, dict(records[r.envelope_id])


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        text = "|".join(_cell(v) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    else:
        text = str(value)
    if isinstance(value, str | list | tuple | dict) and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text  # a spreadsheet must not run a formula from a report
    return text


def run_export(
    storage: Storage,
    private_key: bytes,
    out: Path,
    fmt: str,
    *,
    since: str | None = None,
    progress: TextIO | None = None,
) -> ExportReport:
    report = ExportReport()
    rows = export_rows(storage, private_key, since=since, progress=progress, report=report)
    out = Path(out)
    # A new file that only this process created (mode 0600), never a planted "<out>.part".
    with files.private_temp(out) as (raw, tmp), io.TextIOWrapper(raw, encoding="utf-8", newline="") as fh:
        if fmt == "jsonl":
            for meta, record in rows:
                fh.write(json.dumps({**meta, "record": record}, ensure_ascii=False, default=str) + "\n")
        elif fmt == "csv":
            _write_csv(fh, rows)
        else:
            raise ValueError(f"unknown format {fmt!r}")
        fh.flush()
        os.fsync(fh.fileno())
        os.replace(tmp, out)
    return report


def _write_csv(fh: TextIO, rows: Iterator[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    collected = list(rows)  # the columns are the union over all forms
    columns: list[str] = list(META_COLUMNS)
    seen = set(columns)
    for _, record in collected:
        for key in record:
            name = key if key not in META_COLUMNS else f"record.{key}"
            if name not in seen:
                seen.add(name)
                columns.append(name)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    fh.write(buf.getvalue())
    for meta, record in collected:
        flat = dict(meta)
        for key, value in record.items():
            flat[key if key not in META_COLUMNS else f"record.{key}"] = value
        buf.seek(0)
        buf.truncate()
        writer.writerow([_cell(flat.get(c)) for c in columns])
        fh.write(buf.getvalue())
