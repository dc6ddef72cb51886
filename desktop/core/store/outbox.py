"""The outbox: what may be sent, failures, receipts, conflicts, purging (a mixin of ``Store``)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from forms.minimise import RULE as MINIMISATION_RULE

from . import errors
from .base import StoreBase
from .common import _MAX_ERROR, _dt, _dumps, _now, _ts
from .models import OutboxItem


class OutboxMixin(StoreBase):

    def outbox_count(self) -> int:
        """How many envelopes may be sent (sealed under the current minimisation rule)."""
        return int(self._c().execute(
            "SELECT count(*) FROM outbox o JOIN records r ON r.id = o.record_id WHERE r.sealed_rule >= ?",
            (MINIMISATION_RULE,)).fetchone()[0])

    def outbox_batch(self, limit: int) -> list[OutboxItem]:
        """The next envelopes to send. Never one sealed under an older minimisation rule: those
        are sealed again (``desktop.core.delivery.reseal_outdated``) before they may leave."""
        rows = self._c().execute(
            "SELECT o.record_id, o.envelope, o.attempts, o.last_error, o.queued_at FROM outbox o "
            "JOIN records r ON r.id = o.record_id WHERE r.sealed_rule >= ? "
            "ORDER BY o.queued_at, o.record_id LIMIT ?", (MINIMISATION_RULE, max(0, int(limit)))).fetchall()
        return [OutboxItem(r[0], json.loads(r[1]), int(r[2]), r[3], _dt(r[4])) for r in rows]

    def outbox_note_failure(self, record_id: str, message: str) -> None:
        with self._tx() as conn:
            conn.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, last_attempt_at = ? "
                "WHERE record_id = ?",
                (str(message)[:_MAX_ERROR], _ts(_now()), record_id))

    def mark_sent(self, record_id: str, receipt: dict[str, Any]) -> None:
        """One transaction: receipt stored, state 'sent', outbox row gone. Idempotent once sent."""
        now = _ts(_now())
        with self._tx() as conn:
            state = self._state(conn, record_id)
            if state in ("sent", "purged"):
                conn.execute("DELETE FROM outbox WHERE record_id = ?", (record_id,))
                return
            if state != "final":
                raise errors.NotEditable(record_id, state, "only a final record can be sent")
            conn.execute("UPDATE records SET receipt = ?, state = 'sent', sent_at = ?, updated_at = ?, "
                         "conflict = NULL WHERE id = ?", (_dumps(receipt), now, now, record_id))
            conn.execute("DELETE FROM outbox WHERE record_id = ?", (record_id,))
            self._append_audit(conn, "record.sent", record_id, None, now)

    def mark_conflict(self, record_id: str, reason: str) -> None:
        """Flag a final record (server conflict); it leaves the outbox and waits for the user."""
        now = _ts(_now())
        with self._tx() as conn:
            state = self._state(conn, record_id)
            if state != "final":
                raise errors.NotEditable(record_id, state, "only a final record can be in conflict")
            conn.execute("UPDATE records SET conflict = ?, updated_at = ? WHERE id = ?",
                         (str(reason)[:_MAX_ERROR] or "conflict", now, record_id))
            conn.execute("DELETE FROM outbox WHERE record_id = ?", (record_id,))
            self._append_audit(conn, "record.conflict", record_id, None, now)

    def purge_sent(self, retention_days: float, now: datetime | None = None) -> int:
        """Wipe answers, summary and envelope of records sent at least ``retention_days`` ago.

        Keeps id, form, dates and receipt; state becomes 'purged'. Returns how many were purged.
        """
        now_dt = now or _now()
        cutoff = _ts(now_dt - timedelta(days=float(retention_days)))
        stamp = _ts(now_dt)
        with self._tx() as conn:
            ids = [r[0] for r in conn.execute(
                "SELECT id FROM records WHERE state = 'sent' AND sent_at <= ? ORDER BY sent_at",
                (cutoff,)).fetchall()]
            for record_id in ids:
                conn.execute("UPDATE records SET answers = NULL, summary = '', envelope = NULL, "
                             "state = 'purged', purged_at = ?, updated_at = ? WHERE id = ?",
                             (stamp, stamp, record_id))
                self._append_audit(conn, "record.purged", record_id, None, stamp)
        if ids:
            self.checkpoint()
        return len(ids)

