"""The GUI-side handle of delivery: owns the sync thread; widgets call it and connect its signals."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from desktop.core import delivery, spool
from desktop.core.locked_sending import ClientFactory, EngineFactory
from desktop.sending.state import SyncState
from desktop.sending.worker import PROBE_INTERVAL, SyncWorker
from desktop.worker import StoreWorker
from sync.engine import SyncEngine

if TYPE_CHECKING:
    from desktop.core.store import Store

log = logging.getLogger(__name__)

PURGE_CHECK_INTERVAL = 3600.0


class SyncController(QObject):
    """The GUI-side handle: owns the sync thread; widgets call these methods and connect signals.

    Signals:
        state_changed(SyncState), enrol_finished(EnrolOutcome), disconnected(), records_changed().
    """

    state_changed = Signal(object)
    enrol_finished = Signal(object)
    disconnected = Signal()
    records_changed = Signal()
    purged = Signal(int)

    _activate = Signal()
    _deactivate = Signal()
    _send_now = Signal()
    _poke = Signal()
    _enrol = Signal(str, str)
    _disconnect = Signal()
    _check_purge = Signal()
    _shutdown = Signal()

    def __init__(self, store_worker: StoreWorker, parent: QObject | None = None, *,
                 probe_interval: float = PROBE_INTERVAL, purge_check_interval: float = PURGE_CHECK_INTERVAL,
                 client_factory: ClientFactory | None = None,
                 engine_factory: EngineFactory = SyncEngine,
                 data_dir: Path | None = None) -> None:
        super().__init__(parent)
        self._store_worker = store_worker
        self.state: SyncState = SyncState("locked")
        self.unlocked = False
        self._thread = QThread()
        self._thread.setObjectName("signaal-sync")
        self._worker = SyncWorker(store_worker, probe_interval=probe_interval,
                                  client_factory=client_factory, engine_factory=engine_factory,
                                  data_dir=data_dir)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.setup)
        self._activate.connect(self._worker.activate)
        self._deactivate.connect(self._worker.deactivate)
        self._send_now.connect(self._worker.send_now)
        self._poke.connect(self._worker.poke)
        self._enrol.connect(self._worker.enrol)
        self._disconnect.connect(self._worker.disconnect_device)
        self._check_purge.connect(self._worker.check_purge)
        self._shutdown.connect(self._worker.shutdown)
        self._worker.state_changed.connect(self._on_state)
        self._worker.enrol_finished.connect(self.enrol_finished)
        self._worker.disconnected.connect(self.disconnected)
        self._worker.records_changed.connect(self.records_changed)
        self._purge_timer = QTimer(self)
        self._purge_timer.setInterval(int(purge_check_interval * 1000))
        self._purge_timer.timeout.connect(self._check_purge)
        self._stopped = False
        self._thread.start()

    @Slot(object)
    def _on_state(self, state: SyncState) -> None:
        self.state = state
        self.state_changed.emit(state)

    # -- what the app calls ------------------------------------------------------------------
    def on_unlocked(self) -> None:
        """The store is open: purge what is past retention, seal what waited, start delivering."""
        if self._stopped:
            return
        self.unlocked = True
        self._worker.unlock_pending = True  # a locked run stops at its next batch

        def at_unlock(store: Store) -> tuple[int, int, int]:
            purged = delivery.run_purge(store, force=True)
            sealed = delivery.seal_pending(store)
            # Receipts got while locked are applied (verified again), the spool is brought in line.
            synced = spool.sync_with_store(store)
            return purged, sealed, synced.applied + synced.conflicts

        def done(result: tuple[int, int, int]) -> None:
            purged, sealed, applied = result
            if purged:
                self.purged.emit(purged)
            if purged or sealed or applied:
                self.records_changed.emit()
            if self.unlocked and not self._stopped:
                self._activate.emit()

        def failed(exc: object) -> None:
            log.warning("the purge at unlock failed: %s", type(exc).__name__)
            if self.unlocked and not self._stopped:
                self._activate.emit()

        self._store_worker.submit(at_unlock, done, failed)
        self._purge_timer.start()

    def on_locked(self) -> None:
        """The store was locked: stop touching it (the worker goes on from the spool, if it can)."""
        self.unlocked = False
        self._worker.unlock_pending = False
        self._purge_timer.stop()
        if not self._stopped:
            self._deactivate.emit()

    def send_now(self) -> None:
        if self.unlocked and not self._stopped:
            self._send_now.emit()

    def report_finalised(self, record_id: str) -> None:
        """A report was finalised (sealed, and spooled by the finalise operation itself): deliver
        it soon without waiting for the timer."""
        if self.unlocked and not self._stopped:
            self._poke.emit()

    def enrol(self, server_url: str, code: str) -> None:
        """Enrol off the UI thread; the answer comes as ``enrol_finished``."""
        self._enrol.emit(server_url, code)

    def disconnect_device(self) -> None:
        self._disconnect.emit()

    def check_purge(self) -> None:
        self._check_purge.emit()

    def stop(self) -> None:
        """Stop the sync thread and wait for it (call before the store worker stops)."""
        if self._stopped:
            return
        self._stopped = True
        self.unlocked = False
        self._purge_timer.stop()
        self._worker.request_stop()
        self._shutdown.emit()
        self._thread.quit()
        self._thread.wait()
