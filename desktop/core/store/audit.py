"""Settings, the hash-chained audit log and integrity checks (a mixin of ``Store``)."""

from __future__ import annotations

import json
from typing import Any

from . import mark
from .base import StoreBase
from .common import _EVENT_RE, _MAX_DETAIL, GENESIS_HASH, _dt, _dumps, _loads, audit_hash
from .models import AuditCheck, AuditEntry


class AuditMixin(StoreBase):

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self._c().execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        with self._tx() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, _dumps(value)))

    # ------------------------------------------------------------------ audit

    def audit(self, event: str, record_id: str | None = None, detail: dict[str, Any] | None = None) -> None:
        """Append an entry: what happened (``event``, e.g. "sync.started"), to which record.

        ``detail`` is a small JSON object of facts (counts, flags, codes) — never answers or names.
        """
        if not isinstance(event, str) or not _EVENT_RE.match(event):
            raise ValueError("event must be a short lowercase name like 'sync.started'")
        if detail is not None:
            if not isinstance(detail, dict):
                raise TypeError("detail must be a dict")
            if len(_dumps(detail)) > _MAX_DETAIL:
                raise ValueError("audit detail too long")
        with self._tx() as conn:
            self._append_audit(conn, event, record_id, detail)

    def audit_entries(self, offset: int = 0, limit: int = 200) -> list[AuditEntry]:
        """Audit entries, newest first."""
        rows = self._c().execute(
            "SELECT seq, at, event, record_id, detail, prev_hash, hash FROM audit ORDER BY seq DESC "
            "LIMIT ? OFFSET ?", (max(0, int(limit)), max(0, int(offset)))).fetchall()
        return [AuditEntry(int(r[0]), _dt(r[1]), r[2], r[3], _loads(r[4]), r[5], r[6])  # type: ignore[arg-type]
                for r in rows]

    def verify_audit(self) -> AuditCheck:
        """Walk the chain; report the seq of the first entry whose link or hash is wrong, or that the
        high-water mark says exists but is gone (the tail was cut off)."""
        prev = GENESIS_HASH
        expected_seq = 1
        count = 0
        for seq, at, event, record_id, detail, prev_hash, digest in self._c().execute(
                "SELECT seq, at, event, record_id, detail, prev_hash, hash FROM audit ORDER BY seq"):
            count += 1
            if (seq != expected_seq or prev_hash != prev
                    or audit_hash(prev_hash, seq, at, event, record_id, detail) != digest):
                return AuditCheck(False, count, int(seq))
            prev = digest
            expected_seq += 1
        marked = self._marked_audit_seq()
        if marked > expected_seq - 1:  # R31: entries after the last one were cut off
            return AuditCheck(False, count, expected_seq, marked - (expected_seq - 1))
        return AuditCheck(True, count, None)

    def _marked_audit_seq(self) -> int:
        """The audit seq the high-water mark file holds (0 without a mark or a readable one)."""
        if self._mark is None:
            return 0
        _, key = mark.database_state(self._c())
        try:
            found = mark.read(self._mark.path, self.id, key)
        except mark.MarkUnreadable:
            return 0
        return found.audit_seq if found else 0

    # ------------------------------------------------------------------ checks

    def integrity_check(self) -> list[str]:
        """Problems found by ``cipher_integrity_check`` and ``integrity_check`` (empty = clean)."""
        conn = self._c()
        problems = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        problems += [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
        return problems

