"""Unexpected exceptions: one dialog, a copyable report with content redacted, the log without content.

``sys.excepthook`` may be called from any thread; it only emits a Signal, and the dialog is shown
in the GUI thread (Electrum's ``exception_window`` habit). The same exception type at the same
place is shown once per session; later ones only go to the log.
"""

from __future__ import annotations

import logging
import platform
import re
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.qt import QT_VERSION, translate

log = logging.getLogger("signaal.crash")

_QUOTED = re.compile(r"(['\"]).*?\1")


def redacted_report(exc_type: type[BaseException], exc: BaseException,
                    tb: TracebackType | None) -> str:
    """Type, place and call stack; never the exception message, locals or source lines.

    Exception messages and source lines can hold what a user typed (an answer, a name); the stack
    of file:line:function is enough to find a bug.
    """
    lines = [
        f"Signaal {__version__}, Python {platform.python_version()}, Qt {QT_VERSION}, {platform.system()}",
        f"{exc_type.__module__}.{exc_type.__qualname__}: <message redacted>",
        "Traceback (most recent call last):",
    ]
    for frame in traceback.extract_tb(tb):
        filename = frame.filename
        for marker in ("/desktop/", "/forms/", "/sync/", "/site-packages/"):
            if marker in filename:
                filename = filename[filename.index(marker) + 1:]
                break
        else:
            filename = filename.rsplit("/", 1)[-1]
        lines.append(f"  {filename}:{frame.lineno} in {frame.name}")
    cause = exc.__cause__ or exc.__context__
    if cause is not None:
        lines.append(f"caused by {type(cause).__module__}.{type(cause).__qualname__}")
    return "\n".join(lines)


class ExceptionHook(QObject):
    """Routes ``sys.excepthook`` to one dialog in the GUI thread.

    Signals:
        caught(str, str): a redacted report and a key for "same bug" de-duplication.
    """

    caught = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._seen: set[str] = set()
        self._previous = sys.excepthook
        self.caught.connect(self._show)
        self.dialog: CrashDialog | None = None
        self.enabled_dialogs = True

    def install(self) -> None:
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        report = redacted_report(exc_type, exc, tb)
        log.error("unexpected error\n%s", report)
        frames = traceback.extract_tb(tb)
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""
        self.caught.emit(report, f"{exc_type.__qualname__}@{where}")

    def _show(self, report: str, key: str) -> None:
        if key in self._seen or not self.enabled_dialogs:
            return
        self._seen.add(key)
        parent = QApplication.activeWindow()
        self.dialog = CrashDialog(report, parent)
        self.dialog.open()


class CrashDialog(QDialog):
    """Tells the user plainly what happened and offers a report they can copy for support."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("CrashDialog", "Signaal — unexpected problem"))
        layout = QVBoxLayout(self)
        text = QLabel(
            translate(
                "CrashDialog",
                "Signaal ran into a problem it did not expect. What you saved is safe; what you typed in "
                "the last seconds may need to be typed again. If this keeps happening, copy the report "
                "below and send it to your administrator. It contains no answers or names.",
            ),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setPlainText(report)
        self.report.setAccessibleName(translate("CrashDialog", "Problem report"))
        layout.addWidget(self.report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton(translate("CrashDialog", "&Copy report"),
                                 QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(self.report.toPlainText()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 380)
