"""What the receiver keeps for registrars (CoMensha's desks): their one-time codes, their keys and
token hashes, the envelope cursor and the triage event log. Mixed into :class:`Storage`, so the
same code runs on SQLite and PostgreSQL.

Sequences. Envelopes and events each carry a ``seq`` from a row in ``sequences`` that every writer
locks (``SELECT … FOR UPDATE`` in PostgreSQL; SQLite has one writer anyway) and holds until it
commits. So seqs are handed out in commit order: once a reader has seen seq ``n``, every seq below
``n`` is committed too, and a cursor (``after=n``) never skips a row that commits later. That
holds across several receiver processes on one PostgreSQL database, which share the row.

Events are stored opaquely: the receiver checks the registrar's signature and the size, and keeps
the sealed bytes it cannot open.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

SCHEMA_VERSION = 2


class Cursor(Protocol):
    """The part of a DB-API cursor (sqlite3, psycopg) the storage uses."""

    @property
    def rowcount(self) -> int: ...

    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Any: ...

    def executemany(self, sql: str, params: Sequence[Sequence[Any]], /) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


# Schema version 1 -> 2: the envelope seq (numbered in the order received) and the registrar tables.
_MIGRATION_2 = [
    "ALTER TABLE envelopes ADD COLUMN seq BIGINT",
    """UPDATE envelopes SET seq = r.n FROM (
        SELECT id, row_number() OVER (ORDER BY received_at, id) AS n FROM envelopes) AS r
        WHERE envelopes.id = r.id""",
    "CREATE UNIQUE INDEX IF NOT EXISTS envelopes_seq ON envelopes (seq)",
    "CREATE TABLE IF NOT EXISTS sequences (name TEXT PRIMARY KEY, last BIGINT NOT NULL)",
    "DELETE FROM sequences",  # a version-1 backup restored over a newer database: count again
    "INSERT INTO sequences (name, last) SELECT 'envelopes', COALESCE(MAX(seq), 0) FROM envelopes",
    """CREATE TABLE IF NOT EXISTS registrar_codes (
        code_hash TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        registrar_id TEXT)""",
    """CREATE TABLE IF NOT EXISTS registrars (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        public_key TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        enrolled_at TEXT NOT NULL,
        revoked_at TEXT)""",
    """CREATE TABLE IF NOT EXISTS events (
        id TEXT PRIMARY KEY,
        seq BIGINT NOT NULL UNIQUE,
        registrar_id TEXT NOT NULL REFERENCES registrars(id),
        sealed {blob} NOT NULL,
        sha256 TEXT NOT NULL,
        signature TEXT NOT NULL,
        received_at TEXT NOT NULL)""",
    "INSERT INTO sequences (name, last) SELECT 'events', COALESCE(MAX(seq), 0) FROM events",
]


@dataclass(frozen=True)
class Registrar:
    id: str
    name: str
    label: str
    public_key: str  # base64 Ed25519 verify key
    enrolled_at: str
    revoked_at: str | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


@dataclass(frozen=True)
class EnvelopeRow:
    """One envelope as a registrar pulls it: the stored columns plus the sending device."""

    seq: int
    id: str
    device_id: str
    form_id: str
    form_version: int
    created_at: str
    sealed: bytes
    sha256: str
    signature: str
    received_at: str
    reference: str
    receipt_signature: str
    device_public_key: str
    organisation: str


@dataclass(frozen=True)
class IncomingEvent:
    id: str
    sealed: bytes
    signature: str  # base64, already verified against the registrar's key


@dataclass(frozen=True)
class EventRow:
    seq: int
    id: str
    registrar_id: str
    registrar_public_key: str
    sealed: bytes
    signature: str
    received_at: str


# (status, seq, reason) per incoming event, in order
EventOutcome = tuple[str, int | None, str | None]

EVENT_CONFLICT = "conflict: an event with this id and other content is stored already; nothing changed."

_REGISTRAR_COLUMNS = "id, name, label, public_key, enrolled_at, revoked_at"


class RegistrarStore:
    """The registrar operations. Subclasses provide ``_tx``, ``ph`` and ``blob_type``."""

    ph = "?"
    blob_type = "BLOB"
    for_update = ""  # " FOR UPDATE" where the database has row locks
    schema_lock = ""  # a statement that serialises schema changes across processes, if needed

    @contextlib.contextmanager
    def _tx(self) -> Iterator[Cursor]:
        raise NotImplementedError
        yield

    def _q(self, sql: str) -> str:
        return sql.replace("?", self.ph)

    def _migrate(self, cur: Cursor, version: int) -> None:
        """Bring a database at ``version`` up to :data:`SCHEMA_VERSION` (inside init's transaction)."""
        if version < 2:
            for stmt in _MIGRATION_2:
                cur.execute(stmt.replace("{blob}", self.blob_type))
        if version < SCHEMA_VERSION:
            cur.execute(
                self._q("UPDATE meta SET value = ? WHERE key = ?"), (str(SCHEMA_VERSION), "schema_version")
            )

    def _lock_sequence(self, cur: Cursor, name: str) -> int:
        """The last seq handed out for ``name``; the row stays locked until the transaction ends."""
        sql = "SELECT last FROM sequences WHERE name = ?" + self.for_update  # noqa: S608 - a constant
        cur.execute(self._q(sql), (name,))
        return int(cur.fetchone()[0])

    def _set_sequence(self, cur: Cursor, name: str, last: int) -> None:
        cur.execute(self._q("UPDATE sequences SET last = ? WHERE name = ?"), (last, name))

    def sequence_marks(self) -> dict[str, int]:
        """The last seq handed out, per sequence."""
        with self._tx() as cur:
            cur.execute("SELECT name, last FROM sequences")
            return {str(name): int(last) for name, last in cur.fetchall()}

    def raise_sequences(self, marks: Mapping[str, int]) -> None:
        """Continue each sequence after ``marks`` where it is below them (after a restore, so that no
        seq a desk has seen is handed out again for another row)."""
        with self._tx() as cur:
            for name, last in marks.items():
                cur.execute(
                    self._q("UPDATE sequences SET last = ? WHERE name = ? AND last < ?"), (last, name, last)
                )

    # -- codes and registrars -------------------------------------------------------------------
    def add_registrar_code(self, code_hash: str, name: str, created_at: str, expires_at: str) -> None:
        with self._tx() as cur:
            cur.execute(
                self._q(
                    "INSERT INTO registrar_codes (code_hash, name, created_at, expires_at) "
                    "VALUES (?, ?, ?, ?)"
                ),
                (code_hash, name, created_at, expires_at),
            )

    def redeem_registrar_code(
        self, code_hash: str, now: str, registrar_id: str, label: str, public_key: str, token_hash: str
    ) -> tuple[str, str | None]:
        """Use a registrar code once and add the registrar, in one transaction: ``("ok", name)``
        or ``("unknown"|"used"|"expired", None)``. Device codes are another table: they never
        enrol a registrar, and registrar codes never enrol a device."""
        with self._tx() as cur:
            cur.execute(
                self._q(
                    "UPDATE registrar_codes SET used_at = ?, registrar_id = ? "
                    "WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?"
                ),
                (now, registrar_id, code_hash, now),
            )
            if cur.rowcount != 1:
                cur.execute(self._q("SELECT used_at FROM registrar_codes WHERE code_hash = ?"), (code_hash,))
                row = cur.fetchone()
                if row is None:
                    return "unknown", None
                return ("used" if row[0] is not None else "expired"), None
            cur.execute(self._q("SELECT name FROM registrar_codes WHERE code_hash = ?"), (code_hash,))
            name = str(cur.fetchone()[0])
            cur.execute(
                self._q(
                    "INSERT INTO registrars (id, name, label, public_key, token_hash, enrolled_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)"
                ),
                (registrar_id, name, label, public_key, token_hash, now),
            )
            return "ok", name

    def registrar_by_token(self, token_hash: str) -> Registrar | None:
        with self._tx() as cur:
            cur.execute(
                self._q(f"SELECT {_REGISTRAR_COLUMNS} FROM registrars WHERE token_hash = ?"),  # noqa: S608
                (token_hash,),
            )
            row = cur.fetchone()
        return Registrar(*row) if row else None

    def list_registrars(self) -> list[Registrar]:
        with self._tx() as cur:
            cur.execute(f"SELECT {_REGISTRAR_COLUMNS} FROM registrars ORDER BY enrolled_at, id")  # noqa: S608
            return [Registrar(*r) for r in cur.fetchall()]

    def revoke_registrar(self, registrar_id: str, now: str) -> str:
        """``revoked``, ``already`` or ``unknown``."""
        with self._tx() as cur:
            cur.execute(
                self._q("UPDATE registrars SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
                (now, registrar_id),
            )
            if cur.rowcount == 1:
                return "revoked"
            cur.execute(self._q("SELECT 1 FROM registrars WHERE id = ?"), (registrar_id,))
            return "already" if cur.fetchone() else "unknown"

    # -- the envelope cursor --------------------------------------------------------------------
    def envelopes_after(self, after: int, limit: int) -> tuple[list[EnvelopeRow], bool]:
        """Up to ``limit`` envelopes with ``seq > after``, by seq, and whether more follow."""
        with self._tx() as cur:
            cur.execute(
                self._q(
                    "SELECT e.seq, e.id, e.device_id, e.form_id, e.form_version, e.created_at, e.sealed, "
                    "e.sha256, e.signature, e.received_at, e.reference, e.receipt_signature, "
                    "d.public_key, d.organisation FROM envelopes e JOIN devices d ON d.id = e.device_id "
                    "WHERE e.seq > ? ORDER BY e.seq LIMIT ?"
                ),
                (int(after), int(limit) + 1),
            )
            rows = cur.fetchall()
        out = []
        for r in rows[:limit]:
            values = list(r)
            values[6] = bytes(values[6])
            out.append(EnvelopeRow(*values))
        return out, len(rows) > limit

    # -- the event log --------------------------------------------------------------------------
    def store_events(
        self, registrar_id: str, items: Sequence[IncomingEvent], now: str | Callable[[], str]
    ) -> list[EventOutcome]:
        """Append each new event once, in one transaction, numbering them after every event
        committed before (the ``events`` sequence row is held until commit).

        Per item: ``("stored", seq, None)``; ``("duplicate", original seq, None)`` when this
        registrar stored the same id with the same bytes before; ``("rejected", None, reason)``
        for the same id with other bytes or from another registrar. ``now`` may be a clock, read
        once this writer holds the sequence, so that ``received_at`` rises with ``seq``.
        """
        if not items:
            return []
        with self._tx() as cur:
            last = self._lock_sequence(cur, "events")
            received = now() if callable(now) else now
            ids = list(dict.fromkeys(i.id for i in items))
            existing: dict[str, tuple[int, str, str]] = {}
            for chunk in range(0, len(ids), 500):
                part = ids[chunk : chunk + 500]
                marks = ", ".join([self.ph] * len(part))
                cur.execute(
                    f"SELECT id, seq, registrar_id, sha256 FROM events WHERE id IN ({marks})",  # noqa: S608
                    part,
                )
                for row in cur.fetchall():
                    existing[row[0]] = (int(row[1]), row[2], row[3])
            out: list[EventOutcome] = []
            rows = []
            for item in items:
                digest = hashlib.sha256(item.sealed).hexdigest()
                old = existing.get(item.id)
                if old is not None:
                    seq, owner, sha = old
                    same = owner == registrar_id and sha == digest
                    out.append(("duplicate", seq, None) if same else ("rejected", None, EVENT_CONFLICT))
                    continue
                last += 1
                existing[item.id] = (last, registrar_id, digest)
                rows.append((item.id, last, registrar_id, item.sealed, digest, item.signature, received))
                out.append(("stored", last, None))
            if rows:
                cur.executemany(
                    self._q(
                        "INSERT INTO events (id, seq, registrar_id, sealed, sha256, signature, received_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)"
                    ),
                    rows,
                )
                self._set_sequence(cur, "events", last)
        return out

    def events_after(self, after: int, limit: int) -> tuple[list[EventRow], bool]:
        """Up to ``limit`` events with ``seq > after``, by seq, and whether more follow."""
        with self._tx() as cur:
            cur.execute(
                self._q(
                    "SELECT v.seq, v.id, v.registrar_id, r.public_key, v.sealed, v.signature, v.received_at "
                    "FROM events v JOIN registrars r ON r.id = v.registrar_id "
                    "WHERE v.seq > ? ORDER BY v.seq LIMIT ?"
                ),
                (int(after), int(limit) + 1),
            )
            rows = cur.fetchall()
        out = []
        for r in rows[:limit]:
            values = list(r)
            values[4] = bytes(values[4])
            out.append(EventRow(*values))
        return out, len(rows) > limit

    def count_events(self) -> int:
        with self._tx() as cur:
            cur.execute("SELECT count(*) FROM events")
            return int(cur.fetchone()[0])
