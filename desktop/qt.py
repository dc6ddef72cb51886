"""The one place that imports PySide6.

Everything in ``desktop/`` that needs Qt imports it from here, so a change of binding or a
workaround for a Qt bug happens in one file (the habit of qutebrowser's ``qutebrowser/qt``).
"""

from __future__ import annotations

import ctypes
import sys


def _pin_none_refcount() -> None:
    """Make ``None``, ``True`` and ``False`` effectively immortal on Python < 3.12.

    # WORKAROUND for a refcount bug in the PySide6 6.12 wheels on Python 3.11: every wrapped Qt
    # call that returns ``None`` (``processEvents()``, ``setText()``, ``parent()`` of a top-level
    # widget, ...) releases one reference to ``None`` it never took. From Python 3.12 ``None`` is
    # immortal and the bug is invisible; on 3.11 the count reaches zero within seconds of use
    # and the interpreter aborts with "none_dealloc". Raising the count by 2**40 is what 3.12
    # does by design. tests/ui/test_qt_workaround.py shows the leak and the fix.
    """
    if sys.version_info < (3, 12):
        for singleton in (None, True, False):  # the bool singletons are hit the same way
            refcount = ctypes.c_ssize_t.from_address(id(singleton))
            if refcount.value < (1 << 39):
                refcount.value += 1 << 40


_pin_none_refcount()

from PySide6 import QtCore, QtGui, QtWidgets  # noqa: E402
from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot  # noqa: E402

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
