"""CSV leaves the desk with suppressed cells as "x", labels in Dutch or English, and totals that add up."""

from __future__ import annotations

import csv
import io
from datetime import date

from desk.stats.export import SUPPRESSED, picture_csv, table_csv
from desk.stats.labels import dimension_label, key_label
from desk.stats.suppression import protect
from desk.stats.tables import Period, picture
from tests.desk.stats.synthetic import synthetic_facts
from tests.desk.stats.test_tables import fact


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _sample():
    facts = ([fact(f"l{i}") for i in range(30)] + [fact(f"s{i}", exploitation=("sexual",)) for i in range(12)]
             + [fact(f"c{i}", exploitation=("criminal",), gender="male") for i in range(4)])
    return protect(picture(facts, Period(2026)))


def test_a_one_way_table_in_dutch_and_english():
    prot = _sample()
    t = prot.picture.table("exploitation")
    rows = _rows(table_csv(prot, t, "nl"))
    assert rows[0] == ["Vorm van uitbuiting", "Aantal"]
    assert ["Arbeidsuitbuiting", "30"] in rows and ["Gedwongen orgaanverwijdering", "0"] in rows
    assert ["Criminele uitbuiting (ook bedelarij)", SUPPRESSED] in rows
    assert ["Seksuele uitbuiting", SUPPRESSED] in rows  # the complement: "x" too, not "<10"
    assert rows[-1] == ["Totaal", "46"]
    en = _rows(table_csv(prot, t, "en"))
    assert en[0] == ["Form of exploitation", "Count"] and en[-1] == ["Total", "46"]
    assert ["Labour exploitation", "30"] in en


def test_a_cross_table_has_row_and_column_totals():
    prot = _sample()
    rows = _rows(table_csv(prot, prot.picture.table("exploitation×gender"), "en"))
    assert rows[0][0] == "Form of exploitation \\ Gender" and rows[0][1:3] == ["Woman", "Man"]
    assert rows[0][-1] == "Total"
    labour = next(r for r in rows if r[0] == "Labour exploitation")
    assert labour[1] == "30" and labour[-1] == "30"
    assert rows[-1][-1] == "46"


def test_no_number_below_the_threshold_in_the_long_csv_and_published_totals_add_up():
    prot = protect(picture(synthetic_facts(800, seed=9), Period(2026, 3)), 10)
    rows = _rows(picture_csv(prot))
    assert rows[0] == ["period", "unit", "threshold", "table", "row", "column", "count"]
    assert {tuple(r[:3]) for r in rows[1:]} == {("2026-Q3", "report", "10")}
    numbers = [r[6] for r in rows[1:] if r[6] != SUPPRESSED]
    assert all(int(n) == 0 or int(n) >= 10 for n in numbers)
    assert any(r[6] == SUPPRESSED for r in rows[1:])
    # A one-way table whose cells are all published adds up to its published total.
    by_table: dict[str, list[list[str]]] = {}
    for r in rows[1:]:
        by_table.setdefault(r[3], []).append(r)
    for name, table_rows in by_table.items():
        if "×" in name:
            continue
        cells = [r[6] for r in table_rows if r[4] != "total"]
        total = next(r[6] for r in table_rows if r[4] == "total")
        if SUPPRESSED not in cells and total != SUPPRESSED:
            assert sum(map(int, cells)) == int(total), name


def test_a_key_that_looks_like_a_formula_is_defused():
    prot = protect(picture([fact(f"r{i}", nationality="=cmd|calc") for i in range(10)], Period(2026)), 1)
    assert "'=cmd|calc" in picture_csv(prot) and ",=cmd" not in picture_csv(prot)
    assert "'=cmd|calc" in table_csv(prot, prot.picture.table("nationality"))


def test_labels_for_codes_the_statistics_add():
    assert key_label("month", "2026-03") == "maart 2026"
    assert key_label("month", "2026-03", "en") == "March 2026"
    assert key_label("minor", "yes", "en") == "Yes, under 18"
    assert key_label("region", "PV27") == "Noord-Holland"
    assert key_label("nationality", "NL", "en") == "Netherlands"
    assert key_label("organisation_type", "care") == "Zorg"
    assert key_label("care_organisation", "hospital", "en") == "Hospital or emergency department"
    assert key_label("care_organisation", "none") == "Geen zorgmelding"
    assert key_label("sector", "multiple", "en") == "Several"
    assert key_label("sector", "zz") == "zz"
    assert dimension_label("region", "en") == "Province"
    assert date(2026, 3, 1) in Period(2026, 1)
