"""The one place that imports PySide6.

Everything in ``desktop/`` that needs Qt imports it from here, so a change of binding or a
workaround for a Qt bug happens in one file (the habit of qutebrowser's ``qutebrowser/qt``).
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QCoreApplication, Signal, Slot

_MODULES = (QtCore, QtGui, QtWidgets)


def __getattr__(name: str) -> object:
    """Every other Qt name on first use: ``from desktop.qt import QLabel``.

    Resolving a PySide6 class builds its Python enums, which is most of PySide6's import cost;
    resolving names only when a module asks for them keeps the first screen quick. That holds for
    ``Qt`` too: its namespace builds some 90 enums (~10 ms), so the modules on the way to the
    first screen use it only in code that runs later, and :func:`set_enum_property` before.
    ``QTest`` is here too, for tests and benchmarks only.
    """
    if name == "QTest":
        from PySide6.QtTest import QTest

        return QTest
    if name == "QNetworkInformation":  # QtNetwork only where it is needed (the status bar)
        from PySide6.QtNetwork import QNetworkInformation

        return QNetworkInformation
    if name.startswith("Q"):
        for module in _MODULES:
            value = getattr(module, name, None)
            if value is not None:
                globals()[name] = value
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def set_enum_property(obj: QtCore.QObject, name: str, key: str) -> None:
    """Set a Qt enum or flags property by the name of its value, through Qt's meta-object:
    ``set_enum_property(label, "alignment", "AlignCenter")`` is
    ``label.setAlignment(Qt.AlignmentFlag.AlignCenter)`` without building PySide6's ``Qt``
    namespace (for widgets of the first screen). Flags take ``"A|B"``.
    """
    if not obj.setProperty(name, key):
        raise ValueError(f"{type(obj).__name__}.{name} cannot be set to {key!r}")


# Bare ``translate("Context", "text")`` calls are what pyside6-lupdate recognises outside
# QObject methods; this alias lets modules use that form.
translate = QCoreApplication.translate

QT_VERSION = QtCore.qVersion()

__all__ = ["QT_VERSION", "QCoreApplication", "Qt", "QtCore", "QtGui", "QtWidgets", "Signal",  # noqa: F822 (Qt: __getattr__)
           "Slot", "set_enum_property", "translate"]
