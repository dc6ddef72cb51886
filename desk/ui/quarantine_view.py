"""Envelopes in quarantine: what arrived but could not be opened or accepted, and why.

Nothing here is dropped: each envelope stays in the desk's store as it was pulled. "Try again"
opens them anew (after a desk update that knows a newer form version, say).
"""

from __future__ import annotations

import base64

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.core import enrolment, ingest
from desk.core.store import DeskStore
from desktop import i18n
from desktop.worker import StoreWorker
from signaal_common.dates import format_when


class QuarantineView(QWidget):
    reopened = Signal(int)

    def __init__(self, worker: StoreWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quarantineView")
        self._worker = worker
        self._entries: list[ingest.QuarantineEntry] = []
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(0, 4, self)
        self.table.setTabKeyNavigation(False)   # Tab leaves the table; arrows move within it
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.retry = QPushButton(self)
        self.retry.clicked.connect(self._retry)
        row.addWidget(self.retry)
        layout.addLayout(row)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.intro.setText(self.tr("These envelopes arrived but were not opened. They are kept as they "
                                   "arrived; the reason says why. The inbox goes on without them."))
        self.table.setHorizontalHeaderLabels([self.tr("Received"), self.tr("Sent by"), self.tr("Reason"),
                                              self.tr("Envelope id")])
        self.retry.setText(self.tr("&Try again"))
        self._show()

    def reload(self) -> None:
        self._worker.submit(ingest.quarantine, self._set)

    def clear(self) -> None:
        self._set([])

    def _set(self, entries: list[ingest.QuarantineEntry]) -> None:
        self._entries = entries
        self._show()

    def _show(self) -> None:
        lang = i18n.current_language()
        self.table.setRowCount(len(self._entries))
        for i, e in enumerate(self._entries):
            reason = ingest.reason_text(e.reason, lang) + (f" ({e.detail})" if e.detail else "")
            cells = (format_when(e.received_at), e.organisation, reason, e.envelope_id)
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.retry.setEnabled(bool(self._entries))

    def _retry(self) -> None:
        def run(store: DeskStore) -> int:
            key = (base64.b64decode(enrolment.credentials(store).receipt_public_key)
                   if enrolment.is_enrolled(store) else None)
            return ingest.reopen_quarantined(store, receipt_key=key)

        self._worker.submit(run, self._retried)

    def _retried(self, count: int) -> None:
        self.reopened.emit(count)
        self.reload()
