"""Finalising: either the problems that remain (click one to go there) or what will be sent."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import forms
from desktop.i18n import text as tx
from desktop.qt import translate
from desktop.ui.common import Banner
from forms.model import (
    ChecklistField,
    CountryField,
    DateField,
    Field,
    ItemField,
    MultipleChoiceField,
    RepeatField,
    SingleChoiceField,
    YesNoUnknownField,
)


def display_value(field: Field | ItemField, value: Any, lang: str) -> str:
    """An answer (as stored: JSON values) as a person reads it (labels, not codes)."""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(field, SingleChoiceField | CountryField):
        if isinstance(value, list):
            return ", ".join(field.option_label(v, lang) for v in value)
        return field.option_label(value, lang)
    if isinstance(field, MultipleChoiceField):
        return ", ".join(field.option_label(v, lang) for v in value)
    if isinstance(field, YesNoUnknownField):
        return {
            "yes": translate("Fields", "Yes"),
            "no": translate("Fields", "No"),
            "unknown": translate("Fields", "Don't know"),
        }.get(value, str(value))
    if isinstance(field, DateField):
        text = str(value)
        if len(text) == 7 and text[4] == "-":  # a month: what leaves when the exact date may not
            return f"{text[5:]}-{text[:4]}"
        try:
            return dt.date.fromisoformat(text).strftime("%d-%m-%Y")
        except ValueError:
            return text
    if isinstance(field, ChecklistField):
        texts = {i.id: tx(i.text, lang) for i in field.indicators}
        yes = [texts.get(k, k) for k, v in value.items() if isinstance(v, dict) and v.get("answer") == "yes"]
        unknown = sum(1 for v in value.values() if isinstance(v, dict) and v.get("answer") == "unknown")
        parts = []
        if yes:
            parts.append(translate("FinaliseDialog", "Seen: %1").replace("%1", "; ".join(yes)))
        else:
            parts.append(translate("FinaliseDialog", "No signal answered with yes"))
        if unknown:
            parts.append(translate("FinaliseDialog", "%n unknown", "", unknown))
        notes = [f"{texts.get(k, k)}: {v['note']}" for k, v in value.items()
                 if isinstance(v, dict) and isinstance(v.get("note"), str) and v["note"].strip()]
        if notes:
            parts.append(translate("FinaliseDialog", "Notes: %1").replace("%1", "; ".join(notes)))
        return ". ".join(parts)
    if isinstance(field, RepeatField):  # "Persoon 1: Man, Roemenië; Persoon 2: …": what leaves of each person
        name, inner = tx(field.item_label, lang), {g.id: g for g in field.fields}
        return "; ".join(
            f"{name} {n}: " + ", ".join(display_value(inner[k], v, lang)
                                        for k, v in item.items() if k in inner)
            for n, item in enumerate(value, start=1) if isinstance(item, dict))
    return str(value)


def summary_rows(form: forms.Form, answers: dict[str, Any], lang: str
                 ) -> tuple[list[tuple[str, str, str]], list[str], str]:
    """(section, label, value) for exactly what will be sent; the labels of what stays on this
    computer; and, when the chosen legal basis did not hold, why (else "").

    All three come from the form's minimisation (``forms.minimise``), the same function that
    decides what goes into the sealed envelope.
    """
    outgoing = forms.minimise(form, answers)
    rows = []
    for section in form.sections:
        for field in section.fields:
            if field.id in outgoing.answers and field.kind != "notice":
                rows.append((tx(section.title, lang), tx(field.label, lang),
                             display_value(field, outgoing.answers[field.id], lang)))
    staying = [tx(form.field(fid).label, lang).rstrip(":?") for fid in outgoing.withheld]
    if outgoing.notes_withheld:
        staying.append(translate("FinaliseDialog", "notes with the signals"))
    if outgoing.indicators_withheld:
        staying.append(translate("FinaliseDialog", "signals about health"))
    why = forms.reason_text(outgoing.basis_note, lang) if outgoing.basis_note else ""
    return rows, staying, why


class FinaliseDialog(QDialog):
    """Two modes. With problems: a list; activating one emits ``jump_requested(field_id)``.
    Without: the summary of what will be sent and a confirm button (``confirmed``).
    """

    jump_requested = Signal(str)
    confirmed = Signal()

    def __init__(self, problems: list[tuple[str, str, str]], rows: list[tuple[str, str, str]],
                 staying: list[str], summary: str, parent: QWidget | None = None, *,
                 why: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("finaliseDialog")
        self.setModal(True)
        self._problems = problems
        self._staying = staying
        self._why = why
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.problem_list: QListWidget | None = None
        self.summary_view: QTextBrowser | None = None
        if problems:
            problem_list = self.problem_list = QListWidget(self)
            for field_id, label, message in problems:
                item = QListWidgetItem(f"{label.rstrip(':')} — {message}", problem_list)
                item.setData(Qt.ItemDataRole.UserRole, field_id)
            problem_list.setWordWrap(True)
            problem_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            problem_list.setSpacing(3)
            problem_list.setCurrentRow(0)
            problem_list.itemActivated.connect(self._jump)
            problem_list.itemClicked.connect(self._jump)
            layout.addWidget(problem_list, 1)
            self.buttons = QDialogButtonBox(self)
            self.go_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
            self.go_button.setDefault(True)
            self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
            self.go_button.clicked.connect(lambda: self._jump(problem_list.currentItem()))
            self.buttons.rejected.connect(self.reject)
        else:
            self.summary_line = QLabel(summary, self)
            self.summary_line.setObjectName("summaryLine")
            self.summary_line.setWordWrap(True)
            layout.addWidget(self.summary_line)
            self.summary_view = QTextBrowser(self)
            html = ["<table cellspacing='0' cellpadding='4' width='100%'>"]
            last_section = None
            for section, label, value in rows:
                if section != last_section:
                    html.append(f"<tr><td colspan='2'><b>{escape(section)}</b></td></tr>")
                    last_section = section
                html.append(f"<tr><td width='40%' style='color:#555'>{escape(label)}</td>"
                            f"<td>{escape(value)}</td></tr>")
            html.append("</table>")
            self.summary_view.setHtml("".join(html))
            layout.addWidget(self.summary_view, 1)
            self.held_back = Banner("info", self)
            self.held_back.setVisible(bool(staying))
            layout.addWidget(self.held_back)
            self.after = QLabel(self)
            self.after.setWordWrap(True)
            layout.addWidget(self.after)
            self.buttons = QDialogButtonBox(self)
            self.confirm_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
            self.confirm_button.setObjectName("primary")
            # The button box polished it before it had its name: apply the primary style now.
            self.confirm_button.style().unpolish(self.confirm_button)
            self.confirm_button.style().polish(self.confirm_button)
            self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
            self.buttons.accepted.connect(self._confirm)
            self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(640, 520)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Finalise report"))
        if self.problem_list is not None:
            self.intro.setText(self.tr("Before this report can be finalised, %n thing(s) need(s) your "
                                       "attention. Choose one to go there.", "", len(self._problems)))
            self.go_button.setText(self.tr("&Go to field"))
            self.problem_list.setAccessibleName(self.tr("What still needs attention"))
        elif self.summary_view is not None:
            self.intro.setText(self.tr("Check what will be sent to CoMensha. After finalising you can no "
                                       "longer change this report; if something needs adding, make a new "
                                       "report."))
            self.summary_view.setAccessibleName(self.tr("What will be sent"))
            stays = self.tr("This stays on this computer and is not sent: %1.").replace(
                "%1", ", ".join(self._staying))
            self.held_back.setText(f"{self._why} {stays}".strip())
            self.after.setText(self.tr("The report is sealed so that only CoMensha can read it, and is "
                                       "sent as soon as there is a connection."))
            self.confirm_button.setText(self.tr("&Finalise and send"))

    def _jump(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.jump_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))
        self.accept()
        parent = self.parentWidget()
        if parent is not None:
            parent.window().activateWindow()  # the keys go to the field it jumped to

    def _confirm(self) -> None:
        self.confirmed.emit()
        self.accept()
