"""The desk's encrypted store: the field app's key design over the desk's own schema.

The same layers as ``desktop.core.store`` (and the same code for them): a random 256-bit data
key opens the SQLCipher database (``desktop.core.store.db``); the key file holds it wrapped by
Argon2id of the passphrase, and, when an acceptable OS keyring exists, also by a random device
secret kept there (``desktop.core.store.keys``); wrong passphrases are throttled across restarts
(``desktop.core.store.throttle``). Files in the desk's data folder: ``desk.db`` (+ -wal/-shm),
``desk.key`` and ``desk.attempts``, 0600 in a 0700 folder.

One thread owns a :class:`DeskStore` (the worker thread in the app). No SQL outside desk.core.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

from desktop.core import paths
from desktop.core.store import db, errors, keys, protect, throttle

from . import schema

log = logging.getLogger("signaal.desk.store")

DB_NAME = "desk.db"
KEY_NAME = "desk.key"
ATTEMPTS_NAME = "desk.attempts"
APP_NAME = "Signaal Desk"
ENV_DATA_DIR = "SIGNAAL_DESK_DATA_DIR"


def default_data_dir() -> Path:
    """``SIGNAAL_DESK_DATA_DIR``, else the per-user data folder of "Signaal Desk"."""
    if os.environ.get(ENV_DATA_DIR):
        return Path(os.environ[ENV_DATA_DIR]).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, paths.APP_AUTHOR, roaming=False))


def now_text() -> str:
    """UTC now as fixed-width text that sorts like time."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def _files(data_dir: Path) -> tuple[Path, Path, Path]:
    return data_dir / DB_NAME, data_dir / KEY_NAME, data_dir / ATTEMPTS_NAME


def _secrets(secrets: keys.SecretStore | None) -> keys.SecretStore:
    return keys.choose_secret_store() if secrets is None else secrets


class DeskStore:
    """An unlocked desk store. Make one with :meth:`create` or :meth:`open`; call :meth:`close`."""

    def __init__(self, data_dir: Path, conn: Any, kf: keys.KeyFile, secrets: keys.SecretStore,
                 keyring_in_use: bool) -> None:
        self.data_dir = data_dir
        self._conn: Any = conn
        self._kf = kf
        self.secrets = secrets
        self.keyring_in_use = keyring_in_use

    # ------------------------------------------------------------------ lifecycle

    @staticmethod
    def exists(data_dir: str | os.PathLike[str]) -> bool:
        db_path, key_path, _ = _files(Path(data_dir))
        return db_path.exists() or key_path.exists()

    @staticmethod
    def unlock_wait(data_dir: str | os.PathLike[str]) -> float:
        return throttle.wait(_files(Path(data_dir))[2])

    @classmethod
    def create(cls, data_dir: str | os.PathLike[str], passphrase: str, *,
               secrets: keys.SecretStore | None = None, kdf: str = "moderate") -> DeskStore:
        """A new desk store; :class:`errors.StoreExists` if one is there (never overwritten)."""
        db.cipher_version()
        folder = Path(data_dir)
        if cls.exists(folder):
            raise errors.StoreExists()
        keys.check_passphrase(passphrase)
        paths.ensure_private_dir(folder)
        db_path, key_path, attempts_path = _files(folder)
        chosen = _secrets(secrets)
        made = protect.new_key(uuid.uuid4().hex, passphrase, kdf, chosen, now_text())
        data_key, kf, secret_name = made.data_key, made.key_file, made.secret_name
        conn = None
        try:
            conn = db.connect(db_path, data_key, create=True)
            schema.migrate(conn)
            throttle.write(attempts_path, 0, 0.0)
            keys.atomic_create(key_path, kf.to_bytes())  # the commit point of creation
        except BaseException:
            if conn is not None:
                conn.close()
            for p in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm"), attempts_path):
                with contextlib.suppress(FileNotFoundError):
                    p.unlink()
            protect.forget(chosen, secret_name)
            raise
        store = cls(folder, conn, kf, chosen, secret_name is not None)
        store.log_event("store.created", {"keyring": secret_name is not None})
        return store

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str], passphrase: str, *,
             secrets: keys.SecretStore | None = None) -> DeskStore:
        """Unlock the desk store; a failed unlock changes no store file (the counter aside).

        Raises the field store's errors: WrongPassphrase, UnlockThrottled, DeviceSecretMissing,
        KeyringUnavailable, StoreDamaged, StoreFromFuture, NoStore, CodecMissing.
        """
        db.cipher_version()
        folder = Path(data_dir)
        db_path, key_path, attempts_path = _files(folder)
        if not db_path.exists() and not key_path.exists():
            raise errors.NoStore()
        wait = throttle.wait(attempts_path)
        if wait > 0:
            raise errors.UnlockThrottled(wait)
        try:
            kf = keys.KeyFile.parse(key_path.read_bytes())
        except FileNotFoundError:
            raise errors.StoreDamaged("key file missing") from None
        try:
            payload = keys.unwrap_outer(kf, passphrase)
        except errors.WrongPassphrase:
            raise errors.WrongPassphrase(throttle.note_failure(attempts_path)) from None
        chosen = _secrets(secrets)
        data_key = protect.data_key(kf, payload, chosen)
        found = db.verify(db_path, data_key)
        if found > schema.LATEST:
            raise errors.StoreFromFuture(found, schema.LATEST)
        conn = db.connect(db_path, data_key)
        del data_key
        try:
            schema.migrate(conn)
        except BaseException:
            conn.close()
            raise
        throttle.reset(attempts_path)
        store = cls(folder, conn, kf, chosen, kf.device_secret_name is not None)
        store.log_event("store.unlocked", {})
        return store

    @property
    def id(self) -> str:
        return self._kf.store_id

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            conn.close()

    # ------------------------------------------------------------------ low level, for desk.core

    def conn(self) -> Any:
        if self._conn is None:
            raise errors.StoreClosed()
        return self._conn

    @contextlib.contextmanager
    def tx(self) -> Iterator[Any]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        c = self.conn()
        c.execute("BEGIN IMMEDIATE")
        try:
            yield c
        except BaseException:
            c.execute("ROLLBACK")
            raise
        c.execute("COMMIT")

    # ------------------------------------------------------------------ settings and log

    def get_setting(self, name: str, default: Any = None) -> Any:
        row = self.conn().execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, name: str, value: Any, conn: Any = None) -> None:
        c = conn if conn is not None else self.conn()
        if value is None:
            c.execute("DELETE FROM settings WHERE name = ?", (name,))
        else:
            c.execute("INSERT INTO settings (name, value) VALUES (?, ?) "
                      "ON CONFLICT (name) DO UPDATE SET value = excluded.value", (name, dumps(value)))

    def log_event(self, event: str, detail: dict[str, Any], conn: Any = None) -> None:
        """Append to the desk's activity log. ``detail`` holds counts, ids and codes, no content."""
        c = conn if conn is not None else self.conn()
        c.execute("INSERT INTO log (at, event, detail) VALUES (?, ?, ?)", (now_text(), event, dumps(detail)))

    def log_entries(self, limit: int = 200) -> list[tuple[str, str, dict[str, Any]]]:
        rows = self.conn().execute("SELECT at, event, detail FROM log ORDER BY n DESC LIMIT ?", (limit,))
        return [(str(a), str(e), json.loads(d)) for a, e, d in rows.fetchall()]
