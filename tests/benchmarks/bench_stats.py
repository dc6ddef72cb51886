"""Statistics benchmark: the desk's yearly picture over 100,000 reports.

Figures:
- ``stats.picture_100k``: every one-way table and cross-table of a year by report
  (``desk.stats.tables.picture``), next to bare ``collections.Counter`` counts of the same facts
  (one Counter per dimension and per cross-table, no periods, no units): the ratio is what the
  picture adds (period filter, one key per unit, ordering). Target < 1 s, so the view may compute
  it on a worker and show it without a wait worth a progress bar.
- ``stats.picture_by_person_100k``: the same by person (10 % of the reports are linked to an
  earlier person, so persons are merged first).
- ``stats.protect``: primary and secondary suppression of a quarter of 2,000 reports (many small
  cells), next to computing that picture; target < 0.5 s.
- ``stats.view_quarter_100k``: what the view does for a quarter by report over 100,000 reports:
  the year and its four quarters counted and protected as one release (``protect_release``), next
  to the bare Counters; target < 2 s (it runs on a pool thread).

Facts are synthetic (tests/desk/stats/synthetic.py). ``SIGNAAL_BENCH_QUICK=1`` uses 10,000.
"""

from __future__ import annotations

import os
from collections import Counter

from desk.stats.suppression import protect, protect_release
from desk.stats.tables import CROSSES, Period, picture
from tests.benchmarks.common import best_of, emit, log
from tests.desk.stats.synthetic import synthetic_facts

QUICK = bool(os.environ.get("SIGNAAL_BENCH_QUICK"))
N_BIG = 10_000 if QUICK else 100_000


def _bare(facts: list) -> list[Counter]:
    """The least work that gives the same counts: one pass per table over ready attributes."""
    columns = {
        "exploitation": [min(f.exploitation) if len(f.exploitation) == 1 else "m" for f in facts],
        "sector": [f.sector for f in facts], "nationality": [f.nationality for f in facts],
        "gender": [f.gender for f in facts], "minor": [f.minor for f in facts],
        "organisation_type": [f.organisation_type for f in facts],
        "care_organisation": [f.form_id for f in facts], "region": [f.region for f in facts],
        "month": [f.received.month for f in facts],
    }
    out = [Counter(col) for col in columns.values()]
    out += [Counter(zip(columns[r], columns[c], strict=True)) for r, c in CROSSES]
    return out


def main() -> None:
    log(f"stats: {N_BIG} synthetic facts")
    facts = synthetic_facts(N_BIG, seed=11)
    year = Period(2026)
    base = best_of(lambda: _bare(facts), repeat=3)
    for unit, name in (("report", "stats.picture_100k"), ("person", "stats.picture_by_person_100k")):
        value = best_of(lambda unit=unit: picture(facts, year, unit=unit), repeat=3)
        emit(name, value, "s", baseline=base, baseline_name="bare Counter per table", target="< 1 s",
             ok=value < 1.0, facts=N_BIG)

    def release() -> object:
        y = picture(facts, year)
        return protect_release(y, [picture(facts, Period(2026, q)) for q in range(1, 5)])[Period(2026, 2)]

    value = best_of(release, repeat=3)
    emit("stats.view_quarter_100k", value, "s", baseline=base, baseline_name="bare Counter per table",
         target="< 2 s", ok=value < 2.0, facts=N_BIG)
    small = synthetic_facts(2_000, seed=5)
    quarter = Period(2026, 2)
    pic = picture(small, quarter)
    prot = protect(pic)
    value = best_of(lambda: protect(pic), repeat=5)
    pic_time = best_of(lambda: picture(small, quarter), repeat=5)
    emit("stats.protect", value, "s", baseline=pic_time, baseline_name="picture of the same quarter",
         target="< 0.5 s", ok=value < 0.5, primary=len(prot.primary),
         secondary=len(prot.suppressed) - len(prot.primary))


if __name__ == "__main__":
    main()
