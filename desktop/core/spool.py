"""Locked-mode delivery: a spool of sealed envelopes that the sync worker can send while the store
is locked (the data key is gone), and receipts that wait there until the next unlock.

Why: a report finalised offline must go out on its own once a connection exists, exactly once,
also when Signaal locked itself in the meantime. The outbox table in the encrypted store stays the
source of truth; the spool is a copy of it that can be read without the passphrase.

What is where (nothing here holds entered text: an envelope is already sealed to CoMensha):

* ``<data_dir>/spool/`` (0700): per outbox row one file ``<name>.env`` (0600, written once,
  atomically) holding ``{"record_id", "envelope", "attempts", "last_error"}`` encrypted with the
  *spool key* (``nacl.secret.SecretBox``, random nonce). ``<name>.note`` (same encryption) records
  what happened to it while locked (refusals, a conflict). ``<name>`` is a keyed BLAKE2b of the
  record id, so file names do not reveal envelope ids either.
* ``<data_dir>/spool/receipts/<name>.rcpt``: a verified receipt got while locked
  (``{"record_id", "receipt", "sent_at"}``), same encryption.
* the OS keyring (next to the bearer token, only an *acceptable* one: see
  ``desktop.core.store.keys``): entry ``delivery-spool:<store id>`` with the spool key and the public
  values needed to send while locked: server address, certificate pin, receipt public key, device
  id, the proxy setting, and whether the device was found revoked while locked.

Someone with the folder but without the OS account's keyring learns neither content nor metadata
(form, dates, ids); they see only how many files there are.

Locked sending is possible only when the token lives in an acceptable keyring. When it is kept in
the encrypted store (no acceptable keyring), there is no spool: reports go out after unlocking.

Flow:

* unlocked (store thread, :func:`sync_with_store`): apply receipts and notes from a locked period
  (receipts are verified again: CoMensha's signature with the receipt keys in the store, same
  envelope id and hash as the stored envelope; anything else is not applied), write spool files
  for outbox rows that lack one, delete spool files whose record left the outbox. Runs at every
  unlock, after each finalise and in every sync cycle.
* locked (sync thread, :mod:`desktop.core.locked_sending`): ``sync.engine.SyncEngine`` over its
  ``SpoolOutbox`` (the engine's ``OutboxStore``), the same ``SyncClient`` (pinned certificate)
  with the token from the keyring. A verified receipt is written to ``receipts/`` before the
  envelope file is removed; a crash in between leads to a resend, which the receiver answers with
  the original receipt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import nacl.exceptions
import nacl.secret
import nacl.utils

from desktop.core import credentials, receipts
from desktop.core.store import Store, keys
from forms.minimise import RULE as MINIMISATION_RULE
from sync import envelope as envelope_mod
from sync import protocol

log = logging.getLogger(__name__)

SPOOL_DIR = "spool"
RECEIPTS_DIR = "receipts"
SECRET_PREFIX = "delivery-spool"  # noqa: S105 - a keyring entry name, not a secret
ENV_SUFFIX = ".env"
NOTE_SUFFIX = ".note"
RECEIPT_SUFFIX = ".rcpt"
FORMAT = 2  # 2: each envelope file says which minimisation rule it was sealed under ("rule")
MAX_NOTED_FAILURES = 20


# ---------------------------------------------------------------------------------------------
# files and crypto


_locks: dict[Path, threading.RLock] = {}
_locks_guard = threading.Lock()


def spool_lock(data_dir: str | os.PathLike[str]) -> threading.RLock:
    """The one lock of a data folder's spool. Every read-modify-write of its files holds it, from
    the store thread (:func:`sync_with_store`) and the sync thread (``locked_sending.SpoolOutbox``) alike:
    a note's failure count is never counted twice, and the clean-up at unlock never removes a
    temporary file that a locked run is still writing."""
    key = Path(data_dir).resolve()
    with _locks_guard:
        return _locks.setdefault(key, threading.RLock())


def spool_dir(data_dir: str | os.PathLike[str]) -> Path:
    return Path(data_dir) / SPOOL_DIR


def receipts_dir(data_dir: str | os.PathLike[str]) -> Path:
    return spool_dir(data_dir) / RECEIPTS_DIR


def secret_name(store_id: str) -> str:
    return f"{SECRET_PREFIX}:{store_id}"


def entry_name(key: bytes, record_id: str) -> str:
    """The file name stem for a record: keyed, so names do not reveal ids."""
    return hashlib.blake2b(str(record_id).encode("utf-8"), key=key, digest_size=16,
                           person=b"signaal-spool").hexdigest()


def _seal(key: bytes, obj: Any) -> bytes:
    return bytes(nacl.secret.SecretBox(key).encrypt(json.dumps(obj, separators=(",", ":")).encode("utf-8")))


def _open(key: bytes, data: bytes) -> Any:
    """Decrypt and parse; raises ``ValueError`` for anything that is not ours or was changed."""
    try:
        plain = nacl.secret.SecretBox(key).decrypt(data)
    except (nacl.exceptions.CryptoError, ValueError, TypeError) as exc:
        raise ValueError("spool file does not open") from exc
    return json.loads(plain.decode("utf-8"))


def _private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o700)


def _write(path: Path, key: bytes, obj: Any) -> None:
    _private_dir(path.parent)
    keys.atomic_write(path, _seal(key, obj))  # temp 0600 + fsync + os.replace + fsync dir


def _read(path: Path, key: bytes) -> Any:
    return _open(key, path.read_bytes())


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _files(folder: Path, suffix: str) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.name.endswith(suffix) and not p.name.startswith(".")]
    except FileNotFoundError:
        return []


def _remove_temp(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        for p in folder.iterdir():
            if p.name.startswith(".") and ".tmp-" in p.name:
                _unlink(p)


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def spooled_count(data_dir: str | os.PathLike[str]) -> int:
    """How many envelopes wait in the spool (no key needed: a count of files)."""
    return len(_files(spool_dir(data_dir), ENV_SUFFIX))


# ---------------------------------------------------------------------------------------------
# the keyring entry


@dataclass(frozen=True)
class LockedConfig:
    """The keyring entry: the spool key and the public values needed to send while locked."""

    key: bytes
    server_url: str
    cert_sha256: str
    receipt_public_key: bytes
    device_id: str
    proxy: Any = None
    revoked: bool = False

    def to_text(self) -> str:
        return json.dumps({
            "v": FORMAT, "key": self.key.hex(), "server_url": self.server_url,
            "cert_sha256": self.cert_sha256, "receipt_public_key": self.receipt_public_key.hex(),
            "device_id": self.device_id, "proxy": self.proxy, "revoked": self.revoked,
        }, sort_keys=True)

    @classmethod
    def from_text(cls, text: str | None) -> LockedConfig | None:
        if not text:
            return None
        try:
            doc = json.loads(text)
            key = bytes.fromhex(doc["key"])
            if len(key) != 32:
                return None
            return cls(key=key, server_url=str(doc["server_url"]), cert_sha256=str(doc["cert_sha256"]),
                       receipt_public_key=bytes.fromhex(doc["receipt_public_key"]),
                       device_id=str(doc.get("device_id") or ""), proxy=doc.get("proxy"),
                       revoked=bool(doc.get("revoked", False)))
        except (ValueError, KeyError, TypeError):
            log.warning("the locked-delivery keyring entry is unreadable")
            return None

    def enrolment(self) -> Any:
        """An ``EnrolmentInfo`` for the client factory (no sealing key: nothing is sealed here)."""
        return credentials.EnrolmentInfo(
            server_url=self.server_url, device_id=self.device_id, sealing_public_key=b"",
            receipt_public_key=self.receipt_public_key, cert_sha256=self.cert_sha256, cert_pem=None,
            enrolled_at=None, revoked=self.revoked)


def _keyring(secrets: Any = None) -> Any:
    """The acceptable keyring (the one the token lives in), or ``None``."""

    return credentials.secret_store(None, secrets)


def _store_id(data_dir: str | os.PathLike[str]) -> str | None:
    try:
        return Store.store_id(data_dir)
    except Exception:
        return None


def load_config(data_dir: str | os.PathLike[str], secrets: Any = None) -> LockedConfig | None:
    """The keyring entry for the store in ``data_dir``; ``None`` when locked sending is off."""
    store_id = _store_id(data_dir)
    keyring = _keyring(secrets)
    if store_id is None or keyring is None:
        return None
    try:
        return LockedConfig.from_text(keyring.get(secret_name(store_id)))
    except Exception:
        log.warning("the keyring could not be read")
        return None


def _save_config(keyring: Any, store_id: str, cfg: LockedConfig) -> None:
    keyring.set(secret_name(store_id), cfg.to_text())


def locked_token(data_dir: str | os.PathLike[str], secrets: Any = None) -> str | None:
    store_id = _store_id(data_dir)
    keyring = _keyring(secrets)
    if store_id is None or keyring is None:
        return None
    try:
        return keyring.get(f"{credentials.TOKEN_SECRET_NAME}:{store_id}") or None
    except Exception:
        log.warning("the keyring could not be read")
        return None


# ---------------------------------------------------------------------------------------------
# the unlocked side (store thread)


@dataclass
class SyncResult:
    """What :func:`sync_with_store` did (counts only)."""

    enabled: bool = False
    applied: int = 0          # receipts from a locked period applied (records now sent)
    refused_receipts: int = 0  # receipt files that did not check out (not applied, removed)
    conflicts: int = 0
    failures: int = 0
    written: int = 0
    removed: int = 0
    revoked: bool = False


def locked_sending_possible(store: Any, secrets: Any = None) -> bool:
    """True when the token lives in an acceptable keyring (the condition for a spool)."""
    return (credentials.enrolment(store) is not None and credentials.token_location(store) == "keyring"
            and credentials.secret_store(store, secrets) is not None)


def destroy(data_dir: str | os.PathLike[str], store_id: str | None = None, secrets: Any = None) -> None:
    with spool_lock(data_dir):
        _destroy(data_dir, store_id, secrets)


def _destroy(data_dir: str | os.PathLike[str], store_id: str | None = None, secrets: Any = None) -> None:
    """Delete the spool (envelopes, notes, receipts) and its keyring entry (on disconnect)."""
    folder = spool_dir(data_dir)
    for sub in (receipts_dir(data_dir), folder):
        with contextlib.suppress(FileNotFoundError):
            for p in sub.iterdir():
                if p.is_file():
                    _unlink(p)
    with contextlib.suppress(OSError):
        receipts_dir(data_dir).rmdir()
    with contextlib.suppress(OSError):
        folder.rmdir()
    store_id = store_id or _store_id(data_dir)
    keyring = _keyring(secrets)
    if store_id and keyring is not None:
        try:
            keyring.delete(secret_name(store_id))
        except Exception:
            log.warning("the keyring could not delete the spool key")


def _apply_receipts(store: Any, data_dir: Path, cfg: LockedConfig, result: SyncResult) -> None:
    keys_known = receipts.receipt_keys(store)
    latest: str | None = None
    for path in sorted(_files(receipts_dir(data_dir), RECEIPT_SUFFIX)):
        ok = False
        try:
            doc = _read(path, cfg.key)
            record_id = str(doc["record_id"])
            receipt = dict(doc["receipt"])
            record = store.get(record_id)
            if record.state in ("sent", "purged"):
                ok = True  # already applied (a resend after a crash): nothing to do
            elif record.state == "final" and isinstance(record.envelope, dict):
                model = protocol.Receipt.model_validate(receipt)
                env = protocol.Envelope.model_validate(record.envelope)
                if envelope_mod.receipt_matches(model, env) and any(
                        envelope_mod.verify_receipt(model, k) for k in keys_known):
                    store.mark_sent(record_id, model.model_dump(mode="json"))  # audits record.sent
                    result.applied += 1
                    ok = True
                    sent_at = doc.get("sent_at")
                    if isinstance(sent_at, str) and (latest is None or sent_at > latest):
                        latest = sent_at
        except Exception as exc:  # unreadable, changed, unknown record, wrong receipt
            log.warning("a receipt from the spool was not applied: %s", type(exc).__name__)
        if not ok:
            result.refused_receipts += 1
        _unlink(path)
    if result.applied:
        store.set_setting(credentials.LAST_SENT, latest or _now_iso())
        store.audit("sent", detail={"count": result.applied, "while_locked": True})
    if result.refused_receipts:
        store.audit("spool.receipt_refused", detail={"count": result.refused_receipts})


def _apply_notes(store: Any, data_dir: Path, cfg: LockedConfig, in_outbox: set[str],
                 result: SyncResult) -> None:
    for path in _files(spool_dir(data_dir), NOTE_SUFFIX):
        try:
            doc = _read(path, cfg.key)
            record_id = str(doc["record_id"])
            if record_id in in_outbox:
                if doc.get("conflict"):
                    store.mark_conflict(record_id, str(doc["conflict"]))
                    in_outbox.discard(record_id)
                    result.conflicts += 1
                else:
                    failures = min(MAX_NOTED_FAILURES, max(0, int(doc.get("failures", 0))))
                    for _ in range(failures):
                        store.outbox_note_failure(record_id, str(doc.get("last_error") or "refused"))
                    result.failures += failures
        except Exception as exc:
            log.warning("a note from the spool was not applied: %s", type(exc).__name__)
        _unlink(path)


def sync_with_store(store: Any, secrets: Any = None) -> SyncResult:
    """Bring the spool in line with the outbox (store thread, store open). Never raises.

    Applies what a locked period left (receipts, conflicts, refusals, a revocation), then writes a
    spool file for each outbox row that lacks one and deletes the ones whose record left the
    outbox. Turns locked sending off (and deletes the spool) when the device is not enrolled or
    the token is not in an acceptable keyring.
    """
    result = SyncResult()
    try:
        with spool_lock(store.data_dir):
            _sync(store, secrets, result)
    except Exception:
        log.exception("the spool could not be brought in line with the outbox")
    return result


def _sync(store: Any, secrets: Any, result: SyncResult) -> None:
    data_dir = Path(store.data_dir)
    store_id = store.id
    keyring = credentials.secret_store(store, secrets)
    cfg: LockedConfig | None = None
    if keyring is not None:
        cfg = LockedConfig.from_text(keyring.get(secret_name(store_id)))
    info = credentials.enrolment(store)

    if cfg is None and keyring is not None:
        # No key (the keyring entry was removed): receipts cannot be read; those records are
        # resent and the receiver answers with the original receipt.
        for path in _files(receipts_dir(data_dir), RECEIPT_SUFFIX):
            _unlink(path)
    elif cfg is not None:
        _apply_receipts(store, data_dir, cfg, result)
        if cfg.revoked and info is not None and not info.revoked and cfg.device_id == info.device_id:
            credentials.mark_revoked(store)  # the server said so while the store was locked
            info = credentials.enrolment(store)
            result.revoked = True

    if info is None or credentials.token_location(store) != "keyring" or keyring is None:
        # Not enrolled, or the token lives in the store: no locked sending, no spool. (A keyring
        # that cannot be read just now keeps what there is.)
        if (info is None or credentials.token_location(store) == "store") and (
                cfg is not None or spool_dir(data_dir).exists()):
            destroy(data_dir, store_id, secrets)
        return

    result.enabled = True
    wanted = LockedConfig(
        key=cfg.key if cfg is not None else _new_key(), server_url=info.server_url,
        cert_sha256=info.cert_sha256, receipt_public_key=info.receipt_public_key,
        device_id=info.device_id, proxy=store.get_setting("proxy"), revoked=info.revoked)
    if wanted != cfg:
        _save_config(keyring, store_id, wanted)
    key = wanted.key

    folder = spool_dir(data_dir)
    _private_dir(folder)
    _private_dir(receipts_dir(data_dir))
    _remove_temp(folder)
    _remove_temp(receipts_dir(data_dir))
    count = store.outbox_count()
    items = store.outbox_batch(count) if count else []
    in_outbox = {str(it.record_id) for it in items}
    if cfg is not None:
        _apply_notes(store, data_dir, cfg, in_outbox, result)
    names = {entry_name(key, str(it.record_id)): it for it in items if str(it.record_id) in in_outbox}
    present = {p.name[:-len(ENV_SUFFIX)] for p in _files(folder, ENV_SUFFIX)}
    # A receipt written by a locked run that was still ending: applied at the next sync.
    answered = {p.name[:-len(RECEIPT_SUFFIX)] for p in _files(receipts_dir(data_dir), RECEIPT_SUFFIX)}
    for name, it in names.items():
        if name in answered:
            continue
        path = folder / f"{name}{ENV_SUFFIX}"
        if name in present and _spooled_envelope(path, key) == it.envelope:
            continue
        # New, or the envelope was sealed again (a newer minimisation rule): (re)write it.
        _write(path, key, {
            "v": FORMAT, "rule": MINIMISATION_RULE, "record_id": str(it.record_id),
            "envelope": it.envelope, "attempts": int(it.attempts or 0), "last_error": it.last_error})
        result.written += 1
    for name in present - set(names):
        _unlink(folder / f"{name}{ENV_SUFFIX}")
        result.removed += 1
    for note in _files(folder, NOTE_SUFFIX):
        if note.name[:-len(NOTE_SUFFIX)] not in names:
            _unlink(note)


def _spooled_envelope(path: Path, key: bytes) -> Any:
    """The envelope in a spool file, or ``None`` when it does not open or is of an older rule."""
    try:
        doc = _read(path, key)
    except (FileNotFoundError, ValueError):
        return None
    if not isinstance(doc, dict) or not _current_rule(doc):
        return None
    return doc.get("envelope")


def _current_rule(doc: dict[str, Any]) -> bool:
    """Whether a spool entry was sealed under the current minimisation rule (older ones never leave)."""
    rule = doc.get("rule")
    return isinstance(rule, int) and rule >= MINIMISATION_RULE


def _new_key() -> bytes:
    return nacl.utils.random(32)


__all__ = ["LockedConfig", "SyncResult", "destroy", "load_config", "locked_sending_possible",
           "spool_dir", "spooled_count", "sync_with_store"]
