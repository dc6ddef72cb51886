"""Whole numbers (with their unit) and dates typed the way people here write them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop.i18n import text as tx
from desktop.qt import translate
from desktop.ui.fields.base import FieldWidget
from forms.model import DateField, IntegerField

# A letter in a date field fills in today: T (today) or V (vandaag). Dates hold no letters, so the
# key means nothing else there (the habit of bookkeeping programs such as GnuCash).
TODAY_KEYS = ("t", "v")


class IntegerWidget(FieldWidget[IntegerField]):
    def build(self) -> None:
        layout = QHBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self.body)
        self.edit.setMaximumWidth(140)
        minimum, maximum = self.field.minimum, self.field.maximum
        self.edit.setValidator(QIntValidator(-(10**9) if minimum is None else min(minimum, 0),
                                             10**9 if maximum is None else maximum, self.edit))
        layout.addWidget(self.edit)
        self.unit = QLabel(self.body)
        layout.addWidget(self.unit)
        layout.addStretch(1)
        self.edit.textEdited.connect(self._emit_changed)

    def retranslate_body(self) -> None:
        self.unit.setText(tx(self.field.unit, self.lang))

    def focus_target(self) -> QWidget | None:
        return self.edit

    def key_hint(self) -> str:
        return translate("Fields", "Enter: next question")

    def value(self) -> int | str | None:
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            return text  # forms.validate explains what is wrong with it

    def _apply_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


def parse_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """Dates as people type them here: 31-12-2025, 31/12/2025, 31.12.2025 or 2025-12-31; a day and
    month alone (31-12) are in the current year."""
    text = text.strip()
    if not text:
        return None
    for fmt in ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%d-%m-%y", "%d%m%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    for sep in "-/.":
        parts = text.split(sep)
        if len(parts) == 2 and all(p.isdigit() and 1 <= len(p) <= 2 for p in parts):
            year = (today or dt.date.today()).year
            try:
                return dt.date(year, int(parts[1]), int(parts[0]))
            except ValueError:
                break
    raise ValueError(text)


class DateWidget(FieldWidget[DateField]):
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
        self.today.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # T in the field does the same: no extra Tab stop

    def retranslate_body(self) -> None:
        self.edit.setPlaceholderText(translate("Fields", "dd-mm-yyyy"))
        self.today.setText(translate("Fields", "Today"))
        self.today.setAccessibleName(translate("Fields", "Fill in today's date"))
        self.today.setToolTip(translate("Fields", "Fill in today's date (T in the date field)"))

    def _set_today(self) -> None:
        self.edit.setText(dt.date.today().strftime("%d-%m-%Y"))
        self._emit_changed()

    def answer_key(self, obj: QObject, key: str) -> bool:
        if key in TODAY_KEYS:
            self._set_today()
            return True
        return False

    def key_hint(self) -> str:
        return translate("Fields", "Type a date like 28-11 or 28-11-2026; "
                                   "T: today (and on to the next question)")

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

    def value(self) -> str | None:
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
