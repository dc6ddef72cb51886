"""Finding lost writes at open, and keeping a copy of a damaged store before anything changes it.

Used by :meth:`Store.open`: the database is compared with its high-water mark (``mark.py``) on the
read-only connection that checks it, before a writable connection could replay, checkpoint or
reset the write-ahead log. A shortfall makes a copy of every store file into
``damaged-<tag>/`` inside the data folder (0700; files 0600), where ``<tag>`` depends only on the
files as found, so trying again does not make a second copy.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from pathlib import Path
from typing import Any

from desktop.core import paths

from . import keys, mark, migrations
from .common import DB_NAME, KEY_NAME, MARK_NAME

log = logging.getLogger("signaal.store")

DAMAGED_PREFIX = "damaged-"


def inspect(conn: Any, mark_path: Path, store_id: str) -> mark.Shortfall | None:
    """Compare the database behind ``conn`` (read-only) with the mark; None before schema v4."""
    if migrations.user_version(conn) < mark.MIN_SCHEMA:
        return None
    try:
        _, key = mark.database_state(conn)
        found = mark.read(mark_path, store_id, key)
    except mark.MarkUnreadable:
        return mark.Shortfall(mark_damaged=True)
    return mark.compare(conn, found)


def _store_files(data_dir: Path) -> list[Path]:
    names = (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", KEY_NAME, MARK_NAME)
    return [data_dir / n for n in names if (data_dir / n).is_file()]


def keep_copy(data_dir: Path) -> str:
    """Copy the store's files as they are into ``damaged-<tag>/``; return the folder name."""
    files = _store_files(data_dir)
    h = hashlib.sha256()
    for p in files:
        if p.name.endswith("-shm"):  # SQLite's index of the WAL: every reader may rewrite it
            continue
        st = p.stat()
        h.update(f"{p.name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    h.update((data_dir / MARK_NAME).read_bytes() if (data_dir / MARK_NAME).is_file() else b"")
    name = DAMAGED_PREFIX + h.hexdigest()[:12]
    target = data_dir / name
    if (target / DB_NAME).is_file():
        return name
    tmp = data_dir / f".{name}.tmp"
    if tmp.exists():
        shutil.rmtree(tmp)
    paths.ensure_private_dir(tmp)
    for p in files:
        dest = tmp / p.name
        shutil.copyfile(p, dest)
        os.chmod(dest, 0o600)
        with open(dest, "rb") as fh:
            os.fsync(fh.fileno())
    keys.fsync_dir(tmp)
    os.replace(tmp, target)
    keys.fsync_dir(data_dir)
    log.warning("store behind its high-water mark: damaged files copied to %s", name)
    return name


def copies(data_dir: Path) -> list[Path]:
    """The damaged copies kept in ``data_dir`` (oldest name first)."""
    return sorted(p for p in Path(data_dir).glob(f"{DAMAGED_PREFIX}*") if p.is_dir())
