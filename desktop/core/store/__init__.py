"""Signaal's encrypted local store (SQLCipher 4). Plain Python: no Qt in this package.

    from desktop.core.store import Store, errors
    store = Store.open(paths.data_dir(), passphrase)

See docs/architecture.md ("The store") for the contract. In short:

- Files in the data folder: ``store.db`` (+ ``-wal``/``-shm``), ``store.key`` (the data key,
  wrapped), ``store.attempts`` (wrong-passphrase counter), ``store.mark`` (the high-water mark,
  R31). 0600 files in a 0700 folder.
- ``Store.create`` / ``Store.open`` / ``Store.exists`` / ``Store.unlock_wait`` /
  ``Store.destroy(data_dir, confirm=Store.destroy_phrase(data_dir))``.
- Errors the UI shows (each has ``.text("nl"|"en")``): ``WrongPassphrase(retry_after)``,
  ``UnlockThrottled(retry_after)``, ``StoreDamaged``, ``DeviceSecretMissing`` (and its subclass
  ``KeyringUnavailable``), ``StoreFromFuture``, ``NoStore``, ``StoreExists``, ``CodecMissing``,
  ``PassphraseTooWeak``, ``NotEditable``, ``RecordNotFound`` (also a ``KeyError``),
  ``StoreClosed``, ``ConfirmationRequired``, ``WritesMissing`` (R31: open below the high-water mark;
  ``Store.open(..., accept_loss=True)`` goes on), ``PassphraseNotVisible``, ``StoreBusy``, and for
  backups ``BackupWrongPassphrase``, ``BackupDamaged``, ``RestoreWouldReplace``.
- ``store.change_passphrase(old, new, progress=...)`` re-keys; ``store.adopt_keyring(passphrase)``.
- Tests choose a keyring with ``secrets=`` (e.g. ``keys.MemorySecretStore()``) or with the
  fixtures in ``tests/support/keyrings.py``; nothing in the app can switch to a test keyring.
"""

from __future__ import annotations

from . import errors, keys
from .models import (
    STATES,
    AuditCheck,
    AuditEntry,
    KeyringStatus,
    OutboxItem,
    Overview,
    Page,
    Record,
    RecordSummary,
)
from .store import Store

__all__ = [
    "STATES",
    "AuditCheck",
    "AuditEntry",
    "KeyringStatus",
    "OutboxItem",
    "Overview",
    "Page",
    "Record",
    "RecordSummary",
    "Store",
    "errors",
    "keys",
]
