"""The statistics tab: the desk's reports as facts (read on the worker thread) in the statistics
view of ``desk.ui.statistics`` (tables, charts, suppression, saving)."""

from __future__ import annotations

from desk.core import facts
from desk.core.store import DeskStore
from desk.stats.facts import ReportFacts
from desk.stats.suppression import DEFAULT_THRESHOLD
from desk.ui.statistics import StatisticsView
from desktop.qt import QVBoxLayout, QWidget
from desktop.worker import StoreWorker

THRESHOLD = "stats.threshold"


def _load(store: DeskStore) -> tuple[list[ReportFacts], int]:
    threshold = store.get_setting(THRESHOLD, DEFAULT_THRESHOLD)
    return facts.report_facts(store), int(threshold) if isinstance(threshold, int) else DEFAULT_THRESHOLD


class StatisticsTab(QWidget):
    def __init__(self, worker: StoreWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statisticsTab")
        self._worker = worker
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view = StatisticsView(self)
        layout.addWidget(self.view)

    def reload(self) -> None:
        self._worker.submit(_load, self._loaded)

    def _loaded(self, loaded: tuple[list[ReportFacts], int]) -> None:
        found, threshold = loaded
        if threshold != self.view.threshold:
            self.view.set_threshold(threshold)
        self.view.set_facts(found)
