"""The indicator checklist: indicators grouped by category, each answered yes / no / don't know."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import text as tx
from desktop.qt import translate
from desktop.ui.fields.base import ANSWER_KEYS, FieldWidget, is_enter, typed_key, yes_no_unknown_labels
from forms.model import ChecklistField, Indicator

REST_KEY = "r"  # in a row: every signal not yet answered becomes "don't know"


class IndicatorRow(QWidget):
    """One indicator: its text, yes / no / don't know, and a note that opens on demand."""

    changed = Signal()

    def __init__(self, indicator: Indicator, notes: bool, note_max: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.indicator = indicator
        self.setObjectName(f"indicator_{indicator.id}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.text, 1)
        # The radios of one row share this row as parent: auto-exclusive per row, one Tab stop.
        self.radios: dict[str, QRadioButton] = {}
        for code in ("yes", "no", "unknown"):
            radio = QRadioButton(self)
            radio.setObjectName(f"answer_{code}")
            radio.toggled.connect(self._toggled)
            self.radios[code] = radio
            row.addWidget(radio)
        self.note_button = QToolButton(self)
        self.note_button.setCheckable(True)
        self.note_button.setVisible(notes)
        row.addWidget(self.note_button)
        outer.addLayout(row)
        self.note = QLineEdit(self)
        self.note.setMaxLength(note_max)
        self.note.hide()
        outer.addWidget(self.note)
        self.note_button.toggled.connect(self._toggle_note)
        self.note.textEdited.connect(lambda _t: self.changed.emit())

    def _toggled(self, on: bool) -> None:
        if on:  # the radio chosen, not the one that lost its check
            self.changed.emit()

    def _toggle_note(self, on: bool) -> None:
        self.note.setVisible(on or bool(self.note.text()))
        if on:
            self.note.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_language(self, lang: str, label: str) -> None:
        text = tx(self.indicator.text, lang)
        help_text = tx(self.indicator.help, lang)
        self.text.setText(text)
        self.text.setToolTip(help_text)
        for code, word in yes_no_unknown_labels().items():
            self.radios[code].setText(word)
            self.radios[code].setAccessibleName(f"{text}: {word}")
            self.radios[code].setToolTip(help_text)
        self.note_button.setText(translate("Fields", "Note"))
        self.note_button.setToolTip(translate("Fields", "Add a note to this signal"))
        self.note_button.setAccessibleName(translate("Fields", "Note for: %1").replace("%1", text))
        self.note.setAccessibleName(translate("Fields", "Note for: %1").replace("%1", text))
        self.note.setPlaceholderText(translate("Fields", "Note (optional)"))

    def value(self) -> dict[str, str] | None:
        answer = next((code for code, r in self.radios.items() if r.isChecked()), None)
        note = self.note.text().strip()
        if answer is None and not note:
            return None
        result: dict[str, str] = {}
        if answer is not None:
            result["answer"] = answer
        if note:
            result["note"] = note
        return result

    def answer(self) -> str | None:
        return next((code for code, r in self.radios.items() if r.isChecked()), None)

    def choose(self, code: str) -> None:
        """Answer this row (as a click would: the changed signal follows)."""
        self.radios[code].setChecked(True)

    def focus(self) -> None:
        radio = self.radios.get(self.answer() or "yes") or self.radios["yes"]
        radio.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_value(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        answer = value.get("answer")
        for code, radio in self.radios.items():
            radio.setAutoExclusive(False)
            radio.setChecked(code == answer)
            radio.setAutoExclusive(True)
        self.note.setText(str(value.get("note") or ""))
        self.note.setVisible(bool(self.note.text()) or self.note_button.isChecked())


class ChecklistWidget(FieldWidget[ChecklistField]):
    """Indicators grouped by category, one compact row each."""

    def build(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        # How to answer quickly, in view for whoever sees the list for the first time.
        keys = QHBoxLayout()
        self.keys_hint = QLabel(self.body)
        self.keys_hint.setObjectName("hint")
        self.keys_hint.setWordWrap(True)
        keys.addWidget(self.keys_hint, 1)
        self.rest_button = QPushButton(self.body)
        self.rest_button.clicked.connect(self.answer_rest_unknown)
        keys.addWidget(self.rest_button)
        layout.addLayout(keys)
        self.rows: dict[str, IndicatorRow] = {}
        self.category_labels: dict[str, QLabel] = {}
        categories = self.field.categories
        by_category: dict[str | None, list[Indicator]] = {}
        for indicator in self.field.indicators:
            by_category.setdefault(indicator.category, []).append(indicator)
        order: list[str | None] = [c.id for c in categories if c.id in by_category]
        order += [c for c in by_category if c not in order]
        notes = self.field.notes
        note_max = self.field.note_max_length
        for category in order:
            if category is not None:
                label = QLabel(self.body)
                label.setObjectName("categoryLabel")
                self.category_labels[category] = label
                layout.addWidget(label)
            for indicator in by_category[category]:
                row = IndicatorRow(indicator, notes, note_max, self.body)
                row.setProperty("odd", len(self.rows) % 2 == 1)
                row.changed.connect(self._emit_changed)
                self.rows[indicator.id] = row
                layout.addWidget(row)
        self._categories = {c.id: c for c in categories}

    def retranslate_body(self) -> None:
        self.keys_hint.setText(translate(
            "Fields", "Keys: Y = yes, N = no, D = don't know (or 1, 2, 3) answer a signal and go to the "
                      "next one; R: all signals not yet answered become \"don't know\"."))
        self.rest_button.setText(translate("Fields", "Rest: don't know"))
        self.rest_button.setToolTip(translate(
            "Fields", "Answer every signal that has no answer yet with \"don't know\" (R)"))
        for cid, label in self.category_labels.items():
            category = self._categories.get(cid)
            label.setText(tx(category.label, self.lang) if category is not None else cid)
        for row in self.rows.values():
            row.set_language(self.lang, self.label_text())

    def focus_target(self) -> QWidget | None:
        first = next(iter(self.rows.values()), None)
        return first.radios["yes"] if first is not None else None

    def focus_input(self) -> None:
        """To the first signal without an answer (the first one when all are answered)."""
        rows = list(self.rows.values())
        target = next((r for r in rows if r.answer() is None), rows[0] if rows else None)
        if target is not None:
            target.focus()

    def inputs(self) -> list[QWidget]:
        return []

    def key_inputs(self) -> list[QWidget]:
        return [w for row in self.rows.values() for w in (*row.radios.values(), row.note_button, row.note)]

    def key_hint(self) -> str:  # shorter than the text above the list, which says it in full
        return translate("Fields", "Y, N, D (or 1, 2, 3): answer and go to the next signal; R: the rest "
                                   "\"don't know\"; Enter: next question")

    def _row_of(self, obj: QObject) -> IndicatorRow | None:
        return next((row for row in self.rows.values() if row.isAncestorOf(obj)), None) \
            if isinstance(obj, QWidget) else None

    def _after(self, row: IndicatorRow) -> None:
        """On to the next signal without an answer; past the last one, on to the next question."""
        rows = list(self.rows.values())
        later = [r for r in rows[rows.index(row) + 1:] if r.answer() is None]
        if later:
            later[0].focus()
            self.section_scroll_to(later[0])
        else:
            self.advance.emit()

    def section_scroll_to(self, row: IndicatorRow) -> None:
        """Keep the row in view when the keys move the focus down the list."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(row, 20, 60)

    def answer_rest_unknown(self) -> None:
        """ "Rest: don't know": every signal not yet answered gets "don't know"; answers stay."""
        if not self.body.isEnabled():
            return
        self._loading = True
        try:
            for row in self.rows.values():
                if row.answer() is None:
                    row.choose("unknown")
        finally:
            self._loading = False
        self._emit_changed()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or self._loading or not self.body.isEnabled():
            return False
        row = self._row_of(obj)
        if row is None:
            return False
        if obj is row.note:  # a note is text: letters are letters; Enter finishes the note
            if is_enter(event):
                self._after(row)
                return True
            return False
        key = typed_key(event)
        if key in ANSWER_KEYS:
            row.choose(ANSWER_KEYS[key])
            self._after(row)
            return True
        if key == REST_KEY:
            self.answer_rest_unknown()
            self.advance.emit()
            return True
        if is_enter(event):
            self._after(row)
            return True
        return False

    def focus_indicator(self, indicator_id: str) -> None:
        row = self.rows.get(indicator_id)
        if row is not None:
            row.radios["yes"].setFocus(Qt.FocusReason.OtherFocusReason)

    def value(self) -> dict[str, dict[str, str]] | None:
        result = {}
        for indicator_id, row in self.rows.items():
            value = row.value()
            if value is not None:
                result[indicator_id] = value
        return result or None

    def _apply_value(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        for indicator_id, row in self.rows.items():
            row.set_value(value.get(indicator_id))
