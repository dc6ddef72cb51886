"""The yearly picture ("Het beeld van …"): counts by dimension and cross-tables, by report or by person.

Every table of one picture counts the same *units* of the period: reports (distinct ``report_id``)
or persons (distinct ``person_key``). A unit has exactly one key per dimension, so every table adds
up to the same total and a one-way table is the margin of every cross-table it appears in; that is
what lets :mod:`desk.stats.suppression` protect the tables together.

One key per unit:

* by report, a group report's persons may differ: a dimension with one known value across them
  takes it, several give "multiple", none "unknown";
* by person, the person's reports in the period may differ (an age band becomes adult, a
  nationality becomes known): the latest known value counts (by received date, then report id);
  the person's month is that of their first report in the period;
* exploitation, both ways: the union of the forms; one form is that form, several "multiple";
* the reporter's organisation is counted as a group (COA, NLA, care, other: care are the types
  the value list marks as HTCDS HealthServiceOrganisation, and any type on a zorg form) and, in a
  table of its own, as the kind of care organisation ("none" for COA, NLA and other).

Keys are value-list codes (labels are the view's job): ``minor`` is "yes"/"no", ``month``
"YYYY-MM", ``region`` a province code; a missing fact is "unknown".
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from desk.stats.facts import ReportFacts
from forms.loader import catalog

__all__ = [
    "COUNT",
    "CROSSES",
    "DIMENSIONS",
    "MULTIPLE",
    "NOT_CARE",
    "UNKNOWN",
    "Period",
    "Picture",
    "Table",
    "Unit",
    "picture",
    "unit_keys",
]

Unit = Literal["report", "person"]
UNKNOWN = "unknown"
NOT_CARE = "none"
"""The kind of care organisation of a report that does not come from care."""
COUNT = "count"
"""The column of a one-way table."""
MULTIPLE = "multiple"

DIMENSIONS: tuple[str, ...] = (
    "exploitation", "sector", "nationality", "gender", "minor", "organisation_type", "care_organisation",
    "region", "month",
)
CROSSES: tuple[tuple[str, str], ...] = (
    ("exploitation", "gender"),
    ("exploitation", "minor"),
    ("exploitation", "organisation_type"),
    ("exploitation", "region"),
    ("gender", "minor"),
)
"""The cross-tables of a picture (rows × columns)."""

_EXPLOITATION = DIMENSIONS.index("exploitation")
_ORG, _CARE = DIMENSIONS.index("organisation_type"), DIMENSIONS.index("care_organisation")
_SINGLE = tuple(i for i, d in enumerate(DIMENSIONS) if d not in ("exploitation", "month"))


@dataclass(frozen=True)
class Period:
    """A calendar year, or one quarter (1–4) of it."""

    year: int
    quarter: int | None = None

    def __post_init__(self) -> None:
        if self.quarter is not None and not 1 <= self.quarter <= 4:
            raise ValueError(f"quarter must be 1–4, not {self.quarter}")

    @property
    def months(self) -> tuple[str, ...]:
        first, last = (1, 12) if self.quarter is None else (3 * self.quarter - 2, 3 * self.quarter)
        return tuple(f"{self.year:04d}-{m:02d}" for m in range(first, last + 1))

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date) or day.year != self.year:
            return False
        return self.quarter is None or (day.month - 1) // 3 + 1 == self.quarter

    def __str__(self) -> str:
        return f"{self.year}" if self.quarter is None else f"{self.year}-Q{self.quarter}"


@dataclass(frozen=True)
class Table:
    """Counts of units by one dimension (``cols`` is None) or by two (rows × columns).

    ``counts`` holds only non-zero cells, keyed by (row key, column key); a one-way table has the
    one column :data:`COUNT`. ``rows``/``columns`` list every key shown, in display order; a key
    may have count 0."""

    rows_dim: str
    cols_dim: str | None
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: Mapping[tuple[str, str], int]
    total: int

    @property
    def name(self) -> str:
        return self.rows_dim if self.cols_dim is None else f"{self.rows_dim}×{self.cols_dim}"

    def count(self, row: str, column: str = "count") -> int:
        return self.counts.get((row, column), 0)

    def row_total(self, row: str) -> int:
        return sum(self.counts.get((row, c), 0) for c in self.columns)

    def column_total(self, column: str) -> int:
        return sum(self.counts.get((r, column), 0) for r in self.rows)


@dataclass(frozen=True)
class Picture:
    """Every table of one period and unit."""

    period: Period
    unit: Unit
    total: int
    tables: tuple[Table, ...]

    def table(self, name: str) -> Table:
        for t in self.tables:
            if t.name == name:
                return t
        raise KeyError(name)


def _exploitation_key(forms: Iterable[str]) -> str:
    found = set(forms)
    if not found:
        return UNKNOWN
    return found.pop() if len(found) == 1 else MULTIPLE


@functools.cache
def _exploitation_of(forms: frozenset[str]) -> str:
    return _exploitation_key(forms)


@functools.cache
def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


_MINOR = {None: UNKNOWN, True: "yes", False: "no"}
_HEALTH = "HealthServiceOrganisation"


@functools.cache
def _care_codes() -> frozenset[str]:
    """Reporter organisation types that are care (HTCDS HealthServiceOrganisation in the value list)."""
    return frozenset(i.code for i in catalog().valuelists["reporter_org_types"].items if i.htcds == _HEALTH)


@functools.cache
def _organisation(org: str | None, form_id: str) -> tuple[str, str]:
    """(reporter group, kind of care organisation): COA, NLA, care or other; and for care the type
    (``unknown`` when not asked), for the others :data:`NOT_CARE`."""
    if org in ("coa", "nla"):
        return org, NOT_CARE
    if org in _care_codes():
        return "care", org
    if org == "care" or (org is None and form_id == "zorg"):
        return "care", UNKNOWN
    if org is None:
        return UNKNOWN, UNKNOWN
    if form_id == "zorg":  # a care type from a newer value list
        return "care", org
    return "other", NOT_CARE


def _keys(f: ReportFacts) -> tuple[str, ...]:
    day = f.received
    group, care = _organisation(f.organisation_type, f.form_id)
    return (
        _exploitation_of(f.exploitation), f.sector or UNKNOWN, f.nationality or UNKNOWN, f.gender or UNKNOWN,
        _MINOR[f.minor], group, care, f.region or UNKNOWN, _month(day.year, day.month),
    )


def unit_keys(facts: Sequence[ReportFacts], period: Period, unit: Unit) -> list[tuple[str, ...]]:
    """One key per dimension (in :data:`DIMENSIONS` order) for every unit with facts in ``period``."""
    inside = [f for f in facts if f.received in period]
    ids = [f.report_id if unit == "report" else f.person_key for f in inside]
    several = {k for k, n in Counter(ids).items() if n > 1}
    out = [_keys(f) for f, k in zip(inside, ids, strict=True) if k not in several]
    if several:
        groups: dict[str, list[ReportFacts]] = defaultdict(list)
        for f, k in zip(inside, ids, strict=True):
            if k in several:
                groups[k].append(f)
        merge = _merge_report if unit == "report" else _merge_person
        out.extend(merge(members) for members in groups.values())
    return out


def _merge_report(members: list[ReportFacts]) -> tuple[str, ...]:
    rows = [_keys(m) for m in members]
    keys = list(rows[0])
    for i in _SINGLE:
        known = {r[i] for r in rows} - {UNKNOWN}
        keys[i] = UNKNOWN if not known else (known.pop() if len(known) == 1 else MULTIPLE)
    keys[_EXPLOITATION] = _exploitation_key(x for m in members for x in m.exploitation)
    return tuple(keys)


def _merge_person(members: list[ReportFacts]) -> tuple[str, ...]:
    members = sorted(members, key=lambda m: (m.received, m.report_id))
    rows = [_keys(m) for m in members]
    keys = list(rows[0])  # the first report: its month
    for i in _SINGLE:
        keys[i] = next((r[i] for r in reversed(rows) if r[i] != UNKNOWN), UNKNOWN)
    # The reporter group and its kind of care come from the same report.
    latest = next((r for r in reversed(rows) if r[_ORG] != UNKNOWN), rows[-1])
    keys[_ORG], keys[_CARE] = latest[_ORG], latest[_CARE]
    keys[_EXPLOITATION] = _exploitation_key(x for m in members for x in m.exploitation)
    return tuple(keys)


@functools.cache
def _domain(dim: str) -> tuple[str, ...]:
    """Keys always shown (with 0 when absent), in display order; others follow when present."""
    lists = {
        "exploitation": "exploitation_types", "gender": "gender", "region": "provinces",
        "sector": "isic_sections",
    }
    if dim == "minor":
        return ("yes", "no", UNKNOWN)
    if dim == "organisation_type":
        return ("coa", "nla", "care", "other", UNKNOWN)
    if dim == "care_organisation":
        care = [i.code for i in catalog().valuelists["reporter_org_types"].items if i.code in _care_codes()]
        return (*care, MULTIPLE, NOT_CARE, UNKNOWN)
    if dim in lists:
        codes = [i.code for i in catalog().valuelists[lists[dim]].items if i.code != UNKNOWN]
        if dim == "sector":
            codes += ["other"]
        return (*codes, MULTIPLE, UNKNOWN)
    return (UNKNOWN,)


_LAST = frozenset({"other", MULTIPLE, NOT_CARE, UNKNOWN})
_ALWAYS = frozenset({"exploitation", "gender", "minor", "organisation_type", "region"})


def _order(dim: str, present: Counter[str], period: Period) -> tuple[str, ...]:
    if dim == "month":
        return period.months
    if dim == "nationality":
        known = sorted((k for k in present if k != UNKNOWN), key=lambda k: (-present[k], k))
        return (*known, UNKNOWN)
    domain = _domain(dim)
    shown = [k for k in domain if (dim in _ALWAYS and k != MULTIPLE) or present[k] or k == UNKNOWN]
    extra = sorted(k for k in present if k not in domain)
    cut = len(shown)
    while cut and shown[cut - 1] in _LAST:
        cut -= 1
    return (*shown[:cut], *extra, *shown[cut:])  # "other", "multiple", "none", "unknown" stay last


def picture(facts: Sequence[ReportFacts], period: Period, *, unit: Unit = "report") -> Picture:
    """The one-way table of every dimension and the :data:`CROSSES` of ``facts`` in ``period``."""
    keys = unit_keys(facts, period, unit)
    total = len(keys)
    one_way: dict[str, Counter[str]] = {}
    tables: list[Table] = []
    for i, dim in enumerate(DIMENSIONS):
        counts = Counter(k[i] for k in keys)
        one_way[dim] = counts
        rows = _order(dim, counts, period)
        tables.append(Table(dim, None, rows, (COUNT,), {(k, COUNT): n for k, n in counts.items()}, total))
    for rdim, cdim in CROSSES:
        ri, ci = DIMENSIONS.index(rdim), DIMENSIONS.index(cdim)
        cross: Counter[tuple[str, str]] = Counter((k[ri], k[ci]) for k in keys)
        tables.append(Table(
            rdim, cdim, _order(rdim, one_way[rdim], period), _order(cdim, one_way[cdim], period),
            dict(cross), total,
        ))
    return Picture(period, unit, total, tuple(tables))
