"""The statistics tab: the desk's reports as facts (read on the worker thread) in the statistics
view of ``desk.ui.statistics`` (tables, charts, suppression, saving), and the desk's setting for
the publication threshold (``stats.threshold``, default 10)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from desk.core import facts
from desk.core.store import DeskStore
from desk.stats.facts import ReportFacts
from desk.stats.suppression import DEFAULT_THRESHOLD
from desk.ui.statistics import StatisticsView
from desktop.worker import StoreWorker

THRESHOLD = "stats.threshold"
MAX_THRESHOLD = 100


def _load(store: DeskStore) -> tuple[list[ReportFacts], int]:
    threshold = store.get_setting(THRESHOLD, DEFAULT_THRESHOLD)
    ok = isinstance(threshold, int) and 1 <= threshold <= MAX_THRESHOLD
    return facts.report_facts(store), threshold if ok else DEFAULT_THRESHOLD


class StatisticsTab(QWidget):
    def __init__(self, worker: StoreWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statisticsTab")
        self._worker = worker
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.setContentsMargins(10, 8, 10, 0)   # in line with the view's own controls below
        self.threshold_label = QLabel(self)
        self.threshold = QSpinBox(self)
        self.threshold.setRange(1, MAX_THRESHOLD)
        self.threshold.setValue(DEFAULT_THRESHOLD)
        self.threshold_label.setBuddy(self.threshold)
        row.addWidget(self.threshold_label)
        row.addWidget(self.threshold)
        row.addStretch(1)
        layout.addLayout(row)
        self.view = StatisticsView(self)
        layout.addWidget(self.view, 1)
        self.threshold.editingFinished.connect(self._threshold_chosen)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.threshold_label.setText(self.tr("&Publish counts from"))
        self.threshold.setSuffix(" " + self.tr("reports or persons"))

    def reload(self) -> None:
        self._worker.submit(_load, self._loaded)

    def _loaded(self, loaded: tuple[list[ReportFacts], int]) -> None:
        found, threshold = loaded
        self.threshold.setValue(threshold)
        if threshold != self.view.threshold:
            self.view.set_threshold(threshold)
        self.view.set_facts(found)

    def _threshold_chosen(self) -> None:
        value = int(self.threshold.value())
        if value == self.view.threshold:
            return
        self.view.set_threshold(value)
        self._worker.submit(lambda store: store.set_setting(THRESHOLD, value))
