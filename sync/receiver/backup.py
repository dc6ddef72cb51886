"""``signaal-receiver backup`` and ``restore``: the database, while the receiver keeps running.

* SQLite: the online backup API (``sqlite3.Connection.backup``) copies a consistent snapshot page
  by page while the receiver goes on writing; the copy is checked (``integrity_check``) before it
  is renamed into place.
* PostgreSQL: ``pg_dump --format=custom`` (a consistent snapshot) and ``pg_restore --clean
  --single-transaction`` (all or nothing). A password in the URL is passed through ``PGPASSWORD``,
  never on a command line that ``ps`` shows.

A backup holds what the database holds: sealed envelopes (ciphertext the receiver cannot read),
receipts, device public keys and token hashes. The key files (``config.json``,
``receipt-signing.key``) are not in it: copy them once, after ``init``; they do not change.
Backups are written with mode 0600 through an exclusively created temporary file.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sync.receiver import files
from sync.receiver.storage import StorageError, open_storage

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
SQLITE_FILE = "receiver.sqlite3"


class BackupError(Exception):
    """Something the operator must fix; ``str()`` says what and how."""


@dataclass
class Summary:
    kind: str
    envelopes: int
    devices: int
    registrars: int = 0
    events: int = 0


def _summary(data_dir: Path, database_url: str | None) -> Summary:
    storage = open_storage(data_dir, database_url)
    try:
        return Summary(
            storage.kind,
            storage.count_envelopes(),
            len(storage.list_devices()),
            len(storage.list_registrars()),
            storage.count_events(),
        )
    finally:
        storage.close()


# -- backup ---------------------------------------------------------------------------------------
def backup(data_dir: Path, database_url: str | None, out: Path) -> Summary:
    out = Path(out)
    if out.exists():
        raise BackupError(f"{out} exists already; give a new file name (a backup never overwrites).")
    if not out.parent.is_dir():
        raise BackupError(f"The folder {out.parent} does not exist.")
    summary = _summary(data_dir, database_url)  # also: the database opens and has our schema
    if database_url:
        _pg_dump(database_url, out)
    else:
        _sqlite_backup(Path(data_dir) / SQLITE_FILE, out)
    return summary


def _sqlite_backup(db: Path, out: Path) -> None:
    with files.private_temp(out) as (fh, tmp):
        fh.close()
        src = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            (check,) = dst.execute("PRAGMA integrity_check").fetchone()
        except sqlite3.Error as exc:
            raise BackupError(f"The SQLite backup failed: {exc}.") from None
        finally:
            dst.close()
            src.close()
        if check != "ok":
            raise BackupError(f"The copy failed SQLite's integrity check ({check}); nothing was written.")
        os.replace(tmp, out)


def _pg_env_and_dsn(database_url: str) -> tuple[dict[str, str], str]:
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    try:
        params = conninfo_to_dict(database_url)
    except psycopg.Error:
        raise BackupError("The database URL cannot be read as a PostgreSQL connection string.") from None
    env = dict(os.environ)
    password = params.pop("password", None)
    if password is not None:
        env["PGPASSWORD"] = str(password)
    return env, make_conninfo(**{k: str(v) for k, v in params.items() if v is not None})


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed. Install the PostgreSQL client tools (Debian: postgresql-client), "
            "the same major version as the server or newer."
        )
    return path


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    proc = subprocess.run(args, env=env, capture_output=True, text=True, timeout=24 * 3600)
    if proc.returncode != 0:
        lines = [x for x in proc.stderr.strip().splitlines() if x.strip()]
        detail = lines[0][:300] if lines else f"exit code {proc.returncode}"
        raise BackupError(f"{what} failed: {detail}")


def _pg_dump(database_url: str, out: Path) -> None:
    env, dsn = _pg_env_and_dsn(database_url)
    with files.private_temp(out) as (fh, tmp):
        fh.close()
        args = [_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={tmp}", f"--dbname={dsn}"]
        _run(args, env, "pg_dump")
        with open(tmp, "rb") as check:
            if check.read(5) != PGDUMP_MAGIC:
                raise BackupError("pg_dump did not write a custom-format archive; nothing was written.")
        os.replace(tmp, out)


# -- restore --------------------------------------------------------------------------------------
def backup_kind(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        raise BackupError(f"No backup file at {path}.") from None
    if head == SQLITE_MAGIC:
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is not a receiver backup (neither a SQLite file nor a pg_dump archive).")


def restore(data_dir: Path, database_url: str | None, source: Path, force: bool = False) -> Summary:
    kind = backup_kind(Path(source))
    target = "postgresql" if database_url else "sqlite"
    if kind != target:
        raise BackupError(
            f"{source} is a {kind} backup, but this receiver uses {target}. Restore it into a receiver "
            f"that uses {kind} (--database-url), then move the data over if needed."
        )
    try:
        before = _summary(data_dir, database_url)
        marks = _sequence_marks(data_dir, database_url)
    except StorageError as exc:
        raise BackupError(str(exc)) from None
    if (before.envelopes or before.devices or before.registrars or before.events) and not force:
        raise BackupError(
            f"The database is not empty ({before.envelopes} envelopes, {before.devices} devices, "
            f"{before.registrars} desks, {before.events} triage events). Stop the receiver, and give "
            "--force to replace everything in it with the backup."
        )
    if kind == "sqlite":
        _sqlite_restore(Path(source), Path(data_dir) / SQLITE_FILE)
    else:
        assert database_url is not None
        env, dsn = _pg_env_and_dsn(database_url)
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={dsn}",
                str(source),
            ],
            env,
            "pg_restore",
        )
    # Desks remember the last seq they read: numbering goes on after the highest one handed out
    # before the restore, so a seq is never given to another envelope or event (a gap instead).
    storage = open_storage(data_dir, database_url)
    try:
        storage.raise_sequences(marks)
    finally:
        storage.close()
    return _summary(data_dir, database_url)


def _sequence_marks(data_dir: Path, database_url: str | None) -> dict[str, int]:
    storage = open_storage(data_dir, database_url)
    try:
        return storage.sequence_marks()
    finally:
        storage.close()


def _sqlite_restore(source: Path, db: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        (check,) = src.execute("PRAGMA integrity_check").fetchone()
        if check != "ok":
            raise BackupError(f"{source} fails SQLite's integrity check ({check}); nothing was restored.")
        if src.execute("SELECT 1 FROM sqlite_master WHERE name = 'envelopes'").fetchone() is None:
            raise BackupError(f"{source} is a SQLite file, but not a receiver database.")
        dst = sqlite3.connect(db)
        try:
            src.backup(dst)  # replaces the destination's pages in one go, under its write lock
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise BackupError(f"The SQLite restore failed: {exc}.") from None
    finally:
        src.close()
    files.secure_data_dir(db.parent)
