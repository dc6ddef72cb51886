"""Bar charts of a protected table, painted with QPainter (PySide6-Essentials has no QtCharts),
and the PNG and PDF files the statistics view saves.

Only published numbers are drawn: a suppressed count gets no bar and no number, only the marker
"x" in grey, so a chart never shows what the CSV hides (the bar length would give it away).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from desk.stats.export import SUPPRESSED, shown
from desk.stats.labels import dimension_label, key_label, total_label
from desk.stats.suppression import Protected
from desk.stats.tables import Table

__all__ = ["BAR_COLOURS", "Bar", "ChartWidget", "bars_of", "paint_chart", "save_pdf", "save_png"]

BAR_COLOURS = ("#1f5f8b", "#d9822b", "#3a8f5c", "#8e44ad", "#c0392b", "#7f8c8d", "#b7950b", "#2c3e50")
"""One colour per column of a cross-table (the first for a one-way table)."""

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight


@dataclass(frozen=True)
class Bar:
    """One row of a chart: its label and, per series, the published count (None: suppressed)."""

    label: str
    values: tuple[int | None, ...]


def bars_of(prot: Protected, table: Table, lang: str) -> tuple[list[str], list[Bar]]:
    """The series names and bars of ``table`` as published (one series for a one-way table)."""
    if table.cols_dim is None:
        return [dimension_label(table.rows_dim, lang)], [
            Bar(key_label(table.rows_dim, r, lang), (prot.published(table, r),)) for r in table.rows]
    series = [key_label(table.cols_dim, c, lang) for c in table.columns]
    bars = [Bar(key_label(table.rows_dim, r, lang), tuple(prot.published(table, r, c) for c in table.columns))
            for r in table.rows]
    return series, bars


def _colour(i: int) -> QColor:
    return QColor(BAR_COLOURS[i % len(BAR_COLOURS)])


def paint_chart(painter: QPainter, area: QRectF, title: str, series: Sequence[str], bars: Sequence[Bar],
                suppressed_note: str) -> list[QRectF]:
    """Horizontal grouped bars in ``area``; returns each bar row's band (for tests and hit areas)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.fillRect(area, QColor("white"))
    base = QFont(painter.font())
    base.setPointSizeF(max(6.0, min(10.0, area.height() / max(12, 2.2 * len(bars) + 8))))
    painter.setFont(base)
    fm = QFontMetrics(base)
    line = fm.height()
    ink = QColor("#1d1d1d")
    grey = QColor("#8a8a8a")
    # Title, then the legend (cross-tables), then the note about suppression at the bottom.
    bold = QFont(base)
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(ink)
    top = area.top() + 4
    painter.drawText(QRectF(area.left() + 6, top, area.width() - 12, line * 1.4), _LEFT, title)
    top += line * 1.6
    painter.setFont(base)
    if len(series) > 1:
        x = area.left() + 6
        for i, name in enumerate(series):
            painter.fillRect(QRectF(x, top + 2, line - 4, line - 4), _colour(i))
            x += line
            painter.setPen(ink)
            painter.drawText(QRectF(x, top, fm.horizontalAdvance(name) + 4, line), _LEFT, name)
            x += fm.horizontalAdvance(name) + 14
        top += line * 1.3
    bottom = area.bottom() - line * 1.5
    painter.setPen(grey)
    painter.drawText(QRectF(area.left() + 6, bottom + 2, area.width() - 12, line * 1.3), _LEFT,
                     suppressed_note)
    label_w = min(area.width() * 0.38, max((fm.horizontalAdvance(b.label) for b in bars), default=0) + 12)
    value_w = fm.horizontalAdvance("00000") + 8
    plot_left = area.left() + 6 + label_w
    plot_w = max(10.0, area.right() - 6 - value_w - plot_left)
    peak = max((v for b in bars for v in b.values if v is not None), default=0) or 1
    band_h = (bottom - top) / max(1, len(bars))
    bands: list[QRectF] = []
    for row, bar in enumerate(bars):
        band = QRectF(area.left(), top + row * band_h, area.width(), band_h)
        bands.append(band)
        painter.setPen(ink)
        label = fm.elidedText(bar.label, _ELIDE_RIGHT, int(label_w - 8))
        painter.drawText(QRectF(area.left() + 6, band.top(), label_w - 8, band_h), _RIGHT, label)
        n = len(bar.values)
        slot = band_h * 0.8 / n
        for i, value in enumerate(bar.values):
            y = band.top() + band_h * 0.1 + i * slot
            if value is None:
                painter.setPen(grey)
                painter.drawText(QRectF(plot_left + 2, y, value_w, slot), _LEFT, SUPPRESSED)
                continue
            width = plot_w * value / peak
            painter.fillRect(QRectF(plot_left, y, width, max(1.0, slot - 1)), _colour(i))
            painter.setPen(ink)
            if n == 1 or slot >= line * 0.8:
                painter.drawText(QRectF(plot_left + width + 4, y, value_w, slot), _LEFT, str(value))
    painter.setPen(QPen(grey))
    painter.drawLine(int(plot_left), int(top), int(plot_left), int(bottom))
    painter.restore()
    return bands


class ChartWidget(QWidget):
    """Shows one table's chart; ``set_chart`` gives it what to draw."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._title = ""
        self._series: list[str] = []
        self._bars: list[Bar] = []
        self._note = ""
        self.bands: list[QRectF] = []

    def set_chart(self, title: str, series: list[str], bars: list[Bar], note: str) -> None:
        self._title, self._series, self._bars, self._note = title, series, bars, note
        self.update()

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        try:
            self.bands = paint_chart(painter, QRectF(self.rect()), self._title, self._series, self._bars,
                                     self._note)
        finally:
            painter.end()


def save_png(path: Path, title: str, series: list[str], bars: list[Bar], note: str, *,
             width: int = 1200) -> list[QRectF]:
    """The chart as a PNG; returns the bar bands (pixel rows) it drew. Raises OSError."""
    band = 28 if len(series) == 1 else 14 * len(series) + 10
    height = max(360, 70 + band * len(bars) + (24 if len(series) > 1 else 0))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        bands = paint_chart(painter, QRectF(0, 0, width, height), title, series, bars, note)
    finally:
        painter.end()
    # The stub wants the format as bytes, but PySide6 6.11 refuses bytes at run time (ValueError)
    # and takes only str.
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
        raise OSError(f"could not write {path.name}")
    return bands


def save_pdf(path: Path, prot: Protected, lang: str, heading: str, note: str,
             title_of: Callable[[Table], str]) -> None:
    """Every table of the picture, each on its own page: its chart and its published numbers."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setResolution(150)
    writer.setTitle(heading)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"could not write {path.name}")
    try:
        page = QRectF(painter.viewport())
        for i, table in enumerate(prot.picture.tables):
            if i:
                writer.newPage()
            font = QFont(painter.font())
            font.setPointSizeF(9)
            painter.setFont(font)
            painter.setPen(QColor("#1d1d1d"))
            head_h = QFontMetrics(font).height() * 1.6
            painter.drawText(QRectF(page.left(), page.top(), page.width(), head_h), _LEFT, heading)
            series, bars = bars_of(prot, table, lang)
            chart_h = min(page.height() * 0.5, 80 + 40 * len(bars) * max(1, len(series) // 2))
            chart = QRectF(page.left(), page.top() + head_h, page.width(), chart_h)
            paint_chart(painter, chart, title_of(table), series, bars, note)
            _paint_grid(writer, painter, QRectF(page.left(), chart.bottom() + 12, page.width(),
                                                page.bottom() - chart.bottom() - 12), page, prot, table, lang)
    finally:
        painter.end()


def _grid_rows(prot: Protected, table: Table, lang: str) -> list[list[str]]:
    if table.cols_dim is None:
        rows = [[dimension_label(table.rows_dim, lang), key_label("", "count", lang)]]
        rows += [[key_label(table.rows_dim, r, lang), shown(prot.published(table, r))] for r in table.rows]
        rows.append([total_label(lang), shown(prot.published(table, None))])
        return rows
    heads = [key_label(table.cols_dim, c, lang) for c in table.columns]
    rows = [[dimension_label(table.rows_dim, lang), *heads, total_label(lang)]]
    for r in table.rows:
        rows.append([key_label(table.rows_dim, r, lang),
                     *(shown(prot.published(table, r, c)) for c in (*table.columns, None))])
    rows.append([total_label(lang), *(shown(prot.published(table, None, c)) for c in (*table.columns, None))])
    return rows


def _paint_grid(writer: QPdfWriter, painter: QPainter, area: QRectF, page: QRectF, prot: Protected,
                table: Table, lang: str) -> None:
    """The table's numbers as a plain grid, continuing on new pages when it is long."""
    rows = _grid_rows(prot, table, lang)
    font = QFont(painter.font())
    font.setPointSizeF(8 if len(rows[0]) <= 6 else 6.5)
    painter.setFont(font)
    fm = QFontMetrics(font)
    line = fm.height() * 1.25
    first_w = min(page.width() * 0.4, max(fm.horizontalAdvance(r[0]) for r in rows) + 10)
    other_w = (page.width() - first_w) / max(1, len(rows[0]) - 1)
    y = area.top()
    for i, row in enumerate(rows):
        if y + line > page.bottom():
            writer.newPage()
            y = page.top()
        painter.setPen(QColor("#1d1d1d") if row[0] else QColor("#8a8a8a"))
        font.setBold(i == 0 or i == len(rows) - 1)
        painter.setFont(font)
        painter.drawText(QRectF(page.left(), y, first_w - 6, line), _LEFT,
                         fm.elidedText(row[0], _ELIDE_RIGHT, int(first_w - 8)))
        for j, cell in enumerate(row[1:]):
            x = page.left() + first_w + j * other_w
            text = cell if i else fm.elidedText(cell, _ELIDE_RIGHT, int(other_w - 4))
            painter.drawText(QRectF(x, y, other_w - 4, line), _RIGHT, text)
        y += line
