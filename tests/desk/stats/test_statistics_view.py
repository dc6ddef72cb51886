"""The statistics view: real widgets, counting off the UI thread, files saved with suppression,
charts rendered to PNG and looked at (pixels), Dutch and English."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog

from desk.stats.export import SUPPRESSED
from desk.stats.suppression import protect, protect_release
from desk.stats.tables import Period, picture
from desk.ui.statistics import SAVE_KINDS, StatisticsView
from desk.ui.statistics_charts import BAR_COLOURS, bars_of, save_png
from desktop import i18n
from tests.desk.stats.synthetic import synthetic_facts
from tests.desk.stats.test_tables import fact


def _small_facts() -> list:
    """46 reports in 2026: 30 labour, 12 sexual, 4 criminal (criminal is below 10)."""
    return ([fact(f"l{i}", received=date(2026, 2, 1 + i % 20)) for i in range(30)]
            + [fact(f"s{i}", exploitation=("sexual",), received=date(2026, 5, 3)) for i in range(12)]
            + [fact(f"c{i}", exploitation=("criminal",), gender="male", received=date(2026, 11, 9))
               for i in range(4)]
            + [fact("old", received=date(2025, 6, 1))])


@pytest.fixture
def view(qtbot):
    i18n.set_language("nl")
    v = StatisticsView()
    qtbot.addWidget(v)
    v.resize(1100, 700)
    v.show()
    yield v
    v.shutdown()
    i18n.set_language("nl")


def _load(qtbot, view, facts) -> None:
    with qtbot.waitSignal(view.counted, timeout=10_000):
        view.set_facts(facts)


def _cell(view, row_label: str, column: int = 0) -> str:
    for r in range(view.grid.rowCount()):
        if view.grid.verticalHeaderItem(r).text() == row_label:
            return view.grid.item(r, column).text()
    raise AssertionError(row_label)


def _ink(image: QImage, x0: int, y0: int, x1: int, y1: int, colour: str) -> int:
    """How many pixels in the box have (about) ``colour``."""
    want = QColor(colour)
    hits = 0
    for y in range(max(0, y0), min(image.height(), y1)):
        for x in range(max(0, x0), min(image.width(), x1), 2):
            c = QColor(image.pixel(x, y))
            if abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < 30:
                hits += 1
    return hits


def test_the_year_picture_with_small_numbers_shaded_and_shown_as_x_when_published(qtbot, view):
    _load(qtbot, view, _small_facts())
    assert view.year.currentText() == "2026" and view.year.count() == 2
    assert view.tables.count() == 14 and view.tables.item(0).text() == "Vorm van uitbuiting"
    assert view.status.text().startswith("Signaal Desk · 2026 · meldingen: 46.")
    assert _cell(view, "Criminele uitbuiting (ook bedelarij)") == "4"  # the registrar sees the count
    assert _cell(view, "Totaal") == "46"
    qtbot.mouseClick(view.as_published, Qt.MouseButton.LeftButton)
    assert _cell(view, "Criminele uitbuiting (ook bedelarij)") == SUPPRESSED
    assert _cell(view, "Seksuele uitbuiting") == SUPPRESSED  # its complement
    assert _cell(view, "Arbeidsuitbuiting") == "30"


def test_quarter_and_by_person_recount_off_the_ui_thread(qtbot, view):
    facts = [*_small_facts(), fact("again", "l1", received=date(2026, 2, 20))]  # l1 reported twice
    _load(qtbot, view, facts)
    assert view.protected.picture.total == 47
    with qtbot.waitSignal(view.counted, timeout=10_000):
        qtbot.mouseClick(view.by_person, Qt.MouseButton.LeftButton)
    assert view.protected.picture.unit == "person" and view.protected.picture.total == 46
    with qtbot.waitSignal(view.counted, timeout=10_000):
        view.period.setCurrentIndex(view.period.findData(2))
    assert view.protected.picture.period == Period(2026, 2) and view.protected.picture.total == 12
    assert view.status.text().startswith("Signaal Desk · K2 2026 · personen: 12.")


def test_by_report_a_quarter_is_protected_together_with_its_year(qtbot, view):
    facts = synthetic_facts(300, seed=2)
    _load(qtbot, view, facts)
    with qtbot.waitSignal(view.counted, timeout=10_000):
        view.period.setCurrentIndex(view.period.findData(3))
    year = picture(facts, Period(2026))
    quarters = [picture(facts, Period(2026, q)) for q in range(1, 5)]
    release = protect_release(year, quarters)
    assert view.protected.suppressed == release[Period(2026, 3)].suppressed
    assert view.protected.suppressed != protect(quarters[2]).suppressed  # alone it would differ


def test_a_hundred_thousand_reports_are_counted_while_the_window_stays_responsive(qtbot, view):
    facts = synthetic_facts(100_000, seed=2)
    view.set_facts(facts)
    assert view.busy and view.protected is None  # set_facts returned before the counting finished
    qtbot.waitUntil(lambda: view.protected is not None, timeout=30_000)
    assert view.protected.picture.total == 100_000


def test_saving_csv_png_and_pdf_applies_suppression(qtbot, view, tmp_path, monkeypatch):
    _load(qtbot, view, _small_facts())
    target = tmp_path / "uitbuiting"
    filters = view._filters()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), filters[0]))
    with qtbot.waitSignal(view.saved) as saved:
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [str(target) + ".csv"]
    rows = list(csv.reader(io.StringIO((tmp_path / "uitbuiting.csv").read_text(encoding="utf-8-sig"))))
    assert ["Criminele uitbuiting (ook bedelarij)", SUPPRESSED] in rows and ["Totaal", "46"] in rows
    assert view.save(tmp_path / "alles.csv", "csv_all")
    numbers = [r[6] for r in csv.reader(io.StringIO((tmp_path / "alles.csv").read_text(encoding="utf-8-sig")))
               if r[6] not in ("count", SUPPRESSED)]
    assert numbers and all(int(n) == 0 or int(n) >= 10 for n in numbers)
    assert view.save(tmp_path / "grafiek", "png")
    image = QImage(str(tmp_path / "grafiek.png"))
    assert not image.isNull() and image.width() == 1200
    assert _ink(image, 0, 0, image.width(), image.height(), BAR_COLOURS[0]) > 1000  # bars drawn
    assert view.save(tmp_path / "beeld.pdf", "pdf")
    pdf = (tmp_path / "beeld.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 13
    assert set(SAVE_KINDS) == {"csv_table", "csv_all", "png", "pdf"}


def test_a_save_that_fails_says_so_in_plain_words(qtbot, view, tmp_path):
    _load(qtbot, view, _small_facts())
    assert not view.save(tmp_path / "bestaat-niet" / "x.csv", "csv_table")
    assert "kon niet worden opgeslagen" in view.status.text()
    assert "Traceback" not in view.status.text()


def test_the_chart_png_draws_no_bar_for_a_suppressed_count(tmp_path):
    prot = protect(picture(_small_facts(), Period(2026)))
    table = prot.picture.table("exploitation")
    series, bars = bars_of(prot, table, "nl")
    path = tmp_path / "chart.png"
    bands = save_png(path, "Vorm van uitbuiting", series, bars, "x = niet gepubliceerd")
    image = QImage(str(path))
    labels = [b.label for b in bars]
    plot_left = int(image.width() * 0.4)  # right of the longest label

    def bar_ink(label: str) -> int:
        band = bands[labels.index(label)]
        return _ink(image, plot_left, int(band.top()), image.width(), int(band.bottom()), BAR_COLOURS[0])

    assert bar_ink("Arbeidsuitbuiting") > 500
    assert bar_ink("Criminele uitbuiting (ook bedelarij)") == 0  # 4: suppressed, not drawn
    assert bar_ink("Seksuele uitbuiting") == 0  # 12: its complement, not drawn either
    assert bar_ink("Gedwongen orgaanverwijdering") == 0  # 0: published, but a zero has no bar


def test_english_throughout(qtbot, view):
    _load(qtbot, view, _small_facts())
    i18n.set_language("en")
    qtbot.waitUntil(lambda: view.year_label.text() == "&Year")
    assert view.tables.item(0).text() == "Form of exploitation"
    assert view.status.text().startswith("Signaal Desk · 2026 · reports: 46.")
    assert _cell(view, "Labour exploitation") == "30" and _cell(view, "Total") == "46"
    assert view.period.itemText(1) == "Quarter 1"
    i18n.set_language("nl")
    qtbot.waitUntil(lambda: view.year_label.text() == "&Jaar")
    assert view.by_person.text() == "Per p&ersoon"


def test_every_text_of_the_view_is_in_both_catalogues(tmp_path):
    root = Path(__file__).resolve().parents[3]
    ts = tmp_path / "check.ts"
    lupdate = os.path.join(os.path.dirname(sys.executable), "pyside6-lupdate")
    subprocess.run([lupdate, str(root / "desk/ui/statistics.py"), str(root / "desk/ui/statistics_charts.py"),
                    "-ts", str(ts)], check=True, capture_output=True)
    in_code = {m.find("source").text for m in ET.parse(ts).iter("message")}  # noqa: S314
    assert len(in_code) > 20
    for lang in ("nl", "en"):
        catalogue = {m.find("source").text: m.find("translation").text
                     for m in ET.parse(root / f"resources/i18n/signaal_{lang}.ts").iter("message")}  # noqa: S314
        assert in_code <= set(catalogue), sorted(in_code - set(catalogue))[:5]
        assert all(catalogue[s] for s in in_code)


def test_no_reports_yet_says_so_and_offers_nothing_to_save(qtbot, view):
    view.set_facts([])
    assert view.status.text() == "Er zijn nog geen meldingen om te tellen."
    assert not view.save_button.isEnabled() and view.tables.count() == 0
    _load(qtbot, view, _small_facts())
    assert view.save_button.isEnabled()
