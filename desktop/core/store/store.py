"""The encrypted local store: named operations over a SQLCipher database. No SQL outside here.

One thread owns a :class:`Store` (the connection keeps sqlite3's ``check_same_thread``).
Files in the data folder: ``store.db`` (+ ``-wal``/``-shm``), ``store.key`` (wrapped data key) and
``store.attempts`` (wrong-passphrase counter), all 0600 in a 0700 folder.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.core import paths

from . import damage, db, errors, keys, mark, migrations, protect, rekey, throttle
from .audit import AuditMixin
from .common import (  # re-exported: benchmarks and tests use these names from here
    _RECORD_COLS,
    _SUMMARY_COLS,
    ATTEMPTS_NAME,
    DB_NAME,
    GENESIS_HASH,
    KEY_NAME,
    MARK_NAME,
    _dumps,
    _files,
    _now,
    _record,
    _resolve_secrets,
    _summary,
    _ts,
    audit_hash,
)
from .models import KeyringStatus
from .outbox import OutboxMixin
from .records import RecordsMixin

__all__ = [
    "ATTEMPTS_NAME", "DB_NAME", "GENESIS_HASH", "KEY_NAME", "_RECORD_COLS", "_SUMMARY_COLS", "Store",
    "_dumps", "_now", "_record", "_summary", "_ts", "audit_hash",
]

log = logging.getLogger("signaal.store")


class Store(RecordsMixin, OutboxMixin, AuditMixin):
    """An unlocked store. Make one with :meth:`create` or :meth:`open`; call :meth:`close`."""

    # ------------------------------------------------------------------ lifecycle (classmethods)

    @staticmethod
    def exists(data_dir: str | os.PathLike[str]) -> bool:
        """True if a store (database or key file) is in ``data_dir``."""
        db_path, key_path, _ = _files(Path(data_dir))
        return db_path.exists() or key_path.exists()

    @staticmethod
    def unlock_wait(data_dir: str | os.PathLike[str]) -> float:
        """Seconds to wait before the next unlock attempt (0 if none); survives restarts."""
        return throttle.wait(_files(Path(data_dir))[2])

    @staticmethod
    def store_id(data_dir: str | os.PathLike[str]) -> str | None:
        """The id of the store in ``data_dir`` from its key file, or None if unreadable/absent."""
        try:
            return keys.KeyFile.parse(_files(Path(data_dir))[1].read_bytes()).store_id
        except (OSError, errors.StoreError):
            return None

    @classmethod
    def destroy_phrase(cls, data_dir: str | os.PathLike[str]) -> str:
        """The exact text :meth:`destroy` wants as ``confirm`` for this folder."""
        sid = cls.store_id(data_dir)
        return f"DELETE {sid}" if sid else "DELETE DAMAGED STORE"

    @classmethod
    def destroy(cls, data_dir: str | os.PathLike[str], *, confirm: str,
                secrets: keys.SecretStore | None = None) -> None:
        """Delete the store for good: database, key file, counter, and its keyring entry.

        ``confirm`` must equal :meth:`destroy_phrase` (``"DELETE <store id>"``), which the UI asks
        the user to confirm twice. Without a match nothing is touched.
        """
        data_dir = Path(data_dir)
        if not cls.exists(data_dir):
            raise errors.NoStore()
        if confirm != cls.destroy_phrase(data_dir):
            raise errors.ConfirmationRequired()
        db_path, key_path, attempts_path = _files(data_dir)
        try:
            kf = keys.KeyFile.parse(key_path.read_bytes())
        except (OSError, errors.StoreError):
            kf = None
        # Key file first: without it the database is unreadable even if a later step fails.
        for p in (key_path, db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm"), attempts_path,
                  data_dir / MARK_NAME):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        for copy in damage.copies(data_dir):
            shutil.rmtree(copy)
        keys.remove_stale_temp(key_path)
        keys.remove_stale_temp(attempts_path)
        keys.fsync_dir(data_dir)
        if kf is not None and kf.device_secret_name:
            try:
                _resolve_secrets(secrets).delete(kf.device_secret_name)
            except Exception as exc:  # the store is gone either way
                log.warning("could not remove the device secret: %s", type(exc).__name__)
        log.info("store %s destroyed", kf.store_id if kf else "(unknown)")

    @classmethod
    def create(cls, data_dir: str | os.PathLike[str], passphrase: str, *,
               secrets: keys.SecretStore | None = None, kdf: str = "moderate") -> Store:
        """Create a new store; :class:`errors.StoreExists` if one is there (never overwritten)."""
        return cls._create(data_dir, passphrase, secrets=secrets, kdf=kdf)

    @classmethod
    def _create(cls, data_dir: str | os.PathLike[str], passphrase: str, *,
                secrets: keys.SecretStore | None, kdf: str, store_id: str | None = None,
                populate: Callable[[Path, bytes], object] | None = None,
                event: str = "store.created", detail: dict[str, Any] | None = None) -> Store:
        """Create a store; ``populate(db_path, data_key)`` makes a filled database file instead of
        an empty one (restoring a backup, ``desktop.core.backup``), under ``store_id``."""
        version = db.cipher_version()  # CodecMissing before anything touches the disk
        data_dir = Path(data_dir)
        if cls.exists(data_dir):
            raise errors.StoreExists()
        keys.check_passphrase(passphrase)
        if kdf not in keys.KDF_PROFILES:
            raise ValueError(f"unknown kdf profile {kdf!r}")
        paths.ensure_private_dir(data_dir)
        db_path, key_path, attempts_path = _files(data_dir)

        store_id = store_id or uuid.uuid4().hex
        chosen = _resolve_secrets(secrets)
        made = protect.new_key(store_id, passphrase, kdf, chosen, _ts(_now()))
        data_key, kf, secret_name = made.data_key, made.key_file, made.secret_name
        status = KeyringStatus(chosen.backend, chosen.acceptable, secret_name is not None)
        conn = None
        created_db = committed = False
        try:
            try:
                if populate is None:
                    conn = db.connect(db_path, data_key, create=True)
                else:
                    populate(db_path, data_key)
            except FileExistsError:
                raise errors.StoreExists("created concurrently") from None
            created_db = True
            if conn is not None:
                migrations.migrate(conn)
                conn.close()
                conn = None
            throttle.write(attempts_path, 0, 0.0)
            try:
                keys.atomic_create(key_path, kf.to_bytes())  # the commit point of creation
            except FileExistsError:
                created_db = False  # someone else's store now: leave every file alone
                raise errors.StoreExists("created concurrently") from None
            committed = True
            conn = db.connect(db_path, data_key)
        except BaseException:
            if conn is not None:
                conn.close()
            if committed:  # the store exists and opens with this passphrase: keep everything
                raise
            if created_db:
                for p in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm"), attempts_path):
                    with contextlib.suppress(FileNotFoundError):
                        p.unlink()
            protect.forget(chosen, secret_name)
            raise
        del data_key
        store = cls(data_dir, conn, kf, status, version)
        store._secrets = chosen
        store._start_mark(None, fresh=True)
        store.audit(event, detail={"keyring": status.in_use, "schema": migrations.LATEST, **(detail or {})})
        log.info("store %s created (keyring in use: %s)", store_id, status.in_use)
        return store

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str], passphrase: str, *,
             secrets: keys.SecretStore | None = None, accept_loss: bool = False) -> Store:
        """Unlock the store in ``data_dir``. A failed unlock changes no store file.

        Raises WrongPassphrase, UnlockThrottled, DeviceSecretMissing, StoreDamaged,
        StoreFromFuture, NoStore or CodecMissing (see :mod:`desktop.core.store.errors`), and
        WritesMissing (R31) when the database is behind its high-water mark: saved changes or
        audit entries are gone. A copy of the damaged files is kept first (``damaged-*/``). The UI
        then asks; ``accept_loss=True`` opens with what is there, records the loss in the audit
        log and moves the mark to the present state.
        """
        version = db.cipher_version()
        data_dir = Path(data_dir)
        db_path, key_path, attempts_path = _files(data_dir)
        if not db_path.exists() and not key_path.exists():
            raise errors.NoStore()
        rekey.recover(data_dir)  # finish or undo a passphrase change a crash interrupted
        wait = throttle.wait(attempts_path)
        if wait > 0:
            raise errors.UnlockThrottled(wait)
        try:
            raw = key_path.read_bytes()
        except FileNotFoundError:
            raise errors.StoreDamaged("key file missing") from None
        kf = keys.KeyFile.parse(raw)
        if not db_path.is_file():
            raise errors.StoreDamaged("database file missing")
        try:
            payload = keys.unwrap_outer(kf, passphrase)
        except errors.WrongPassphrase:
            retry = throttle.note_failure(attempts_path)
            log.info("unlock failed: wrong passphrase")
            raise errors.WrongPassphrase(retry) from None
        chosen = _resolve_secrets(secrets)
        data_key = protect.data_key(kf, payload, chosen)
        status = KeyringStatus(chosen.backend, chosen.acceptable, kf.device_secret_name is not None)
        existed = {s: Path(f"{db_path}{s}").exists() for s in ("-wal", "-shm")}
        shortfalls: list[mark.Shortfall | None] = []
        mark_path = data_dir / MARK_NAME
        try:
            # read-only: a failure here writes nothing; R31 compared before any log replay
            found = db.verify(db_path, data_key,
                              lambda c: shortfalls.append(damage.inspect(c, mark_path, kf.store_id)))
        finally:
            _remove_new_sidecars(db_path, existed)
        if found > migrations.LATEST:
            raise errors.StoreFromFuture(found, migrations.LATEST)
        shortfall = shortfalls[0] if shortfalls else None
        if shortfall is not None and shortfall.any:
            copy_name = damage.keep_copy(data_dir)
            if not accept_loss:
                raise errors.WritesMissing(shortfall.missing_commits + shortfall.missing_audit,
                                           shortfall.missing_audit,
                                           audit_rewritten=shortfall.audit_rewritten,
                                           mark_damaged=shortfall.mark_damaged,
                                           autosave_missing=shortfall.autosave_missing,
                                           copy_name=copy_name)
        conn = db.connect(db_path, data_key)
        del data_key
        try:
            migrations.migrate(conn)
        except db.driver.DatabaseError as exc:
            conn.close()
            raise errors.StoreDamaged(f"schema update failed: {type(exc).__name__}") from None
        except BaseException:
            conn.close()
            raise
        throttle.reset(attempts_path)
        keys.remove_stale_temp(key_path)
        keys.remove_stale_temp(attempts_path)
        paths.ensure_private_dir(data_dir)
        for p in (key_path, attempts_path, data_dir / MARK_NAME):
            if p.exists():  # (a missing mark is made, and reported, by _start_mark)
                paths.private_file(p)
        store = cls(data_dir, conn, kf, status, version)
        store._secrets = chosen
        store._start_mark(shortfall)
        store.audit("store.unlocked")
        log.info("store %s unlocked", kf.store_id)
        return store

    def _start_mark(self, accepted: mark.Shortfall | None, *, fresh: bool = False) -> None:
        """Open the high-water mark writer; (re)set the mark where there is none or after a loss."""
        conn = self._c()
        try:
            state, key = mark.database_state(conn)
        except mark.MarkUnreadable:  # the counter row itself was damaged: start it again
            with self._tx_unmarked() as c:
                c.execute("DELETE FROM hwm")
                c.execute("INSERT INTO hwm (id, commits, mark_key) "
                          "VALUES (1, 0, lower(hex(randomblob(32))))")
            state, key = mark.database_state(conn)
            accepted = accepted or mark.Shortfall(mark_damaged=True)
        mark_path = self.data_dir / MARK_NAME
        had_mark = mark_path.is_file()
        self._mark = mark.MarkWriter(mark_path, self.id, key)
        self._head = (state.audit_seq, state.audit_hash)
        self._commits = state.commits
        if accepted is not None and accepted.any:
            self._mark.reset(state)
            self.audit("store.loss_accepted", detail={
                "missing": accepted.missing_commits + accepted.missing_audit,
                "audit_missing": accepted.missing_audit,
                "audit_rewritten": accepted.audit_rewritten, "mark_damaged": accepted.mark_damaged,
                "autosave_missing": accepted.autosave_missing})
            log.warning("store %s opened with %d missing change(s) accepted by the user",
                        self.id, accepted.missing_commits + accepted.missing_audit)
        elif not had_mark:
            self._mark.reset(state)
            if state.commits and not fresh:  # a store that had a mark before: say so in the log
                self.audit("mark.recreated", detail={"commits": state.commits})
                log.warning("store %s had no high-water mark file; a new one was made", self.id)

    # ------------------------------------------------------------------ passphrase

    def _unwrap(self, kf: keys.KeyFile, passphrase: str) -> bytes:
        """The data key from ``kf`` with ``passphrase`` (WrongPassphrase is counted and throttled)."""
        attempts_path = _files(self.data_dir)[2]
        wait = throttle.wait(attempts_path)
        if wait > 0:
            raise errors.UnlockThrottled(wait)
        if kf.store_id != self._kf.store_id:
            raise errors.StoreDamaged("key file belongs to another store")
        try:
            payload = keys.unwrap_outer(kf, passphrase)
        except errors.WrongPassphrase:
            raise errors.WrongPassphrase(throttle.note_failure(attempts_path)) from None
        return protect.data_key(kf, payload, self._secrets)

    def change_passphrase(self, old: str, new: str, *, progress: rekey.Progress | None = None) -> None:
        """Re-key: a new random data key, the database copied into a new file under it, and the
        key file for ``new``; a crash leaves the old or the new passphrase working (R10).

        An old key file (from a backup, say) with the old passphrase opens nothing written after
        this. ``progress(done_rows, total_rows)`` is called while the database is copied (about
        0.2 s per 10,000 reports, plus the Argon2id cost). Raises WrongPassphrase (counted like a
        failed unlock), UnlockThrottled, PassphraseTooWeak/PassphraseNotVisible, StoreBusy,
        KeyringUnavailable.
        """
        conn = self._c()
        keys.check_passphrase(new)
        db_path, key_path, attempts_path = _files(self.data_dir)
        current = keys.KeyFile.parse(key_path.read_bytes())
        old_key = self._unwrap(current, old)
        new_key = keys.new_key()
        payload = new_key
        if current.device_secret_name:
            payload = keys.seal_inner(new_key, self._secrets.get(current.device_secret_name) or "")
        salt, wrapped = keys.wrap(payload, new, current.opslimit, current.memlimit)
        new_kf = keys.KeyFile(current.store_id, salt, current.opslimit, current.memlimit,
                              current.device_secret_name, wrapped, current.created_at,
                              current.keyring_backend)
        rekey.recover_undo(self.data_dir)
        rows = rekey.copy_into(conn, self.data_dir / rekey.NEW_DB, new_key, progress)
        if self._mark is not None:
            self._mark.sync()
        try:
            rekey.switch(self.data_dir, self._close_connection, new_kf)
        except errors.StoreBusy:
            self._conn = db.connect(db_path, old_key)
            raise
        del old_key
        self._conn = db.connect(db_path, new_key)
        del new_key
        self._kf = new_kf
        throttle.reset(attempts_path)
        self.audit("passphrase.changed", detail={"rekeyed": True, "rows": rows})
        log.info("passphrase changed and store %s re-keyed", self._kf.store_id)

    def copy_to(self, target: Path, key: bytes, progress: rekey.Progress | None = None) -> int:
        """Copy the whole store (one consistent snapshot) into a new SQLCipher file ``target``
        keyed with the 32-byte ``key``; checked before it returns the number of rows. For backups."""
        return rekey.copy_into(self._c(), Path(target), key, progress)

    def _close_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            conn.close()

    def adopt_keyring(self, passphrase: str, secrets: keys.SecretStore | None = None) -> KeyringStatus:
        """Add the device-secret layer now that an acceptable OS keyring is available.

        For a store made without one (``keyring_status.adoptable``); the UI asks the user first.
        A random device secret goes into the keyring under this store's name and the key file is
        rewritten (atomically) to need it as well as ``passphrase``. The data key is unchanged.
        Raises WrongPassphrase/UnlockThrottled, KeyringUnavailable (no acceptable keyring, or it
        refused the secret). Returns the new status; a store already using a keyring is left alone.
        """
        self._c()
        if self._status.in_use:
            return self._status
        chosen = self._secrets if secrets is None else secrets
        if not chosen.acceptable:
            raise errors.KeyringUnavailable(f"no acceptable keyring ({chosen.backend})")
        key_path = _files(self.data_dir)[1]
        current = keys.KeyFile.parse(key_path.read_bytes())
        if current.device_secret_name:  # changed on disk behind our back: leave it
            raise errors.StoreDamaged("key file already names a device secret")
        data_key = self._unwrap(current, passphrase)
        name = keys.device_secret_name(current.store_id)
        secret = keys.new_key().hex()
        try:
            chosen.set(name, secret)
            if chosen.get(name) != secret:
                raise RuntimeError("keyring did not keep the secret")
        except Exception as exc:
            with contextlib.suppress(Exception):
                chosen.delete(name)
            raise errors.KeyringUnavailable(f"keyring refused the secret: {type(exc).__name__}") from None
        salt, wrapped = keys.wrap(keys.seal_inner(data_key, secret), passphrase, current.opslimit,
                                  current.memlimit)
        del data_key
        new_kf = keys.KeyFile(current.store_id, salt, current.opslimit, current.memlimit, name, wrapped,
                              current.created_at, chosen.backend)
        keys.atomic_write(key_path, new_kf.to_bytes())  # the commit point: from now on both are needed
        self._kf = new_kf
        self._secrets = chosen
        self._status = KeyringStatus(chosen.backend, True, True)
        throttle.reset(_files(self.data_dir)[2])
        self.audit("keyring.adopted", detail={"backend": chosen.backend[:100]})
        log.info("store %s now also uses the keyring %s", self.id, chosen.backend)
        return self._status

_GUARDED = frozenset({
    "change_passphrase", "adopt_keyring", "copy_to", "overview", "create_draft", "update_draft",
    "delete_draft", "finalise", "attach_envelope",
    "outbox_sealed_before", "reseal", "hold_back",
    "records_awaiting_seal", "get", "list_records", "outbox_count", "outbox_batch",
    "outbox_note_failure", "mark_sent", "mark_conflict", "purge_sent", "get_setting", "set_setting",
    "audit", "audit_entries", "verify_audit", "checkpoint",
})


def _damage_guard(method: Any) -> Any:
    """Report SQLITE_CORRUPT/NOTADB met during an operation as StoreDamaged, never as a bug."""

    @functools.wraps(method)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except db.driver.DatabaseError as exc:
            if type(exc) is db.driver.DatabaseError:  # not Integrity/Operational/Programming
                log.error("store damaged during %s", method.__name__)
                raise errors.StoreDamaged(f"during {method.__name__}") from None
            raise

    return guarded


for _name in _GUARDED:
    setattr(Store, _name, _damage_guard(getattr(Store, _name)))


def _remove_new_sidecars(db_path: Path, existed: dict[str, bool]) -> None:
    """After a failed open, remove -wal/-shm that this attempt created (empty WAL only)."""
    for suffix, was_there in existed.items():
        p = Path(f"{db_path}{suffix}")
        if was_there or not p.exists():
            continue
        if suffix == "-wal" and p.stat().st_size != 0:
            continue
        with contextlib.suppress(OSError):
            p.unlink()

