"""The widget of a repeat group: the same questions once per item (a person in a group report).

Each item is a framed block titled with the item's label and number ("Persoon 2"), holding one
widget per item field and a button that removes it. "Add person" under the items adds one, up to
the group's ``max_items`` (then it is disabled). The answer is the list of items, each a dict of
the answered item fields (``None`` without items); validation per item is in ``forms``.
"""

from __future__ import annotations

from typing import Any, assert_never

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.i18n import text as tx
from desktop.qt import translate
from desktop.ui.fields.base import FieldWidget
from desktop.ui.fields.choice import (
    CountryWidget,
    MultipleChoiceWidget,
    SingleChoiceWidget,
    YesNoUnknownWidget,
)
from desktop.ui.fields.date_number import DateWidget, IntegerWidget
from desktop.ui.fields.text import ShortTextWidget
from forms.model import (
    CountryField,
    DateField,
    IdentifyingTextField,
    IntegerField,
    ItemField,
    MultipleChoiceField,
    RepeatField,
    ShortTextField,
    SingleChoiceField,
    YesNoUnknownField,
)


def item_widget_for(field: ItemField, lang: str, parent: QWidget | None = None) -> FieldWidget:
    """The widget for a question of a repeat group (the kinds an item may ask, see ItemField)."""
    match field:
        case ShortTextField() | IdentifyingTextField():
            return ShortTextWidget(field, lang, parent)
        case IntegerField():
            return IntegerWidget(field, lang, parent)
        case DateField():
            return DateWidget(field, lang, parent)
        case SingleChoiceField():
            return SingleChoiceWidget(field, lang, parent)
        case YesNoUnknownField():
            return YesNoUnknownWidget(field, lang, parent)
        case MultipleChoiceField():
            return MultipleChoiceWidget(field, lang, parent)
        case CountryField():
            return CountryWidget(field, lang, parent)
        case _:
            assert_never(field)


class RepeatItem(QFrame):
    """One item of a repeat group: its title, its field widgets and a remove button."""

    def __init__(self, group: RepeatWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("repeatItem")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("repeatItemTitle")
        head.addWidget(self.title, 1)
        self.remove_button = QPushButton(self)
        head.addWidget(self.remove_button)
        layout.addLayout(head)
        self.widgets: dict[str, FieldWidget] = {}
        for f in group.field.fields:
            widget = item_widget_for(f, group.lang, self)
            widget.changed.connect(group._emit_changed)
            self.widgets[f.id] = widget
            layout.addWidget(widget)

    def value(self) -> dict[str, Any]:
        out = {}
        for fid, widget in self.widgets.items():
            value = widget.value()
            if value is not None:
                out[fid] = value
        return out

    def set_value(self, item: dict[str, Any]) -> None:
        for fid, widget in self.widgets.items():
            widget.set_value(item.get(fid))


class RepeatWidget(FieldWidget[RepeatField]):
    """A repeat group (see the module text)."""

    def build(self) -> None:
        self.items: list[RepeatItem] = []
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.items_box = QVBoxLayout()
        layout.addLayout(self.items_box)
        self.empty_label = QLabel(self.body)
        self.empty_label.setObjectName("fieldHelp")
        layout.addWidget(self.empty_label)
        self.add_button = QPushButton(self.body)
        self.add_button.clicked.connect(self._add_clicked)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def focus_target(self) -> QWidget | None:
        return self.add_button

    def inputs(self) -> list[QWidget]:
        return [self.add_button]

    def retranslate_body(self) -> None:
        name = tx(self.field.item_label, self.lang)
        add = translate("Fields", "&Add %1")  # Dutch puts the word first: "Persoon &toevoegen"
        self.add_button.setText(add.replace("%1", name if add.startswith("%1") else name.lower()))
        self.empty_label.setText(translate("Fields", "No one added yet."))
        for number, item in enumerate(self.items, start=1):
            item.title.setText(f"{name} {number}")
            item.remove_button.setText(translate("Fields", "Remove"))
            item.remove_button.setAccessibleName(translate("Fields", "Remove %1").replace(
                "%1", f"{name.lower()} {number}"))
            for widget in item.widgets.values():
                widget.set_language(self.lang)
        self._update_buttons()

    def _update_buttons(self) -> None:
        full = len(self.items) >= self.field.max_items
        self.add_button.setEnabled(not full)
        self.add_button.setToolTip(translate("Fields", "At most %1.").replace("%1", str(self.field.max_items))
                                   if full else "")
        self.empty_label.setVisible(not self.items)

    def _add_item(self) -> RepeatItem:
        item = RepeatItem(self, self.body)
        item.remove_button.clicked.connect(lambda: self._remove(item))
        self.items.append(item)
        self.items_box.addWidget(item)
        return item

    def _add_clicked(self) -> None:
        if len(self.items) >= self.field.max_items:
            return
        item = self._add_item()
        self.retranslate_body()
        first = next(iter(item.widgets.values()), None)
        if first is not None:
            first.focus_input()
        self._emit_changed()

    def _remove(self, item: RepeatItem) -> None:
        if item not in self.items:
            return
        self.items.remove(item)
        item.hide()
        item.deleteLater()
        self.retranslate_body()
        self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._emit_changed()

    def value(self) -> list[dict[str, Any]] | None:
        return [item.value() for item in self.items] or None

    def _apply_value(self, value: Any) -> None:
        for item in self.items:
            item.hide()
            item.deleteLater()
        self.items = []
        for entry in value if isinstance(value, list) else []:
            self._add_item().set_value(entry if isinstance(entry, dict) else {})
        self.retranslate_body()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.add_button.setVisible(not read_only)
        for item in self.items:
            item.remove_button.setVisible(not read_only)
