"""The encrypted local store: named operations over a SQLCipher database. No SQL outside here.

One thread owns a :class:`Store` (the connection keeps sqlite3's ``check_same_thread``).
Files in the data folder: ``store.db`` (+ ``-wal``/``-shm``), ``store.key`` (wrapped data key) and
``store.attempts`` (wrong-passphrase counter), all 0600 in a 0700 folder.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import re
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.core import paths
from forms.minimise import RULE as MINIMISATION_RULE

from . import db, errors, keys, migrations, throttle
from .models import (
    STATES,
    AuditCheck,
    AuditEntry,
    KeyringStatus,
    OutboxItem,
    Page,
    Record,
    RecordSummary,
)

log = logging.getLogger("signaal.store")

DB_NAME = "store.db"
KEY_NAME = "store.key"
ATTEMPTS_NAME = "store.attempts"
GENESIS_HASH = "0" * 64
_EVENT_RE = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
_MAX_DETAIL = 2000
_MAX_ERROR = 500


def _now() -> datetime:
    return datetime.now(UTC)


def _ts(value: datetime) -> str:
    """Fixed-width UTC text that sorts like time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _dt(text: str | None) -> datetime | None:
    if text is None:
        return None
    return datetime.fromisoformat(text)  # "…Z" is UTC (Python ≥ 3.11)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _files(data_dir: Path) -> tuple[Path, Path, Path]:
    d = Path(data_dir)
    return d / DB_NAME, d / KEY_NAME, d / ATTEMPTS_NAME


def _resolve_secrets(secrets: keys.SecretStore | None) -> keys.SecretStore:
    return keys.choose_secret_store() if secrets is None else secrets


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_RECORD_COLS = ("id, form_id, form_version, state, created_at, updated_at, finalised_at, sent_at, "
                "purged_at, answers, summary, envelope, receipt, conflict")
_SUMMARY_COLS = ("id, form_id, form_version, state, created_at, updated_at, finalised_at, sent_at, "
                 "summary, envelope IS NOT NULL, receipt IS NOT NULL, conflict")


def _record(row: Sequence[Any]) -> Record:
    return Record(
        id=row[0], form_id=row[1], form_version=int(row[2]), state=row[3],
        created_at=_dt(row[4]), updated_at=_dt(row[5]),  # type: ignore[arg-type]
        finalised_at=_dt(row[6]), sent_at=_dt(row[7]), purged_at=_dt(row[8]),
        answers=_loads(row[9]), summary=row[10] or "", envelope=_loads(row[11]),
        receipt=_loads(row[12]), conflict=row[13],
    )


def _summary(row: Sequence[Any]) -> RecordSummary:
    return RecordSummary(
        id=row[0], form_id=row[1], form_version=int(row[2]), state=row[3],
        created_at=_dt(row[4]), updated_at=_dt(row[5]),  # type: ignore[arg-type]
        finalised_at=_dt(row[6]), sent_at=_dt(row[7]), summary=row[8] or "",
        sealed=bool(row[9]), has_receipt=bool(row[10]), conflict=row[11],
    )


def audit_hash(prev_hash: str, seq: int, at: str, event: str, record_id: str | None,
               detail: str | None) -> str:
    """SHA-256 over the previous entry's hash and this entry's fields (canonical JSON)."""
    body = _dumps([prev_hash, seq, at, event, record_id, detail])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class Store:
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
        for p in (key_path, db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm"), attempts_path):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
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
        version = db.cipher_version()  # CodecMissing before anything touches the disk
        data_dir = Path(data_dir)
        if cls.exists(data_dir):
            raise errors.StoreExists()
        keys.check_passphrase(passphrase)
        if kdf not in keys.KDF_PROFILES:
            raise ValueError(f"unknown kdf profile {kdf!r}")
        opslimit, memlimit = keys.KDF_PROFILES[kdf]
        paths.ensure_private_dir(data_dir)
        db_path, key_path, attempts_path = _files(data_dir)

        store_id = uuid.uuid4().hex
        data_key = keys.new_key()
        chosen = _resolve_secrets(secrets)
        secret_name: str | None = None
        payload = data_key
        if chosen.acceptable:
            secret_name = keys.device_secret_name(store_id)
            device_secret = keys.new_key().hex()
            try:
                chosen.set(secret_name, device_secret)
                if chosen.get(secret_name) != device_secret:
                    raise RuntimeError("keyring did not keep the secret")
                payload = keys.seal_inner(data_key, device_secret)
            except Exception as exc:
                log.warning("keyring %s refused the device secret (%s): passphrase alone",
                            chosen.backend, type(exc).__name__)
                with contextlib.suppress(Exception):
                    chosen.delete(secret_name)
                secret_name = None
                payload = data_key
        status = KeyringStatus(chosen.backend, chosen.acceptable, secret_name is not None)
        salt, wrapped = keys.wrap(payload, passphrase, opslimit, memlimit)
        kf = keys.KeyFile(store_id, salt, opslimit, memlimit, secret_name, wrapped, _ts(_now()),
                          chosen.backend if secret_name else None)
        conn = None
        created_db = committed = False
        try:
            try:
                conn = db.connect(db_path, data_key, create=True)
            except FileExistsError:
                raise errors.StoreExists("created concurrently") from None
            created_db = True
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
            if secret_name:
                with contextlib.suppress(Exception):
                    chosen.delete(secret_name)
            raise
        del data_key
        store = cls(data_dir, conn, kf, status, version)
        store.audit("store.created", detail={"keyring": status.in_use, "schema": migrations.LATEST})
        log.info("store %s created (keyring in use: %s)", store_id, status.in_use)
        return store

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str], passphrase: str, *,
             secrets: keys.SecretStore | None = None) -> Store:
        """Unlock the store in ``data_dir``. A failed unlock changes no store file.

        Raises WrongPassphrase, UnlockThrottled, DeviceSecretMissing, StoreDamaged,
        StoreFromFuture, NoStore or CodecMissing (see :mod:`desktop.core.store.errors`).
        """
        version = db.cipher_version()
        data_dir = Path(data_dir)
        db_path, key_path, attempts_path = _files(data_dir)
        if not db_path.exists() and not key_path.exists():
            raise errors.NoStore()
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
        if kf.device_secret_name:
            chosen = _resolve_secrets(secrets)
            if not chosen.acceptable:
                raise errors.KeyringUnavailable(f"no acceptable keyring ({chosen.backend})")
            try:
                secret = chosen.get(kf.device_secret_name)
            except Exception as exc:
                raise errors.KeyringUnavailable(f"keyring error: {type(exc).__name__}") from None
            if secret is None:
                raise errors.DeviceSecretMissing("no entry for this store in the keyring")
            data_key = keys.open_inner(payload, secret)
            status = KeyringStatus(chosen.backend, True, True)
        else:
            data_key = payload
            probe = keys.choose_secret_store() if secrets is None else secrets
            status = KeyringStatus(probe.backend, probe.acceptable, False)
        if len(data_key) != 32:
            raise errors.StoreDamaged("unwrapped key has the wrong size")
        existed = {s: Path(f"{db_path}{s}").exists() for s in ("-wal", "-shm")}
        try:
            found = db.verify(db_path, data_key)  # read-only: a failure here writes nothing
        finally:
            _remove_new_sidecars(db_path, existed)
        if found > migrations.LATEST:
            raise errors.StoreFromFuture(found, migrations.LATEST)
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
        for p in (key_path, attempts_path):
            paths.private_file(p)
        store = cls(data_dir, conn, kf, status, version)
        store.audit("store.unlocked")
        log.info("store %s unlocked", kf.store_id)
        return store

    def __init__(self, data_dir: Path, conn: Any, key_file: keys.KeyFile, status: KeyringStatus,
                 cipher_version: str) -> None:
        """Use :meth:`create` or :meth:`open`."""
        self.data_dir = data_dir
        self._conn = conn
        self._kf = key_file
        self._status = status
        self._cipher_version = cipher_version
        self._head: tuple[int, str] | None = None

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

    def __enter__(self) -> Store:
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
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            self._head = None
            with contextlib.suppress(Exception):
                conn.execute("ROLLBACK")
            raise

    def _append_audit(self, conn: Any, event: str, record_id: str | None,
                      detail: dict[str, Any] | None, at: str | None = None) -> None:
        if self._head is None:
            row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            self._head = (int(row[0]), row[1]) if row else (0, GENESIS_HASH)
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
        return row[0]

    def _get(self, conn: Any, record_id: str) -> Record:
        sql = f"SELECT {_RECORD_COLS} FROM records WHERE id = ?"  # noqa: S608 - constant columns
        row = conn.execute(sql, (record_id,)).fetchone()
        if row is None:
            raise errors.RecordNotFound(record_id)
        return _record(row)

    def checkpoint(self) -> None:
        """Write the WAL into the database and truncate it (after deletes and purges)."""
        self._c().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()

    # ------------------------------------------------------------------ passphrase

    def change_passphrase(self, old: str, new: str) -> None:
        """Re-wrap the data key under ``new``; atomic: a crash leaves old or new working.

        Raises WrongPassphrase (counted like a failed unlock), UnlockThrottled, PassphraseTooWeak.
        The database is not re-encrypted.
        """
        self._c()
        keys.check_passphrase(new)
        _, key_path, attempts_path = _files(self.data_dir)
        wait = throttle.wait(attempts_path)
        if wait > 0:
            raise errors.UnlockThrottled(wait)
        current = keys.KeyFile.parse(key_path.read_bytes())
        if current.store_id != self._kf.store_id:
            raise errors.StoreDamaged("key file belongs to another store")
        try:
            payload = keys.unwrap_outer(current, old)
        except errors.WrongPassphrase:
            raise errors.WrongPassphrase(throttle.note_failure(attempts_path)) from None
        salt, wrapped = keys.wrap(payload, new, current.opslimit, current.memlimit)
        new_kf = keys.KeyFile(current.store_id, salt, current.opslimit, current.memlimit,
                              current.device_secret_name, wrapped, current.created_at,
                              current.keyring_backend)
        keys.atomic_write(key_path, new_kf.to_bytes())
        self._kf = new_kf
        throttle.reset(attempts_path)
        with self._tx() as conn:
            self._append_audit(conn, "passphrase.changed", None, None)
        log.info("passphrase changed for store %s", self._kf.store_id)

    # ------------------------------------------------------------------ records

    def create_draft(self, form_id: str, form_version: int, answers: dict[str, Any],
                     summary: str = "", *, record_id: str | None = None) -> Record:
        """A new draft. ``record_id``: the id the form chose when it opened (a new UUID if None)."""
        if not isinstance(answers, dict):
            raise TypeError("answers must be a dict")
        record_id = str(uuid.UUID(record_id)) if record_id is not None else str(uuid.uuid4())
        now_dt = _now()
        now = _ts(now_dt)
        answers_text = _dumps(answers)
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO records (id, form_id, form_version, state, created_at, updated_at, answers, "
                "summary) VALUES (?, ?, ?, 'draft', ?, ?, ?, ?)",
                (record_id, form_id, int(form_version), now, now, answers_text, summary or ""))
            self._append_audit(conn, "draft.created", record_id,
                               {"form": form_id, "version": int(form_version)}, now)
        return Record(record_id, form_id, int(form_version), "draft", now_dt, now_dt,
                      None, None, None, json.loads(answers_text), summary or "")

    def update_draft(self, record_id: str, answers: dict[str, Any], summary: str = "") -> None:
        """Autosave: one small UPDATE. NotEditable unless the record is a draft."""
        if not isinstance(answers, dict):
            raise TypeError("answers must be a dict")
        conn = self._c()
        cur = conn.execute(
            "UPDATE records SET answers = ?, summary = ?, updated_at = ? WHERE id = ? AND state = 'draft'",
            (_dumps(answers), summary or "", _ts(_now()), record_id))
        if cur.rowcount != 1:
            raise errors.NotEditable(record_id, self._state(conn, record_id))

    def delete_draft(self, record_id: str) -> None:
        """Delete a draft (audited); its content is overwritten (secure_delete) and the WAL truncated."""
        with self._tx() as conn:
            state = self._state(conn, record_id)
            if state != "draft":
                raise errors.NotEditable(record_id, state)
            conn.execute("DELETE FROM records WHERE id = ?", (record_id,))
            self._append_audit(conn, "draft.deleted", record_id, None)
        self.checkpoint()

    def finalise(self, record_id: str, answers: dict[str, Any], summary: str,
                 envelope: dict[str, Any] | None, *, sealed_rule: int | None = None) -> Record:
        """One transaction: answers, state 'final', and with an envelope also the outbox row.

        ``sealed_rule`` is the minimisation rule (``forms.MINIMISATION_RULE``) the envelope was
        sealed under (required with an envelope); the outbox hands out only envelopes sealed under
        the current rule.
        """
        if not isinstance(answers, dict):
            raise TypeError("answers must be a dict")
        if envelope is not None and sealed_rule is None:
            raise ValueError("an envelope needs the minimisation rule it was sealed under")
        now = _ts(_now())
        with self._tx() as conn:
            state = self._state(conn, record_id)
            if state != "draft":
                raise errors.NotEditable(record_id, state)
            env_text = None if envelope is None else _dumps(envelope)
            conn.execute(
                "UPDATE records SET answers = ?, summary = ?, state = 'final', finalised_at = ?, "
                "updated_at = ?, envelope = ?, sealed_rule = ? WHERE id = ?",
                (_dumps(answers), summary or "", now, now, env_text, int(sealed_rule or 0), record_id))
            if env_text is not None:
                conn.execute("INSERT INTO outbox (record_id, envelope, queued_at) VALUES (?, ?, ?)",
                             (record_id, env_text, now))
            self._append_audit(conn, "record.finalised", record_id, {"sealed": env_text is not None}, now)
            return self._get(conn, record_id)

    def attach_envelope(self, record_id: str, envelope: dict[str, Any], *, sealed_rule: int) -> None:
        """Seal later: store the envelope of a final record and queue it (see :meth:`finalise`)."""
        now = _ts(_now())
        with self._tx() as conn:
            rec = self._get(conn, record_id)
            if rec.state != "final" or rec.envelope is not None:
                raise errors.NotEditable(record_id, rec.state, "only a final record without envelope")
            env_text = _dumps(envelope)
            conn.execute("UPDATE records SET envelope = ?, sealed_rule = ?, updated_at = ? WHERE id = ?",
                         (env_text, int(sealed_rule), now, record_id))
            conn.execute("INSERT INTO outbox (record_id, envelope, queued_at) VALUES (?, ?, ?)",
                         (record_id, env_text, now))
            self._append_audit(conn, "record.sealed", record_id, None, now)

    def outbox_sealed_before(self, rule: int) -> list[Record]:
        """Queued final records whose envelope was sealed under a minimisation rule older than ``rule``."""
        rows = self._c().execute(
            f"SELECT {', '.join('r.' + c.strip() for c in _RECORD_COLS.split(','))} "  # noqa: S608
            "FROM records r JOIN outbox o ON o.record_id = r.id "
            "WHERE r.state = 'final' AND r.sealed_rule < ? ORDER BY o.queued_at, r.id",
            (int(rule),)).fetchall()
        return [_record(r) for r in rows]

    def reseal(self, record_id: str, envelope: dict[str, Any], *, sealed_rule: int) -> None:
        """Replace the queued envelope of a final record (same envelope id, sealed again)."""
        now = _ts(_now())
        with self._tx() as conn:
            state = self._state(conn, record_id)
            if state != "final":
                raise errors.NotEditable(record_id, state, "only a queued final record is sealed again")
            env_text = _dumps(envelope)
            changed = conn.execute("UPDATE outbox SET envelope = ? WHERE record_id = ?",
                                   (env_text, record_id)).rowcount
            if not changed:
                raise errors.NotEditable(record_id, state, "only a queued final record is sealed again")
            conn.execute("UPDATE records SET envelope = ?, sealed_rule = ?, updated_at = ? WHERE id = ?",
                         (env_text, int(sealed_rule), now, record_id))
            self._append_audit(conn, "record.resealed", record_id, None, now)

    def hold_back(self, record_id: str) -> None:
        """Take a final record's envelope out of the outbox; it waits to be sealed again."""
        now = _ts(_now())
        with self._tx() as conn:
            state = self._state(conn, record_id)
            if state != "final":
                raise errors.NotEditable(record_id, state, "only a final record is held back")
            conn.execute("DELETE FROM outbox WHERE record_id = ?", (record_id,))
            conn.execute("UPDATE records SET envelope = NULL, sealed_rule = 0, updated_at = ? WHERE id = ?",
                         (now, record_id))
            self._append_audit(conn, "record.held_back", record_id, None, now)

    def records_awaiting_seal(self) -> list[Record]:
        rows = self._c().execute(
            f"SELECT {_RECORD_COLS} FROM records WHERE state = 'final' AND envelope IS NULL "  # noqa: S608
            "AND conflict IS NULL ORDER BY finalised_at, id").fetchall()
        return [_record(r) for r in rows]

    def get(self, record_id: str) -> Record:
        """The record; :class:`errors.RecordNotFound` (a KeyError) if there is none."""
        return self._get(self._c(), record_id)

    def list_records(self, state: str | Sequence[str] | None = None, search: str | None = None,
                     offset: int = 0, limit: int = 100) -> Page:
        """A page of summaries, newest change first, with the total number of matches.

        ``state``: one state or several; ``search``: text found in the summary or form id, or the
        start of a record id (case-insensitive for ASCII).
        """
        where: list[str] = []
        params: list[Any] = []
        if state is not None:
            states = [state] if isinstance(state, str) else list(state)
            for s in states:
                if s not in STATES:
                    raise ValueError(f"unknown state {s!r}")
            where.append(f"state IN ({', '.join('?' * len(states))})")
            params.extend(states)
        if search:
            needle = _escape_like(search.strip())
            where.append("(summary LIKE ? ESCAPE '\\' OR form_id LIKE ? ESCAPE '\\' "
                         "OR id LIKE ? ESCAPE '\\')")
            params.extend([f"%{needle}%", f"%{needle}%", f"{needle.lower()}%"])
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        offset = max(0, int(offset))
        limit = max(0, min(int(limit), 1000))
        conn = self._c()
        # The clause is built from fixed fragments above; every value is a bound parameter.
        count_sql = f"SELECT count(*) FROM records{clause}"  # noqa: S608
        page_sql = (f"SELECT {_SUMMARY_COLS} FROM records{clause} "  # noqa: S608
                    "ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?")
        total = int(conn.execute(count_sql, params).fetchone()[0])
        rows = conn.execute(page_sql, [*params, limit, offset]).fetchall()
        return Page([_summary(r) for r in rows], total, offset, limit)

    # ------------------------------------------------------------------ outbox

    def outbox_count(self) -> int:
        """How many envelopes may be sent (sealed under the current minimisation rule)."""
        return int(self._c().execute(
            "SELECT count(*) FROM outbox o JOIN records r ON r.id = o.record_id WHERE r.sealed_rule >= ?",
            (MINIMISATION_RULE,)).fetchone()[0])

    def outbox_batch(self, limit: int) -> list[OutboxItem]:
        """The next envelopes to send. Never one sealed under an older minimisation rule: those
        are sealed again (``desktop.core.delivery.reseal_outdated``) before they may leave."""
        rows = self._c().execute(
            "SELECT o.record_id, o.envelope, o.attempts, o.last_error, o.queued_at FROM outbox o "
            "JOIN records r ON r.id = o.record_id WHERE r.sealed_rule >= ? "
            "ORDER BY o.queued_at, o.record_id LIMIT ?", (MINIMISATION_RULE, max(0, int(limit)))).fetchall()
        return [OutboxItem(r[0], json.loads(r[1]), int(r[2]), r[3], _dt(r[4])) for r in rows]

    def outbox_note_failure(self, record_id: str, message: str) -> None:
        self._c().execute(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, last_attempt_at = ? "
            "WHERE record_id = ?",
            (str(message)[:_MAX_ERROR], _ts(_now()), record_id))

    def mark_sent(self, record_id: str, receipt: dict[str, Any]) -> None:
        """One transaction: receipt stored, state 'sent', outbox row gone. Idempotent once sent."""
        now = _ts(_now())
        with self._tx() as conn:
            state = self._state(conn, record_id)
            if state in ("sent", "purged"):
                conn.execute("DELETE FROM outbox WHERE record_id = ?", (record_id,))
                return
            if state != "final":
                raise errors.NotEditable(record_id, state, "only a final record can be sent")
            conn.execute("UPDATE records SET receipt = ?, state = 'sent', sent_at = ?, updated_at = ?, "
                         "conflict = NULL WHERE id = ?", (_dumps(receipt), now, now, record_id))
            conn.execute("DELETE FROM outbox WHERE record_id = ?", (record_id,))
            self._append_audit(conn, "record.sent", record_id, None, now)

    def mark_conflict(self, record_id: str, reason: str) -> None:
        """Flag a final record (server conflict); it leaves the outbox and waits for the user."""
        now = _ts(_now())
        with self._tx() as conn:
            state = self._state(conn, record_id)
            if state != "final":
                raise errors.NotEditable(record_id, state, "only a final record can be in conflict")
            conn.execute("UPDATE records SET conflict = ?, updated_at = ? WHERE id = ?",
                         (str(reason)[:_MAX_ERROR] or "conflict", now, record_id))
            conn.execute("DELETE FROM outbox WHERE record_id = ?", (record_id,))
            self._append_audit(conn, "record.conflict", record_id, None, now)

    def purge_sent(self, retention_days: float, now: datetime | None = None) -> int:
        """Wipe answers, summary and envelope of records sent at least ``retention_days`` ago.

        Keeps id, form, dates and receipt; state becomes 'purged'. Returns how many were purged.
        """
        now_dt = now or _now()
        cutoff = _ts(now_dt - timedelta(days=float(retention_days)))
        stamp = _ts(now_dt)
        with self._tx() as conn:
            ids = [r[0] for r in conn.execute(
                "SELECT id FROM records WHERE state = 'sent' AND sent_at <= ? ORDER BY sent_at",
                (cutoff,)).fetchall()]
            for record_id in ids:
                conn.execute("UPDATE records SET answers = NULL, summary = '', envelope = NULL, "
                             "state = 'purged', purged_at = ?, updated_at = ? WHERE id = ?",
                             (stamp, stamp, record_id))
                self._append_audit(conn, "record.purged", record_id, None, stamp)
        if ids:
            self.checkpoint()
        return len(ids)

    # ------------------------------------------------------------------ settings

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self._c().execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        self._c().execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, _dumps(value)))

    # ------------------------------------------------------------------ audit

    def audit(self, event: str, record_id: str | None = None, detail: dict[str, Any] | None = None) -> None:
        """Append an entry: what happened (``event``, e.g. "sync.started"), to which record.

        ``detail`` is a small JSON object of facts (counts, flags, codes) — never answers or names.
        """
        if not isinstance(event, str) or not _EVENT_RE.match(event):
            raise ValueError("event must be a short lowercase name like 'sync.started'")
        if detail is not None:
            if not isinstance(detail, dict):
                raise TypeError("detail must be a dict")
            if len(_dumps(detail)) > _MAX_DETAIL:
                raise ValueError("audit detail too long")
        with self._tx() as conn:
            self._append_audit(conn, event, record_id, detail)

    def audit_entries(self, offset: int = 0, limit: int = 200) -> list[AuditEntry]:
        """Audit entries, newest first."""
        rows = self._c().execute(
            "SELECT seq, at, event, record_id, detail, prev_hash, hash FROM audit ORDER BY seq DESC "
            "LIMIT ? OFFSET ?", (max(0, int(limit)), max(0, int(offset)))).fetchall()
        return [AuditEntry(int(r[0]), _dt(r[1]), r[2], r[3], _loads(r[4]), r[5], r[6])  # type: ignore[arg-type]
                for r in rows]

    def verify_audit(self) -> AuditCheck:
        """Walk the chain; report the seq of the first entry whose link or hash is wrong."""
        prev = GENESIS_HASH
        expected_seq = 1
        count = 0
        for seq, at, event, record_id, detail, prev_hash, digest in self._c().execute(
                "SELECT seq, at, event, record_id, detail, prev_hash, hash FROM audit ORDER BY seq"):
            count += 1
            if (seq != expected_seq or prev_hash != prev
                    or audit_hash(prev_hash, seq, at, event, record_id, detail) != digest):
                return AuditCheck(False, count, int(seq))
            prev = digest
            expected_seq += 1
        return AuditCheck(True, count, None)

    # ------------------------------------------------------------------ checks

    def integrity_check(self) -> list[str]:
        """Problems found by ``cipher_integrity_check`` and ``integrity_check`` (empty = clean)."""
        conn = self._c()
        problems = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        problems += [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
        return problems


_GUARDED = frozenset({
    "change_passphrase", "create_draft", "update_draft", "delete_draft", "finalise", "attach_envelope",
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
