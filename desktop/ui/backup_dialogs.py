"""Backup to a file (a USB disk) and restoring one: the two dialogs.

The dialogs only collect a file and passphrases and show the outcome; the work (desktop.core.backup)
runs on the store thread through the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core import backup
from desktop.core.store.keys import SecretStore
from desktop.qt import translate
from desktop.ui.common import PassphraseEdit, error_text, report_if_unexpected
from desktop.ui.window_dialogs import inform
from desktop.worker import StoreInfo, StoreWorker

FILTER = "Signaal (*.signaal-backup)"


def _path_row(parent: QWidget, edit: QLineEdit, browse: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(browse)
    return row


def _problem_and_buttons(dialog: QDialog, layout: QVBoxLayout, action: str,
                         submit: Callable[[], None]) -> tuple[QLabel, QDialogButtonBox, QPushButton]:
    """The line that names what is wrong (hidden until something is), Cancel and the main button."""
    problem = QLabel(dialog)
    problem.setObjectName("problem")
    problem.setWordWrap(True)
    problem.hide()
    layout.addWidget(problem)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, dialog)
    main = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
    main.setObjectName("primary")
    buttons.accepted.connect(submit)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return problem, buttons, main


class BackupDialog(QDialog):
    """Where to write the backup and its own passphrase (twice).

    Signals:
        backup_requested(str, str): the target file and the backup passphrase.
    """

    backup_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self.setModal(True)
        self.setWindowTitle(translate("BackupDialog", "Make a backup"))
        layout = QVBoxLayout(self)
        self.intro = QLabel(translate(
            "BackupDialog",
            "A backup holds everything in Signaal on this computer, encrypted with a passphrase of its "
            "own. Keep that passphrase apart from the backup: without it the backup cannot be opened, "
            "also not by you."), self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.path = QLineEdit(self)
        self.browse = QPushButton(translate("BackupDialog", "Choose…"), self)
        self.browse.clicked.connect(self._choose)
        form.addRow(translate("BackupDialog", "File"), _path_row(self, self.path, self.browse))
        self.passphrase = PassphraseEdit(self)
        self.repeat = PassphraseEdit(self)
        form.addRow(translate("BackupDialog", "Backup passphrase"), self.passphrase)
        form.addRow(translate("BackupDialog", "Repeat it"), self.repeat)
        layout.addLayout(form)
        self.problem, self.buttons, self.make_button = _problem_and_buttons(
            self, layout, translate("BackupDialog", "Make backup"), self._submit)
        self.resize(560, 300)

    def _choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, translate("BackupDialog", "Make a backup"), "", FILTER)
        if path:
            self.path.setText(path)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.make_button.setEnabled(True)

    def _submit(self) -> None:
        if not self.path.text().strip():
            self.show_problem(translate("BackupDialog",
                                        "Choose where the backup goes, for example a USB disk."))
        elif self.passphrase.text() != self.repeat.text():
            self.show_problem(translate("BackupDialog", "The two passphrases are not the same."))
        else:
            self.show_problem("")
            self.make_button.setEnabled(False)
            self.backup_requested.emit(self.path.text().strip(), self.passphrase.text())


class RestoreDialog(QDialog):
    """A backup file, its passphrase, and the passphrase the restored store gets on this computer.

    Signals:
        restore_requested(str, str, str): the file, the backup passphrase, the new store passphrase.
    """

    restore_requested = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setModal(True)
        self.setWindowTitle(translate("RestoreDialog", "Restore a backup"))
        layout = QVBoxLayout(self)
        self.intro = QLabel(translate(
            "RestoreDialog",
            "Puts everything from a backup on this computer, for example after a new laptop. You choose "
            "the passphrase you will unlock Signaal with here."), self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.path = QLineEdit(self)
        self.browse = QPushButton(translate("RestoreDialog", "Choose…"), self)
        self.browse.clicked.connect(self._choose)
        form.addRow(translate("RestoreDialog", "Backup file"), _path_row(self, self.path, self.browse))
        self.backup_passphrase = PassphraseEdit(self)
        form.addRow(translate("RestoreDialog", "Backup passphrase"), self.backup_passphrase)
        self.passphrase = PassphraseEdit(self)
        self.repeat = PassphraseEdit(self)
        form.addRow(translate("RestoreDialog", "New passphrase for Signaal"), self.passphrase)
        form.addRow(translate("RestoreDialog", "Repeat it"), self.repeat)
        layout.addLayout(form)
        self.problem, self.buttons, self.restore_button = _problem_and_buttons(
            self, layout, translate("RestoreDialog", "Restore"), self._submit)
        self.resize(560, 320)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("RestoreDialog", "Restore a backup"), "",
                                              FILTER)
        if path:
            self.path.setText(path)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.restore_button.setEnabled(True)

    def _submit(self) -> None:
        if not self.path.text().strip():
            self.show_problem(translate("RestoreDialog", "Choose the backup file."))
        elif self.passphrase.text() != self.repeat.text():
            self.show_problem(translate("RestoreDialog", "The two new passphrases are not the same."))
        else:
            self.show_problem("")
            self.restore_button.setEnabled(False)
            self.restore_requested.emit(self.path.text().strip(), self.backup_passphrase.text(),
                                        self.passphrase.text())


def start_backup(parent: QWidget, worker: StoreWorker, lang: str) -> BackupDialog:
    """The backup dialog, wired: the backup is written on the store thread; the dialog then says
    what it holds (counts and dates, no content), or what went wrong."""
    dialog = BackupDialog(parent)
    dialog.finished.connect(dialog.deleteLater)

    def write(path: str, passphrase: str) -> None:
        def done(summary: backup.BackupSummary) -> None:
            dialog.accept()
            inform(parent, translate("BackupDialog", "Backup made"), summary.text(lang))

        def failed(exc: BaseException) -> None:
            report_if_unexpected(exc)
            dialog.show_problem(error_text(exc, lang) if not isinstance(exc, OSError) else translate(
                "BackupDialog", "The backup could not be written there. Is the USB disk still in, and "
                                "is there room on it?"))

        worker.submit(lambda store: backup.write_backup(store, path, passphrase), done, failed)

    dialog.backup_requested.connect(write)
    dialog.open()
    return dialog


def start_restore(parent: QWidget, worker: StoreWorker, data_dir: Path, secrets: SecretStore | None,
                  lang: str, on_opened: Callable[[StoreInfo], None]) -> RestoreDialog:
    """The restore dialog, wired: on the first start (no store here yet) the backup becomes this
    computer's store, under the new passphrase; ``on_opened`` gets it like an unlock does."""
    dialog = RestoreDialog(parent)
    dialog.finished.connect(dialog.deleteLater)

    def restore(path: str, backup_passphrase: str, passphrase: str) -> None:
        def done(info: StoreInfo) -> None:
            dialog.accept()
            on_opened(info)

        def failed(exc: BaseException) -> None:
            report_if_unexpected(exc)
            dialog.show_problem(error_text(exc, lang) if not isinstance(exc, OSError) else translate(
                "RestoreDialog", "The backup file could not be read. Is the USB disk still in?"))

        worker.open_with(lambda: backup.restore_backup(path, backup_passphrase, data_dir, passphrase,
                                                       secrets=secrets).store, on_done=done, on_error=failed)

    dialog.restore_requested.connect(restore)
    dialog.open()
    return dialog
