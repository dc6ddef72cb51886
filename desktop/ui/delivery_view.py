"""What delivery shows in the main window: the status-bar sentence, the connection panel in
Settings, delivery right after a finalise, and the receipt above a sent report.

The main window makes one :class:`DeliveryView` from the :class:`~desktop.sending.SyncController`
it was given and calls it at fixed points (unlock, lock, a form opened, Settings opened, close).
Nothing here looks into the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.sending import SyncController
from desktop.ui.connection import ConnectionPanel
from desktop.ui.form_view import FormView
from desktop.ui.receipt_view import ReceiptView
from desktop.ui.sync_status import SyncStatusWidget
from desktop.worker import StoreWorker


class DeliveryView(QObject):
    """Delivery's part of the main window.

    Attributes:
        controller: the sync controller (the sync thread's handle).
        status: the status-bar widget.

    Signals:
        settings_requested(): the user asked to fix the connection (opens Settings).
        records_changed(): delivery changed records (sent, conflict, sealed): refresh what shows them.
    """

    settings_requested = Signal()
    records_changed = Signal()

    def __init__(self, controller: SyncController, worker: StoreWorker,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._worker = worker
        self.status = SyncStatusWidget(controller)
        self.status.open_connection_settings.connect(self.settings_requested)
        controller.records_changed.connect(self.records_changed)
        self._stopped = False

    def connection_panel(self) -> QWidget:
        """A new "Connect to CoMensha" panel for the Settings dialog."""
        return ConnectionPanel(self.controller, self._worker)

    def follow(self, view: FormView) -> None:
        """A form view was opened: deliver at once after its finalise; show a sent report's receipt."""
        view.finalised.connect(self.controller.report_finalised)
        if view.record_id and view.state in ("sent", "purged"):
            receipt = ReceiptView(self._worker)
            receipt.setMaximumHeight(160)
            view.show_receipt(receipt)
            receipt.load([view.record_id])

    def on_unlocked(self) -> None:
        """The store is open: purge past retention, seal what waited, start sending."""
        self.controller.on_unlocked()

    def on_locked(self) -> None:
        """The store was locked: the sync thread stops touching it (and sends from the spool)."""
        self.controller.on_locked()

    def stop(self) -> None:
        """Stop the sync thread (before the store worker stops). Idempotent."""
        if not self._stopped:
            self._stopped = True
            self.controller.stop()
