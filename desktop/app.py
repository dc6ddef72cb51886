"""Start the Signaal window: ``desktop.app.main(args)`` (args from ``desktop.__main__``).

Start-up stays light: the store, crypto and the forms catalogue are imported on the worker thread
or on first use, so the first screen shows quickly.

The log says when the app started and when its first screen (first start or unlock) was painted
(``FIRST_SCREEN_LOGGED``): how long a start took on a field laptop, read from its own log. The
start-up benchmark and the frozen-app check read the same line.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtGui, QtWidgets
from PySide6.QtCore import QLockFile, QTimer

# QIcon and QMessageBox by their module: they are used after the first paint (the icon) or
# instead of it (already running), so their classes are not resolved on the way to it.
from PySide6.QtWidgets import QApplication

from desktop import __version__, i18n
from desktop.core import paths
from desktop.qt import translate
from desktop.ui.main_window import DeliveryFactory, MainWindow, workspace

if TYPE_CHECKING:
    from desktop.core.store import Store
    from desktop.sending import SyncController
    from desktop.worker import StoreWorker

log = logging.getLogger("signaal")

FIRST_SCREEN_LOGGED = "first screen shown"


def setup_logging(data_dir: Path, *, rotate: bool = True) -> logging.Handler:
    """A small rotating log in the data dir (0600). It never holds answers, names or keys.

    ``rotate=False`` appends to the same file without rotating it yet: ``logging.handlers``
    (socket, pickle: ~4 ms) comes with the workspace, right after the first paint
    (:func:`rotate_logging`, on ``MainWindow.workspace_ready``).
    """
    path = data_dir / "signaal.log"
    try:
        paths.private_file(path)
        handler: logging.Handler = (_rotating_handler(path) if rotate
                                    else logging.FileHandler(path, encoding="utf-8"))
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handler


def _rotating_handler(path: Path) -> logging.Handler:
    handler: logging.Handler = workspace().RotatingFileHandler(path, maxBytes=512_000, backupCount=2,
                                                               encoding="utf-8")
    return handler


def rotate_logging(handler: logging.Handler) -> logging.Handler:
    """Replace the plain file handler of ``setup_logging(rotate=False)`` by the rotating one."""
    if type(handler) is not logging.FileHandler:  # a stream (no file), or rotating already
        return handler
    rotating = _rotating_handler(Path(handler.baseFilename))
    rotating.setFormatter(handler.formatter)
    root = logging.getLogger()
    # One list assignment: a record logged meanwhile by another thread goes to one of the two.
    root.handlers = [rotating if h is handler else h for h in root.handlers]
    handler.close()
    return rotating


def load_style(app: QApplication) -> None:
    qss = paths.resource_dir() / "style.qss"
    try:
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    except OSError:
        log.warning("stylesheet not found")


def app_icon() -> QtGui.QIcon:
    icons = paths.resource_dir() / "icons"
    icon = QtGui.QIcon()
    for name in ("signaal.svg", "signaal.png"):
        if (icons / name).exists():
            icon.addFile(str(icons / name))
    return icon


def make_application(argv: list[str] | None = None, *, icon: bool = True) -> QApplication:
    """The QApplication with Signaal's names, style and icon (reuses an existing one).

    ``icon=False`` leaves the window icon to the caller (``main`` sets it right after the first
    paint: decoding the PNG costs more than the rest of this function).
    """
    existing = QApplication.instance()
    if existing is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    elif isinstance(existing, QApplication):
        app = existing
    else:  # a programming error: Signaal's windows need a QApplication
        raise RuntimeError("a QCoreApplication without widgets is already running")
    app.setApplicationName("Signaal")
    app.setOrganizationName("CoMensha")
    app.setApplicationVersion(__version__)
    if icon:
        app.setWindowIcon(app_icon())
    load_style(app)
    return app


def create_window(data_dir: str | os.PathLike[str], *, lang: str | None = None, secrets: Any = None,
                  kdf: str = "moderate", store_class: type[Store] | None = None,
                  delivery: DeliveryFactory | None = None) -> MainWindow:
    """A MainWindow on ``data_dir`` (tests pass a test secret store and ``kdf="test"``)."""
    make_application()
    return MainWindow(data_dir, lang=lang, secrets=secrets, kdf=kdf, store_class=store_class,
                      delivery=delivery)


def start_delivery(data_dir: Path) -> DeliveryFactory:
    """The app's delivery: a sync controller on the window's store worker, which also sends from
    the spool while the store is locked (it knows the data folder for that)."""

    def make(worker: StoreWorker) -> SyncController:
        controller: SyncController = workspace().SyncController(worker, data_dir=data_dir)
        return controller

    return make


INSTANCE_LOCK = "signaal.lock"


def acquire_instance_lock(data_dir: Path) -> Any:
    """One Signaal per data folder: a second window on the same store could overwrite a draft
    with older answers. Returns the held ``QLockFile``, or ``None`` when another one runs.
    A lock left by a crashed Signaal is taken over (Qt checks whether its process still lives)."""
    lock = QLockFile(str(data_dir / INSTANCE_LOCK))
    lock.setStaleLockTime(0)
    return lock if lock.tryLock(200) else None


def _already_running(app: QApplication) -> int:
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    app.setWindowIcon(app_icon())
    QtWidgets.QMessageBox.information(
        None, "Signaal",
        translate("App", "Signaal is already open on this computer. Use that window; it may be "
                         "hidden behind other windows or locked."))
    return 0


class _CrashHook:
    """``sys.excepthook`` from the start: :class:`desktop.ui.errors.ExceptionHook`, which comes with
    the workspace right after the first paint (``MainWindow.workspace_ready``), or at once by an
    exception before that."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._previous = sys.excepthook
        self.hook: Any = None
        sys.excepthook = self._early

    def load(self) -> Any:
        if self.hook is None:
            if sys.excepthook == self._early:
                sys.excepthook = self._previous
            self.hook = workspace().ExceptionHook(self._app)
            self.hook.install()
        return self.hook

    def _early(self, exc_type: type[BaseException], exc: BaseException, tb: Any) -> None:
        if threading.current_thread() is not threading.main_thread():  # no QObject made there
            self._previous(exc_type, exc, tb)
            return
        self.load().handle(exc_type, exc, tb)

    def uninstall(self) -> None:
        if self.hook is not None:
            self.hook.uninstall()
        elif sys.excepthook == self._early:
            sys.excepthook = self._previous


def main(args: argparse.Namespace) -> int:
    """Run the app until the window closes; returns the exit code."""
    data_dir = paths.data_dir()
    log_handler = setup_logging(data_dir, rotate=False)
    app = make_application(icon=False)
    instance = acquire_instance_lock(data_dir)
    if instance is None:
        return _already_running(app)
    hook = _CrashHook(app)

    # Not create_window: that would apply the style sheet again and set the icon before the paint.
    window = MainWindow(data_dir, lang=args.lang, delivery=start_delivery(data_dir))
    window.first_screen_shown.connect(lambda: log.info(FIRST_SCREEN_LOGGED))
    # The icon in the event-loop turn after the first paint (see make_application).
    window.first_screen_shown.connect(lambda: QTimer.singleShot(0, lambda: app.setWindowIcon(app_icon())))
    window.workspace_ready.connect(hook.load)
    window.workspace_ready.connect(lambda: rotate_logging(log_handler))
    window.show()
    log.info("Signaal %s started", __version__)
    code = app.exec()
    hook.uninstall()
    instance.unlock()
    return int(code)
