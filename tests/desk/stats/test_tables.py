"""The yearly picture: every table adds up to the units of the period, margins agree, by report
and by person."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from desk.stats.facts import ReportFacts
from desk.stats.tables import COUNT, CROSSES, DIMENSIONS, Period, picture
from tests.desk.stats.synthetic import synthetic_facts


def fact(report: str, person: str | None = None, *, received=date(2026, 2, 3), exploitation=("labour",),
         gender="female", minor=False, nationality="RO", region="PV27", org="coa", sector=None,
         form="coa") -> ReportFacts:
    return ReportFacts(report_id=report, person_key=person or report, form_id=form, received=received,
                       exploitation=frozenset(exploitation), sector=sector, nationality=nationality,
                       gender=gender, minor=minor, organisation_type=org, region=region)


@pytest.mark.parametrize("unit", ["report", "person"])
def test_every_table_adds_up_and_one_way_tables_are_the_margins_of_the_crosses(unit):
    facts = synthetic_facts(3000)
    pic = picture(facts, Period(2026), unit=unit)
    expected = len({f.report_id if unit == "report" else f.person_key for f in facts})
    assert pic.total == expected
    assert [t.name for t in pic.tables] == [*DIMENSIONS, *(f"{r}×{c}" for r, c in CROSSES)]
    for t in pic.tables:
        assert sum(t.counts.values()) == pic.total, t.name
        assert set(t.counts) <= {(r, c) for r in t.rows for c in t.columns}, t.name  # nothing hidden
    for r, c in CROSSES:
        cross = pic.table(f"{r}×{c}")
        assert {k: cross.row_total(k) for k in cross.rows} == {k: pic.table(r).count(k) for k in cross.rows}
        assert {k: cross.column_total(k) for k in cross.columns} == {
            k: pic.table(c).count(k) for k in cross.columns}


def test_counts_by_report_match_a_plain_count():
    facts = synthetic_facts(2000, linked=0)
    pic = picture(facts, Period(2026))
    gender = Counter(f.gender or "unknown" for f in facts)
    assert {k: pic.table("gender").count(k) for k in gender} == dict(gender)
    months = Counter(f"{f.received:%Y-%m}" for f in facts)
    assert pic.table("month").rows == tuple(f"2026-{m:02d}" for m in range(1, 13))
    assert {k: pic.table("month").count(k) for k in months} == dict(months)
    assert pic.table("gender×minor").count("female", "yes") == sum(
        1 for f in facts if f.gender == "female" and f.minor is True)


def test_a_person_with_three_reports_counts_once_with_the_latest_known_facts():
    facts = [
        fact("a", "p", received=date(2026, 1, 5), minor=True, nationality=None, exploitation=("sexual",)),
        fact("b", "p", received=date(2026, 4, 5), minor=False, nationality="NG", exploitation=("labour",)),
        fact("c", "p", received=date(2026, 6, 5), minor=None, nationality=None, exploitation=()),
        fact("d", received=date(2026, 6, 9), gender="male"),
    ]
    by_report = picture(facts, Period(2026), unit="report")
    by_person = picture(facts, Period(2026), unit="person")
    assert (by_report.total, by_person.total) == (4, 2)
    assert by_person.table("minor").count("no") == 2  # p's latest known answer, and d
    assert by_person.table("nationality").count("NG") == 1
    assert by_person.table("exploitation").count("multiple") == 1  # sexual and labour over p's reports
    assert by_person.table("month").count("2026-01") == 1  # p counts in the month of the first report
    assert by_report.table("exploitation").count("unknown") == 1
    # Only the reports inside the period decide: in Q2 p has b and c.
    q2 = picture(facts, Period(2026, 2), unit="person")
    assert q2.total == 2 and q2.table("exploitation").count("labour") == 2
    assert q2.table("month").rows == ("2026-04", "2026-05", "2026-06")


def test_a_group_report_counts_once_by_report_and_per_person_by_person():
    facts = [fact("g", "g#1", gender="male"), fact("g", "g#2", gender="female"),
             fact("g", "g#3", gender="male", region=None)]
    by_report = picture(facts, Period(2026), unit="report")
    assert by_report.total == 1 and by_report.table("gender").count("multiple") == 1
    assert by_report.table("region").count("PV27") == 1  # the one province that is known
    by_person = picture(facts, Period(2026), unit="person")
    assert by_person.table("gender").count("male") == 2 and by_person.total == 3


def test_rows_in_display_order_with_zeros_and_unknown_last():
    pic = picture([fact("a", nationality="PL"), fact("b", nationality="PL"), fact("c", nationality=None),
                   fact("d", nationality="UA", org="surprise")], Period(2026))
    assert pic.table("nationality").rows == ("PL", "UA", "unknown")
    assert pic.table("gender").rows[:2] == ("female", "male") and pic.table("gender").rows[-1] == "unknown"
    assert pic.table("region").rows[0] == "PV20" and len(pic.table("region").rows) == 13
    assert pic.table("organisation_type").rows == ("coa", "nla", "care", "other", "unknown")
    assert pic.table("organisation_type").count("other") == 1  # a type the value list does not know
    assert pic.table("care_organisation").rows == ("none", "unknown")
    assert pic.table("minor").count("no", COUNT) == 4


def test_reporters_are_grouped_and_care_is_counted_by_kind_too():
    facts = [fact("a", org="coa"), fact("b", org="nla", form="nla"), fact("c", org="hospital", form="zorg"),
             fact("d", org="care", form="zorg"), fact("e", org="mental_health", form="zorg"),
             fact("f", org="jgz", form="zorg"), fact("g", org="other"),
             fact("h", "p", org="hospital", form="zorg", received=date(2026, 1, 2)),
             fact("i", "p", org="coa", received=date(2026, 3, 2))]
    pic = picture(facts, Period(2026))
    groups = pic.table("organisation_type")
    assert {k: groups.count(k) for k in groups.rows} == {
        "coa": 2, "nla": 1, "care": 5, "other": 1, "unknown": 0}
    kinds = pic.table("care_organisation")
    assert {k: kinds.count(k) for k in kinds.rows} == {
        "hospital": 2, "mental_health": 1, "jgz": 1, "none": 4, "unknown": 1}
    assert kinds.rows.index("hospital") < kinds.rows.index("jgz") < kinds.rows.index("none")
    # By person, p's group and kind come from the same (latest) report: COA, so not from care.
    by_person = picture(facts, Period(2026), unit="person")
    assert by_person.table("organisation_type").count("coa") == 2
    assert by_person.table("care_organisation").count("hospital") == 1


def test_facts_outside_the_period_do_not_count():
    facts = [fact("a", received=date(2025, 12, 31)), fact("b", received=date(2026, 1, 1)),
             fact("c", received=date(2026, 10, 1))]
    assert picture(facts, Period(2026)).total == 2
    assert picture(facts, Period(2026, 4)).total == 1
    assert picture(facts, Period(2025, 4)).total == 1
    with pytest.raises(ValueError, match="quarter"):
        Period(2026, 5)
