"""What keeps an unattended Signaal closed: the inactivity timer, the lock key from every screen,
the clipboard that forgets Signaal's text on lock, and wiping what dialogs still show.

The main window owns one :class:`LockGuard`. The guard decides *when* to lock (it emits
``lock_requested``); the window does the locking (saving what is typed, closing the store).
"""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QEvent, QObject, QTimer, Signal

# Only names the first screen already resolved: this module is imported with the main window, and
# resolving more PySide6 classes (or the Qt namespace) would slow the first paint (see desktop.qt).
# The rest is reached through the modules (QtCore.Qt, QtGui.QKeyEvent, QtWidgets.QDialog) when
# it is used.
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desktop.ui.common import wipe

log = logging.getLogger(__name__)

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride,
})


def is_lock_key(event: QEvent) -> bool:
    """Ctrl+L (also with the keypad modifier some layouts add)."""
    if not isinstance(event, QtGui.QKeyEvent):
        return False
    qt = QtCore.Qt
    modifiers = event.modifiers() & ~qt.KeyboardModifier.KeypadModifier
    return bool(event.key() == qt.Key.Key_L and modifiers == qt.KeyboardModifier.ControlModifier)


class ActivityFilter(QObject):
    """Application-wide: every key press, click, move or wheel counts as activity.

    It also catches the lock shortcut where the window's own action cannot fire (a modal dialog
    is open): "hide now" must work from every screen.
    """

    activity = Signal()
    lock_pressed = Signal()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            self.activity.emit()
            if kind == QEvent.Type.KeyPress and is_lock_key(event):
                self.lock_pressed.emit()
                return True
        return False


class LockGuard(QObject):
    """Inactivity timer, lock key and clipboard hygiene for one window.

    Signals:
        lock_requested(str): lock now; the reason is ``inactive`` or ``key``.

    Attributes:
        timer: the inactivity timer (single shot; runs only while armed).
    """

    lock_requested = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.armed = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._inactive)
        self._activity = ActivityFilter(self)
        self._activity.activity.connect(self._active)
        self._activity.lock_pressed.connect(self._lock_key)
        self._watching = False
        # Fingerprints (Python's own hash, in memory only) of text copied while Signaal was in use,
        # to recognise it on lock without keeping the text. Not hashlib: the first screen loads this.
        self._clipboard_hashes: set[int] = set()
        if QApplication.instance() is not None:
            QApplication.clipboard().dataChanged.connect(self._clipboard_changed)

    # -- arming ---------------------------------------------------------------------------------
    def arm(self) -> None:
        """The store is open: count inactivity from now."""
        self.armed = True
        self.timer.start()

    def disarm(self) -> None:
        """The store is closed: nothing to lock."""
        self.armed = False
        self.timer.stop()

    def set_autolock_ms(self, ms: int) -> None:
        """The inactivity time before an automatic lock (tests use a short one)."""
        self.timer.setInterval(max(50, int(ms)))
        if self.armed:
            self.timer.start()

    def watch_input(self) -> None:
        """Watch all input from now on. Installed after the first paint: earlier, PySide6 would
        wrap every object of the first paint for the filter."""
        app = QApplication.instance()
        if app is not None and not self._watching:
            app.installEventFilter(self._activity)
            self._watching = True

    def _active(self) -> None:
        if self.armed:
            self.timer.start()

    def _lock_key(self) -> None:
        if self.armed:
            self.lock_requested.emit("key")

    def _inactive(self) -> None:
        if self.armed:
            log.info("locked after inactivity")
            self.lock_requested.emit("inactive")

    # -- clipboard ------------------------------------------------------------------------------
    def _clipboard_changed(self) -> None:
        clipboard = QApplication.clipboard()
        if clipboard.ownsClipboard() or QApplication.activeWindow() is not None or self.armed:
            text = clipboard.text()
            if text:
                self._clipboard_hashes.add(hash(text))

    def clear_clipboard(self) -> None:
        """Empty the clipboard if it holds text copied from Signaal (and our X11 selection)."""
        clipboard = QApplication.clipboard()
        text = clipboard.text()
        if clipboard.ownsClipboard() or (text and hash(text) in self._clipboard_hashes):
            clipboard.clear()
        # X11's primary selection holds whatever was last selected in one of our fields.
        if clipboard.supportsSelection() and clipboard.ownsSelection():
            clipboard.clear(clipboard.Mode.Selection)
        self._clipboard_hashes.clear()

    # -- dialogs --------------------------------------------------------------------------------
    @staticmethod
    def close_dialogs(owner: QWidget) -> None:
        """Wipe, hide and delete every open dialog (settings, audit, a question) except ``owner``."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QtWidgets.QDialog) and widget is not owner:
                wipe_widgets(widget)
                widget.hide()
                widget.deleteLater()

    def stop(self) -> None:
        """The window closes: stop listening."""
        self.disarm()
        app = QApplication.instance()
        if app is not None:
            if self._watching:
                app.removeEventFilter(self._activity)
                self._watching = False
            try:
                QApplication.clipboard().dataChanged.disconnect(self._clipboard_changed)
            except (RuntimeError, TypeError):
                log.debug("clipboard was already disconnected")


def wipe_widgets(root: QWidget) -> None:
    """Empty every text-bearing widget under ``root`` now (deletion happens later)."""
    w = QtWidgets
    for edit in root.findChildren(w.QLineEdit):
        wipe(edit)
    for text in root.findChildren(w.QPlainTextEdit):
        text.clear()
    for browser in root.findChildren(w.QTextBrowser):
        browser.clear()
    for label in root.findChildren(QLabel):
        label.clear()
    for lst in root.findChildren(w.QListWidget):
        lst.clear()
    for table in root.findChildren(w.QTableWidget):
        table.setRowCount(0)
    for combo in root.findChildren(w.QComboBox):
        if combo.isEditable():
            combo.clearEditText()
    if isinstance(root, w.QDialog):
        root.setWindowTitle("Signaal")
