"""Encrypted backup of the whole store to one file (a USB disk), and restoring it (R22).

A backup is protected by its own *backup passphrase* (Argon2id) and by nothing else: it does not
need the OS keyring's device secret, so it can be restored on another laptop and another account.

File layout (all integers big-endian)::

    b"SIGNAAL-BACKUP\\n"                      magic, 15 bytes
    u32  header length (at most 64 KiB)
    header: JSON (ASCII) {"format": "signaal-backup", "version": 1,
            "kdf": {"alg": "argon2id13", "opslimit", "memlimit", "salt"},
            "wrapped_key": base64(SecretBox(argon2id(passphrase)).encrypt(backup key)),
            "summary": base64(SecretBox(backup key).encrypt(summary JSON))}
    body: a SQLCipher 4 database keyed with the random 32-byte backup key (raw key), holding a
          consistent copy of every table of the store (records, outbox, settings, audit log, the
          high-water mark counter)

The summary (:class:`BackupSummary`) says what the backup holds without any content: counts by
state, date range, number of audit entries; it also holds the SHA-256 and size of the body, so a
changed or cut body is refused before it is used. The KDF cost in the header is bounded as in the
key file. Nothing is written in plain text: the body is built in the data folder, encrypted, and
streamed into the target file next to its final name, flushed, then renamed.

Restoring (:func:`restore_backup`) makes a new store from the backup with a *new* data key, under
the store passphrase the user chooses and the keyring of the account it is restored on. It never
replaces an existing store unless the caller passes ``replace=True`` after asking the user: until
then it raises :class:`RestoreWouldReplace`, which says whether the store that is there is newer.
A replaced store is not deleted but moved aside into ``replaced-<time>/`` in the data folder.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import os
import secrets as _secrets
import struct
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

import nacl.exceptions
import nacl.pwhash.argon2id as argon2id
import nacl.secret
import nacl.utils

from desktop.core import paths
from desktop.core.store import STATES, Overview, Store, db, keys, migrations, rekey
from desktop.core.store.common import ATTEMPTS_NAME, DB_NAME, KEY_NAME, MARK_NAME
from desktop.core.store.errors import (
    BackupDamaged,
    BackupWrongPassphrase,
    RestoreWouldReplace,
    StoreDamaged,
    StoreFromFuture,
)

__all__ = [
    "BackupDamaged", "BackupSummary", "BackupWrongPassphrase", "RestoreResult", "RestoreWouldReplace",
    "read_backup", "restore_backup", "write_backup",
]

log = logging.getLogger("signaal.backup")

MAGIC = b"SIGNAAL-BACKUP\n"
FORMAT = "signaal-backup"
VERSION = 1
MAX_HEADER = 64 * 1024
SUMMARY_VERSION = 1
_LEN = struct.Struct(">I")
_CHUNK = 1 << 20
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds, without content. Shown before restoring (``text``)."""

    store_id: str
    made_at: datetime
    schema: int
    overview: Overview
    body_sha256: str
    body_size: int

    def text(self, lang: str = "nl") -> str:
        o = self.overview
        when = self.made_at.astimezone().strftime("%d-%m-%Y %H:%M")

        def day(value: datetime | None) -> str:
            return value.astimezone().strftime("%d-%m-%Y") if value else "-"

        c = o.counts
        if lang == "en":
            text = (f"Backup of {when}: {o.total} report(s) — {c['draft']} draft(s), {c['final']} "
                    f"finalised and not yet sent, {c['sent']} sent, {c['purged']} sent and cleared.")
            if o.total:
                text += f" Made between {day(o.first_created)} and {day(o.last_created)}."
            return text + f" Audit log: {o.audit_entries} entries."
        text = (f"Back-up van {when}: {o.total} melding(en) — {c['draft']} concept(en), {c['final']} "
                f"afgerond en nog niet verzonden, {c['sent']} verzonden, {c['purged']} verzonden en "
                "opgeschoond.")
        if o.total:
            text += f" Gemaakt tussen {day(o.first_created)} en {day(o.last_created)}."
        return text + f" Logboek: {o.audit_entries} regels."


@dataclass
class RestoreResult:
    """``store``: the restored store, open; ``replaced``: the folder name the old store was moved
    to (inside the data folder), or None."""

    store: Store
    summary: BackupSummary
    replaced: str | None


# ------------------------------------------------------------------------------------ helpers


def _ts(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _dt(value: object) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError("bad time")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("time without zone")
    return parsed


def _summary_doc(summary: BackupSummary) -> dict[str, Any]:
    o = summary.overview
    return {"v": SUMMARY_VERSION, "store_id": summary.store_id, "made_at": _ts(summary.made_at),
            "schema": summary.schema, "counts": o.counts, "first_created": _ts(o.first_created),
            "last_created": _ts(o.last_created), "last_change": _ts(o.last_change),
            "last_event": _ts(o.last_event), "audit_entries": o.audit_entries,
            "body_sha256": summary.body_sha256, "body_size": summary.body_size}


def _parse_summary(doc: object) -> BackupSummary:
    if not isinstance(doc, dict) or doc.get("v") != SUMMARY_VERSION:
        raise ValueError("unknown summary")
    counts = doc["counts"]
    if not (isinstance(counts, dict) and set(counts) == set(STATES)
            and all(isinstance(n, int) and n >= 0 for n in counts.values())):
        raise ValueError("bad counts")
    sid, digest, size, schema, entries = (doc["store_id"], doc["body_sha256"], doc["body_size"],
                                          doc["schema"], doc["audit_entries"])
    if not (isinstance(sid, str) and len(sid) == 32 and all(c in "0123456789abcdef" for c in sid)):
        raise ValueError("bad store id")
    if not (isinstance(digest, str) and len(digest) == 64 and keys.is_raw_key_hex(digest)):
        raise ValueError("bad body hash")
    if not all(isinstance(n, int) and n >= 0 for n in (size, schema, entries)):
        raise ValueError("bad numbers")
    made = _dt(doc["made_at"])
    if made is None:
        raise ValueError("no time")
    overview = Overview({k: int(v) for k, v in counts.items()}, _dt(doc["first_created"]),
                        _dt(doc["last_created"]), _dt(doc["last_change"]), int(entries),
                        _dt(doc.get("last_event")))
    return BackupSummary(sid, made, int(schema), overview, digest, int(size))


def _kdf_profile(kdf: str) -> tuple[int, int]:
    if kdf not in keys.KDF_PROFILES:
        raise ValueError(f"unknown kdf profile {kdf!r}")
    return keys.KDF_PROFILES[kdf]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: object, limit: int) -> bytes:
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError("bad base64")
    return base64.b64decode(value.encode("ascii"), validate=True)


def _remove_stale_builds(data_dir: Path) -> None:
    """Encrypted build files an interrupted backup or restore left behind (their key is gone)."""
    for pattern in (".backup-*.db*", ".restore-*.db*"):
        for stale in data_dir.glob(pattern):
            with contextlib.suppress(OSError):
                stale.unlink()


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # some USB file systems cannot sync a folder
        keys.fsync_dir(path)


# ------------------------------------------------------------------------------------ writing


def write_backup(store: Store, target: str | os.PathLike[str], backup_passphrase: str, *,
                 progress: Progress | None = None, kdf: str = "moderate") -> BackupSummary:
    """Write an encrypted backup of the open ``store`` to the file ``target``.

    ``backup_passphrase`` follows the same rules as a store passphrase (PassphraseTooWeak /
    PassphraseNotVisible). ``target`` is replaced atomically if it exists (the UI asks first).
    ``progress(done_rows, total_rows)`` while the store is copied. Returns what the backup holds.
    Raises OSError when the target cannot be written (a full or removed USB disk): nothing is left
    behind then except, at worst, a temporary file next to the target that holds only ciphertext.
    """
    keys.check_passphrase(backup_passphrase)
    opslimit, memlimit = _kdf_profile(kdf)
    target = Path(target)
    _remove_stale_builds(store.data_dir)
    backup_key = keys.new_key()
    build = store.data_dir / f".backup-{_secrets.token_hex(6)}.db"
    try:
        store.copy_to(build, backup_key, progress)
        overview = store.overview()
        h = hashlib.sha256()
        size = 0
        with open(build, "rb") as fh:
            for block in iter(lambda: fh.read(_CHUNK), b""):
                h.update(block)
                size += len(block)
        summary = BackupSummary(store.id, datetime.now(UTC), migrations.LATEST, overview,
                                h.hexdigest(), size)
        salt = nacl.utils.random(argon2id.SALTBYTES)
        wrap_key = argon2id.kdf(32, keys.normalise_passphrase(backup_passphrase), salt,
                                opslimit=opslimit, memlimit=memlimit)
        header = {
            "format": FORMAT, "version": VERSION,
            "kdf": {"alg": "argon2id13", "opslimit": opslimit, "memlimit": memlimit, "salt": _b64(salt)},
            "wrapped_key": _b64(bytes(nacl.secret.SecretBox(wrap_key).encrypt(backup_key))),
            "summary": _b64(bytes(nacl.secret.SecretBox(backup_key).encrypt(
                json.dumps(_summary_doc(summary), sort_keys=True).encode("utf-8")))),
        }
        header_bytes = json.dumps(header, sort_keys=True).encode("ascii")
        tmp = target.with_name(f".{target.name}.tmp-{_secrets.token_hex(4)}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out, open(build, "rb") as body:
                out.write(MAGIC + _LEN.pack(len(header_bytes)) + header_bytes)
                for block in iter(lambda: body.read(_CHUNK), b""):
                    out.write(block)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        _fsync_dir(target.parent)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{build}{suffix}").unlink()
    store.audit("backup.written", detail={"records": overview.total, "bytes": size})
    log.info("backup written: %d record(s), %d bytes", overview.total, size)
    return summary


# ------------------------------------------------------------------------------------ reading


def _read_header(fh: BinaryIO) -> dict[str, Any]:
    if fh.read(len(MAGIC)) != MAGIC:
        raise BackupDamaged("not a Signaal backup")
    raw_len = fh.read(_LEN.size)
    if len(raw_len) != _LEN.size:
        raise BackupDamaged("cut off")
    (length,) = _LEN.unpack(raw_len)
    if length > MAX_HEADER:
        raise BackupDamaged("header too large")
    raw = fh.read(length)
    if len(raw) != length:
        raise BackupDamaged("cut off")
    try:
        header = json.loads(raw.decode("ascii"))
    except (ValueError, RecursionError):
        raise BackupDamaged("header unreadable") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupDamaged("not a Signaal backup")
    if header.get("version") != VERSION:
        raise BackupDamaged(f"backup format version {header.get('version')!r} is not supported")
    return header


def _open_key(header: dict[str, Any], backup_passphrase: str) -> tuple[bytes, BackupSummary]:
    try:
        kdf = header["kdf"]
        ops, mem = kdf["opslimit"], kdf["memlimit"]
        if not (kdf.get("alg") == "argon2id13" and isinstance(ops, int) and isinstance(mem, int)
                and argon2id.OPSLIMIT_MIN <= ops <= keys.MAX_OPSLIMIT
                and argon2id.MEMLIMIT_MIN <= mem <= argon2id.MEMLIMIT_SENSITIVE):
            raise ValueError("kdf cost out of range")
        salt = _unb64(kdf["salt"], 64)
        wrapped = _unb64(header["wrapped_key"], 200)
        sealed_summary = _unb64(header["summary"], MAX_HEADER)
        if len(salt) != argon2id.SALTBYTES:
            raise ValueError("bad salt")
    except (KeyError, TypeError, ValueError):
        raise BackupDamaged("header fields") from None
    wrap_key = argon2id.kdf(32, keys.normalise_passphrase(backup_passphrase), salt,
                            opslimit=ops, memlimit=mem)
    try:
        backup_key = bytes(nacl.secret.SecretBox(wrap_key).decrypt(wrapped))
    except nacl.exceptions.CryptoError:
        raise BackupWrongPassphrase() from None
    try:
        doc = json.loads(bytes(nacl.secret.SecretBox(backup_key).decrypt(sealed_summary)))
        summary = _parse_summary(doc)
    except (nacl.exceptions.CryptoError, ValueError, KeyError, TypeError, RecursionError):
        raise BackupDamaged("summary") from None
    if len(backup_key) != 32:
        raise BackupDamaged("key size")
    return backup_key, summary


def _check_body(fh: BinaryIO, summary: BackupSummary, out: BinaryIO | None) -> None:
    h = hashlib.sha256()
    size = 0
    for block in iter(lambda: fh.read(_CHUNK), b""):
        size += len(block)
        if size > summary.body_size:
            raise BackupDamaged("body longer than recorded")
        h.update(block)
        if out is not None:
            out.write(block)
    if size != summary.body_size or h.hexdigest() != summary.body_sha256:
        raise BackupDamaged("body changed or cut off")


def read_backup(path: str | os.PathLike[str], backup_passphrase: str) -> BackupSummary:
    """Check a backup file completely and say what it holds; changes nothing anywhere.

    Raises BackupWrongPassphrase, BackupDamaged (not a backup, changed, cut off), or OSError.
    """
    with open(path, "rb") as fh:
        header = _read_header(fh)
        _, summary = _open_key(header, backup_passphrase)
        _check_body(fh, summary, None)
    return summary


# ------------------------------------------------------------------------------------ restoring


def _store_files_present(data_dir: Path) -> bool:
    return any((data_dir / n).exists() for n in (DB_NAME, KEY_NAME))


def _move_aside(data_dir: Path) -> str:
    name = "replaced-" + datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    aside = paths.ensure_private_dir(data_dir / name)
    for n in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", KEY_NAME, MARK_NAME, ATTEMPTS_NAME):
        with contextlib.suppress(FileNotFoundError):
            os.replace(data_dir / n, aside / n)
    keys.fsync_dir(aside)
    keys.fsync_dir(data_dir)
    return name


def restore_backup(path: str | os.PathLike[str], backup_passphrase: str,
                   data_dir: str | os.PathLike[str], store_passphrase: str, *,
                   secrets: keys.SecretStore | None = None, current: Store | None = None,
                   replace: bool = False, progress: Progress | None = None,
                   kdf: str = "moderate") -> RestoreResult:
    """Make a store in ``data_dir`` from the backup at ``path``; return it open.

    ``store_passphrase`` protects the restored store (rules as for a new store); ``secrets``: the
    keyring of this account (None: the OS keyring under the allowlist). If a store is already in
    ``data_dir`` and ``replace`` is False, raises :class:`RestoreWouldReplace` (``existing_newer``
    True/False when ``current``, the open store of that folder, is given; None when unknown): the
    UI asks, then calls again with ``replace=True`` (and closes nothing itself: this function
    closes ``current``). Raises BackupWrongPassphrase, BackupDamaged, StoreFromFuture,
    PassphraseTooWeak/PassphraseNotVisible, OSError.
    """
    keys.check_passphrase(store_passphrase)
    data_dir = Path(data_dir)
    with open(path, "rb") as fh:
        header = _read_header(fh)
        backup_key, summary = _open_key(header, backup_passphrase)
        if summary.schema > migrations.LATEST:
            raise StoreFromFuture(summary.schema, migrations.LATEST)
        if _store_files_present(data_dir) and not replace:
            newer = None
            there = None
            if current is not None and not current.closed:
                there = current.overview()
                mine, theirs = there.last_change, summary.overview.last_change
                newer = bool(mine and (theirs is None or mine > theirs))
            raise RestoreWouldReplace(newer, there.last_change if there else None, summary.made_at,
                                      summary.overview.total, there.total if there else None)
        paths.ensure_private_dir(data_dir)
        _remove_stale_builds(data_dir)
        snapshot = data_dir / f".restore-{_secrets.token_hex(6)}.db"
        try:
            fd = os.open(snapshot, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                _check_body(fh, summary, out)
                out.flush()
                os.fsync(out.fileno())
            return _restore_from(snapshot, backup_key, summary, data_dir, store_passphrase,
                                 secrets=secrets, current=current, replace=replace,
                                 progress=progress, kdf=kdf)
        finally:
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(FileNotFoundError):
                    Path(f"{snapshot}{suffix}").unlink()


def _restore_from(snapshot: Path, backup_key: bytes, summary: BackupSummary, data_dir: Path,
                  store_passphrase: str, *, secrets: keys.SecretStore | None, current: Store | None,
                  replace: bool, progress: Progress | None, kdf: str) -> RestoreResult:
    try:
        found = db.verify(snapshot, backup_key)
    except StoreDamaged:
        raise BackupDamaged("the database in the backup does not check out") from None
    if found != summary.schema:
        raise BackupDamaged("schema differs from the summary")
    conn = db.connect(snapshot, backup_key)
    try:
        migrations.migrate(conn)  # a backup from an older version is brought up to date
        replaced = None
        if replace and _store_files_present(data_dir):
            if current is not None:
                current.close()
            replaced = _move_aside(data_dir)
        store = Store._create(
            data_dir, store_passphrase, secrets=secrets, kdf=kdf, store_id=summary.store_id,
            populate=lambda db_path, key: rekey.copy_into(conn, db_path, key, progress),
            event="backup.restored",
            detail={"records": summary.overview.total, "made_at": _ts(summary.made_at)})
    finally:
        conn.close()
    log.info("backup restored: %d record(s)%s", summary.overview.total,
             ", the store that was there was moved aside" if replaced else "")
    return RestoreResult(store, summary, replaced)
