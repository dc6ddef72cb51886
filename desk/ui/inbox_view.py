"""The inbox: filters (state, form, region, period, assignee) over a table of reports.

Every filter is applied by the store (``desk.core.inbox.Filter``); this widget only collects the
choices and hands them to :class:`desk.ui.inbox_model.InboxModel`.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.core import inbox
from desk.core.events import STATES
from desk.ui.inbox_model import COLUMNS, InboxModel
from desk.ui.texts import region_text, state_text
from desktop.worker import StoreWorker

PERIODS = ("all", "today", "7d", "30d", "year", "last_year")


def period_range(code: str, today: dt.date | None = None) -> tuple[str | None, str | None]:
    today = today or dt.date.today()
    if code == "today":
        return today.isoformat(), today.isoformat()
    if code == "7d":
        return (today - dt.timedelta(days=6)).isoformat(), today.isoformat()
    if code == "30d":
        return (today - dt.timedelta(days=29)).isoformat(), today.isoformat()
    if code == "year":
        return f"{today.year}-01-01", f"{today.year}-12-31"
    if code == "last_year":
        return f"{today.year - 1}-01-01", f"{today.year - 1}-12-31"
    return None, None


class InboxView(QWidget):
    """Signals: report_selected(str) with the report id (or "" when nothing is selected)."""

    report_selected = Signal(str)
    assignees_known = Signal(list)   # the names reports are assigned to, for the triage panel

    def __init__(self, worker: StoreWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inboxView")
        self._worker = worker
        self.model = InboxModel(worker, self)
        layout = QVBoxLayout(self)
        # Three rows of filters, and boxes that may be narrower than their longest entry: the inbox,
        # the report and the triage panel side by side fit a 1024-pixel-wide screen.
        bar = QGridLayout()
        self.state_filter = QComboBox(self)
        self.form_filter = QComboBox(self)
        self.region_filter = QComboBox(self)
        self.period_filter = QComboBox(self)
        self.assignee_filter = QComboBox(self)
        self.labels: list[QLabel] = []
        combos = (self.state_filter, self.form_filter, self.region_filter, self.period_filter,
                  self.assignee_filter)
        for i, combo in enumerate(combos):
            label = QLabel(self)
            label.setBuddy(combo)
            self.labels.append(label)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(5)
            bar.addWidget(label, i // 2, 2 * (i % 2))
            bar.addWidget(combo, i // 2, 2 * (i % 2) + 1)
            bar.setColumnStretch(2 * (i % 2) + 1, 1)
            combo.activated.connect(lambda _i: self.apply_filters())
        layout.addLayout(bar)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)   # Tab leaves the table (arrows move in it), as in a form
        self.table.setObjectName("inboxTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for name, width in (("reference", 130), ("form", 95), ("received", 140), ("organisation", 140),
                            ("region", 130), ("state", 150), ("assignee", 110)):
            self.table.setColumnWidth(COLUMNS.index(name), width)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("hint")
        layout.addWidget(self.count_label)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.loaded.connect(self._loaded)
        self.model.dataChanged.connect(self._data_changed)
        self._count = 0
        self._keep: str = ""
        self._choices: dict[str, list[str]] = {"form_id": [], "region": [], "assignee": []}
        self.retranslate()

    # -- filters ------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for label, text in zip(self.labels, (self.tr("&State"), self.tr("&Form"), self.tr("Re&gion"),
                                             self.tr("&Period"), self.tr("&Assignee")), strict=True):
            label.setText(text)
        self._fill_choices()
        self._show_count()

    def _fill(self, combo: QComboBox, items: list[tuple[str, object]]) -> None:
        current = combo.currentData()
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        index = combo.findData(current)
        combo.setCurrentIndex(max(0, index))

    def _fill_choices(self) -> None:
        every = self.tr("All")
        self._fill(self.state_filter, [(every, ""), *[(state_text(s), s) for s in STATES]])
        self._fill(self.form_filter, [(every, ""), *[(f.upper(), f) for f in self._choices["form_id"]]])
        self._fill(self.region_filter, [(every, ""), *[(region_text(r), r) for r in self._choices["region"]]])
        names = {"all": every, "today": self.tr("Today"), "7d": self.tr("Last 7 days"),
                 "30d": self.tr("Last 30 days"), "year": self.tr("This year"),
                 "last_year": self.tr("Last year")}
        self._fill(self.period_filter, [(names[p], p) for p in PERIODS])
        self._fill(self.assignee_filter, [(every, ""), (self.tr("Nobody"), inbox.UNASSIGNED),
                                          *[(a, a) for a in self._choices["assignee"]]])

    def refresh_choices(self) -> None:
        self._worker.submit(inbox.choices, self._set_choices)

    def _set_choices(self, choices: dict[str, list[str]]) -> None:
        self._choices = choices
        self._fill_choices()
        self.assignees_known.emit(list(choices["assignee"]))

    def current_filter(self) -> inbox.Filter:
        day_from, day_to = period_range(str(self.period_filter.currentData() or "all"))
        state = str(self.state_filter.currentData() or "")
        form = str(self.form_filter.currentData() or "")
        region = str(self.region_filter.currentData() or "")
        assignee = str(self.assignee_filter.currentData() or "") or None
        return inbox.Filter(states=(state,) if state else (), form_ids=(form,) if form else (),
                            regions=(region,) if region else (), day_from=day_from, day_to=day_to,
                            assignee=assignee)

    def apply_filters(self) -> None:
        self.model.reload(self.current_filter())

    def reload(self) -> None:
        """Ask the store again (after an exchange or an edit), keeping the selected report."""
        self._keep = self.selected_report()
        self.refresh_choices()
        self.model.reload(self.current_filter())

    # -- selection ----------------------------------------------------------------------------
    def selected_report(self) -> str:
        index = self.table.currentIndex()
        value = self.model.data(self.model.index(index.row(), 0), 0x0100) if index.isValid() else None
        return str(value) if value else ""

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        r = self.model.row_at(current.row()) if current.isValid() else None
        self.report_selected.emit(r.id if r else "")

    def _loaded(self, count: int) -> None:
        self._count = count
        self._show_count()
        if count and self.model.row_at(0) is None:
            self.model.data(self.model.index(0, 0), 0)  # ask for the first block at once

    def _data_changed(self, *_args: object) -> None:
        if self._keep:
            row = self.model.row_of(self._keep)
            if row >= 0:
                self._keep = ""
                # Only the highlight comes back: the report shown stays (the registrar may have
                # opened a linked one meanwhile).
                selection = self.table.selectionModel()
                blocked = selection.blockSignals(True)
                self.table.selectRow(row)
                selection.blockSignals(blocked)
                self.table.viewport().update()

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("%n report(s)", "", self._count))
