"""Small Qt helpers shared by the Qt side: ``translate``, :func:`set_enum_property`, ``QT_VERSION``.

Modules import Qt's classes from PySide6 themselves (``from PySide6.QtWidgets import QLabel``),
each only what it uses. PySide6 builds a class (and its Python enums, most of its import cost)
when a module first names it, so what the first screen costs follows from which modules it
imports: see "Start-up" in docs/architecture.md.
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication


def set_enum_property(obj: QtCore.QObject, name: str, key: str) -> None:
    """Set a Qt enum or flags property by the name of its value, through Qt's meta-object:
    ``set_enum_property(label, "alignment", "AlignCenter")`` is
    ``label.setAlignment(Qt.AlignmentFlag.AlignCenter)`` without building PySide6's ``Qt``
    namespace (some 90 enums, ~10 ms) for widgets of the first screen. Flags take ``"A|B"``.
    """
    if not obj.setProperty(name, key):
        raise ValueError(f"{type(obj).__name__}.{name} cannot be set to {key!r}")


# Bare ``translate("Context", "text")`` calls are what pyside6-lupdate recognises outside
# QObject methods; this alias lets modules use that form.
translate = QCoreApplication.translate

QT_VERSION = QtCore.qVersion()

__all__ = ["QT_VERSION", "set_enum_property", "translate"]
