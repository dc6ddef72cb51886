"""Where the receiver keeps devices, enrolment codes and envelopes: SQLite or PostgreSQL.

One interface (:class:`Storage`), two back ends that pass the same tests. Idempotency rests on the
database, not on the process: the envelope id is the primary key, and each envelope row carries
its receipt, so after a crash between commit and response the resend is answered with the very
same receipt. Receipt references (``CM-<year>-<n>``) come from a per-year counter updated in the
same transaction as the rows, so a rolled-back batch leaves no gap. Each envelope also gets a
``seq`` for the desks' cursor, handed out in commit order (:mod:`sync.receiver.registrar_store`,
which also holds the schema version and its migrations).

Times are stored as RFC 3339 UTC text with microseconds (fixed width, so text order is time order).
"""

from __future__ import annotations

import contextlib
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sync.protocol import Receipt
from sync.receiver import files
from sync.receiver.registrar_store import SCHEMA_VERSION, Cursor, RegistrarStore

_TABLES = [
    """CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS codes (
        code_hash TEXT PRIMARY KEY,
        organisation TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        device_id TEXT)""",
    """CREATE TABLE IF NOT EXISTS devices (
        id TEXT PRIMARY KEY,
        organisation TEXT NOT NULL,
        label TEXT NOT NULL,
        public_key TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        enrolled_at TEXT NOT NULL,
        revoked_at TEXT)""",
    """CREATE TABLE IF NOT EXISTS counters (year INTEGER PRIMARY KEY, last INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS envelopes (
        id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL REFERENCES devices(id),
        form_id TEXT NOT NULL,
        form_version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        sealed {blob} NOT NULL,
        sha256 TEXT NOT NULL,
        signature TEXT NOT NULL,
        received_at TEXT NOT NULL,
        reference TEXT NOT NULL UNIQUE,
        receipt_signature TEXT NOT NULL)""",
    """CREATE INDEX IF NOT EXISTS envelopes_received ON envelopes (received_at)""",
]


@dataclass(frozen=True)
class Device:
    id: str
    organisation: str
    label: str
    public_key: str  # base64 Ed25519 verify key
    enrolled_at: str
    revoked_at: str | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


@dataclass(frozen=True)
class Incoming:
    """A verified envelope, ready to store."""

    id: str
    form_id: str
    form_version: int
    created_at: str
    sealed: bytes
    sha256: str
    signature: str


@dataclass(frozen=True)
class Stored:
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

    def receipt(self) -> Receipt:
        return Receipt(
            envelope_id=self.id,
            sha256=self.sha256,
            received_at=self.received_at,
            reference=self.reference,
            signature=self.receipt_signature,
        )


# sign(envelope_id, sha256, received_at, reference) -> base64 signature
Signer = Callable[[str, str, str, str], str]
# (status, receipt or None) per incoming envelope, in order
Outcome = tuple[str, Receipt | None]

_ENVELOPE_COLUMNS = (
    "id, device_id, form_id, form_version, created_at, sealed, sha256, signature, "
    "received_at, reference, receipt_signature"
)


class StorageError(RuntimeError):
    """The database cannot be used (unreachable, wrong schema). The message is for operators."""


class Storage(RegistrarStore):
    """The operations the receiver and the CLI need (the registrar ones in
    :class:`~sync.receiver.registrar_store.RegistrarStore`). Implementations are thread-safe."""

    kind = "abstract"

    # -- plumbing that subclasses provide (and _tx, ph, blob_type from RegistrarStore) ----------
    def close(self) -> None:
        raise NotImplementedError

    def _lock_counter(self, cur: Cursor, year: int) -> int:
        raise NotImplementedError

    # -- schema ---------------------------------------------------------------------------------
    def init_schema(self) -> None:
        with self._tx() as cur:
            if self.schema_lock:  # PostgreSQL: receivers starting together create and migrate in turn
                cur.execute(self.schema_lock)
            for stmt in _TABLES:
                cur.execute(stmt.replace("{blob}", self.blob_type))
            cur.execute(self._q("SELECT value FROM meta WHERE key = ?"), ("schema_version",))
            row = cur.fetchone()
            if row is None:
                cur.execute(self._q("INSERT INTO meta (key, value) VALUES (?, ?)"), ("schema_version", "1"))
                version = 1
            else:
                version = int(row[0])
            if version > SCHEMA_VERSION:
                raise StorageError("The database was made by a newer receiver; upgrade this one first.")
            self._migrate(cur, version)

    # -- enrolment codes and devices ------------------------------------------------------------
    def add_code(self, code_hash: str, organisation: str, created_at: str, expires_at: str) -> None:
        with self._tx() as cur:
            cur.execute(
                self._q(
                    "INSERT INTO codes (code_hash, organisation, created_at, expires_at) VALUES (?, ?, ?, ?)"
                ),
                (code_hash, organisation, created_at, expires_at),
            )

    def redeem_code(
        self, code_hash: str, now: str, device_id: str, label: str, public_key: str, token_hash: str
    ) -> tuple[str, str | None]:
        """Use a code once and add the device, in one transaction.

        Returns ``("ok", organisation)``, or ``("unknown"|"used"|"expired", None)``. Two requests
        with the same code at the same moment: exactly one gets ``ok``.
        """
        with self._tx() as cur:
            cur.execute(
                self._q(
                    "UPDATE codes SET used_at = ?, device_id = ? "
                    "WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?"
                ),
                (now, device_id, code_hash, now),
            )
            if cur.rowcount != 1:
                cur.execute(self._q("SELECT used_at FROM codes WHERE code_hash = ?"), (code_hash,))
                row = cur.fetchone()
                if row is None:
                    return "unknown", None
                return ("used" if row[0] is not None else "expired"), None
            cur.execute(self._q("SELECT organisation FROM codes WHERE code_hash = ?"), (code_hash,))
            organisation = cur.fetchone()[0]
            cur.execute(
                self._q(
                    "INSERT INTO devices (id, organisation, label, public_key, token_hash, "
                    "enrolled_at) VALUES (?, ?, ?, ?, ?, ?)"
                ),
                (device_id, organisation, label, public_key, token_hash, now),
            )
            return "ok", organisation

    def device_by_token(self, token_hash: str) -> Device | None:
        with self._tx() as cur:
            cur.execute(
                self._q(
                    "SELECT id, organisation, label, public_key, enrolled_at, revoked_at "
                    "FROM devices WHERE token_hash = ?"
                ),
                (token_hash,),
            )
            row = cur.fetchone()
        return Device(*row) if row else None

    def list_devices(self) -> list[Device]:
        with self._tx() as cur:
            cur.execute(
                "SELECT id, organisation, label, public_key, enrolled_at, revoked_at "
                "FROM devices ORDER BY enrolled_at, id"
            )
            return [Device(*r) for r in cur.fetchall()]

    def device_keys(self) -> dict[str, str]:
        with self._tx() as cur:
            cur.execute("SELECT id, public_key FROM devices")
            return {r[0]: r[1] for r in cur.fetchall()}

    def revoke_device(self, device_id: str, now: str) -> str:
        """``revoked``, ``already`` or ``unknown``."""
        with self._tx() as cur:
            cur.execute(
                self._q("UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
                (now, device_id),
            )
            if cur.rowcount == 1:
                return "revoked"
            cur.execute(self._q("SELECT 1 FROM devices WHERE id = ?"), (device_id,))
            return "already" if cur.fetchone() else "unknown"

    # -- envelopes ------------------------------------------------------------------------------
    def store_batch(
        self, device_id: str, items: Sequence[Incoming], received_at: str | Callable[[], str], sign: Signer
    ) -> list[Outcome]:
        """Store each new envelope once, with its receipt, in one transaction.

        Per item: ``("stored", receipt)``; ``("duplicate", original receipt)`` for the same id and
        hash from the same device; ``("conflict", None)`` otherwise. Writers are serialised on the
        year's counter row, so two concurrent batches with the same id cannot both store it.
        ``received_at`` may be a clock (a callable returning the time); it is read again once this
        writer holds the counter, so references and times rise together.
        """
        if not items:
            return []
        for attempt in range(3):
            try:
                return self._store_batch(device_id, items, received_at, sign)
            except self._unique_errors:
                # Only possible across a year boundary in PostgreSQL (two counter rows): the
                # other writer won; the retry sees its row and answers duplicate/conflict.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    _unique_errors: tuple[type[BaseException], ...] = ()

    def _store_batch(
        self, device_id: str, items: Sequence[Incoming], received_at: str | Callable[[], str], sign: Signer
    ) -> list[Outcome]:
        clock = received_at if callable(received_at) else None
        received: str = clock() if clock is not None else str(received_at)
        year = int(received[:4])
        out: list[Outcome] = []
        with self._tx() as cur:
            last = self._lock_counter(cur, year)
            seq = self._lock_sequence(cur, "envelopes")  # held until commit: seqs in commit order
            if clock is not None:
                # Read the clock again now that this writer holds the counter, so that references
                # and received go up together (unless the year just turned: keep the first).
                later = clock()
                if later[:4] == received[:4]:
                    received = later
            ids = list(dict.fromkeys(i.id for i in items))
            existing: dict[str, Stored] = {}
            for chunk in range(0, len(ids), 500):
                part = ids[chunk : chunk + 500]
                marks = ", ".join([self.ph] * len(part))
                cur.execute(
                    f"SELECT {_ENVELOPE_COLUMNS} FROM envelopes WHERE id IN ({marks})",  # noqa: S608
                    part,
                )
                for row in cur.fetchall():
                    existing[row[0]] = self._stored(row)
            rows = []
            for item in items:
                old = existing.get(item.id)
                if old is not None:
                    same = old.sha256 == item.sha256 and old.device_id == device_id
                    out.append(("duplicate", old.receipt()) if same else ("conflict", None))
                    continue
                last += 1
                seq += 1
                reference = f"CM-{year:04d}-{last:06d}"
                signature = sign(item.id, item.sha256, received, reference)
                stored = Stored(
                    item.id,
                    device_id,
                    item.form_id,
                    item.form_version,
                    item.created_at,
                    item.sealed,
                    item.sha256,
                    item.signature,
                    received,
                    reference,
                    signature,
                )
                existing[item.id] = stored
                rows.append(
                    (
                        stored.id,
                        device_id,
                        stored.form_id,
                        stored.form_version,
                        stored.created_at,
                        stored.sealed,
                        stored.sha256,
                        stored.signature,
                        received,
                        reference,
                        signature,
                        seq,
                    )
                )
                out.append(("stored", stored.receipt()))
            if rows:
                cur.executemany(
                    self._q(
                        f"INSERT INTO envelopes ({_ENVELOPE_COLUMNS}, seq) "  # noqa: S608
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    ),
                    rows,
                )
                cur.execute(self._q("UPDATE counters SET last = ? WHERE year = ?"), (last, year))
                self._set_sequence(cur, "envelopes", seq)
        return out

    def _stored(self, row: Sequence[Any]) -> Stored:
        r = list(row)
        r[5] = bytes(r[5])
        return Stored(*r)

    def get_envelope(self, envelope_id: str) -> Stored | None:
        with self._tx() as cur:
            cur.execute(
                self._q(f"SELECT {_ENVELOPE_COLUMNS} FROM envelopes WHERE id = ?"),  # noqa: S608
                (envelope_id,),
            )
            row = cur.fetchone()
        return self._stored(row) if row else None

    def count_envelopes(self, since: str | None = None) -> int:
        with self._tx() as cur:
            cur.execute(self._q("SELECT count(*) FROM envelopes WHERE received_at >= ?"), (since or "",))
            return int(cur.fetchone()[0])

    def iter_envelopes(self, since: str | None = None, page: int = 500) -> Iterator[Stored]:
        """All envelopes received at or after ``since``, oldest first, a page at a time."""
        after = ("", "")
        lower = since or ""
        while True:
            with self._tx() as cur:
                cur.execute(
                    self._q(
                        f"SELECT {_ENVELOPE_COLUMNS} FROM envelopes WHERE received_at >= ? "  # noqa: S608
                        "AND (received_at > ? OR (received_at = ? AND id > ?)) "
                        f"ORDER BY received_at, id LIMIT {int(page)}"
                    ),
                    (lower, after[0], after[0], after[1]),
                )
                rows = [self._stored(r) for r in cur.fetchall()]
            yield from rows
            if len(rows) < page:
                return
            after = (rows[-1].received_at, rows[-1].id)


class SQLiteStorage(Storage):
    """One file in the data dir; WAL with ``synchronous=FULL`` (a stored report is irreplaceable).
    One connection behind a lock: SQLite has a single writer anyway."""

    kind = "sqlite"
    blob_type = "BLOB"
    _unique_errors = (sqlite3.IntegrityError,)

    def __init__(self, path: str | Path):
        self.path = str(path)
        _private_database_file(Path(path))
        try:
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                         timeout=OPEN_TIMEOUT)
            _use_wal(self._conn)
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise StorageError(f"Cannot open the database file {self.path}: {exc}") from None
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def _tx(self) -> Iterator[Cursor]:
        with self._lock:
            cur = self._conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                yield cur
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            else:
                cur.execute("COMMIT")
            finally:
                cur.close()

    def _lock_counter(self, cur: Cursor, year: int) -> int:
        # BEGIN IMMEDIATE already holds the write lock.
        cur.execute("INSERT OR IGNORE INTO counters (year, last) VALUES (?, 0)", (year,))
        cur.execute("SELECT last FROM counters WHERE year = ?", (year,))
        return int(cur.fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()


OPEN_TIMEOUT = 30.0  # seconds another process may hold the database before opening fails


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, waiting for receivers that open the same file at the same moment.

    The switch needs the database to itself, and SQLite answers "busy" at once instead of calling
    the busy handler when another connection is opening it too (seen with three receiver workers
    starting together): retried for up to ``OPEN_TIMEOUT``.
    """
    deadline = time.monotonic() + OPEN_TIMEOUT
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorname not in ("SQLITE_BUSY", "SQLITE_LOCKED") or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _private_database_file(path: Path) -> None:
    """Create the database file owner-only (SQLite gives -wal and -shm the mode of the database
    file) and make an existing one and its companions 0600."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass  # an existing database: its mode is fixed below
    except OSError as exc:
        raise StorageError(f"Cannot create the database file {path}: {exc.strerror}.") from None
    try:
        for suffix in ("", "-wal", "-shm", "-journal"):
            files.restrict(path.with_name(path.name + suffix))
    except files.FileModeError as exc:
        raise StorageError(str(exc)) from None


class PostgresStorage(Storage):
    """PostgreSQL through psycopg 3, with a small pool of connections (no extra dependency)."""

    kind = "postgresql"
    blob_type = "BYTEA"
    ph = "%s"
    for_update = " FOR UPDATE"
    # Held until the transaction ends; the number only has to be the same in every receiver.
    schema_lock = "SELECT pg_advisory_xact_lock(5142783301)"

    def __init__(self, conninfo: str, pool_size: int = 4):
        import psycopg  # the receiver's optional dependency; SQLite users never need it

        self._psycopg = psycopg
        self._unique_errors = (psycopg.errors.UniqueViolation,)
        self._conninfo = conninfo
        self._pool: queue.LifoQueue[Any] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(pool_size)
        conn = self._connect()
        self._pool.put(conn)

    def _connect(self) -> Any:
        try:
            return self._psycopg.connect(self._conninfo, autocommit=True, connect_timeout=10)
        except self._psycopg.Error as exc:
            # The conninfo may hold a password: say what failed, not the URL.
            raise StorageError(
                f"Cannot connect to PostgreSQL: {str(exc).strip().splitlines()[0][:200]}"
            ) from None

    @contextlib.contextmanager
    def _tx(self) -> Iterator[Cursor]:
        with self._slots:
            try:
                conn = self._pool.get_nowait()
            except queue.Empty:
                conn = self._connect()
            broken = False
            try:
                with conn.transaction(), conn.cursor() as cur:
                    yield cur
            except self._psycopg.OperationalError:
                broken = True
                raise
            finally:
                if broken or conn.closed:
                    with contextlib.suppress(Exception):
                        conn.close()
                else:
                    self._pool.put(conn)

    def _lock_counter(self, cur: Cursor, year: int) -> int:
        cur.execute("INSERT INTO counters (year, last) VALUES (%s, 0) ON CONFLICT (year) DO NOTHING", (year,))
        cur.execute("SELECT last FROM counters WHERE year = %s FOR UPDATE", (year,))
        return int(cur.fetchone()[0])

    def close(self) -> None:
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return


def is_postgres_url(url: str | None) -> bool:
    if not url:
        return False
    return url.startswith(("postgresql://", "postgres://")) or ("=" in url and "://" not in url)


def open_storage(data_dir: str | Path, database_url: str | None = None) -> Storage:
    """PostgreSQL when ``database_url`` is a ``postgresql://`` URL or libpq conninfo; otherwise
    SQLite in ``<data_dir>/receiver.sqlite3``. The schema is created if missing."""
    if database_url and not is_postgres_url(database_url):
        raise StorageError("The database URL must start with postgresql:// (or be a libpq conninfo).")
    storage: Storage = (
        PostgresStorage(database_url) if database_url else SQLiteStorage(Path(data_dir) / "receiver.sqlite3")
    )
    storage.init_schema()
    return storage
