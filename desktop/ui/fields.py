"""One widget per field kind of the form definition language.

Every widget has the same small interface: :meth:`FieldWidget.value` (the answer in the shape
``forms`` expects, ``None`` when unanswered), :meth:`set_value`, the ``changed`` signal,
:meth:`set_problem`, :meth:`focus_input` and :meth:`set_language`. Labels and help come from the
definition (nl/en); only the generic words (yes, no, unknown, note) come from the translations.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from desktop.i18n import text as tx
from desktop.qt import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QEvent,
    QGridLayout,
    QHBoxLayout,
    QIntValidator,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from desktop.ui.common import Banner


def _yes_no_unknown_labels() -> dict[str, str]:
    return {
        "yes": translate("Fields", "Yes"),
        "no": translate("Fields", "No"),
        "unknown": translate("Fields", "Don't know"),
    }


class FieldWidget(QWidget):
    """A labelled input for one field: label (with required marker), help, the input, a problem line.

    Signals:
        changed(): the answer changed because the user did something (not on ``set_value``).
    """

    changed = Signal()

    def __init__(self, field: Any, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.lang = lang
        self.setObjectName(f"field_{field.id}")
        self._loading = False
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 4, 0, 8)
        self._outer.setSpacing(4)
        self.label = QLabel(self)
        self.label.setObjectName("fieldLabel")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self._outer.addWidget(self.label)
        self.help_label = QLabel(self)
        self.help_label.setObjectName("fieldHelp")
        self.help_label.setWordWrap(True)
        self.help_label.setTextFormat(Qt.TextFormat.PlainText)
        self.help_label.hide()
        self.body = QWidget(self)
        self.body.setObjectName("fieldBody")
        self._outer.addWidget(self.body)
        self._outer.addWidget(self.help_label)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self._outer.addWidget(self.problem)
        self.build()
        buddy = self.focus_target()
        if buddy is not None:
            self.label.setBuddy(buddy)
        self.set_language(lang)

    # -- to implement -----------------------------------------------------------------------
    def build(self) -> None:
        raise NotImplementedError

    def value(self) -> Any:
        raise NotImplementedError

    def _apply_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_target(self) -> QWidget | None:
        return None

    def inputs(self) -> list[QWidget]:
        """Every widget that takes input (for accessible names and read-only mode)."""
        target = self.focus_target()
        return [target] if target is not None else []

    def retranslate_body(self) -> None:
        """Texts inside the body that depend on the language."""

    # -- shared behaviour --------------------------------------------------------------------
    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self._apply_value(value)
        finally:
            self._loading = False

    def _emit_changed(self, *_args: Any) -> None:
        if not self._loading:
            self.changed.emit()

    def label_text(self) -> str:
        return tx(self.field.label, self.lang)

    def help_text(self) -> str:
        return tx(getattr(self.field, "help", None), self.lang)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        required = bool(getattr(self.field, "required", False))
        label = self.label_text()
        self.label.setText(f"{label} *" if required else label)
        help_text = self.help_text()
        self.setToolTip(help_text)
        self.label.setToolTip(help_text)
        self.help_label.setText(help_text)
        name = label + (translate("Fields", " (required)") if required else "")
        for widget in self.inputs():
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(help_text)
            if help_text:
                widget.setToolTip(help_text)
                widget.setWhatsThis(help_text)
        self.retranslate_body()

    def show_help(self, visible: bool | None = None) -> None:
        """F1: show or hide the help text under the field."""
        if not self.help_text():
            return
        self.help_label.setVisible(not self.help_label.isVisible() if visible is None else visible)

    def set_problem(self, text: str | None) -> None:
        text = text or ""
        if text == self.problem.text() and self.property("hasProblem") == bool(text):
            return  # nothing changed: no relayout, no re-polish (this runs on every keystroke)
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.setProperty("hasProblem", bool(text))
        for widget in self.inputs():
            widget.setProperty("hasProblem", bool(text))
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def focus_input(self) -> None:
        target = self.focus_target()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_read_only(self, read_only: bool) -> None:
        self.body.setEnabled(not read_only)


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


class SingleChoiceWidget(FieldWidget):
    """Radio buttons for a few options (quick to scan), a combo box for longer lists."""

    RADIO_LIMIT = 5

    def build(self) -> None:
        self.options = list(self.field.choices())
        self.radios: dict[str, QRadioButton] = {}
        self.combo: QComboBox | None = None
        if len(self.options) <= self.RADIO_LIMIT:
            layout = QHBoxLayout(self.body) if len(self.options) <= 3 else QVBoxLayout(self.body)
            layout.setContentsMargins(0, 0, 0, 0)
            for option in self.options:
                radio = QRadioButton(self.body)
                radio.toggled.connect(lambda on, _r=radio: on and self._emit_changed())
                self.radios[option.code] = radio
                layout.addWidget(radio)
            if isinstance(layout, QHBoxLayout):
                layout.addStretch(1)
        else:
            layout = QHBoxLayout(self.body)
            layout.setContentsMargins(0, 0, 0, 0)
            self.combo = QComboBox(self.body)
            self.combo.addItem("", None)
            for option in self.options:
                self.combo.addItem("", option.code)
            self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            self.combo.activated.connect(self._emit_changed)
            layout.addWidget(self.combo)
            layout.addStretch(1)

    def retranslate_body(self) -> None:
        for option in self.options:
            label = tx(option.label, self.lang)
            if option.code in self.radios:
                self.radios[option.code].setText(label)
                self.radios[option.code].setToolTip(tx(option.help, self.lang))
            elif self.combo is not None:
                self.combo.setItemText(self.combo.findData(option.code), label)
        if self.combo is not None:
            self.combo.setItemText(0, translate("Fields", "— choose —"))

    def focus_target(self) -> QWidget | None:
        if self.combo is not None:
            return self.combo
        checked = [r for r in self.radios.values() if r.isChecked()]
        return checked[0] if checked else next(iter(self.radios.values()), None)

    def inputs(self) -> list[QWidget]:
        return [self.combo] if self.combo is not None else list(self.radios.values())

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        for code, radio in self.radios.items():  # each radio is named by its own option text
            option = next(o for o in self.options if o.code == code)
            radio.setAccessibleName(f"{self.label_text()}: {tx(option.label, lang)}")

    def value(self) -> Any:
        if self.combo is not None:
            return self.combo.currentData()
        for code, radio in self.radios.items():
            if radio.isChecked():
                return code
        return None

    def _apply_value(self, value: Any) -> None:
        if self.combo is not None:
            self.combo.setCurrentIndex(max(0, self.combo.findData(value)))
            return
        for code, radio in self.radios.items():
            radio.setAutoExclusive(False)
            radio.setChecked(code == value)
            radio.setAutoExclusive(True)


class YesNoUnknownWidget(SingleChoiceWidget):
    def build(self) -> None:
        labels = _yes_no_unknown_labels()
        self.options = []
        self.combo = None
        self.radios = {}
        layout = QHBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        for code in labels:
            radio = QRadioButton(self.body)
            radio.toggled.connect(lambda on, _r=radio: on and self._emit_changed())
            self.radios[code] = radio
            layout.addWidget(radio)
        layout.addStretch(1)

    def retranslate_body(self) -> None:
        for code, label in _yes_no_unknown_labels().items():
            self.radios[code].setText(label)

    def set_language(self, lang: str) -> None:
        FieldWidget.set_language(self, lang)
        for code, label in _yes_no_unknown_labels().items():
            self.radios[code].setAccessibleName(f"{self.label_text()}: {label}")


class MultipleChoiceWidget(FieldWidget):
    def build(self) -> None:
        self.options = list(self.field.choices())
        self.exclusive = set(getattr(self.field, "exclusive", []) or [])
        self.boxes: dict[str, QCheckBox] = {}
        layout = QGridLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        columns = 2 if len(self.options) > 6 else 1
        rows = (len(self.options) + columns - 1) // columns
        for i, option in enumerate(self.options):
            box = QCheckBox(self.body)
            box.toggled.connect(lambda on, code=option.code: self._toggled(code, on))
            self.boxes[option.code] = box
            layout.addWidget(box, i % rows, i // rows)

    def _toggled(self, code: str, on: bool) -> None:
        if on and not self._loading:
            self._loading = True
            try:
                for other, box in self.boxes.items():
                    if other != code and (code in self.exclusive or other in self.exclusive):
                        box.setChecked(False)
            finally:
                self._loading = False
        self._emit_changed()

    def retranslate_body(self) -> None:
        for option in self.options:
            self.boxes[option.code].setText(tx(option.label, self.lang))
            self.boxes[option.code].setToolTip(tx(option.help, self.lang))

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        for option in self.options:
            self.boxes[option.code].setAccessibleName(f"{self.label_text()}: {tx(option.label, lang)}")

    def focus_target(self) -> QWidget | None:
        return next(iter(self.boxes.values()), None)

    def inputs(self) -> list[QWidget]:
        return list(self.boxes.values())

    def value(self) -> Any:
        codes = [code for code, box in self.boxes.items() if box.isChecked()]
        return codes or None

    def _apply_value(self, value: Any) -> None:
        chosen = set(value or [])
        for code, box in self.boxes.items():
            box.setChecked(code in chosen)


# Answers that are not a country come first, before the countries in alphabetical order.
COUNTRY_FIRST = ("unknown", "stateless")


def fold(text: str) -> str:
    """``text`` for comparing and searching: case and accents do not matter (België = belgie)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def country_order(options: list[Any], lang: str) -> list[Any]:
    """Countries sorted by their name in ``lang`` (not by ISO code); "unknown" and "stateless" first."""
    first = [o for code in COUNTRY_FIRST for o in options if o.code == code]
    rest = [o for o in options if o.code not in COUNTRY_FIRST]
    return first + sorted(rest, key=lambda o: (fold(tx(o.label, lang)), o.code))


class CountryWidget(FieldWidget):
    """One country: a combo box you can type in. Several: a filter and a checkable list.

    Countries are listed by their name in the interface language, re-sorted when it changes.
    """

    def build(self) -> None:
        self.options = list(self.field.choices())
        self.multiple = bool(getattr(self.field, "multiple", False))
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        if not self.multiple:
            self.combo = QComboBox(self.body)
            self.combo.setEditable(True)
            self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self.combo.addItem("", None)
            for option in self.options:
                self.combo.addItem("", option.code)
            completer = self.combo.completer()
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.combo.setMinimumWidth(260)
            self.combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self.combo.activated.connect(self._emit_changed)
            self.combo.lineEdit().editingFinished.connect(self._typed)
            layout.addWidget(self.combo, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            self.filter = QLineEdit(self.body)
            self.filter.setClearButtonEnabled(True)
            self.list = QListWidget(self.body)
            self.list.setMaximumHeight(150)
            for option in self.options:
                item = QListWidgetItem("", self.list)
                item.setData(Qt.ItemDataRole.UserRole, option.code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            self.chosen = QLabel(self.body)
            self.chosen.setWordWrap(True)
            self.chosen.setObjectName("hint")
            layout.addWidget(self.filter)
            layout.addWidget(self.list)
            layout.addWidget(self.chosen)
            self.filter.textChanged.connect(self._filter)
            self.filter.returnPressed.connect(self._choose_match)
            self.filter.installEventFilter(self)
            self.list.itemChanged.connect(self._item_changed)

    def _typed(self) -> None:
        # A name typed in full (or picked from the completer) selects that country; so does a
        # part of a name that fits only one country. Otherwise the field shows what is chosen
        # again: never a half-typed name that looks like an answer but is not one.
        text = fold(self.combo.currentText().strip())
        if not text:
            if self.combo.currentIndex() != 0:
                self.combo.setCurrentIndex(0)
                self._emit_changed()
            return
        names = [(i, fold(self.combo.itemText(i))) for i in range(1, self.combo.count())]
        exact = [i for i, name in names if name == text]
        partial = [i for i, name in names if text in name]
        found = exact or (partial if len(partial) == 1 else [])
        if found:
            if found[0] != self.combo.currentIndex():
                self.combo.setCurrentIndex(found[0])
                self._emit_changed()
            else:
                self.combo.setEditText(self.combo.itemText(found[0]))
            return
        self.combo.setEditText(self.combo.itemText(self.combo.currentIndex()))

    def _visible_items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count()) if not self.list.item(i).isHidden()]

    def _choose_match(self) -> None:
        """Enter in the search field ticks the one country that matches (and keeps the others)."""
        visible = self._visible_items()
        typed = fold(self.filter.text().strip())
        exact = [item for item in visible if fold(item.text()) == typed]  # Soedan, not Zuid-Soedan
        chosen = exact or (visible if len(visible) == 1 else [])
        if chosen and typed:
            chosen[0].setCheckState(Qt.CheckState.Checked)
            self.filter.selectAll()  # the next name typed replaces the search

    def eventFilter(self, obj: Any, event: Any) -> bool:
        # Down in the search field goes to the (filtered) list, where Space ticks a country.
        if (self.multiple and obj is self.filter and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down):
            visible = self._visible_items()
            if visible:
                self.list.setCurrentItem(visible[0])
                self.list.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def _filter(self, text: str) -> None:
        text = fold(text.strip())
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(text) and text not in fold(item.text()))

    def _item_changed(self, _item: QListWidgetItem) -> None:
        self._update_chosen()
        self._emit_changed()

    def _update_chosen(self) -> None:
        names = [self.list.item(i).text() for i in range(self.list.count())
                 if self.list.item(i).checkState() == Qt.CheckState.Checked]
        self.chosen.setText(", ".join(names))

    def retranslate_body(self) -> None:
        labels = {o.code: tx(o.label, self.lang) for o in self.options}
        order = [o.code for o in country_order(self.options, self.lang)]
        if not self.multiple:
            current = self.combo.currentData()
            self.combo.blockSignals(True)
            for i, code in enumerate(order, start=1):
                self.combo.setItemData(i, code)
                self.combo.setItemText(i, labels.get(code, ""))
            self.combo.setCurrentIndex(max(0, self.combo.findData(current)))
            self.combo.blockSignals(False)
            self.combo.lineEdit().setPlaceholderText(translate("Fields", "Type to search a country"))
        else:
            self.list.blockSignals(True)
            items = {}
            while self.list.count():
                item = self.list.takeItem(0)
                items[item.data(Qt.ItemDataRole.UserRole)] = item
            for code in order:
                item = items[code]
                item.setText(labels.get(code, ""))
                self.list.addItem(item)
            self.list.blockSignals(False)
            self._filter(self.filter.text())
            self.filter.setPlaceholderText(translate("Fields", "Type a country; Enter ticks it"))
            self.filter.setAccessibleName(translate("Fields", "Search a country"))
            self._update_chosen()

    def focus_target(self) -> QWidget | None:
        return self.combo if not self.multiple else self.filter

    def inputs(self) -> list[QWidget]:
        return [self.combo] if not self.multiple else [self.list]

    def value(self) -> Any:
        if not self.multiple:
            return self.combo.currentData()
        checked = {self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                   if self.list.item(i).checkState() == Qt.CheckState.Checked}
        # In the definition's order, whatever the language: the answer does not depend on it.
        codes = [o.code for o in self.options if o.code in checked]
        return codes or None

    def _apply_value(self, value: Any) -> None:
        if not self.multiple:
            self.combo.setCurrentIndex(max(0, self.combo.findData(value)))
            return
        chosen = set(value if isinstance(value, list) else ([value] if value else []))
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen
                               else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self._update_chosen()


class IndicatorRow(QWidget):
    """One indicator: its text, yes / no / don't know, and a note that opens on demand."""

    changed = Signal()

    def __init__(self, indicator: Any, notes: bool, note_max: int, parent: QWidget | None = None) -> None:
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
            radio.toggled.connect(lambda on: on and self.changed.emit())
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

    def _toggle_note(self, on: bool) -> None:
        self.note.setVisible(on or bool(self.note.text()))
        if on:
            self.note.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_language(self, lang: str, label: str) -> None:
        text = tx(self.indicator.text, lang)
        help_text = tx(getattr(self.indicator, "help", None), lang)
        self.text.setText(text)
        self.text.setToolTip(help_text)
        for code, word in _yes_no_unknown_labels().items():
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

    def set_value(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        answer = value.get("answer")
        for code, radio in self.radios.items():
            radio.setAutoExclusive(False)
            radio.setChecked(code == answer)
            radio.setAutoExclusive(True)
        self.note.setText(str(value.get("note") or ""))
        self.note.setVisible(bool(self.note.text()) or self.note_button.isChecked())


class ChecklistWidget(FieldWidget):
    """Indicators grouped by category, one compact row each."""

    def build(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.rows: dict[str, IndicatorRow] = {}
        self.category_labels: dict[str, QLabel] = {}
        categories = list(getattr(self.field, "categories", []) or [])
        by_category: dict[str | None, list[Any]] = {}
        for indicator in self.field.indicators:
            by_category.setdefault(getattr(indicator, "category", None), []).append(indicator)
        order: list[str | None] = [c.id for c in categories if c.id in by_category]
        order += [c for c in by_category if c not in order]
        notes = bool(getattr(self.field, "notes", True))
        note_max = int(getattr(self.field, "note_max_length", 300) or 300)
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
        for cid, label in self.category_labels.items():
            category = self._categories.get(cid)
            label.setText(tx(category.label, self.lang) if category is not None else cid)
        for row in self.rows.values():
            row.set_language(self.lang, self.label_text())

    def focus_target(self) -> QWidget | None:
        first = next(iter(self.rows.values()), None)
        return first.radios["yes"] if first is not None else None

    def inputs(self) -> list[QWidget]:
        return []

    def focus_indicator(self, indicator_id: str) -> None:
        row = self.rows.get(indicator_id)
        if row is not None:
            row.radios["yes"].setFocus(Qt.FocusReason.OtherFocusReason)

    def value(self) -> Any:
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


class NoticeWidget(FieldWidget):
    """Guidance from the definition (e.g. call 112 now). Danger notices are loud on purpose."""

    def build(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.banner = Banner(str(getattr(self.field, "severity", "info")), self.body)
        layout.addWidget(self.banner)
        self.label.hide()

    def retranslate_body(self) -> None:
        title = tx(self.field.label, self.lang)
        body = tx(getattr(self.field, "text", None), self.lang)
        self.banner.setText(f"{title}\n{body}" if body else title)
        self.banner.setAccessibleName(title)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate_body()

    def value(self) -> Any:
        return None

    def _apply_value(self, value: Any) -> None:
        return

    def set_read_only(self, read_only: bool) -> None:
        return


WIDGETS: dict[str, type[FieldWidget]] = {
    "short_text": ShortTextWidget,
    "identifying_text": ShortTextWidget,
    "reference": ShortTextWidget,  # forms v2: a number in a checked format (validation says which)
    "long_text": LongTextWidget,
    "integer": IntegerWidget,
    "date": DateWidget,
    "single_choice": SingleChoiceWidget,
    "multiple_choice": MultipleChoiceWidget,
    "yes_no_unknown": YesNoUnknownWidget,
    "country": CountryWidget,
    "checklist": ChecklistWidget,
    "notice": NoticeWidget,
}


def widget_for(field: Any, lang: str, parent: QWidget | None = None) -> FieldWidget:
    """The widget for ``field``; an unknown kind gets a plain text field rather than a crash."""
    cls = WIDGETS.get(str(getattr(field, "kind", "")), ShortTextWidget)
    return cls(field, lang, parent)
