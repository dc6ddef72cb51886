"""One widget per field kind of the form definition language.

The shared frame and interface are in :mod:`.base`; each module holds the widgets of one family
of kinds. :func:`widget_for` picks the widget for a field.
"""

from __future__ import annotations

from typing import Any

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
from desktop.ui.fields.repeat import RepeatWidget
from desktop.ui.fields.text import LongTextWidget, ShortTextWidget

__all__ = [
    "COUNTRY_FIRST",
    "WIDGETS",
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
    "repeat": RepeatWidget,
}


def widget_for(field: Any, lang: str, parent: QWidget | None = None) -> FieldWidget:
    """The widget for ``field``; an unknown kind gets a plain text field rather than a crash."""
    cls = WIDGETS.get(str(getattr(field, "kind", "")), ShortTextWidget)
    return cls(field, lang, parent)
