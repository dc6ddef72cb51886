"""Free text: one line (names, places) or several (what happened)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.qt import translate
from desktop.ui.fields.base import FieldWidget
from forms.model import IdentifyingTextField, LongTextField, ReferenceField, ShortTextField


class ShortTextWidget(FieldWidget[ShortTextField | IdentifyingTextField | ReferenceField]):
    """One line: a name, a place, a pseudonym, a reference number (its format is checked by forms)."""

    def build(self) -> None:
        layout = QHBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self.body)
        self.edit.setMaxLength(self.field.max_length)
        layout.addWidget(self.edit)
        self.edit.textEdited.connect(self._emit_changed)

    def focus_target(self) -> QWidget | None:
        return self.edit

    def value(self) -> str | None:
        text = self.edit.text().strip()
        return text or None

    def key_hint(self) -> str:
        return translate("Fields", "Enter: next question")

    def _apply_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class LongTextWidget(FieldWidget[LongTextField]):
    def build(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QPlainTextEdit(self.body)
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(96)
        layout.addWidget(self.edit)
        # The limit is visible before it is reached, not only once the text is too long.
        self.max_length = self.field.max_length
        self.counter = QLabel(self.body)
        self.counter.setObjectName("hint")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.counter)
        self.edit.textChanged.connect(self._update_counter)
        self.edit.textChanged.connect(self._emit_changed)

    def _update_counter(self) -> None:
        used = len(self.edit.toPlainText().strip())
        self.counter.setText(translate("Fields", "%1 of at most %2 characters").replace(
            "%1", str(used)).replace("%2", str(self.max_length)))
        over = used > self.max_length
        if self.counter.property("over") != over:
            self.counter.setProperty("over", over)
            self.counter.style().unpolish(self.counter)
            self.counter.style().polish(self.counter)

    def retranslate_body(self) -> None:
        self._update_counter()

    def focus_target(self) -> QWidget | None:
        return self.edit

    def wants_enter(self, obj: QObject) -> bool:
        return True  # a new line; Tab (or Ctrl+PgDown) moves on

    def value(self) -> str | None:
        text = self.edit.toPlainText().strip()
        return text or None

    def _apply_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))
