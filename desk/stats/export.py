"""CSV of a protected picture: what leaves the desk, with suppressed cells as :data:`SUPPRESSED`.

Two shapes:

* :func:`table_csv` — one table as people read it: a header row, one row per key with its count
  (a cross-table: one column per column key and a total column), and a total row.
* :func:`picture_csv` — every table in long form, for scripts: ``table, row, column, count`` with
  ``total`` as the row or column of a margin, codes (not labels) as keys.

A suppressed cell is written ``x`` whether it was below the threshold (primary) or suppressed to
protect another cell (secondary): "<10" would be false for the latter and would tell which is which.
Zeros are written as 0. :func:`picture_csv` repeats the period, unit and threshold on every row,
so a file says what it counts without a comment line that spreadsheets would misread.
"""

from __future__ import annotations

import csv
import io

from desk.stats.labels import Lang, dimension_label, key_label, total_label
from desk.stats.suppression import Protected
from desk.stats.tables import Table

__all__ = ["SUPPRESSED", "TOTAL_KEY", "picture_csv", "shown", "table_csv"]

SUPPRESSED = "x"
"""What a suppressed count is written as."""
TOTAL_KEY = "total"


def shown(value: int | None) -> str:
    """A published count as text: the number, or :data:`SUPPRESSED`."""
    return SUPPRESSED if value is None else str(value)


def _safe(text: str) -> str:
    """A spreadsheet must not run a formula from a key (keys are codes, but come from reports)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def table_csv(prot: Protected, table: Table, lang: Lang = "nl") -> str:
    """One table with labels in ``lang`` (module text)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    head = dimension_label(table.rows_dim, lang)
    if table.cols_dim is None:
        w.writerow([head, key_label("", "count", lang)])
        for r in table.rows:
            w.writerow([_safe(key_label(table.rows_dim, r, lang)), shown(prot.published(table, r))])
        w.writerow([total_label(lang), shown(prot.published(table, None))])
        return buf.getvalue()
    cols = table.columns
    w.writerow([f"{head} \\ {dimension_label(table.cols_dim, lang)}",
                *(_safe(key_label(table.cols_dim, c, lang)) for c in cols), total_label(lang)])
    for r in table.rows:
        counts = [shown(prot.published(table, r, c)) for c in (*cols, None)]
        w.writerow([_safe(key_label(table.rows_dim, r, lang)), *counts])
    w.writerow([total_label(lang), *(shown(prot.published(table, None, c)) for c in cols),
                shown(prot.published(table, None, None))])
    return buf.getvalue()


def picture_csv(prot: Protected) -> str:
    """Every table in long form with codes (module text)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["period", "unit", "threshold", "table", "row", "column", "count"])
    lead = [str(prot.picture.period), prot.picture.unit, str(prot.threshold)]
    for t in prot.picture.tables:
        if t.cols_dim is None:
            for r in t.rows:
                w.writerow([*lead, t.name, _safe(r), "", shown(prot.published(t, r))])
            w.writerow([*lead, t.name, TOTAL_KEY, "", shown(prot.published(t, None))])
            continue
        for r in t.rows:
            for c in t.columns:
                w.writerow([*lead, t.name, _safe(r), _safe(c), shown(prot.published(t, r, c))])
            w.writerow([*lead, t.name, _safe(r), TOTAL_KEY, shown(prot.published(t, r, None))])
        for c in t.columns:
            w.writerow([*lead, t.name, TOTAL_KEY, _safe(c), shown(prot.published(t, None, c))])
        w.writerow([*lead, t.name, TOTAL_KEY, TOTAL_KEY, shown(prot.published(t, None, None))])
    return buf.getvalue()
