"""Locked sending (the sync thread's side of :mod:`desktop.core.spool`): the engine's outbox over
the spool files, and one run of the engine while the store is locked.

No store and no data key here: the spool key and the public values to send with come from the
keyring (:func:`desktop.core.spool.load_config`). A verified receipt is written to the spool's
``receipts/`` before the envelope file is removed; a crash in between leads to a resend, which the
receiver answers with the original receipt. Every file operation holds the spool's lock.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop.core.credentials import EnrolmentInfo
from desktop.core.spool import (
    ENV_SUFFIX,
    FORMAT,
    NOTE_SUFFIX,
    RECEIPT_SUFFIX,
    LockedConfig,
    _current_rule,
    _files,
    _keyring,
    _now_iso,
    _read,
    _save_config,
    _store_id,
    _unlink,
    _write,
    entry_name,
    load_config,
    locked_token,
    receipts_dir,
    spool_dir,
    spool_lock,
)
from sync import errors
from sync.client import SyncClient
from sync.engine import OutboxStore, SyncEngine, SyncReport
from sync.errors import SyncError

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------
# the locked side (sync thread): the engine's OutboxStore over the spool


@dataclass
class SpoolItem:
    record_id: str
    envelope: dict[str, Any]
    attempts: int
    last_error: str | None
    name: str = ""


class SpoolOutbox:
    """``sync.engine.OutboxStore`` over the spool files (no store, no data key).

    ``should_stop()`` returning True makes ``outbox_batch`` return nothing, which ends the
    engine's run at the next batch (the store was unlocked, or the app is closing).
    """

    def __init__(self, data_dir: str | os.PathLike[str], key: bytes,
                 should_stop: Callable[[], bool] = lambda: False) -> None:
        self.folder = spool_dir(data_dir)
        self._lock = spool_lock(data_dir)
        self.receipts = receipts_dir(data_dir)
        self.key = key
        self.should_stop = should_stop
        self.sent_at: str | None = None

    def _note_path(self, name: str) -> Path:
        return self.folder / f"{name}{NOTE_SUFFIX}"

    def _note(self, name: str) -> dict[str, Any]:
        path = self._note_path(name)
        try:
            doc = _read(path, self.key)
            return doc if isinstance(doc, dict) else {}
        except FileNotFoundError:
            return {}
        except ValueError:
            return {}

    def _entries(self) -> list[tuple[str, Path]]:
        have_receipt = {p.name[:-len(RECEIPT_SUFFIX)] for p in _files(self.receipts, RECEIPT_SUFFIX)}
        notes = {p.name[:-len(NOTE_SUFFIX)] for p in _files(self.folder, NOTE_SUFFIX)}
        out = []
        for p in _files(self.folder, ENV_SUFFIX):
            name = p.name[:-len(ENV_SUFFIX)]
            if name in have_receipt:
                continue  # sent; the envelope file outlived a crash
            if name in notes and self._note(name).get("conflict"):
                continue  # a conflict waits for the unlock
            try:
                order = p.stat().st_mtime_ns
            except FileNotFoundError:
                continue
            out.append((order, name, p))
        out.sort()
        return [(name, p) for _order, name, p in out]

    def outbox_count(self) -> int:
        return len(self._entries())

    def outbox_batch(self, limit: int) -> list[SpoolItem]:
        with self._lock:
            if self.should_stop():
                return []
            items: list[SpoolItem] = []
            for name, path in self._entries()[:max(0, int(limit))]:
                try:
                    doc = _read(path, self.key)
                    if isinstance(doc, dict) and not _current_rule(doc):
                        continue  # sealed under an older rule: it waits for the unlock to be sealed again
                    record_id = str(doc["record_id"])
                    envelope = doc.get("envelope") if isinstance(doc.get("envelope"), dict) else {}
                    attempts = int(doc.get("attempts", 0))
                    last_error = doc.get("last_error")
                except FileNotFoundError:
                    continue
                except (ValueError, KeyError, TypeError):
                    # Not ours or changed: the engine notes it as unreadable and leaves it.
                    record_id, envelope, attempts, last_error = f"spool:{name}", {}, 0, None
                note = self._note(name)
                attempts += int(note.get("failures", 0))
                last_error = note.get("last_error", last_error)
                items.append(SpoolItem(record_id, envelope, attempts, last_error, name))
            return items

    def _name(self, record_id: str) -> str:
        rid = str(record_id)
        return rid[len("spool:"):] if rid.startswith("spool:") else entry_name(self.key, rid)

    def mark_sent(self, record_id: str, receipt: dict[str, Any]) -> None:
        """The engine verified the receipt: keep it for the unlock, then drop the envelope."""
        with self._lock:
            name = self._name(record_id)
            now = _now_iso()
            _write(self.receipts / f"{name}{RECEIPT_SUFFIX}", self.key,
                   {"v": FORMAT, "record_id": str(record_id), "receipt": receipt, "sent_at": now})
            self.sent_at = now
            _unlink(self.folder / f"{name}{ENV_SUFFIX}")
            _unlink(self._note_path(name))

    def mark_conflict(self, record_id: str, reason: str) -> None:
        with self._lock:
            name = self._name(record_id)
            note = self._note(name)
            note.update({"record_id": str(record_id), "conflict": str(reason) or "conflict"})
            _write(self._note_path(name), self.key, note)

    def outbox_note_failure(self, record_id: str, message: str) -> None:
        with self._lock:
            name = self._name(record_id)
            note = self._note(name)
            note.update({"record_id": str(record_id), "failures": int(note.get("failures", 0)) + 1,
                         "last_error": str(message)[:500]})
            _write(self._note_path(name), self.key, note)


# ---------------------------------------------------------------------------------------------
# one locked run


@dataclass
class LockedRun:
    """What one locked run found and did.

    ``status``: ``unavailable`` (no spool key: the token is not in an acceptable keyring),
    ``revoked``, ``no_token``, ``empty`` (nothing waits), ``offline``, ``done`` (the run ended;
    see ``report``), ``stopped``.
    """

    status: str
    waiting: int = 0
    sent: int = 0
    report: SyncReport | None = None
    error: SyncError | None = None
    sent_at: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


#: ``make_client(enrolment, token, proxy_setting)``: the client to send with.
ClientFactory = Callable[[EnrolmentInfo, str | None, Any], SyncClient]
#: ``make_engine(outbox, client, receipt_public_key)``: the engine that drains the outbox.
EngineFactory = Callable[[OutboxStore, SyncClient, bytes], SyncEngine]


def send_locked(data_dir: str | os.PathLike[str], *, make_client: ClientFactory,
                make_engine: EngineFactory = SyncEngine, secrets: Any = None,
                should_stop: Callable[[], bool] = lambda: False,
                progress: Callable[[int, int], None] | None = None) -> LockedRun:
    """Send what the spool holds, with the token and settings from the keyring. No store needed.

    ``make_client(info, token, proxy_setting)`` returns a ``SyncClient`` (the sync worker passes
    its own, with the pinned certificate); ``make_engine(outbox, client, receipt_key)`` defaults
    to ``sync.engine.SyncEngine``.
    """
    cfg = load_config(data_dir, secrets)
    if cfg is None:
        return LockedRun("unavailable", waiting=0)
    outbox = SpoolOutbox(data_dir, cfg.key, should_stop)
    waiting = outbox.outbox_count()
    if cfg.revoked:
        return LockedRun("revoked", waiting=waiting)
    if waiting == 0:
        return LockedRun("empty")
    token = locked_token(data_dir, secrets)
    if not token:
        return LockedRun("no_token", waiting=waiting)
    client = make_client(cfg.enrolment(), token, cfg.proxy)
    try:
        if not client.health():
            return LockedRun("offline", waiting=waiting)
        engine = make_engine(outbox, client, cfg.receipt_public_key)
        run = LockedRun("done", waiting=waiting)
        done = 0
        while not should_stop():
            def step(run_done: int, run_total: int, _before: int = done) -> None:
                if progress is not None:
                    progress(_before + run_done, max(waiting, _before + run_total))

            report = engine.run_once(progress=step)
            moved = report.sent + report.duplicates
            done += moved + report.conflicts
            run.sent += moved
            run.report = report
            run.error = report.error
            if run.error is not None or report.remaining <= 0 or not (moved or report.conflicts):
                break
        run.sent_at = outbox.sent_at
        run.waiting = outbox.outbox_count()
        if should_stop() and run.waiting:
            run.status = "stopped"
        _note_revoked(data_dir, cfg, run, secrets)
        return run
    finally:
        client.close()


def _note_revoked(data_dir: str | os.PathLike[str], cfg: LockedConfig, run: LockedRun, secrets: Any) -> None:
    if not isinstance(run.error, errors.Unauthorized):
        return
    # Revoked (or the token is no longer known): stop sending, keep the spool; at the unlock the
    # app marks the enrolment revoked and asks for a new one.
    run.status = "revoked"
    store_id = _store_id(data_dir)
    keyring = _keyring(secrets)
    if store_id and keyring is not None:
        try:
            _save_config(keyring, store_id, replace(cfg, revoked=True))
        except Exception:
            log.warning("the keyring could not be updated")


__all__ = ["LockedRun", "SpoolItem", "SpoolOutbox", "send_locked"]
