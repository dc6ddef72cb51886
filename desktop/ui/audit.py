"""The audit log: what happened when (event names and record ids only), and a chain check."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.qt import translate
from signaal_common.dates import format_when

if TYPE_CHECKING:  # the store's package is heavy: its worker thread imports it
    from desktop.core.store.models import AuditCheck, AuditEntry


def event_name(event: str) -> str:
    names = {
        "store.created": translate("AuditEvents", "Store created"),
        "store.unlocked": translate("AuditEvents", "Unlocked"),
        "passphrase.changed": translate("AuditEvents", "Passphrase changed"),
        "draft.created": translate("AuditEvents", "Report started"),
        "draft.deleted": translate("AuditEvents", "Draft deleted"),
        "record.finalised": translate("AuditEvents", "Report finalised"),
        "record.sealed": translate("AuditEvents", "Report sealed for CoMensha"),
        "sealed": translate("AuditEvents", "Report sealed for CoMensha"),
        "record.resealed": translate("AuditEvents", "Report sealed again with only what may be sent"),
        "resealed": translate("AuditEvents", "Waiting reports sealed again with only what may be sent"),
        "record.held_back": translate("AuditEvents", "Report held back until it can be sealed again"),
        "record.sent": translate("AuditEvents", "Report sent, receipt received"),
        "record.conflict": translate("AuditEvents", "CoMensha reported a conflict"),
        "record.purged": translate("AuditEvents", "Report content cleaned up"),
        "purged": translate("AuditEvents", "Sent reports cleaned up"),
        "enrolled": translate("AuditEvents", "Connected to CoMensha"),
        "disconnected": translate("AuditEvents", "Disconnected from CoMensha"),
        "revoked": translate("AuditEvents", "Connection withdrawn by CoMensha"),
        "sent": translate("AuditEvents", "Reports sent, receipts received"),
        "spool.receipt_refused": translate("AuditEvents", "A receipt did not check out and was refused"),
        "backup.written": translate("AuditEvents", "Backup written"),
        "backup.restored": translate("AuditEvents", "Restored from a backup"),
        "handoff.written": translate("AuditEvents", "Hand-off file written for CoMensha"),
        "handoff.receipts": translate("AuditEvents", "Receipts read from a file"),
        "keyring.adopted": translate("AuditEvents", "This computer's keyring is used from now on"),
        "mark.recreated": translate("AuditEvents", "The check for lost changes was made anew"),
        "store.loss_accepted": translate("AuditEvents",
                                         "Opened with what was there after a loss of saved changes"),
    }
    return names.get(event, event)


class AuditDialog(QDialog):
    """Signals:
        verify_requested()
        more_requested(int): the offset of the next page.
    """

    verify_requested = Signal()
    more_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self._count = 0
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(0, 3, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(2, 120)
        self.table.setTabKeyNavigation(False)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        row.addWidget(self.result_label, 1)
        self.more_button = QPushButton(self)
        self.more_button.hide()
        row.addWidget(self.more_button)
        self.verify_button = QPushButton(self)
        row.addWidget(self.verify_button)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.verify_button.clicked.connect(self._verify)
        self.more_button.clicked.connect(lambda: self.more_requested.emit(self._count))
        self.retranslate()
        self.resize(720, 480)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Audit log"))
        self.intro.setText(self.tr("Everything Signaal did with your reports, newest first. The log holds "
                                   "no content: only what happened, when, and to which report."))
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Report")])
        self.table.setAccessibleName(self.tr("Audit log"))
        self.verify_button.setText(self.tr("&Verify chain"))
        self.verify_button.setToolTip(self.tr("Check that no entry was changed or removed"))
        self.more_button.setText(self.tr("Show &more"))

    def add_entries(self, entries: list[AuditEntry], page_size: int) -> None:
        for entry in entries:
            row = self.table.rowCount()
            self.table.insertRow(row)
            record_id = entry.record_id
            self.table.setItem(row, 0, QTableWidgetItem(format_when(entry.at)))
            self.table.setItem(row, 1, QTableWidgetItem(event_name(entry.event)))
            self.table.setItem(row, 2, QTableWidgetItem(record_id[:8] if record_id else ""))
        self._count += len(entries)
        self.more_button.setVisible(len(entries) >= page_size)

    def _verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.result_label.setText(self.tr("Checking…"))
        self.verify_requested.emit()

    def show_check(self, check: AuditCheck) -> None:
        self.verify_button.setEnabled(True)
        result = self.result_label
        if check.ok:
            result.setProperty("ok", True)
            result.setText(self.tr("The chain is intact: %n entry(s) checked, none changed or removed.",
                                   "", check.entries))
        else:
            result.setProperty("ok", False)
            broken = "?" if check.first_broken is None else str(check.first_broken)
            result.setText(self.tr("The chain is broken at entry %1. An entry was changed or removed "
                                   "outside Signaal. Do not delete anything; contact your "
                                   "administrator.").replace("%1", broken))

    def show_error(self, text: str) -> None:
        self.verify_button.setEnabled(True)
        self.result_label.setText(text)
