"""The shared frame of every field widget: label (with required marker), help, the input, a problem line.

Every widget has the same small interface: :meth:`FieldWidget.value` (the answer in the shape
``forms`` expects, ``None`` when unanswered), :meth:`set_value`, the ``changed`` signal,
:meth:`set_problem`, :meth:`focus_input` and :meth:`set_language`. Labels and help come from the
definition (nl/en); only the generic words (yes, no, unknown, note) come from the translations.
"""

from __future__ import annotations

from typing import Any

from desktop.i18n import text as tx
from desktop.qt import QLabel, Qt, QVBoxLayout, QWidget, Signal, translate


def yes_no_unknown_labels() -> dict[str, str]:
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
