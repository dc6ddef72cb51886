"""The dialogs the main window opens from its menus: Settings, the audit log, About.

Each function builds its dialog, connects it to store operations on the worker, opens it and
returns it (the window keeps a reference, so tests and the lock can find it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core import handoff
from desktop.qt import translate
from desktop.ui.about import AboutDialog
from desktop.ui.audit import AuditDialog
from desktop.ui.common import error_text, report_if_unexpected
from desktop.ui.settings import SettingsDialog
from desktop.worker import StoreInfo, StoreWorker

AUDIT_PAGE = 200


def open_settings(parent: QWidget, worker: StoreWorker, values: dict[str, Any], lang: str, *,
                  connection_panel: QWidget | None,
                  apply: Callable[[dict[str, Any]], None],
                  wipe: Callable[[], None]) -> SettingsDialog:
    """Settings with the current ``values``; ``apply`` gets what the user saved; ``wipe`` runs
    when the user asks to erase everything (it asks for confirmation itself)."""
    dialog = SettingsDialog(values, parent, connection_panel=connection_panel)
    dialog.apply_requested.connect(apply)

    def change_passphrase(old: str, new: str) -> None:
        def done(_result: object) -> None:
            dialog.passphrase_result(True, translate(
                "MainWindow", "Your passphrase has been changed. Use the new one from now on."))

        def failed(exc: BaseException) -> None:
            dialog.passphrase_result(False, error_text(exc, lang))

        worker.submit(lambda store: store.change_passphrase(old, new), done, failed)

    dialog.change_passphrase_requested.connect(change_passphrase)
    dialog.wipe_requested.connect(wipe)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def open_audit(parent: QWidget, worker: StoreWorker, lang: str) -> AuditDialog:
    """The audit log, a page at a time, with "verify" checking the whole chain."""
    dialog = AuditDialog(parent)
    dialog.finished.connect(dialog.deleteLater)

    def shown_error(exc: BaseException) -> None:
        dialog.show_error(error_text(exc, lang))

    def more(offset: int) -> None:
        worker.submit(lambda store: store.audit_entries(offset=offset, limit=AUDIT_PAGE),
                      lambda entries: dialog.add_entries(entries, AUDIT_PAGE), shown_error)

    dialog.more_requested.connect(more)
    dialog.verify_requested.connect(
        lambda: worker.submit(lambda store: store.verify_audit(), dialog.show_check, shown_error))
    dialog.open()
    more(0)
    return dialog


def open_about(parent: QWidget, data_dir: str, store_info: StoreInfo | None, lang: str) -> AboutDialog:
    dialog = AboutDialog(data_dir, store_info, lang, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def inform(parent: QWidget, title: str, text: str) -> QMessageBox:
    """A plain message with OK, opened (not blocking); returned so it can be found and closed."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.open()
    return box


def ask(parent: QWidget, title: str, text: str, *, yes: str, no: str,
        on_yes: Callable[[], None]) -> QMessageBox:
    """A question with two buttons, opened (not blocking); ``no`` is the default and Escape."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    reject = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reject)
    box.setEscapeButton(reject)
    accept.clicked.connect(on_yes)
    box.open()
    return box


class WipeDialog(QDialog):
    """Asks for the erase to be typed (never a single click) and says plainly what is lost.

    Signals:
        confirmed(): the phrase was typed and "Erase everything" pressed.
    """

    confirmed = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wipeDialog")
        self.setModal(True)
        self.phrase = ("ERASE EVERYTHING" if lang == "en" else "ALLES WISSEN")
        layout = QVBoxLayout(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.typed = QLineEdit(self)
        layout.addWidget(self.typed)
        self.buttons = QDialogButtonBox(self)
        self.erase_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.setObjectName("danger")
        self.erase_button.setEnabled(False)
        self.erase_button.setAutoDefault(False)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)
        layout.addWidget(self.buttons)
        self.typed.textChanged.connect(
            lambda text: self.erase_button.setEnabled(text.strip().upper() == self.phrase))
        self.erase_button.clicked.connect(self._erase)
        self.buttons.rejected.connect(self.reject)
        self.setWindowTitle(translate("WipeDialog", "Erase everything"))
        self.text.setText(translate(
            "WipeDialog",
            "This makes everything of Signaal on this computer unreadable at once and removes it: "
            "drafts, reports that have not been sent, receipts, the audit log, settings and the "
            "connection to CoMensha. It cannot be undone, and nothing of it can be kept, not even a "
            "note that it happened. Backups and hand-off files on USB disks are not touched.\n\n"
            "Type %1 to confirm.").replace("%1", self.phrase))
        self.typed.setAccessibleName(translate("WipeDialog", "Type the words to confirm"))
        self.erase_button.setText(translate("WipeDialog", "Erase everything"))
        self.typed.setFocus()

    def _erase(self) -> None:
        if self.typed.text().strip().upper() == self.phrase:
            self.confirmed.emit()
            self.accept()


def choose_file(parent: QWidget, title: str, *, save: bool, suggested: str = "") -> str:
    """The system's file dialog for a JSON file (a USB disk); "" when cancelled."""
    if save:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, "JSON (*.json)")
    else:
        path, _ = QFileDialog.getOpenFileName(parent, title, "", "JSON (*.json)")
    return str(path)


def write_handoff(parent: QWidget, worker: StoreWorker, lang: str, path: str) -> None:
    """Write the reports waiting to be sent into a hand-off file at ``path`` (for a USB disk)."""
    def done(written: handoff.HandoffWritten) -> None:
        inform(parent, translate("MainWindow", "Hand-off file"), translate(
            "MainWindow", "%n report(s) written to the hand-off file. Give it to CoMensha; the "
                          "reports stay waiting here until their receipts come back.", "", written.count))

    def failed(exc: BaseException) -> None:
        report_if_unexpected(exc)
        inform(parent, translate("MainWindow", "Hand-off file"), error_text(exc, lang))

    worker.submit(lambda store: handoff.write_handoff_file(store, path), done, failed)


def read_receipts(parent: QWidget, worker: StoreWorker, lang: str, path: str) -> None:
    """Apply a receipts file from CoMensha: the reports it covers become sent."""
    def done(applied: handoff.ReceiptsApplied) -> None:
        inform(parent, translate("MainWindow", "Receipts"), translate(
            "MainWindow", "%n report(s) now sent, with a receipt that checks out.", "", applied.applied)
            + ("" if not applied.refused else " " + translate(
                "MainWindow", "%n receipt(s) did not check out and were not used.", "", applied.refused)))

    def failed(exc: BaseException) -> None:
        report_if_unexpected(exc)
        inform(parent, translate("MainWindow", "Receipts"), error_text(exc, lang))

    try:
        data = Path(path).read_bytes()
    except OSError:
        inform(parent, translate("MainWindow", "Receipts"), translate(
            "MainWindow", "The receipts file could not be read. Is the USB disk still in?"))
        return
    worker.submit(lambda store: handoff.apply_receipts_file(store, data), done, failed)
