"""Whole numbers (with their unit) and dates typed the way people here write them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop.i18n import text as tx
from desktop.qt import QHBoxLayout, QIntValidator, QLabel, QLineEdit, QToolButton, QWidget, translate
from desktop.ui.fields.base import FieldWidget


class IntegerWidget(FieldWidget):
    def build(self) -> None:
        layout = QHBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self.body)
        self.edit.setMaximumWidth(140)
        minimum = getattr(self.field, "minimum", None)
        maximum = getattr(self.field, "maximum", None)
        self.edit.setValidator(QIntValidator(-(10**9) if minimum is None else min(minimum, 0),
                                             10**9 if maximum is None else maximum, self.edit))
        layout.addWidget(self.edit)
        self.unit = QLabel(self.body)
        layout.addWidget(self.unit)
        layout.addStretch(1)
        self.edit.textEdited.connect(self._emit_changed)

    def retranslate_body(self) -> None:
        self.unit.setText(tx(getattr(self.field, "unit", None), self.lang))

    def focus_target(self) -> QWidget | None:
        return self.edit

    def value(self) -> Any:
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            return text  # forms.validate explains what is wrong with it

    def _apply_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


def parse_date(text: str) -> dt.date | None:
    """Dates as people type them here: 31-12-2025, 31/12/2025, 31.12.2025 or 2025-12-31."""
    text = text.strip()
    if not text:
        return None
    for fmt in ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%d-%m-%y", "%d%m%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


class DateWidget(FieldWidget):
    """A plain text field for a date (dd-mm-jjjj), fully typable, with a "today" button."""

    def build(self) -> None:
        layout = QHBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self.body)
        self.edit.setMaximumWidth(140)
        layout.addWidget(self.edit)
        self.today = QToolButton(self.body)
        layout.addWidget(self.today)
        layout.addStretch(1)
        self.edit.textEdited.connect(self._emit_changed)
        self.today.clicked.connect(self._set_today)
        self._bad = False

    def retranslate_body(self) -> None:
        self.edit.setPlaceholderText(translate("Fields", "dd-mm-yyyy"))
        self.today.setText(translate("Fields", "Today"))
        self.today.setAccessibleName(translate("Fields", "Fill in today's date"))

    def _set_today(self) -> None:
        self.edit.setText(dt.date.today().strftime("%d-%m-%Y"))
        self._emit_changed()

    def focus_target(self) -> QWidget | None:
        return self.edit

    def inputs(self) -> list[QWidget]:
        return [self.edit]

    def local_problem(self) -> str | None:
        try:
            parse_date(self.edit.text())
        except ValueError:
            return translate("Fields", "This is not a date. Type it like 31-12-2025.")
        return None

    def value(self) -> Any:
        try:
            date = parse_date(self.edit.text())
        except ValueError:
            return None
        return date.isoformat() if date else None

    def _apply_value(self, value: Any) -> None:
        if not value:
            self.edit.clear()
            return
        try:
            self.edit.setText(dt.date.fromisoformat(str(value)).strftime("%d-%m-%Y"))
        except ValueError:
            self.edit.setText(str(value))
