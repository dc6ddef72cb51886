"""The desk's statistics: the yearly picture as tables and bar charts, saved as CSV, PNG or PDF.

``StatisticsView.set_facts`` takes the :class:`desk.stats.facts.ReportFacts` of the desk's
reports. A period (a year or one quarter) and a unit (by report or by person) choose the picture;
it is counted and protected (:func:`desk.stats.suppression.protect`) on a pool thread, so 100,000
reports never hold up the window (bench_stats: about 0.3 s). By report, the year and its four
quarters are protected as one release (``protect_release``), so a quarter saved next to its year
gives no suppressed count away as a difference. On screen the registrar sees the real
counts, with the cells that will not be published shaded (or, with "As published", as x); the
charts and everything saved show only what may leave the desk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.stats.export import SUPPRESSED, picture_csv, shown, table_csv
from desk.stats.facts import ReportFacts
from desk.stats.labels import dimension_label, key_label, total_label
from desk.stats.suppression import DEFAULT_THRESHOLD, Protected, protect, protect_release
from desk.stats.tables import Period, Table, Unit, picture
from desk.ui.statistics_charts import ChartWidget, bars_of, save_pdf, save_png
from desktop import i18n

log = logging.getLogger(__name__)

__all__ = ["SAVE_KINDS", "StatisticsView"]

SAVE_KINDS = ("csv_table", "csv_all", "png", "pdf")
"""What the save dialog offers, in its order: this table as CSV, every table as CSV (long form),
this chart as PNG, every table and chart as PDF."""
_SUFFIX = {"csv_table": ".csv", "csv_all": ".csv", "png": ".png", "pdf": ".pdf"}


class _Box:
    """Carries a result across threads (see desktop.worker._Box: a fresh object is always safe)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)


class _Count(QRunnable):
    """Counts and protects one picture on a pool thread; reports back through queued signals."""

    def __init__(self, generation: int, work: Callable[[], Protected], signals: _Signals) -> None:
        super().__init__()
        self._generation, self._work, self._signals = generation, work, signals

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # shown in the view as a plain message, logged without data
            self._signals.failed.emit(self._generation, _Box(exc))
        else:
            self._signals.done.emit(self._generation, _Box(result))


class StatisticsView(QWidget):
    """Tables and charts of the yearly picture (module text). Signals: ``counted()`` after each new
    picture is on screen; ``saved(str)`` with the path after a file was written."""

    counted = Signal()
    saved = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, threshold: int = DEFAULT_THRESHOLD) -> None:
        super().__init__(parent)
        self._facts: tuple[ReportFacts, ...] = ()
        self._threshold = threshold
        self._generation = 0
        self.protected: Protected | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_counted)
        self._signals.failed.connect(self._on_failed)

        self.year_label = QLabel()
        self.year = QComboBox()
        self.year_label.setBuddy(self.year)
        self.period_label = QLabel()
        self.period = QComboBox()
        self.period_label.setBuddy(self.period)
        self.by_report = QRadioButton()
        self.by_person = QRadioButton()
        self.by_report.setChecked(True)
        self.units = QButtonGroup(self)
        self.units.addButton(self.by_report)
        self.units.addButton(self.by_person)
        self.as_published = QCheckBox()
        self.save_button = QPushButton()
        bar = QHBoxLayout()
        for w in (self.year_label, self.year, self.period_label, self.period, self.by_report, self.by_person,
                  self.as_published):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.save_button)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.tables = QListWidget()
        self.grid = QTableWidget()
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.chart = ChartWidget()
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.grid)
        right.addWidget(self.chart)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tables)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)

        self.year.currentIndexChanged.connect(self._recount)
        self.period.currentIndexChanged.connect(self._recount)
        self.units.buttonToggled.connect(self._unit_toggled)
        self.as_published.toggled.connect(self._show_table)
        self.tables.currentRowChanged.connect(self._show_table)
        self.save_button.clicked.connect(self._ask_save)
        self.retranslate()

    # -- input -----------------------------------------------------------------------------
    def set_facts(self, facts: Sequence[ReportFacts]) -> None:
        """Count these facts (the desk calls this whenever its reports or links change)."""
        self._facts = tuple(facts)
        years = sorted({f.received.year for f in self._facts}, reverse=True)
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for y in years:
            self.year.addItem(str(y), y)
        if current in years:
            self.year.setCurrentIndex(years.index(current))
        self.year.blockSignals(False)
        self._recount()

    def set_threshold(self, threshold: int) -> None:
        """Counts below ``threshold`` are not published (the desk's setting, default 10)."""
        if threshold < 1:
            raise ValueError("the threshold must be at least 1")
        self._threshold = threshold
        self._recount()

    @property
    def threshold(self) -> int:
        return self._threshold

    @property
    def busy(self) -> bool:
        return self._pool.activeThreadCount() > 0 or (self.protected is None and bool(self._facts))

    def current_period(self) -> Period | None:
        year = self.year.currentData()
        if not isinstance(year, int):
            return None
        quarter = self.period.currentData()
        return Period(year, quarter if isinstance(quarter, int) else None)

    def current_unit(self) -> Unit:
        return "person" if self.by_person.isChecked() else "report"

    def current_table(self) -> Table | None:
        row = self.tables.currentRow()
        if self.protected is None or not 0 <= row < len(self.protected.picture.tables):
            return None
        return self.protected.picture.tables[row]

    # -- counting on the pool ------------------------------------------------------------------
    def _unit_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self._recount()

    def _recount(self) -> None:
        period = self.current_period()
        self._generation += 1
        if period is None:
            self.protected = None
            self._show_picture()
            return
        facts, unit, threshold = self._facts, self.current_unit(), self._threshold
        self.status.setText(self.tr("Counting…"))
        def work() -> Protected:
            if unit == "report":  # the year and its quarters add up: protected as one release
                year = picture(facts, Period(period.year), unit=unit)
                quarters = [picture(facts, Period(period.year, q), unit=unit) for q in range(1, 5)]
                return protect_release(year, quarters, threshold)[period]
            return protect(picture(facts, period, unit=unit), threshold)

        self._pool.start(_Count(self._generation, work, self._signals))

    def _on_counted(self, generation: int, box: _Box) -> None:
        if generation != self._generation:
            return  # a newer choice is being counted
        self.protected = box.value
        self._show_picture()
        self.counted.emit()

    def _on_failed(self, generation: int, box: _Box) -> None:
        if generation != self._generation:
            return
        log.error("counting the statistics failed: %s", type(box.value).__name__)
        self.status.setText(self.tr("The statistics could not be counted. Please try again, or restart "
                                    "the desk."))

    # -- showing -----------------------------------------------------------------------------
    def _lang(self) -> str:
        return i18n.current_language()

    def table_title(self, table: Table) -> str:
        lang = self._lang()
        if table.cols_dim is None:
            return dimension_label(table.rows_dim, lang)
        return f"{dimension_label(table.rows_dim, lang)} × {dimension_label(table.cols_dim, lang)}"

    def _note(self) -> str:
        return self.tr("%1 = not published: fewer than %2, or a number that would reveal one").replace(
            "%1", SUPPRESSED).replace("%2", str(self._threshold))

    def _heading(self) -> str:
        prot = self.protected
        if prot is None:
            return ""
        unit = self.tr("persons") if prot.picture.unit == "person" else self.tr("reports")
        total = prot.published(prot.picture.tables[0], None)
        text = self.tr("Signaal Desk · %1 · %2: %3")
        return text.replace("%1", self._period_text(prot.picture.period)).replace("%2", unit).replace(
            "%3", shown(total))

    def _period_text(self, period: Period) -> str:
        if period.quarter is None:
            return str(period.year)
        return self.tr("Q%1 %2").replace("%1", str(period.quarter)).replace("%2", str(period.year))

    def _show_picture(self) -> None:
        prot = self.protected
        row = max(0, self.tables.currentRow())
        self.tables.blockSignals(True)
        self.tables.clear()
        if prot is not None:
            for t in prot.picture.tables:
                self.tables.addItem(self.table_title(t))
            self.tables.setCurrentRow(min(row, self.tables.count() - 1))
        self.tables.blockSignals(False)
        self.save_button.setEnabled(prot is not None and prot.picture.total > 0)
        if prot is None:
            self.status.setText(self.tr("No reports to count yet."))
        elif prot.picture.total == 0:
            self.status.setText(self.tr("No reports in this period."))
        else:
            self.status.setText(f"{self._heading()}. {self._note()}.")
        self._show_table()

    def _show_table(self) -> None:
        prot, table = self.protected, self.current_table()
        self.grid.clear()
        if prot is None or table is None:
            self.grid.setRowCount(0)
            self.grid.setColumnCount(0)
            self.chart.set_chart("", [], [], "")
            return
        lang = self._lang()
        cols: list[str | None] = [None] if table.cols_dim is None else [*table.columns, None]
        rows: list[str | None] = [*table.rows, None]
        heads = ([key_label("", "count", lang)] if table.cols_dim is None
                 else [*(key_label(table.cols_dim, c, lang) for c in table.columns), total_label(lang)])
        self.grid.setRowCount(len(rows))
        self.grid.setColumnCount(len(cols))
        self.grid.setHorizontalHeaderLabels(heads)
        self.grid.setVerticalHeaderLabels(
            [total_label(lang) if r is None else key_label(table.rows_dim, r, lang) for r in rows])
        published_only = self.as_published.isChecked()
        hidden = self.tr("Not published: saved as %1").replace("%1", SUPPRESSED)
        for i, r in enumerate(rows):
            for j, c in enumerate(cols):
                if table.cols_dim is None:
                    out, real = prot.published(table, r), (table.total if r is None else table.count(r))
                else:
                    out, real = prot.published(table, r, c), _real(table, r, c)
                item = QTableWidgetItem(shown(out) if published_only else str(real))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if out is None:
                    item.setBackground(QColor("#e6e6e6"))
                    item.setToolTip(hidden)
                self.grid.setItem(i, j, item)
        series, bars = bars_of(prot, table, lang)
        self.chart.set_chart(self.table_title(table), series, bars, self._note())

    # -- saving --------------------------------------------------------------------------------
    def _filters(self) -> list[str]:
        return [self.tr("CSV, this table (*.csv)"), self.tr("CSV, all tables (*.csv)"),
                self.tr("PNG, this chart (*.png)"), self.tr("PDF, all tables and charts (*.pdf)")]

    def _ask_save(self) -> None:
        table = self.current_table()
        if self.protected is None or table is None:
            return
        filters = self._filters()
        name = f"signaal-{self.protected.picture.period}-{table.name.replace('×', '-')}.csv"
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Save statistics"), name, ";;".join(filters))
        if not path:
            return
        kind = SAVE_KINDS[filters.index(chosen)] if chosen in filters else _kind_of(Path(path))
        self.save(Path(path), kind)

    def save(self, path: Path, kind: str) -> bool:
        """Write what may be published to ``path`` as ``kind`` (one of :data:`SAVE_KINDS`); a
        problem is shown in the view, never raised. Returns whether the file was written."""
        prot, table = self.protected, self.current_table()
        if prot is None or table is None:
            return False
        if path.suffix.lower() != _SUFFIX[kind]:
            path = path.with_name(path.name + _SUFFIX[kind])
        lang = self._lang()
        try:
            if kind == "csv_table":
                path.write_text(table_csv(prot, table, lang), encoding="utf-8-sig", newline="")
            elif kind == "csv_all":
                path.write_text(picture_csv(prot), encoding="utf-8-sig", newline="")
            elif kind == "png":
                series, bars = bars_of(prot, table, lang)
                save_png(path, f"{self.table_title(table)} · {self._heading()}", series, bars, self._note())
            else:
                save_pdf(path, prot, lang, self._heading(), self._note(), self.table_title)
        except OSError as exc:
            self.status.setText(self.tr("Could not save %1: %2").replace("%1", path.name).replace(
                "%2", exc.strerror or self.tr("the file could not be written")))
            return False
        self.status.setText(self.tr("Saved: %1").replace("%1", path.name))
        self.saved.emit(str(path))
        return True

    # -- language --------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.year_label.setText(self.tr("&Year"))
        self.period_label.setText(self.tr("&Period"))
        self.by_report.setText(self.tr("By &report"))
        self.by_person.setText(self.tr("By p&erson"))
        self.as_published.setText(self.tr("As p&ublished"))
        tip = self.tr("Show the numbers as they are saved: small numbers as %1")
        self.as_published.setToolTip(tip.replace("%1", SUPPRESSED))
        self.save_button.setText(self.tr("&Save…"))
        quarter = self.period.currentData()
        self.period.blockSignals(True)
        self.period.clear()
        self.period.addItem(self.tr("Whole year"), None)
        for q in range(1, 5):
            self.period.addItem(self.tr("Quarter %1").replace("%1", str(q)), q)
        self.period.setCurrentIndex(quarter if isinstance(quarter, int) else 0)
        self.period.blockSignals(False)
        self._show_picture()

    def shutdown(self) -> None:
        """Wait for a count that is still running (the desk calls this when it closes)."""
        self._generation += 1
        self._pool.waitForDone()


def _real(table: Table, row: str | None, column: str | None) -> int:
    """The unprotected count of a cross-table cell or margin (for the registrar's own screen)."""
    if row is None and column is None:
        return table.total
    if column is None:
        assert row is not None
        return table.row_total(row)
    if row is None:
        return table.column_total(column)
    return table.count(row, column)


def _kind_of(path: Path) -> str:
    return {".png": "png", ".pdf": "pdf"}.get(path.suffix.lower(), "csv_table")
