"""Render the statistics view to PNG for the docs: ``python -m tests.desk.stats.screenshot OUTDIR``.

Synthetic facts only (tests/desk/stats/synthetic.py), offscreen; one picture in Dutch and one in
English, with "As published" on so the suppressed cells show as x."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from desk.ui.statistics import StatisticsView
from desktop import i18n
from tests.desk.stats.synthetic import synthetic_facts


def _wait(view: StatisticsView, before: object) -> None:
    end = time.monotonic() + 30
    while view.protected is before or view.busy:
        if time.monotonic() > end:
            raise TimeoutError("the statistics did not get counted")
        QApplication.processEvents()
        time.sleep(0.01)
    QApplication.processEvents()


def main(outdir: str) -> None:
    app = QApplication.instance() or QApplication([])
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    for lang in ("nl", "en"):
        i18n.set_language(lang)
        view = StatisticsView()
        view.resize(1100, 720)
        view.show()
        view.set_facts(synthetic_facts(2400, seed=7))
        _wait(view, None)
        before = view.protected
        view.period.setCurrentIndex(view.period.findData(2))
        _wait(view, before)
        view.as_published.setChecked(True)
        view.tables.setCurrentRow(view.tables.count() - 5)  # exploitation × gender
        QApplication.processEvents()
        view.grab().save(str(out / f"desk-statistics-{lang}.png"))
        view.shutdown()
        view.close()
    del app


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
