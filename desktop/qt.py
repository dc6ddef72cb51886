"""The one place that imports PySide6.

Everything in ``desktop/`` that needs Qt imports it from here, so a change of binding or a
workaround for a Qt bug happens in one file (the habit of qutebrowser's ``qutebrowser/qt``).
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot

_MODULES = (QtCore, QtGui, QtWidgets)


def __getattr__(name: str) -> object:
    """Every other Qt name on first use: ``from desktop.qt import QLabel``.

    Resolving a PySide6 class builds its Python enums, which is most of PySide6's import cost;
    resolving names only when a module asks for them keeps the first screen quick. ``QTest`` is
    here too, for tests and benchmarks only.
    """
    if name == "QTest":
        from PySide6.QtTest import QTest

        return QTest
    if name.startswith("Q"):
        for module in _MODULES:
            value = getattr(module, name, None)
            if value is not None:
                globals()[name] = value
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Bare ``translate("Context", "text")`` calls are what pyside6-lupdate recognises outside
# QObject methods; this alias lets modules use that form.
translate = QCoreApplication.translate

QT_VERSION = QtCore.qVersion()

__all__ = ["QT_VERSION", "QCoreApplication", "Qt", "QtCore", "QtGui", "QtWidgets", "Signal", "Slot",
           "translate"]
