"""Free text: one line (names, places) or several (what happened)."""

from __future__ import annotations

from typing import Any

from desktop.qt import QHBoxLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget
from desktop.ui.fields.base import FieldWidget


class ShortTextWidget(FieldWidget):
    def build(self) -> None:
        layout = QHBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self.body)
        self.edit.setMaxLength(int(getattr(self.field, "max_length", 200) or 200))
        layout.addWidget(self.edit)
        self.edit.textEdited.connect(self._emit_changed)

    def focus_target(self) -> QWidget | None:
        return self.edit

    def value(self) -> Any:
        text = self.edit.text().strip()
        return text or None

    def _apply_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class LongTextWidget(FieldWidget):
    def build(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QPlainTextEdit(self.body)
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(96)
        layout.addWidget(self.edit)
        self.edit.textChanged.connect(self._emit_changed)

    def focus_target(self) -> QWidget | None:
        return self.edit

    def value(self) -> Any:
        text = self.edit.toPlainText().strip()
        return text or None

    def _apply_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))
