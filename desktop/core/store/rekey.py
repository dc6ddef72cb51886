"""Copying the open store into a new database file under another data key.

Used to re-key the store when the passphrase changes (a new random data key, so an old key file
opens nothing written after the change) and to make encrypted backups (``desktop.core.backup``).

The new file is made with the same schema (:func:`migrations.migrate`), then attached to the open
connection with the new key, and every table is copied in rowid ranges inside one transaction
(one consistent snapshot), reporting ``progress(done_rows, total_rows)`` between ranges. The copy
is checked read-only (``cipher_integrity_check`` and row counts) before anyone relies on it.

Crash safety of the switch (:func:`recover` runs first in :meth:`Store.open`):

1. ``store.db.rekey`` is built and checked, then ``store.key.rekey`` (the new key file) written;
2. the old connection is closed (its WAL checkpointed and removed);
3. ``store.db.rekey`` is renamed over ``store.db`` — the commit point;
4. ``store.key.rekey`` is renamed over ``store.key``.

After a crash: both new files present → before the commit point: they are removed (old
passphrase, old key). Only ``store.key.rekey`` present → after it: the rename of step 4 is done.
So the store opens with the old or the new passphrase, never neither.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import db, errors, keys, migrations
from .common import DB_NAME, KEY_NAME

log = logging.getLogger("signaal.store")

Progress = Callable[[int, int], None]
NEW_DB = f"{DB_NAME}.rekey"
NEW_KEY = f"{KEY_NAME}.rekey"
_CHUNK = 2000  # rowids per statement: progress granularity without slowing the copy
_ALIAS = "target"
# Parents before children (outbox references records); any other table follows by name.
_FIRST = ("records", "outbox")


def _tables(conn: Any, schema: str) -> list[str]:
    names = [str(r[0]) for r in conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "  # noqa: S608 - fixed alias
        "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()]
    return [n for n in _FIRST if n in names] + [n for n in names if n not in _FIRST]


def _columns(conn: Any, schema: str, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f'PRAGMA {schema}.table_info("{table}")').fetchall()]


def _remove_db_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def copy_into(conn: Any, target: Path, key: bytes, progress: Progress | None = None) -> int:
    """Copy every row of the database open on ``conn`` into a new file ``target`` keyed ``key``.

    ``target`` must not exist. Returns the number of rows copied. On failure ``target`` is removed.
    Raises :class:`errors.StoreDamaged` if the copy does not check out.
    """
    try:
        new = db.connect(target, key, create=True)
        try:
            migrations.migrate(new)
            new.execute("DELETE FROM hwm")  # the source's row (counter, mark key) is copied over
        finally:
            new.close()
        hexkey = bytes(key).hex()
        if not keys.is_raw_key_hex(hexkey):  # pragma: no cover - hex() always passes
            raise ValueError("data key hex is invalid")
        conn.execute(f"ATTACH DATABASE ? AS {_ALIAS} KEY \"x'{hexkey}'\"", (str(target),))
        try:
            copied = _copy_tables(conn, progress)
            # The new file stays in WAL mode (so opening it later writes nothing to switch modes),
            # with everything in the file itself: no -wal may travel with it.
            conn.execute(f"PRAGMA {_ALIAS}.wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.execute(f"DETACH DATABASE {_ALIAS}")
        for suffix in ("-wal", "-shm"):
            side = Path(f"{target}{suffix}")
            if suffix == "-wal" and side.exists() and side.stat().st_size:
                raise errors.StoreDamaged("the new database kept a write-ahead log")
            with contextlib.suppress(FileNotFoundError):
                side.unlink()
        db.verify(target, key)
        for suffix in ("-wal", "-shm"):  # an empty log the read-only check may have left
            side = Path(f"{target}{suffix}")
            if side.exists() and not (suffix == "-wal" and side.stat().st_size):
                side.unlink()
        db.private_files(target)
        return copied
    except BaseException:
        _remove_db_files(target)
        raise


def _copy_tables(conn: Any, progress: Progress | None) -> int:
    tables = _tables(conn, "main")
    if _tables(conn, _ALIAS) != tables:
        raise errors.StoreDamaged("the new database has another schema")
    conn.execute("BEGIN IMMEDIATE")
    try:
        totals = {t: int(conn.execute(f'SELECT count(*) FROM main."{t}"').fetchone()[0])  # noqa: S608
                  for t in tables}
        total = sum(totals.values())
        done = 0
        if progress is not None:
            progress(0, total)
        for table in tables:
            cols = _columns(conn, "main", table)
            if _columns(conn, _ALIAS, table) != cols:
                raise errors.StoreDamaged(f"table {table} differs in the new database")
            col_list = ", ".join(f'"{c}"' for c in cols)
            row = conn.execute(f'SELECT min(rowid), max(rowid) FROM main."{table}"').fetchone()  # noqa: S608
            if row[0] is None:
                continue
            low, high = int(row[0]) - 1, int(row[1])
            sql = (f'INSERT INTO {_ALIAS}."{table}" ({col_list}) SELECT {col_list} '  # noqa: S608
                   f'FROM main."{table}" WHERE rowid > ? AND rowid <= ? ORDER BY rowid')
            while low < high:
                cur = conn.execute(sql, (low, low + _CHUNK))
                low += _CHUNK
                done += max(0, cur.rowcount)
                if progress is not None:
                    progress(done, total)
            copied = int(conn.execute(f'SELECT count(*) FROM {_ALIAS}."{table}"').fetchone()[0])  # noqa: S608
            if copied != totals[table]:
                raise errors.StoreDamaged(f"table {table}: {copied} of {totals[table]} rows copied")
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(Exception):
            conn.execute("ROLLBACK")
        raise
    return done


def recover(data_dir: Path) -> None:
    """Finish or undo a re-key that a crash interrupted (see the module docstring)."""
    new_db = data_dir / NEW_DB
    new_key = data_dir / NEW_KEY
    if new_key.is_file() and not new_db.exists():
        os.replace(new_key, data_dir / KEY_NAME)  # the database was switched: finish
        keys.fsync_dir(data_dir)
        log.warning("an interrupted passphrase change was completed")
        return
    if new_db.exists() or new_key.exists():
        _remove_db_files(new_db)
        with contextlib.suppress(FileNotFoundError):
            new_key.unlink()
        keys.remove_stale_temp(new_key)
        keys.fsync_dir(data_dir)
        log.warning("an interrupted passphrase change was undone; the old passphrase still applies")


def switch(data_dir: Path, close_old: Callable[[], None], new_kf: keys.KeyFile) -> None:
    """Steps 2–4: close the old connection, then move the new database and key file in place.

    ``store.db.rekey`` must be complete and checked. Raises :class:`errors.StoreBusy` (and undoes
    the re-key) when another process still has the old database open.
    """
    db_path = data_dir / DB_NAME
    keys.atomic_write(data_dir / NEW_KEY, new_kf.to_bytes())
    close_old()
    wal = Path(f"{db_path}-wal")
    if wal.exists():  # the last connection to close removes the log: someone else has it open
        recover_undo(data_dir)
        raise errors.StoreBusy("the old database is still open elsewhere")
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{db_path}{suffix}").unlink()
    os.replace(data_dir / NEW_DB, db_path)  # the commit point
    keys.fsync_dir(data_dir)
    os.replace(data_dir / NEW_KEY, data_dir / KEY_NAME)
    keys.fsync_dir(data_dir)


def recover_undo(data_dir: Path) -> None:
    _remove_db_files(data_dir / NEW_DB)
    with contextlib.suppress(FileNotFoundError):
        (data_dir / NEW_KEY).unlink()
    keys.fsync_dir(data_dir)
