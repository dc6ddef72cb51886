"""Signaal's encrypted local store (SQLCipher 4). Plain Python: no Qt in this package.

    from desktop.store import Store, errors
    store = Store.open(paths.data_dir(), passphrase)

See docs/architecture.md ("The store") for the contract.
"""

from __future__ import annotations

from . import errors, keys
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
from .store import Store

__all__ = [
    "STATES",
    "AuditCheck",
    "AuditEntry",
    "KeyringStatus",
    "OutboxItem",
    "Page",
    "Record",
    "RecordSummary",
    "Store",
    "errors",
    "keys",
]
