"""Schema migrations: an ordered list keyed on ``PRAGMA user_version``.

Each step is a version number and its SQL statements. All pending steps run in ONE transaction
and the version is bumped last; a database from a newer version is refused
(:class:`errors.StoreFromFuture`) without being touched. Add a step by appending to
``MIGRATIONS`` (never edit a released step) and add a frozen fixture DB under
``tests/fixtures/store/`` for the version before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import errors


@dataclass(frozen=True)
class Migration:
    version: int
    statements: tuple[str, ...]


V1 = (
    """CREATE TABLE records (
        id            TEXT PRIMARY KEY,
        form_id       TEXT NOT NULL,
        form_version  INTEGER NOT NULL,
        state         TEXT NOT NULL CHECK (state IN ('draft', 'final', 'sent', 'purged')),
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        finalised_at  TEXT,
        sent_at       TEXT,
        purged_at     TEXT,
        answers       TEXT,
        summary       TEXT NOT NULL DEFAULT '',
        envelope      TEXT,
        receipt       TEXT,
        conflict      TEXT
    )""",
    "CREATE INDEX records_by_updated ON records (updated_at DESC, id DESC)",
    "CREATE INDEX records_by_state_updated ON records (state, updated_at DESC, id DESC)",
    """CREATE TABLE outbox (
        record_id        TEXT PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,
        envelope         TEXT NOT NULL,
        attempts         INTEGER NOT NULL DEFAULT 0,
        last_error       TEXT,
        queued_at        TEXT NOT NULL,
        last_attempt_at  TEXT
    )""",
    "CREATE INDEX outbox_by_queued ON outbox (queued_at)",
    """CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    )""",
    # Append-only, hash-chained: each entry holds the SHA-256 of the entry before it.
    """CREATE TABLE audit (
        seq        INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        event      TEXT NOT NULL,
        record_id  TEXT,
        detail     TEXT,
        prev_hash  TEXT NOT NULL,
        hash       TEXT NOT NULL
    )""",
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
)

# v2: one list index that also carries what the list filters and searches on (state, form id,
# summary). A search or state filter scans this small covering index instead of every decrypted
# table page (answers included), and each write updates one list index instead of two.
V2 = (
    "CREATE INDEX records_list ON records (updated_at DESC, id DESC, state, form_id, summary)",
    "DROP INDEX records_by_updated",
    "DROP INDEX records_by_state_updated",
)

# v3: the minimisation rule each envelope was sealed under (``forms.MINIMISATION_RULE``). Envelopes
# sealed before v3 count as rule 0: queued ones are sealed again with only what consent allows.
V3 = (
    "ALTER TABLE records ADD COLUMN sealed_rule INTEGER NOT NULL DEFAULT 0",
)

# v4: the commit counter behind the high-water mark (``mark.py``, R31) and the key of the mark's
# MAC. Every write transaction adds one to ``commits``; the mark file outside says how far it got.
V4 = (
    """CREATE TABLE hwm (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        commits   INTEGER NOT NULL,
        mark_key  TEXT NOT NULL
    )""",
    "INSERT INTO hwm (id, commits, mark_key) VALUES (1, 0, lower(hex(randomblob(32))))",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, V1),
    Migration(2, V2),
    Migration(3, V3),
    Migration(4, V4),
)


def _check_order(steps: tuple[Migration, ...]) -> int:
    last = 0
    for step in steps:
        if step.version <= last:
            raise RuntimeError("migration versions must increase")
        last = step.version
    return last


LATEST = _check_order(MIGRATIONS)


def user_version(conn: Any) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_not_future(conn: Any, latest: int = LATEST) -> int:
    found = user_version(conn)
    if found > latest:
        raise errors.StoreFromFuture(found, latest)
    return found


def migrate(conn: Any, steps: tuple[Migration, ...] = MIGRATIONS) -> int:
    """Bring the schema to the newest version in one transaction; return the version before."""
    latest = _check_order(steps)
    found = check_not_future(conn, latest)
    if found == latest:
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        for step in steps:
            if step.version > found:
                for statement in step.statements:
                    conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {int(latest)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return found
