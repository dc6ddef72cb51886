"""Choosing from the definition's options: one, several, yes / no / don't know, a country."""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import text as tx
from desktop.qt import translate
from desktop.ui.fields.base import (
    ANSWER_KEYS,
    FieldWidget,
    typed_key,
    yes_no_unknown_hint,
    yes_no_unknown_labels,
)
from forms.model import CountryField, MultipleChoiceField, SingleChoiceField, YesNoUnknownField


class SingleChoiceWidget(FieldWidget[SingleChoiceField | YesNoUnknownField]):
    """Radio buttons for a few options (quick to scan), a combo box for longer lists."""

    # Up to ten options are radio buttons: seen at a glance and chosen with one key (1…9, and 0
    # for a tenth); more than six stand in two columns, read top to bottom.
    RADIO_LIMIT = 10

    def build(self) -> None:
        self.options = list(self.field.choices())
        self.radios: dict[str, QRadioButton] = {}
        self.combo: QComboBox | None = None
        if len(self.options) <= self.RADIO_LIMIT:
            count = len(self.options)
            grid = QGridLayout(self.body) if count > 6 else None
            layout = grid or (QHBoxLayout(self.body) if count <= 3 else QVBoxLayout(self.body))
            layout.setContentsMargins(0, 0, 0, 0)
            rows = (count + 1) // 2
            for place, option in enumerate(self.options):
                radio = QRadioButton(self.body)
                radio.toggled.connect(lambda on, _r=radio: self._toggled(_r, on))
                self.radios[option.code] = radio
                if grid is not None:
                    grid.addWidget(radio, place % rows, place // rows)
                else:
                    layout.addWidget(radio)
            if isinstance(layout, QHBoxLayout):
                layout.addStretch(1)
            elif grid is not None:
                grid.setColumnStretch(2, 1)
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

    def _toggled(self, radio: QRadioButton, on: bool) -> None:
        if on:  # the one switched off (in the same group) does not count as a change
            self._checked(radio)

    def _checked(self, radio: QRadioButton) -> None:
        # The label's mnemonic goes to the chosen answer, where Tab into the group lands too.
        self.label.setBuddy(radio)
        self._emit_changed()

    def focus_target(self) -> QWidget | None:
        if self.combo is not None:
            return self.combo
        checked = [r for r in self.radios.values() if r.isChecked()]
        return checked[0] if checked else next(iter(self.radios.values()), None)

    def inputs(self) -> list[QWidget]:
        return [self.combo] if self.combo is not None else list(self.radios.values())

    def answer_key(self, obj: QObject, key: str) -> bool:
        """In a list of radio buttons, 1…n choose the option at that place (0 the tenth)."""
        if not self.radios or not key.isdigit():
            return False
        codes = list(self.radios)
        place = int(key) or 10
        if not 1 <= place <= len(codes):
            return False
        self._choose(codes[place - 1])
        return True

    def _choose(self, code: str) -> None:
        radio = self.radios[code]
        radio.setChecked(True)  # emits changed (through toggled)
        radio.setFocus(Qt.FocusReason.OtherFocusReason)

    def key_hint(self) -> str:
        if self.combo is not None:
            return translate("Fields", "Type the first letters of an answer to choose it; "
                                       "Enter: next question")
        last = "9, 0" if len(self.radios) == 10 else str(len(self.radios))
        return translate("Fields", "Keys: 1–%1 choose an answer and go on, arrow keys move; "
                                   "Enter: next question").replace("%1", last)

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
        labels = yes_no_unknown_labels()
        self.options = []
        self.combo = None
        self.radios = {}
        layout = QHBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        for code in labels:
            radio = QRadioButton(self.body)
            radio.toggled.connect(lambda on, _r=radio: self._toggled(_r, on))
            self.radios[code] = radio
            layout.addWidget(radio)
        layout.addStretch(1)

    def retranslate_body(self) -> None:
        for code, label in yes_no_unknown_labels().items():
            self.radios[code].setText(label)

    def set_language(self, lang: str) -> None:
        FieldWidget.set_language(self, lang)
        for code, label in yes_no_unknown_labels().items():
            self.radios[code].setAccessibleName(f"{self.label_text()}: {label}")

    def answer_key(self, obj: QObject, key: str) -> bool:
        code = ANSWER_KEYS.get(key)
        if code is None:
            return False
        self._choose(code)
        return True

    def key_hint(self) -> str:
        return yes_no_unknown_hint() + translate("Fields", "; Enter: next question")


class MultipleChoiceWidget(FieldWidget[MultipleChoiceField]):
    def build(self) -> None:
        self.options = list(self.field.choices())
        self.exclusive = set(self.field.exclusive)
        self.boxes: dict[str, QCheckBox] = {}
        layout = QGridLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        columns = 2 if len(self.options) > 6 else 1
        rows = (len(self.options) + columns - 1) // columns
        # One Tab stop for the whole list (Qt keeps Tab on one button of a group); the arrow keys
        # move between the options and Space ticks one.
        self.group = QButtonGroup(self.body)
        self.group.setExclusive(False)
        for i, option in enumerate(self.options):
            box = QCheckBox(self.body)
            box.toggled.connect(lambda on, code=option.code: self._toggled(code, on))
            self.boxes[option.code] = box
            self.group.addButton(box)
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

    def focus_input(self) -> None:
        """To the first ticked option (where Tab into the list lands too), else the first."""
        checked = [b for b in self.boxes.values() if b.isChecked()]
        target = checked[0] if checked else self.focus_target()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def inputs(self) -> list[QWidget]:
        return list(self.boxes.values())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and isinstance(obj, QCheckBox) and obj in self.boxes.values()):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1}.get(
                Qt.Key(event.key()))
            if step is not None and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                boxes = list(self.boxes.values())
                target = boxes[(boxes.index(obj) + step) % len(boxes)]
                target.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            # 1…9 tick (or untick) the option at that place; the list stays open for more answers.
            key = typed_key(event)
            boxes = list(self.boxes.values())
            if key.isdigit() and 1 <= int(key) <= min(9, len(boxes)):
                box = boxes[int(key) - 1]
                box.toggle()
                box.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(obj, event)

    def key_hint(self) -> str:
        return translate("Fields", "Arrow keys move, Space ticks an answer (more than one is allowed); "
                                   "Enter: next question")

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


class CountryWidget(FieldWidget[CountryField]):
    """One country: a combo box you can type in. Several: a filter and a checkable list.

    Countries are listed by their name in the interface language, re-sorted when it changes.
    """

    def build(self) -> None:
        self.options = list(self.field.choices())
        self.multiple = self.field.multiple
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        if not self.multiple:
            self.combo = QComboBox(self.body)
            self.combo.setEditable(True)
            self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self.combo.addItem("", None)
            for option in self.options:
                self.combo.addItem("", option.code)
            completer = self._completer()
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.combo.setMinimumWidth(260)
            self.combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self.combo.activated.connect(self._emit_changed)
            self._line_edit().editingFinished.connect(self._typed)
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

    def _line_edit(self) -> QLineEdit:
        line_edit = self.combo.lineEdit()
        assert line_edit is not None  # the combo is editable: it has a line edit
        return line_edit

    def _completer(self) -> QCompleter:
        completer = self.combo.completer()
        assert completer is not None  # an editable combo gets a completer with its line edit
        return completer

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

    def _match(self) -> QListWidgetItem | None:
        """The one country that the search names, if any."""
        visible = self._visible_items()
        typed = fold(self.filter.text().strip())
        exact = [item for item in visible if fold(item.text()) == typed]  # Soedan, not Zuid-Soedan
        chosen = exact or (visible if len(visible) == 1 else [])
        return chosen[0] if chosen and typed else None

    def _choose_match(self) -> None:
        """Enter in the search field ticks the one country that matches (and keeps the others)."""
        item = self._match()
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked)
            self.filter.selectAll()  # the next name typed replaces the search

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # Down in the search field goes to the (filtered) list, where Space ticks a country.
        if (self.multiple and obj is self.filter and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down):
            self._to_list()
            return True
        return super().eventFilter(obj, event)

    def _to_list(self) -> None:
        visible = self._visible_items()
        if visible:
            self.list.setCurrentItem(visible[0])
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)

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
            self._line_edit().setPlaceholderText(translate("Fields", "Type to search a country"))
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

    def key_inputs(self) -> list[QWidget]:
        return [self.combo, self._line_edit()] if not self.multiple else [self.filter, self.list]

    def wants_enter(self, obj: QObject) -> bool:
        """In the search of several countries, Enter with a name that fits several countries goes
        to the list to pick one there; otherwise it moves on (ticking the country typed)."""
        if not (self.multiple and obj is self.filter):
            return False
        if self.filter.text().strip() and self._match() is None:
            self._to_list()
            return True
        return False

    def before_advance(self, obj: QObject) -> None:
        if not self.multiple:
            popup = self._completer().popup()  # None only in inline completion
            if popup is not None and popup.isVisible():
                popup.hide()
            self._typed()
        elif obj is self.filter:
            self._choose_match()  # Enter: this country, and on; Shift+Enter: tick it and stay

    def key_hint(self) -> str:
        if self.multiple:
            return translate("Fields", "Type a country; Enter ticks it and goes to the next question, "
                                       "Shift+Enter ticks it and stays for another; Down: the list")
        return translate("Fields", "Type the country's name; Enter: take it and go to the next question")

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
