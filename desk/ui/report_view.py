"""One report, read-only, with its form's labels (nl/en), its receipt, the sending organisation and
the reports linked to it; "possibly the same person" suggestions to confirm or reject.

Everything shown comes from one worker job (:func:`load`); the view never touches the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import forms
from desk.core import inbox, linking, triage
from desk.core.store import DeskStore
from desk.ui.texts import match_text, relation_text, state_text
from desktop import i18n
from desktop.ui.finalise import display_value
from signaal_common.dates import format_day, format_when


@dataclass(frozen=True)
class Loaded:
    report: inbox.Report
    triage: triage.TriageView
    linked: list[linking.Linked]
    suggestions: list[linking.Suggestion]


def load(store: DeskStore, report_id: str) -> Loaded:
    return Loaded(inbox.report(store, report_id), triage.view(store, report_id),
                  linking.linked(store, report_id), linking.suggestions(store, report_id))


def report_html(rep: inbox.Report, lang: str, tr: dict[str, str]) -> str:
    """The report as HTML: header (form, reference, receipt, organisation), then each section's
    answered fields with the form's own labels in ``lang``."""
    try:
        form = forms.catalog().get(rep.form_id, rep.form_version)
    except KeyError:
        form = None
    title = i18n.text(form.title, lang) if form is not None else rep.form_id
    receipt = tr["receipt_ok"] if rep.receipt_ok else tr["receipt_bad"]
    head = [
        f"<h2>{escape(title)}</h2>",
        "<table cellspacing='0' cellpadding='3' width='100%'>",
        *(f"<tr><td style='white-space:nowrap'><b>{escape(tr[key])}</b></td><td>{value}</td></tr>"
          for key, value in (("reference", escape(rep.reference or "—")),
                             ("organisation", escape(rep.organisation)),
                             ("received", escape(format_when(rep.received_at, seconds=True))),
                             ("receipt", escape(receipt)),
                             ("envelope", f"<tt>{escape(rep.id)}</tt>"))),
        "</table>",
    ]
    body: list[str] = []
    if form is not None:
        for section in form.sections:
            rows = []
            for field in section.fields:
                value = rep.answers.get(field.id)
                if value is None or field.kind == "notice":
                    continue
                shown = display_value(field, value, lang) or "—"
                rows.append(f"<tr><td valign='top' width='40%'>{escape(i18n.text(field.label, lang))}</td>"
                            f"<td valign='top'>{escape(shown)}</td></tr>")
            if rows:
                body.append(f"<h3>{escape(i18n.text(section.title, lang))}</h3>"
                            "<table cellspacing='0' cellpadding='3' width='100%'>"
                            + "".join(rows) + "</table>")
    return "".join(head + body)


class ReportView(QWidget):
    """Signals: open_report(str) — a linked report was chosen; decide(str, bool) — the suggested
    report and whether it is the same person."""

    open_report = Signal(str)
    decide = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportView")
        self._loaded: Loaded | None = None
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("reportText")
        self.browser.setOpenLinks(False)
        layout.addWidget(self.browser, 3)
        self.linked_box = QGroupBox(self)
        lb = QVBoxLayout(self.linked_box)
        self.linked_list = QListWidget(self.linked_box)
        self.linked_list.itemActivated.connect(self._open_linked)
        lb.addWidget(self.linked_list)
        layout.addWidget(self.linked_box, 1)
        self.suggest_box = QGroupBox(self)
        sb = QVBoxLayout(self.suggest_box)
        self.suggest_list = QListWidget(self.suggest_box)
        self.suggest_list.itemActivated.connect(self._open_linked)
        sb.addWidget(self.suggest_list)
        row = QHBoxLayout()
        row.addStretch(1)
        self.same_button = QPushButton(self.suggest_box)
        self.not_same_button = QPushButton(self.suggest_box)
        for button, same in ((self.same_button, True), (self.not_same_button, False)):
            button.clicked.connect(lambda _c=False, s=same: self._decide(s))
            row.addWidget(button)
        sb.addLayout(row)
        layout.addWidget(self.suggest_box, 1)
        self.suggest_list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.empty = QLabel(self)
        self.empty.setObjectName("hint")
        layout.addWidget(self.empty)
        self.retranslate()
        self.show_loaded(None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _texts(self) -> dict[str, str]:
        return {"reference": self.tr("Reference"), "organisation": self.tr("Sent by"),
                "received": self.tr("Received"), "receipt": self.tr("Receipt"),
                "receipt_ok": self.tr("signed by the receiver, checked"),
                "receipt_bad": self.tr("the receipt's signature does not verify"),
                "envelope": self.tr("Report id")}

    def retranslate(self) -> None:
        self.linked_box.setTitle(self.tr("Linked reports"))
        self.suggest_box.setTitle(self.tr("Possibly the same person"))
        self.same_button.setText(self.tr("&Same person"))
        self.not_same_button.setText(self.tr("&Not the same person"))
        self.empty.setText(self.tr("Choose a report in the inbox."))
        self.show_loaded(self._loaded)

    @property
    def report_id(self) -> str:
        return self._loaded.report.id if self._loaded else ""

    def show_loaded(self, loaded: Loaded | None) -> None:
        self._loaded = loaded
        self.empty.setVisible(loaded is None)
        for w in (self.browser, self.linked_box, self.suggest_box):
            w.setVisible(loaded is not None)
        self.linked_list.clear()
        self.suggest_list.clear()
        if loaded is None:
            self.browser.clear()
            return
        lang = i18n.current_language()
        self.browser.setHtml(report_html(loaded.report, lang, self._texts()))
        for link in loaded.linked:
            where = link.form_id.upper() if link.form_id else self.tr("not in this desk yet")
            item = QListWidgetItem(f"{relation_text(link.relation)}: {where} · {link.report_id[:8]}"
                                   + (f" · {format_day(link.received_at)}" if link.received_at else ""))
            item.setData(Qt.ItemDataRole.UserRole, link.report_id if link.present else "")
            self.linked_list.addItem(item)
        if not loaded.linked:
            self.linked_list.addItem(QListWidgetItem(self.tr("No linked reports.")))
        for s in loaded.suggestions:
            matches = ", ".join(match_text(m) for m in s.matches)
            item = QListWidgetItem(f"{s.form_id.upper()} · {format_day(s.received_at)} · {s.report_id[:8]} — "
                                   + self.tr("same %1").replace("%1", matches))
            item.setData(Qt.ItemDataRole.UserRole, s.report_id)
            self.suggest_list.addItem(item)
        self.suggest_box.setVisible(bool(loaded.suggestions))
        if loaded.suggestions:
            self.suggest_list.setCurrentRow(0)
        self._update_buttons()
        self.setAccessibleDescription(state_text(loaded.triage.state))

    def _update_buttons(self) -> None:
        ok = self.suggest_list.currentItem() is not None
        self.same_button.setEnabled(ok)
        self.not_same_button.setEnabled(ok)

    def _open_linked(self, item: QListWidgetItem) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if target:
            self.open_report.emit(str(target))

    def _decide(self, same: bool) -> None:
        item = self.suggest_list.currentItem()
        if item is not None:
            self.decide.emit(str(item.data(Qt.ItemDataRole.UserRole)), same)
