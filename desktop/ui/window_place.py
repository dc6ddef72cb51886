"""Where the window opens and what it remembers between runs (no report data: size, place, language).

The preferences file lives in the data directory, never in the user's global settings, so a wipe
of the data directory leaves nothing behind.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow

PREFERENCES_FILE = "preferences.ini"


def preferences(data_dir: Path) -> QSettings:
    """Non-sensitive preferences (language, geometry) in the data dir, never the user's global file."""
    return QSettings(str(Path(data_dir) / PREFERENCES_FILE), QSettings.Format.IniFormat)


def geometry_key(window: QMainWindow) -> str:
    """Where a window's size and place are remembered: one entry per screen size, so a laptop that is
    sometimes on a large monitor opens right on either."""
    screen = window.screen()
    size = screen.availableGeometry().size() if screen is not None else None
    return f"geometry/{size.width()}x{size.height()}" if size is not None else "geometry"


def place_on_screen(window: QMainWindow, prefs: QSettings) -> None:
    """The size and place remembered for this screen; the first time, what fits the screen (at most
    1100 x 720, never larger than the screen's free area, so nothing is cut off)."""
    geometry = prefs.value(geometry_key(window))
    if geometry is not None and window.restoreGeometry(geometry):
        return
    screen = window.screen()
    if screen is None:
        window.resize(1100, 720)
        return
    free = screen.availableGeometry()
    width, height = min(1100, free.width()), min(720, free.height())
    window.resize(width, height)
    window.move(free.x() + (free.width() - width) // 2, free.y() + (free.height() - height) // 2)


def remember_place(window: QMainWindow, prefs: QSettings) -> None:
    prefs.setValue(geometry_key(window), window.saveGeometry())
    prefs.sync()


def store_files_present(data_dir: Path) -> bool:
    """A quick guess whether a store is in ``data_dir``: any file that is not Signaal's own
    preferences or log. ``Store.exists`` (on the worker) has the last word."""
    try:
        names = [p.name for p in data_dir.iterdir()]
    except OSError:
        return False
    return any(name != PREFERENCES_FILE and not name.startswith(("signaal.log", "signaal.lock"))
               for name in names)
