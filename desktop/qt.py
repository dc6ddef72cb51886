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
from PySide6.QtCore import (  # noqa: E402
    Property,
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QDate,
    QElapsedTimer,
    QEvent,
    QItemSelectionModel,
    QLibraryInfo,
    QLocale,
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    QSettings,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QThread,
    QTimer,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtGui import (  # noqa: E402
    QAction,
    QClipboard,
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QImage,
    QIntValidator,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QStatusBar,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWhatsThis,
    QWidget,
)


def __getattr__(name: str) -> object:
    """``QTest`` on demand: tests and benchmarks use it, the app's start-up does not pay for it."""
    if name == "QTest":
        from PySide6.QtTest import QTest

        return QTest
    raise AttributeError(name)

# Bare ``translate("Context", "text")`` calls are what pyside6-lupdate recognises outside
# QObject methods; this alias lets modules use that form.
translate = QCoreApplication.translate

QT_VERSION = QtCore.qVersion()

__all__ = [
    "QT_VERSION",
    "Property",
    "QAbstractButton",
    "QAbstractItemView",
    "QAbstractListModel",
    "QAbstractTableModel",
    "QAction",
    "QApplication",
    "QButtonGroup",
    "QByteArray",
    "QCheckBox",
    "QClipboard",
    "QColor",
    "QComboBox",
    "QCompleter",
    "QCoreApplication",
    "QDate",
    "QDateEdit",
    "QDialog",
    "QDialogButtonBox",
    "QElapsedTimer",
    "QEvent",
    "QFont",
    "QFormLayout",
    "QFrame",
    "QGridLayout",
    "QGroupBox",
    "QGuiApplication",
    "QHBoxLayout",
    "QHeaderView",
    "QIcon",
    "QImage",
    "QIntValidator",
    "QItemSelectionModel",
    "QKeySequence",
    "QLabel",
    "QLibraryInfo",
    "QLineEdit",
    "QListWidget",
    "QListWidgetItem",
    "QLocale",
    "QMainWindow",
    "QMessageBox",
    "QModelIndex",
    "QObject",
    "QPainter",
    "QPainterPath",
    "QPalette",
    "QPen",
    "QPixmap",
    "QPlainTextEdit",
    "QPoint",
    "QProgressBar",
    "QPushButton",
    "QRadioButton",
    "QRect",
    "QScrollArea",
    "QSettings",
    "QShortcut",
    "QSize",
    "QSizePolicy",
    "QSortFilterProxyModel",
    "QSpinBox",
    "QSplitter",
    "QStackedWidget",
    "QStatusBar",
    "QTableView",
    "QTableWidget",
    "QTableWidgetItem",
    "QTextBrowser",
    "QThread",
    "QTimer",
    "QToolButton",
    "QToolTip",
    "QTranslator",
    "QVBoxLayout",
    "QWhatsThis",
    "QWidget",
    "Qt",
    "QtCore",
    "QtGui",
    "QtWidgets",
    "Signal",
    "Slot",
    "translate",
]
