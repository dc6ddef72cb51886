"""Records: drafts, finalising, sealing later, reading and listing (a mixin of ``Store``)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

from . import errors
from .base import StoreBase
from .common import (
    _RECORD_COLS,
    _SUMMARY_COLS,
    RECEIPT_REFERENCE,
    _dt,
    _dumps,
    _escape_like,
    _now,
    _record,
    _summary,
    _ts,
)
from .models import STATES, Overview, Page, Record


class RecordsMixin(StoreBase):

    def create_draft(self, form_id: str, form_version: int, answers: dict[str, Any],
                     summary: str = "", *, record_id: str | None = None) -> Record:
        """A new draft. ``record_id``: the id the form chose when it opened (a new UUID if None)."""
        if not isinstance(answers, dict):
            raise TypeError("answers must be a dict")
        record_id = str(uuid.UUID(record_id)) if record_id is not None else str(uuid.uuid4())
        now_dt = _now()
        now = _ts(now_dt)
        answers_text = _dumps(answers)
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO records (id, form_id, form_version, state, created_at, updated_at, answers, "
                "summary) VALUES (?, ?, ?, 'draft', ?, ?, ?, ?)",
                (record_id, form_id, int(form_version), now, now, answers_text, summary or ""))
            self._append_audit(conn, "draft.created", record_id,
                               {"form": form_id, "version": int(form_version)}, now)
        return Record(record_id, form_id, int(form_version), "draft", now_dt, now_dt,
                      None, None, None, json.loads(answers_text), summary or "")

    def update_draft(self, record_id: str, answers: dict[str, Any], summary: str = "") -> None:
        """Autosave: one small UPDATE (not counted: see ``mark.py``). NotEditable unless a draft."""
        if not isinstance(answers, dict):
            raise TypeError("answers must be a dict")
        conn = self._c()
        now = _ts(_now())
        cur = conn.execute(
            "UPDATE records SET answers = ?, summary = ?, updated_at = ? WHERE id = ? AND state = 'draft'",
            (_dumps(answers), summary or "", now, record_id))
        if cur.rowcount != 1:
            raise errors.NotEditable(record_id, self._state(conn, record_id))
        self._autosaved(record_id, now)

    def delete_draft(self, record_id: str) -> None:
        """Delete a draft (audited); its content is overwritten (secure_delete) and the WAL truncated."""
        with self._tx() as conn:
            state = self._state(conn, record_id)
            if state != "draft":
                raise errors.NotEditable(record_id, state)
            conn.execute("DELETE FROM records WHERE id = ?", (record_id,))
            self._append_audit(conn, "draft.deleted", record_id, None)
        self.checkpoint()

    def finalise(self, record_id: str, answers: dict[str, Any], summary: str,
                 envelope: dict[str, Any] | None, *, sealed_rule: int | None = None) -> Record:
        """One transaction: answers, state 'final', and with an envelope also the outbox row.

        ``sealed_rule`` is the minimisation rule (``forms.MINIMISATION_RULE``) the envelope was
        sealed under (required with an envelope); the outbox hands out only envelopes sealed under
        the current rule.
        """
        if not isinstance(answers, dict):
            raise TypeError("answers must be a dict")
        if envelope is not None and sealed_rule is None:
            raise ValueError("an envelope needs the minimisation rule it was sealed under")
        now = _ts(_now())
        with self._tx() as conn:
            state = self._state(conn, record_id)
            if state != "draft":
                raise errors.NotEditable(record_id, state)
            env_text = None if envelope is None else _dumps(envelope)
            conn.execute(
                "UPDATE records SET answers = ?, summary = ?, state = 'final', finalised_at = ?, "
                "updated_at = ?, envelope = ?, sealed_rule = ? WHERE id = ?",
                (_dumps(answers), summary or "", now, now, env_text, int(sealed_rule or 0), record_id))
            if env_text is not None:
                conn.execute("INSERT INTO outbox (record_id, envelope, queued_at) VALUES (?, ?, ?)",
                             (record_id, env_text, now))
            self._append_audit(conn, "record.finalised", record_id, {"sealed": env_text is not None}, now)
            return self._get(conn, record_id)

    def attach_envelope(self, record_id: str, envelope: dict[str, Any], *, sealed_rule: int) -> None:
        """Seal later: store the envelope of a final record and queue it (see :meth:`finalise`)."""
        now = _ts(_now())
        with self._tx() as conn:
            rec = self._get(conn, record_id)
            if rec.state != "final" or rec.envelope is not None:
                raise errors.NotEditable(record_id, rec.state, "only a final record without envelope")
            env_text = _dumps(envelope)
            conn.execute("UPDATE records SET envelope = ?, sealed_rule = ?, updated_at = ? WHERE id = ?",
                         (env_text, int(sealed_rule), now, record_id))
            conn.execute("INSERT INTO outbox (record_id, envelope, queued_at) VALUES (?, ?, ?)",
                         (record_id, env_text, now))
            self._append_audit(conn, "record.sealed", record_id, None, now)

    def outbox_sealed_before(self, rule: int) -> list[Record]:
        """Queued final records whose envelope was sealed under a minimisation rule older than ``rule``."""
        rows = self._c().execute(
            f"SELECT {', '.join('r.' + c.strip() for c in _RECORD_COLS.split(','))} "  # noqa: S608
            "FROM records r JOIN outbox o ON o.record_id = r.id "
            "WHERE r.state = 'final' AND r.sealed_rule < ? ORDER BY o.queued_at, r.id",
            (int(rule),)).fetchall()
        return [_record(r) for r in rows]

    def reseal(self, record_id: str, envelope: dict[str, Any], *, sealed_rule: int) -> None:
        """Replace the queued envelope of a final record (same envelope id, sealed again)."""
        now = _ts(_now())
        with self._tx() as conn:
            state = self._state(conn, record_id)
            if state != "final":
                raise errors.NotEditable(record_id, state, "only a queued final record is sealed again")
            env_text = _dumps(envelope)
            changed = conn.execute("UPDATE outbox SET envelope = ? WHERE record_id = ?",
                                   (env_text, record_id)).rowcount
            if not changed:
                raise errors.NotEditable(record_id, state, "only a queued final record is sealed again")
            conn.execute("UPDATE records SET envelope = ?, sealed_rule = ?, updated_at = ? WHERE id = ?",
                         (env_text, int(sealed_rule), now, record_id))
            self._append_audit(conn, "record.resealed", record_id, None, now)

    def hold_back(self, record_id: str) -> None:
        """Take a final record's envelope out of the outbox; it waits to be sealed again."""
        now = _ts(_now())
        with self._tx() as conn:
            state = self._state(conn, record_id)
            if state != "final":
                raise errors.NotEditable(record_id, state, "only a final record is held back")
            conn.execute("DELETE FROM outbox WHERE record_id = ?", (record_id,))
            conn.execute("UPDATE records SET envelope = NULL, sealed_rule = 0, updated_at = ? WHERE id = ?",
                         (now, record_id))
            self._append_audit(conn, "record.held_back", record_id, None, now)

    def records_awaiting_seal(self) -> list[Record]:
        rows = self._c().execute(
            f"SELECT {_RECORD_COLS} FROM records WHERE state = 'final' AND envelope IS NULL "  # noqa: S608
            "AND conflict IS NULL ORDER BY finalised_at, id").fetchall()
        return [_record(r) for r in rows]

    def get(self, record_id: str) -> Record:
        """The record; :class:`errors.RecordNotFound` (a KeyError) if there is none."""
        return self._get(self._c(), record_id)

    def list_records(self, state: str | Sequence[str] | None = None, search: str | None = None,
                     offset: int = 0, limit: int = 100) -> Page:
        """A page of summaries, newest change first, with the total number of matches.

        ``state``: one state or several; ``search``: text found in the summary, the form id or
        CoMensha's reference (from the receipt), or the start of a record id (case-insensitive for
        ASCII).
        """
        where: list[str] = []
        params: list[Any] = []
        if state is not None:
            states = [state] if isinstance(state, str) else list(state)
            for s in states:
                if s not in STATES:
                    raise ValueError(f"unknown state {s!r}")
            where.append(f"state IN ({', '.join('?' * len(states))})")
            params.extend(states)
        if search:
            needle = _escape_like(search.strip())
            where.append("(summary LIKE ? ESCAPE '\\' OR form_id LIKE ? ESCAPE '\\' "
                         f"OR id LIKE ? ESCAPE '\\' OR {RECEIPT_REFERENCE} LIKE ? ESCAPE '\\')")
            params.extend([f"%{needle}%", f"%{needle}%", f"{needle.lower()}%", f"%{needle}%"])
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        offset = max(0, int(offset))
        limit = max(0, min(int(limit), 1000))
        conn = self._c()
        # The clause is built from fixed fragments above; every value is a bound parameter.
        count_sql = f"SELECT count(*) FROM records{clause}"  # noqa: S608
        page_sql = (f"SELECT {_SUMMARY_COLS} FROM records{clause} "  # noqa: S608
                    "ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?")
        total = int(conn.execute(count_sql, params).fetchone()[0])
        rows = conn.execute(page_sql, [*params, limit, offset]).fetchall()
        return Page([_summary(r) for r in rows], total, offset, limit)

    def overview(self) -> Overview:
        """What the store holds, without content: counts by state, dates, audit entries."""
        conn = self._c()
        counts = {state: 0 for state in STATES}
        for state, n in conn.execute("SELECT state, count(*) FROM records GROUP BY state").fetchall():
            counts[str(state)] = int(n)
        first, last_created, last_change = conn.execute(
            "SELECT min(created_at), max(created_at), max(updated_at) FROM records").fetchone()
        audit_last = conn.execute("SELECT max(at) FROM audit").fetchone()[0]
        entries = int(conn.execute("SELECT count(*) FROM audit").fetchone()[0])
        return Overview(counts, _dt(first), _dt(last_created), _dt(last_change), entries, _dt(audit_last))
