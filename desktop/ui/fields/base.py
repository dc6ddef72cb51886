"""The shared frame of every field widget: label (with required marker), help, the input, a problem line.

Every widget has the same small interface: :meth:`FieldWidget.value` (the answer in the shape
``forms`` expects, ``None`` when unanswered), :meth:`set_value`, the ``changed`` signal,
:meth:`set_problem`, :meth:`focus_input` and :meth:`set_language`. Labels and help come from the
definition (nl/en); only the generic words (yes, no, unknown, note) come from the translations.
"""

from __future__ import annotations

from typing import Any, Generic

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from typing_extensions import TypeVar

from desktop.i18n import text as tx
from desktop.qt import translate
from forms.model import FormField

# The field class a widget asks (IntegerWidget: IntegerField). Covariant: a widget for an integer is
# a widget for a field (``field`` is read only). The default lets code that holds widgets of any
# kind (a form's dict of them) write plain ``FieldWidget``.
F = TypeVar("F", bound=FormField, default=FormField, covariant=True)


def yes_no_unknown_labels() -> dict[str, str]:
    return {
        "yes": translate("Fields", "Yes"),
        "no": translate("Fields", "No"),
        "unknown": translate("Fields", "Don't know"),
    }


# One key answers yes / no / don't know: the first letter of the word in Dutch (ja, nee, weet niet)
# and in English (yes, no, don't know), or its place (1, 2, 3). Both languages' letters work in
# either language: they do not clash, and a habit from the other language does no harm.
ANSWER_KEYS: dict[str, str] = {
    "j": "yes", "y": "yes", "1": "yes",
    "n": "no", "2": "no",
    "w": "unknown", "d": "unknown", "3": "unknown",
}


def yes_no_unknown_hint() -> str:
    """The keys of a yes / no / don't know question, as the hint under the form shows them."""
    return translate("Fields", "Keys: Y = yes, N = no, D = don't know (or 1, 2, 3)")


def is_enter(event: QEvent) -> bool:
    """Return or Enter without Ctrl/Alt/Shift (Ctrl+Enter finalises, Shift+Enter is left alone)."""
    if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
        return False
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and modifiers == Qt.KeyboardModifier.NoModifier)


def typed_key(event: QEvent) -> str:
    """The character of a plain key press (no Ctrl/Alt), lower case; "" for anything else."""
    if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
        return ""
    modifiers = event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier)
    if modifiers != Qt.KeyboardModifier.NoModifier:
        return ""
    text = event.text()
    return text.lower() if len(text) == 1 and text.isprintable() else ""


class FieldWidget(QWidget, Generic[F]):
    """A labelled input for one field: label (with required marker), help, the input, a problem line.

    Signals:
        changed(): the answer changed because the user did something (not on ``set_value``).
        advance(): the user is done here (Enter, or a one-key answer): the form moves on to the
            next question that still needs an answer.

    Keyboard: Enter in a field's input moves on (:meth:`wants_enter` says where it does not: a
    text of several lines); a widget can take single keys as answers (:meth:`answer_key`).
    """

    changed = Signal()
    advance = Signal()

    def __init__(self, field: F, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._field = field
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
        # "Filled in for you": an answer the form proposed (today's date, minor from the age).
        self.prefill_note = QLabel(self)
        self.prefill_note.setObjectName("prefilled")
        self.prefill_note.setWordWrap(True)
        self.prefill_note.hide()
        self._outer.addWidget(self.prefill_note)
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
        for widget in self.key_inputs():
            widget.installEventFilter(self)
        self.set_language(lang)

    @property
    def field(self) -> F:
        """The field of the definition that this widget asks (one for the widget's life)."""
        return self._field

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

    def key_inputs(self) -> list[QWidget]:
        """The widgets whose keys this field handles (Enter moves on; :meth:`answer_key`)."""
        return self.inputs()

    def answer_key(self, obj: QObject, key: str) -> bool:
        """A single typed ``key`` in ``obj``: answer with it and return True (the form then moves
        on), or False to let the input have it."""
        return False

    def wants_enter(self, obj: QObject) -> bool:
        """Whether Enter in ``obj`` means something of its own (a new line) rather than "next"."""
        return False

    def before_advance(self, obj: QObject) -> None:
        """Enter is about to move on from ``obj``: take what was typed (a country name)."""

    def key_hint(self) -> str:
        """The keys this field understands, for the hint line under the form ("" for none)."""
        return ""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or self._loading:
            return False
        if is_enter(event) and not self.wants_enter(obj):
            self.before_advance(obj)
            self.advance.emit()
            return True
        key = typed_key(event)
        if key and self.isEnabled() and self.body.isEnabled() and self.answer_key(obj, key):
            self.advance.emit()
            return True
        return False

    # -- shared behaviour --------------------------------------------------------------------
    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self._apply_value(value)
        finally:
            self._loading = False

    def _emit_changed(self, *_args: object) -> None:
        if not self._loading:
            self.set_prefilled(False)  # the user's own answer now
            self.changed.emit()

    def set_prefilled(self, on: bool, text: str = "") -> None:
        """Mark the answer as filled in by the form (``text`` says from what), or unmark it."""
        if on:
            self.prefill_note.setText(text)
        self.prefill_note.setVisible(on)
        self.setProperty("prefilled", on)
        for widget in self.inputs():
            widget.setAccessibleDescription(text if on else self.help_text())

    @property
    def prefilled(self) -> bool:
        return not self.prefill_note.isHidden()

    def label_text(self) -> str:
        return tx(self.field.label, self.lang)

    def help_text(self) -> str:
        return tx(self.field.help, self.lang)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        required = self.field.required
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
