"""One widget per field kind of the form definition language.

The shared frame and interface are in :mod:`.base`; each module holds the widgets of one family
of kinds. :func:`widget_for` picks the widget for a field.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.ui.fields.base import FieldWidget
from desktop.ui.fields.checklist import ChecklistWidget, IndicatorRow
from desktop.ui.fields.choice import (
    COUNTRY_FIRST,
    CountryWidget,
    MultipleChoiceWidget,
    SingleChoiceWidget,
    YesNoUnknownWidget,
    country_order,
    fold,
)
from desktop.ui.fields.date_number import DateWidget, IntegerWidget, parse_date
from desktop.ui.fields.notice import NoticeWidget
from desktop.ui.fields.repeat import RepeatWidget, item_widget_for
from desktop.ui.fields.text import LongTextWidget, ShortTextWidget
from forms.model import ChecklistField, FormField, LongTextField, NoticeField, ReferenceField, RepeatField

__all__ = [
    "COUNTRY_FIRST",
    "ChecklistWidget",
    "CountryWidget",
    "DateWidget",
    "FieldWidget",
    "IndicatorRow",
    "IntegerWidget",
    "LongTextWidget",
    "MultipleChoiceWidget",
    "NoticeWidget",
    "RepeatWidget",
    "ShortTextWidget",
    "SingleChoiceWidget",
    "YesNoUnknownWidget",
    "country_order",
    "fold",
    "parse_date",
    "widget_for",
]


def widget_for(field: FormField, lang: str, parent: QWidget | None = None) -> FieldWidget:
    """The widget for ``field``, chosen by its class (each widget is typed with the class it asks)."""
    match field:
        case RepeatField():
            return RepeatWidget(field, lang, parent)
        case LongTextField():
            return LongTextWidget(field, lang, parent)
        case ReferenceField():  # forms v2: a number in a checked format (validation says which)
            return ShortTextWidget(field, lang, parent)
        case ChecklistField():
            return ChecklistWidget(field, lang, parent)
        case NoticeField():
            return NoticeWidget(field, lang, parent)
        case _:  # what a repeat group's item may ask too
            return item_widget_for(field, lang, parent)
