"""The base of :class:`desktop.core.store.Store`: the connection, transactions and audit chaining.

The record, outbox and audit operations live in mixins (``records.py``, ``outbox.py``,
``audit.py``) that build on this class; ``store.py`` composes them and adds the lifecycle.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Self

from . import errors, keys, mark
from .common import _RECORD_COLS, GENESIS_HASH, _dumps, _now, _record, _ts, audit_hash
from .models import KeyringStatus, Record

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class StoreBase:
    """State and internals every part of the store uses."""

    def __init__(self, data_dir: Path, conn: Any, key_file: keys.KeyFile, status: KeyringStatus,
                 cipher_version: str) -> None:
        """Use :meth:`create` or :meth:`open`."""
        self.data_dir = data_dir
        self._conn = conn
        self._kf = key_file
        self._status = status
        self._cipher_version = cipher_version
        self._head: tuple[int, str] | None = None
        self._mark: mark.MarkWriter | None = None  # set by Store.create/open (schema v4 on)
        self._commits = 0  # the commit counter as of this store's last commit (for the mark)
        self._secrets: keys.SecretStore = keys.NoSecretStore("unknown")  # set by create/open

    # ------------------------------------------------------------------ properties

    @property
    def id(self) -> str:
        return self._kf.store_id

    @property
    def keyring_status(self) -> KeyringStatus:
        return self._status

    @property
    def cipher_version(self) -> str:
        return self._cipher_version

    @property
    def closed(self) -> bool:
        return self._conn is None

    def close(self) -> None:
        """Close the connection (WAL checkpointed by SQLite); idempotent."""
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()
        if self._mark is not None:
            self._mark.close()
            self._mark = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self._kf.store_id} {'closed' if self.closed else 'open'}>"

    # ------------------------------------------------------------------ internals

    def _c(self) -> Any:
        if self._conn is None:
            raise errors.StoreClosed()
        return self._conn

    @contextlib.contextmanager
    def _tx(self) -> Iterator[Any]:
        conn = self._c()
        conn.execute("BEGIN IMMEDIATE")
        head_before = self._head
        try:
            yield conn
            # R31: the mark outside must be able to tell this commit is in the database. One that
            # appended to the audit log is marked by the new head of the chain; any other is
            # counted in the same transaction (a second page, so only where needed).
            if self._head is not None and self._head != head_before:
                commits = self._commits
            else:
                commits = int(conn.execute(
                    "UPDATE hwm SET commits = commits + 1 WHERE id = 1 RETURNING commits").fetchone()[0])
            head = self._head or self._audit_head(conn)
            conn.execute("COMMIT")
        except BaseException:
            self._head = None
            with contextlib.suppress(Exception):
                conn.execute("ROLLBACK")
            raise
        self._head = head
        self._commits = commits
        if self._mark is not None:
            self._mark.write(mark.MarkState(commits, head[0], head[1]))

    def _autosaved(self, record_id: str, updated_at: str) -> None:
        """After an autosave (one UPDATE, committed on its own and not counted): the mark names
        the record and the time it wrote, so losing just that write is found too (R31)."""
        if self._mark is not None and self._head is not None:
            touched = record_id if _UUID.fullmatch(record_id) else None  # ids are canonical UUIDs
            self._mark.write(mark.MarkState(self._commits, self._head[0], self._head[1],
                                            touched, updated_at if touched else None))

    @contextlib.contextmanager
    def _tx_unmarked(self) -> Iterator[Any]:
        """A transaction that does not count itself (for repairing the counter row)."""
        conn = self._c()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(Exception):
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _audit_head(conn: Any) -> tuple[int, str]:
        row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        return (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)

    def _append_audit(self, conn: Any, event: str, record_id: str | None,
                      detail: dict[str, Any] | None, at: str | None = None) -> None:
        if self._head is None:
            self._head = self._audit_head(conn)
        seq, prev = self._head
        seq += 1
        at = at or _ts(_now())
        detail_text = None if detail is None else _dumps(detail)
        digest = audit_hash(prev, seq, at, event, record_id, detail_text)
        conn.execute("INSERT INTO audit (seq, at, event, record_id, detail, prev_hash, hash) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", (seq, at, event, record_id, detail_text, prev, digest))
        self._head = (seq, digest)

    def _state(self, conn: Any, record_id: str) -> str:
        row = conn.execute("SELECT state FROM records WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            raise errors.RecordNotFound(record_id)
        return str(row[0])

    def _get(self, conn: Any, record_id: str) -> Record:
        sql = f"SELECT {_RECORD_COLS} FROM records WHERE id = ?"  # noqa: S608 - constant columns
        row = conn.execute(sql, (record_id,)).fetchone()
        if row is None:
            raise errors.RecordNotFound(record_id)
        return _record(row)

    def checkpoint(self) -> None:
        """Write the WAL into the database and truncate it (after deletes and purges)."""
        self._c().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
