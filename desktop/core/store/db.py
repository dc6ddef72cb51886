"""Opening a SQLCipher connection, in a fixed order, with every setting pinned and checked.

Order (as Signal Desktop does): codec present → ``cipher_log_level = NONE`` → hex-checked raw
key → SQLCipher 4 settings → read ``sqlite_master`` at once → WAL, ``synchronous=FULL``,
``foreign_keys=ON``, ``temp_store=MEMORY``, ``secure_delete=ON`` → read every setting back.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as driver  # type: ignore[import-untyped,unused-ignore]  # tests monkeypatch this name to prove we fail closed

from . import errors, keys

__all__ = [
    "CONNECTION_PRAGMAS",
    "EXPECTED_CIPHER_SETTINGS",
    "check_settings",
    "cipher_settings",
    "cipher_version",
    "connect",
    "driver",
    "private_files",
    "verify",
]

# SQLCipher 4 defaults, pinned: what ``PRAGMA cipher_settings`` must report on every connection.
EXPECTED_CIPHER_SETTINGS = {
    "kdf_iter": "256000",
    "cipher_page_size": "4096",
    "cipher_use_hmac": "1",
    "cipher_plaintext_header_size": "0",
    "cipher_hmac_algorithm": "HMAC_SHA512",
    "cipher_kdf_algorithm": "PBKDF2_HMAC_SHA512",
}
# Connection pragmas: name -> (statement value, value read back)
CONNECTION_PRAGMAS = {
    "synchronous": ("FULL", 2),
    "foreign_keys": ("ON", 1),
    "temp_store": ("MEMORY", 2),
    "secure_delete": ("ON", 1),
}
CACHE_KIB = 65536  # decrypted page cache per connection, filled on demand (memory only)
JOURNAL_SIZE_LIMIT = 4 * 1024 * 1024


def cipher_version() -> str:
    """The linked SQLCipher version; :class:`errors.CodecMissing` if there is no codec.

    Uses an in-memory database, so nothing is created on disk.
    """
    try:
        conn = driver.connect(":memory:")
    except Exception as exc:
        raise errors.CodecMissing(f"driver failed: {type(exc).__name__}") from None
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
    except Exception:
        row = None
    finally:
        conn.close()
    version = str(row[0]) if row and row[0] else ""
    if not version:
        raise errors.CodecMissing("PRAGMA cipher_version is empty: plain SQLite is linked")
    if not version.startswith("4."):
        raise errors.CodecMissing(f"SQLCipher {version} is not version 4")
    return version


def _pragma(conn: Any, name: str) -> Any:
    row = conn.execute(f"PRAGMA {name}").fetchone()
    return row[0] if row else None


def cipher_settings(conn: Any) -> dict[str, str]:
    """``PRAGMA cipher_settings`` as a dict (``{"kdf_iter": "256000", ...}``)."""
    out: dict[str, str] = {}
    for (line,) in conn.execute("PRAGMA cipher_settings").fetchall():
        # 'PRAGMA kdf_iter = 256000;'
        text = str(line).strip().removeprefix("PRAGMA ").rstrip(";")
        name, _, value = text.partition("=")
        out[name.strip()] = value.strip()
    return out


def check_settings(conn: Any) -> None:
    """Raise :class:`errors.StoreDamaged` unless every pinned setting is in force."""
    settings = cipher_settings(conn)
    for name, want in EXPECTED_CIPHER_SETTINGS.items():
        if settings.get(name) != want or str(_pragma(conn, name)) != want:
            raise errors.StoreDamaged(f"cipher setting {name} is not {want}")
    mode = str(_pragma(conn, "journal_mode")).lower()
    if mode != "wal":
        raise errors.StoreDamaged(f"journal_mode is {mode}, not wal")
    for name, (_, wanted) in CONNECTION_PRAGMAS.items():
        got = _pragma(conn, name)
        if got != wanted:
            raise errors.StoreDamaged(f"PRAGMA {name} is {got}, not {wanted}")


def private_files(db_path: Path) -> None:
    """chmod the database and its -wal/-shm to 0600 where they exist."""
    if sys.platform == "win32":
        return
    for suffix in ("", "-wal", "-shm"):
        p = Path(f"{db_path}{suffix}")
        with contextlib.suppress(FileNotFoundError):
            if p.stat().st_mode & 0o077:
                p.chmod(0o600)


def _key_and_pin(conn: Any, key: bytes) -> None:
    """cipher_log_level → raw key (hex-checked) → SQLCipher 4 settings, before the first read."""
    if not isinstance(key, bytes | bytearray) or len(key) != 32:
        raise ValueError("data key must be 32 bytes")
    hexkey = bytes(key).hex()
    if not keys.is_raw_key_hex(hexkey):  # pragma: no cover - hex() always passes; belt and braces
        raise ValueError("data key hex is invalid")
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{hexkey}'\"")
    conn.execute("PRAGMA cipher_compatibility = 4")
    for name, value in EXPECTED_CIPHER_SETTINGS.items():
        if name in ("cipher_hmac_algorithm", "cipher_kdf_algorithm"):
            conn.execute(f"PRAGMA {name} = {value}")
        else:
            conn.execute(f"PRAGMA {name} = {int(value)}")


def verify(db_path: Path, key: bytes, inspect: Callable[[Any], object] | None = None) -> int:
    """Check the file read-only; return its schema version (``user_version``).

    A read-only connection never checkpoints a WAL left by a crash into the database, so a
    failed unlock leaves the file byte-identical. Raises :class:`errors.StoreDamaged` when the key
    does not read the file, a pinned setting is off, or ``cipher_integrity_check`` reports
    anything (one flipped byte anywhere is found here). The caller removes any ``-wal``/``-shm``
    this connection created. ``inspect`` (if given) is called with the read-only connection after
    the checks passed, e.g. to compare the database with its high-water mark.
    """
    cipher_version()
    if not db_path.is_file():
        raise errors.StoreDamaged("database file missing")
    uri = db_path.resolve().as_uri() + "?mode=ro"
    conn = driver.connect(uri, uri=True, isolation_level=None, timeout=10.0)
    try:
        _key_and_pin(conn, key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except driver.DatabaseError:
            raise errors.StoreDamaged("database cannot be read with its key") from None
        problems = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        if problems:
            raise errors.StoreDamaged(f"cipher_integrity_check: {len(problems)} problem(s)")
        settings = cipher_settings(conn)
        for name, want in EXPECTED_CIPHER_SETTINGS.items():
            if settings.get(name) != want:
                raise errors.StoreDamaged(f"cipher setting {name} is not {want}")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if inspect is not None:
            inspect(conn)
        return version
    except errors.StoreError:
        raise
    except driver.DatabaseError as exc:
        raise errors.StoreDamaged(f"database error while checking: {type(exc).__name__}") from None
    finally:
        conn.close()


def connect(db_path: Path, key: bytes, *, create: bool = False) -> Any:
    """Open ``db_path`` keyed with the 32-byte ``key``; return a connection in autocommit mode.

    Call :func:`verify` first for an existing file. Raises :class:`errors.StoreDamaged` if the
    file cannot be read with this key or a setting does not hold, :class:`errors.CodecMissing`
    without SQLCipher. With ``create`` the file must be absent (it is created 0600 first).
    """
    cipher_version()
    if create:
        fd = os.open(db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    elif not db_path.is_file():
        raise errors.StoreDamaged("database file missing")
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, one transaction per named operation.
    conn = driver.connect(str(db_path), isolation_level=None, timeout=10.0)
    try:
        _key_and_pin(conn, key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except driver.DatabaseError:
            raise errors.StoreDamaged("database cannot be read with its key") from None
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
        if not mode or str(mode[0]).lower() != "wal":
            raise errors.StoreDamaged("cannot switch to WAL")
        for name, (value, _) in CONNECTION_PRAGMAS.items():
            conn.execute(f"PRAGMA {name} = {value}")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute(f"PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT}")
        check_settings(conn)
        private_files(db_path)
        return conn
    except errors.StoreError:
        conn.close()
        raise
    except driver.DatabaseError as exc:
        conn.close()
        raise errors.StoreDamaged(f"database error while opening: {type(exc).__name__}") from None
    except BaseException:
        conn.close()
        raise
