"""The triage panel: the report's state with the steps that fit, who has it, internal notes, and a
notice when an edit of this desk was overtaken by a concurrent edit of a colleague.

Every change is a request (``change_requested(kind, value)``); the window makes it an event on the
worker thread (``desk.core.triage.record``) and shows the result.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.core import triage
from desk.core.events import MAX_NAME, MAX_TEXT
from desk.ui.texts import action_text, attribute_text, state_text
from desktop.qt import translate
from desktop.ui.common import Banner
from signaal_common.dates import format_when


def _value_text(attribute: str, value: Any) -> str:
    if attribute == "state" and isinstance(value, dict):
        text = state_text(str(value.get("state")))
        return f"{text}: {value['referred_to']}" if value.get("referred_to") else text
    if value is None:
        return "—"
    if isinstance(value, bool):
        return translate("Desk", "same person") if value else translate("Desk", "not the same person")
    return str(value)


class TriagePanel(QWidget):
    change_requested = Signal(str, object)   # kind, value
    overtaken_seen = Signal(list)            # event ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("triagePanel")
        self._view: triage.TriageView | None = None
        self._me = ""
        layout = QVBoxLayout(self)
        self.overtaken_banner = Banner("warning", self)
        self.overtaken_banner.hide()
        layout.addWidget(self.overtaken_banner)
        self.seen_button = QPushButton(self)
        self.seen_button.setObjectName("overtakenSeen")
        self.seen_button.hide()
        self.seen_button.clicked.connect(self._seen)
        layout.addWidget(self.seen_button)
        self.box = QGroupBox(self)
        form = QFormLayout(self.box)
        self.state_label = QLabel(self.box)
        self.state_label.setObjectName("triageState")
        self.state_caption = QLabel(self.box)
        form.addRow(self.state_caption, self.state_label)
        # One button a row: four in one row were cut to "ndeling", "egistrere" in the narrow panel.
        self.step_row = QGridLayout()
        self.step_buttons: dict[str, QPushButton] = {}
        for state in ("in_progress", "registered", "referred", "not_trafficking", "new"):
            button = QPushButton(self.box)
            button.setObjectName(f"step_{state}")
            button.clicked.connect(lambda _c=False, s=state: self._step(s))
            self.step_buttons[state] = button
        form.addRow(self.step_row)
        self.referred_to = QLineEdit(self.box)
        self.referred_to.setMaxLength(MAX_NAME)
        self.referred_caption = QLabel(self.box)
        self.referred_caption.setBuddy(self.referred_to)
        # "Refer…" without a name puts the cursor here; Enter then refers, as the button would.
        self.referred_to.returnPressed.connect(self._refer_on_enter)
        form.addRow(self.referred_caption, self.referred_to)
        self.assignee = QComboBox(self.box)
        self.assignee.setEditable(True)
        assignee_edit = self.assignee.lineEdit()
        assert assignee_edit is not None  # the combo is editable: it has a line edit
        assignee_edit.setMaxLength(MAX_NAME)
        self.assignee_caption = QLabel(self.box)
        self.assignee_caption.setBuddy(self.assignee)
        form.addRow(self.assignee_caption, self.assignee)
        assign_row = QHBoxLayout()
        self.assign_button = QPushButton(self.box)
        self.assign_button.clicked.connect(self._assign)
        self.me_button = QPushButton(self.box)
        self.me_button.clicked.connect(lambda: self._assign(self._me))
        assign_row.addWidget(self.assign_button)
        assign_row.addWidget(self.me_button)
        form.addRow(assign_row)
        layout.addWidget(self.box)
        self.notes_box = QGroupBox(self)
        nb = QVBoxLayout(self.notes_box)
        self.notes = QListWidget(self.notes_box)
        self.notes.setWordWrap(True)
        nb.addWidget(self.notes, 1)
        self.note_edit = QPlainTextEdit(self.notes_box)
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setMaximumHeight(80)
        self.note_edit.setTabChangesFocus(True)   # Tab goes on to the button, not into the note
        nb.addWidget(self.note_edit)
        self.note_button = QPushButton(self.notes_box)
        self.note_button.clicked.connect(self._add_note)
        nb.addWidget(self.note_button)
        layout.addWidget(self.notes_box, 1)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.retranslate()
        self.show_view(None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.box.setTitle(self.tr("Triage"))
        self.state_caption.setText(self.tr("State"))
        for state, button in self.step_buttons.items():
            button.setText(action_text(state))
        self.referred_caption.setText(self.tr("&Referred to"))
        self.referred_to.setPlaceholderText(self.tr("Organisation (no names of people)"))
        self.assignee_caption.setText(self.tr("&Assignee"))
        self.assign_button.setText(self.tr("Assi&gn"))
        self.me_button.setText(self.tr("Assign to &me"))
        self.notes_box.setTitle(self.tr("Internal notes"))
        self.note_edit.setPlaceholderText(self.tr("A note for the team (stays within CoMensha)"))
        self.note_button.setText(self.tr("Add &note"))
        self.seen_button.setText(self.tr("I have seen this"))
        self.show_view(self._view)

    def set_identity(self, name: str, colleagues: list[str]) -> None:
        self._me = name
        current = self.assignee.currentText()
        self.assignee.clear()
        for n in sorted({name, *colleagues} - {""}):
            self.assignee.addItem(n)
        self.assignee.setEditText(current)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def show_view(self, view: triage.TriageView | None) -> None:
        self._view = view
        self.setEnabled(view is not None)
        self.notes.clear()
        if view is None:
            self.state_label.setText("—")
            self.overtaken_banner.hide()
            self.seen_button.hide()
            for button in self.step_buttons.values():
                button.hide()
            return
        text = state_text(view.state)
        if view.state == "referred" and view.referred_to:
            text = f"{text}: {view.referred_to}"
        if view.pending:
            text += " " + self.tr("(not yet shared with the team)")
        self.state_label.setText(text)
        shown = [b for s, b in self.step_buttons.items() if s in view.allowed]
        for button in self.step_buttons.values():
            self.step_row.removeWidget(button)
            button.setVisible(button in shown)
        for i, button in enumerate(shown):
            self.step_row.addWidget(button, i, 0)
        self.assignee.setEditText(view.assignee or "")
        for note in view.notes:
            suffix = " " + self.tr("(not yet shared)") if note.pending else ""
            self.notes.addItem(f"{format_when(note.at)} · {note.author}{suffix}\n{note.text}")
        lost = view.overtaken
        if lost:
            template = self.tr("Your change of the %1 (%2) was overtaken by %3, who set %4 at the same time.")
            lines = [template.replace("%1", attribute_text(o.attribute))
                     .replace("%2", _value_text(o.attribute, o.mine))
                     .replace("%3", o.winner_author).replace("%4", _value_text(o.attribute, o.winner))
                     for o in lost]
            self.overtaken_banner.setText("\n".join(lines))
            self.overtaken_banner.show()
            self.seen_button.show()
        else:
            self.overtaken_banner.hide()
            self.seen_button.hide()

    # -- requests -----------------------------------------------------------------------------
    def _step(self, state: str) -> None:
        if state == "referred":
            to = self.referred_to.text().strip()
            if not to:
                self.show_problem(self.tr("Fill in to whom the report is referred first."))
                self.referred_to.setFocus()
                return
            self.change_requested.emit("state", {"state": "referred", "referred_to": to})
            return
        self.change_requested.emit("state", {"state": state})

    def _refer_on_enter(self) -> None:
        if self.step_buttons["referred"].isVisible() and self.referred_to.text().strip():
            self._step("referred")

    def _assign(self, name: str | None = None) -> None:
        who = (name if isinstance(name, str) and name else self.assignee.currentText()).strip()
        self.change_requested.emit("assignee", who or None)

    def _add_note(self) -> None:
        text = self.note_edit.toPlainText().strip()
        if not text:
            self.show_problem(self.tr("Type a note first."))
            return
        if len(text) > MAX_TEXT:
            self.show_problem(self.tr("A note can be at most %1 characters.").replace("%1", str(MAX_TEXT)))
            return
        self.change_requested.emit("note", text)

    def _seen(self) -> None:
        if self._view is not None:
            self.overtaken_seen.emit([o.event_id for o in self._view.overtaken])

    def note_added(self) -> None:
        self.note_edit.clear()
