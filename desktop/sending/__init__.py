"""Delivery on the Qt side: the sync thread (:mod:`.worker`), its handle for the GUI
(:mod:`.controller`), the bridge to the store thread (:mod:`.gateway`) and what the status bar shows
(:mod:`.state`). The rules (enrolment, sealing, receipts, retention, the spool) live in the
Qt-free core: :mod:`desktop.core.delivery` and :mod:`desktop.core.spool`.
"""

from desktop.sending.controller import PURGE_CHECK_INTERVAL, SyncController
from desktop.sending.gateway import OutboxOnStoreThread, StoreGateway, StoreLocked, WorkerStopping
from desktop.sending.state import EnrolOutcome, SyncState
from desktop.sending.worker import IDLE_INTERVAL, MAX_BACKOFF, PROBE_INTERVAL, SyncWorker

__all__ = [
    "IDLE_INTERVAL",
    "MAX_BACKOFF",
    "PROBE_INTERVAL",
    "PURGE_CHECK_INTERVAL",
    "EnrolOutcome",
    "OutboxOnStoreThread",
    "StoreGateway",
    "StoreLocked",
    "SyncController",
    "SyncState",
    "SyncWorker",
    "WorkerStopping",
]
