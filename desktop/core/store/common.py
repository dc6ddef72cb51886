"""Helpers shared by the store's modules: time stamps, JSON, row mapping, file names.

Plain functions and constants, no database handles.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import keys
from .models import Record, RecordSummary

DB_NAME = "store.db"
KEY_NAME = "store.key"
ATTEMPTS_NAME = "store.attempts"
MARK_NAME = "store.mark"
GENESIS_HASH = "0" * 64
_EVENT_RE = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
_MAX_DETAIL = 2000
_MAX_ERROR = 500


def _now() -> datetime:
    return datetime.now(UTC)


def _ts(value: datetime) -> str:
    """Fixed-width UTC text that sorts like time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _dt(text: str | None) -> datetime | None:
    if text is None:
        return None
    return datetime.fromisoformat(text)  # "…Z" is UTC (Python ≥ 3.11)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _files(data_dir: Path) -> tuple[Path, Path, Path]:
    d = Path(data_dir)
    return d / DB_NAME, d / KEY_NAME, d / ATTEMPTS_NAME


def _resolve_secrets(secrets: keys.SecretStore | None) -> keys.SecretStore:
    return keys.choose_secret_store() if secrets is None else secrets


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_RECORD_COLS = ("id, form_id, form_version, state, created_at, updated_at, finalised_at, sent_at, "
                "purged_at, answers, summary, envelope, receipt, conflict")
# CoMensha's reference for a sent report (CM-2026-000002): in the receipt it signed.
RECEIPT_REFERENCE = "(CASE WHEN json_valid(receipt) THEN json_extract(receipt, '$.reference') END)"
_SUMMARY_COLS = ("id, form_id, form_version, state, created_at, updated_at, finalised_at, sent_at, "
                 f"summary, envelope IS NOT NULL, receipt IS NOT NULL, conflict, {RECEIPT_REFERENCE}")


def _record(row: Sequence[Any]) -> Record:
    return Record(
        id=row[0], form_id=row[1], form_version=int(row[2]), state=row[3],
        created_at=_dt(row[4]), updated_at=_dt(row[5]),  # type: ignore[arg-type]
        finalised_at=_dt(row[6]), sent_at=_dt(row[7]), purged_at=_dt(row[8]),
        answers=_loads(row[9]), summary=row[10] or "", envelope=_loads(row[11]),
        receipt=_loads(row[12]), conflict=row[13],
    )


def _summary(row: Sequence[Any]) -> RecordSummary:
    return RecordSummary(
        id=row[0], form_id=row[1], form_version=int(row[2]), state=row[3],
        created_at=_dt(row[4]), updated_at=_dt(row[5]),  # type: ignore[arg-type]
        finalised_at=_dt(row[6]), sent_at=_dt(row[7]), summary=row[8] or "",
        sealed=bool(row[9]), has_receipt=bool(row[10]), conflict=row[11],
        reference=str(row[12]) if row[12] else None,
    )


def audit_hash(prev_hash: str, seq: int, at: str, event: str, record_id: str | None,
               detail: str | None) -> str:
    """SHA-256 over the previous entry's hash and this entry's fields (canonical JSON)."""
    body = _dumps([prev_hash, seq, at, event, record_id, detail])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()

