"""Receipts of sent reports: reference, time, hash, and whether CoMensha's signature verifies.

The signature is checked again every time a receipt is shown (on the store thread, against every
receipt key this device was given), so a receipt altered on disk is marked, never trusted.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core import delivery
from desktop.worker import StoreWorker
from signaal_common.dates import format_when

if TYPE_CHECKING:
    from desktop.core.store import Store

VERIFIED_MARK = "✓"
BROKEN_MARK = "✗"


def _load_receipts(store: Store, record_ids: list[str] | None, limit: int) -> list[delivery.ReceiptCheck]:
    if record_ids is None:
        record_ids = []
        for state in ("sent", "purged"):
            page = store.list_records(state=state, limit=limit)
            record_ids.extend(item.id for item in page.items if item.has_receipt)
    checks = []
    for record_id in record_ids[:limit]:
        check = delivery.check_receipt(store, record_id)
        if check is not None:
            checks.append(check)
    checks.sort(key=lambda c: c.received_at.timestamp() if c.received_at else 0.0, reverse=True)
    return checks


class ReceiptView(QWidget):
    """A table of receipts. ``load()`` shows every sent report; ``load([record_id])`` one of them.

    Signals:
        loaded(list): the checks shown (``delivery.ReceiptCheck``), after each load.
    """

    loaded = Signal(list)

    COLUMNS = 4

    def __init__(self, store_worker: StoreWorker, parent: QWidget | None = None, limit: int = 500) -> None:
        super().__init__(parent)
        self.setObjectName("receiptView")
        self._store_worker = store_worker
        self._limit = limit
        self._record_ids: list[str] | None = None
        self.checks: list[delivery.ReceiptCheck] = []
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("receiptTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        self.retranslate()

    def load(self, record_ids: list[str] | None = None) -> None:
        """Read and verify the receipts on the store thread; the table fills when they are back."""
        self._record_ids = list(record_ids) if record_ids is not None else None
        ids, limit = self._record_ids, self._limit
        self._store_worker.submit(lambda store: _load_receipts(store, ids, limit), self._show_if_alive,
                                  lambda _exc: self._show_if_alive([]))

    def _show_if_alive(self, checks: list[delivery.ReceiptCheck]) -> None:
        with contextlib.suppress(RuntimeError):  # the view was deleted meanwhile (lock, closed report)
            self._show(checks)

    def reload(self) -> None:
        self.load(self._record_ids)

    def clear(self) -> None:
        """Forget what is shown (on lock)."""
        self.checks = []
        self.table.setRowCount(0)

    def _show(self, checks: list[delivery.ReceiptCheck]) -> None:
        self.checks = list(checks)
        self.table.setRowCount(len(checks))
        for row, check in enumerate(checks):
            when = format_when(check.received_at)  # dd-mm-jjjj uu:mm, like every date in Signaal
            mark = self.verdict(check)
            cells = (check.reference, when, check.sha256, mark)
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if col == 2:
                    item.setToolTip(check.sha256)
                if col == 3:
                    item.setForeground(QColor("#1b5e20") if check.verified else QColor("#b71c1c"))
                    item.setData(256, check.verified)  # Qt.UserRole: tests and screen readers
                self.table.setItem(row, col, item)
        self.empty.setVisible(not checks)
        self.loaded.emit(self.checks)

    def verdict(self, check: delivery.ReceiptCheck) -> str:
        if check.verified:
            return f"{VERIFIED_MARK} " + self.tr("Signature verified")
        if check.reason == "other-report":
            return f"{BROKEN_MARK} " + self.tr(
                "This receipt belongs to another report — it cannot be trusted")
        return f"{BROKEN_MARK} " + self.tr("Signature does NOT verify — this receipt cannot be trusted")

    def retranslate(self) -> None:
        self.title.setText(self.tr("Receipts from CoMensha"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Reference"), self.tr("Received"), self.tr("Hash (SHA-256)"), self.tr("Signature")])
        self.empty.setText(self.tr("No receipts yet: a report gets one when CoMensha has received it."))
        if self.checks:
            self._show(self.checks)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
