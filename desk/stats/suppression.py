"""Small numbers protected: primary and complementary (secondary) cell suppression of a picture.

Everything that leaves the desk (CSV, PNG, PDF) shows a :class:`Protected` picture:

* **Primary suppression**: every count with ``0 < n < threshold`` (default 10, a setting) is
  suppressed, totals included. The reference is the practice of CTDC/IOM's published counter-
  trafficking data: small counts are not published because together with other knowledge (a
  shelter, a month, a nationality) they can point at a person.
* **Zeros are published.** A zero names nobody; hiding it would mostly hide that a category is
  empty. Consequence for an attacker's knowledge: a suppressed cell is known to be at least 1,
  which the secondary suppression accounts for (below).
* **Secondary suppression**: the tables of one picture are linked: every table adds up to the same
  total, and a one-way table is the margin of each cross-table it is in. All of them form one
  system of linear equations (for each one-way table: total = sum of its cells; for each
  cross-table: each row total = sum of its row, each column total = sum of its column). A
  suppressed cell is *disclosed* when the published numbers determine it, i.e. when its unit vector
  lies in the row space of the equations restricted to the suppressed cells. While any suppressed
  cell is determined, one more cell is suppressed: in an equation of the determined cell (those with
  the fewest suppressed cells first) the smallest published non-zero cell that is not that
  equation's total (a margin only when no inner cell is left); when all of them are suppressed
  already, the search widens to the equations of the suppressed cells it met.
* A cell is also pinned by its *size*: an attacker knows a suppressed count is at least 1, so two
  small cells whose published difference is 2 are both 1 though no equation has a single unknown.
  :func:`bounded` narrows every suppressed cell's range through the equations (interval
  propagation from "at least 1"); a cell whose range closes is treated as pinned too. A
  complement is a published non-zero count, hence at least the threshold, which reopens the range.
* The determination test is exact linear algebra (Gauss-Jordan elimination over the integers
  modulo the prime 2**61 - 1; the equations have coefficients 0 and ±1, so the ranks equal those
  over the rationals). tests/desk/stats/test_suppression.py attacks the result with a separate
  rational elimination and a separate interval narrowing and checks that no suppressed cell can be
  recomputed either way.

Not covered (docs/desk-statistics.md): intervals — a suppressed cell may be bounded (e.g. "at most
12") though never pinned, and the interval propagation may miss a pin that only linear
programming finds; by report a year and its quarters are protected as one release
(:func:`protect_release`), but by person they are not (they do not add up), nor are the report and
person pictures linked, so differences between those may be taken; a category in which every unit
has the same value (a row with one non-zero cell) discloses that attribute for the group.

No well-kept Python library does this: sdcMicro and sdcTable are R, τ-ARGUS is a Java/C++
desktop program; the equation set here is small (one picture, or a year and its quarters), so it
is written out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desk.stats.tables import COUNT, Period, Picture, Table

__all__ = [
    "DEFAULT_THRESHOLD",
    "Cell",
    "Protected",
    "bounded",
    "cell_of",
    "determined",
    "equations",
    "protect",
    "protect_release",
    "values",
]

DEFAULT_THRESHOLD = 10
"""Counts below this (and above zero) are never published."""

Cell = tuple[str, ...]
"""A count of a picture: ("N",) the total; ("1", dim, key) a one-way cell (= a cross-table margin);
("2", row dim, column dim, row key, column key) a cross-table cell."""

TOTAL: Cell = ("N",)
_PRIME = (1 << 61) - 1


def cell_of(table: Table, row: str | None, column: str | None = COUNT) -> Cell:
    """The cell a table shows at ``row``/``column``; None for either means that total."""
    if table.cols_dim is None:
        return TOTAL if row is None else ("1", table.rows_dim, row)
    if row is None and column is None:
        return TOTAL
    if column is None:
        assert row is not None
        return ("1", table.rows_dim, row)
    if row is None:
        return ("1", table.cols_dim, column)
    return ("2", table.rows_dim, table.cols_dim, row, column)


def values(picture: Picture) -> dict[Cell, int]:
    """Every count the picture's tables show (zeros included), once per cell."""
    out: dict[Cell, int] = {TOTAL: picture.total}
    for t in picture.tables:
        if t.cols_dim is None:
            for r in t.rows:
                out[("1", t.rows_dim, r)] = t.count(r)
            continue
        for r in t.rows:
            out[("1", t.rows_dim, r)] = t.row_total(r)
            for c in t.columns:
                out[("2", t.rows_dim, t.cols_dim, r, c)] = t.count(r, c)
        for c in t.columns:
            out[("1", t.cols_dim, c)] = t.column_total(c)
    return out


Equation = tuple[tuple[Cell, int], ...]


def equations(picture: Picture) -> list[Equation]:
    """The linear relations between the published counts: each as (cell, coefficient) pairs that
    sum to zero (the total with -1, its parts with +1)."""
    eqs: list[Equation] = []
    for t in picture.tables:
        if t.cols_dim is None:
            eqs.append(((TOTAL, -1), *((("1", t.rows_dim, r), 1) for r in t.rows)))
            continue
        inner = ("2", t.rows_dim, t.cols_dim)
        for r in t.rows:
            eqs.append(((("1", t.rows_dim, r), -1), *(((*inner, r, c), 1) for c in t.columns)))
        for c in t.columns:
            eqs.append(((("1", t.cols_dim, c), -1), *(((*inner, r, c), 1) for r in t.rows)))
    return eqs


def determined(eqs: Iterable[Equation], unknown: set[Cell]) -> set[Cell]:
    """The ``unknown`` cells that the equations pin to one value given every other cell."""
    pivots: dict[Cell, dict[Cell, int]] = {}  # pivot cell → its reduced row (pivot coefficient 1)
    for eq in eqs:
        row: dict[Cell, int] = {}
        for cell, coef in eq:
            if cell in unknown:
                row[cell] = (row.get(cell, 0) + coef) % _PRIME
        row = {c: v for c, v in row.items() if v}
        # Eliminate the existing pivots from the new row.
        for cell in [c for c in row if c in pivots]:
            factor = row.get(cell, 0)
            if factor:
                _axpy(row, pivots[cell], -factor)
        if not row:
            continue
        pivot = min(row)
        inverse = pow(row[pivot], _PRIME - 2, _PRIME)
        row = {c: v * inverse % _PRIME for c, v in row.items()}
        # Keep the rows reduced: eliminate the new pivot from the earlier rows.
        for other in pivots.values():
            factor = other.get(pivot, 0)
            if factor:
                _axpy(other, row, -factor)
        pivots[pivot] = row
    return {cell for cell, row in pivots.items() if len(row) == 1}


def bounded(eqs: Iterable[Equation], unknown: set[Cell], known: dict[Cell, int]) -> set[Cell]:
    """The ``unknown`` cells pinned by the equations *and* by what an attacker knows of their size:
    at least 1 (zeros are published). Interval propagation: each equation bounds each of its
    unknowns by the bounds of the others, until nothing changes; a cell whose lower and upper
    bound meet is pinned. Sound (a cell reported is pinned) but not complete."""
    rows: list[tuple[int, list[tuple[Cell, int]]]] = []
    for eq in eqs:
        rhs = 0
        terms: list[tuple[Cell, int]] = []
        for cell, coef in eq:
            if cell in unknown:
                terms.append((cell, coef))
            else:
                rhs -= coef * known[cell]
        if terms:
            rows.append((rhs, terms))
    inf = float("inf")
    lo: dict[Cell, float] = dict.fromkeys(unknown, 1.0)
    hi: dict[Cell, float] = dict.fromkeys(unknown, inf)
    for _ in range(4 * len(rows) + 8):
        changed = False
        for rhs, terms in rows:
            # Each term a × c lies in [low, high]; the terms add up to rhs.
            spans = [((lo[c], hi[c]) if a > 0 else (-hi[c], -lo[c])) for c, a in terms]
            low_sum = sum(x for x, _ in spans if x != -inf)
            high_sum = sum(y for _, y in spans if y != inf)
            low_inf = sum(1 for x, _ in spans if x == -inf)
            high_inf = sum(1 for _, y in spans if y == inf)
            for (c, a), (own_low, own_high) in zip(terms, spans, strict=True):
                # The other terms lie in [others_low, others_high], so a × c = rhs − others.
                others_high = _without(high_sum, high_inf, own_high, inf)
                others_low = _without(low_sum, low_inf, own_low, -inf)
                t_low, t_high = rhs - others_high, rhs - others_low
                new_low, new_high = (t_low, t_high) if a > 0 else (-t_high, -t_low)
                if new_low > lo[c]:
                    lo[c], changed = new_low, True
                if new_high < hi[c]:
                    hi[c], changed = new_high, True
        if not changed:
            break
    return {c for c in unknown if lo[c] >= hi[c]}


def _without(finite_sum: float, infinite: int, own: float, infinity: float) -> float:
    """A bound of a sum without one of its terms, given the sum of its finite terms and how many
    are ``infinity``."""
    if own == infinity:
        return infinity if infinite > 1 else finite_sum
    return infinity if infinite else finite_sum - own


def _axpy(target: dict[Cell, int], source: dict[Cell, int], factor: int) -> None:
    """target += factor × source (mod the prime), dropping zeros."""
    for cell, value in source.items():
        new = (target.get(cell, 0) + factor * value) % _PRIME
        if new:
            target[cell] = new
        else:
            target.pop(cell, None)


@dataclass(frozen=True)
class Protected:
    """A picture with the cells that may not leave the desk."""

    picture: Picture
    threshold: int
    suppressed: frozenset[Cell]
    primary: frozenset[Cell]

    def published(self, table: Table, row: str | None, column: str | None = COUNT) -> int | None:
        """The count as it may be published, or None when it is suppressed."""
        cell = cell_of(table, row, column)
        if cell in self.suppressed:
            return None
        if cell == TOTAL:
            return self.picture.total
        if column is None:
            assert row is not None
            return table.row_total(row)
        if row is None:
            return table.column_total(column)
        return table.count(row, column)

    def is_suppressed(self, table: Table, row: str | None, column: str | None = COUNT) -> bool:
        return cell_of(table, row, column) in self.suppressed


def protect(picture: Picture, threshold: int = DEFAULT_THRESHOLD) -> Protected:
    """Primary and secondary suppression of every table of ``picture`` together (module text)."""
    vals = values(picture)
    primary, suppressed = _suppress(vals, equations(picture), threshold)
    return Protected(picture, threshold, frozenset(suppressed), frozenset(primary))


def protect_release(year: Picture, quarters: Sequence[Picture],
                    threshold: int = DEFAULT_THRESHOLD) -> dict[Period, Protected]:
    """A year and its quarters by report, protected as one release: each quarter's counts add up to
    the year's, so publishing both would let a suppressed count be taken as a difference unless the
    pictures are protected together. Returns each picture's protection by its period."""
    if year.unit != "report" or any(q.unit != "report" for q in quarters):
        raise ValueError("only counts by report add up over quarters")
    if year.period.quarter is not None or any(q.period.year != year.period.year or q.period.quarter is None
                                              for q in quarters):
        raise ValueError("a release is one year and quarters of that year")
    pictures = [year, *quarters]
    vals: dict[Cell, int] = {}
    eqs: list[Equation] = []
    for pic in pictures:
        tag = str(pic.period)
        vals.update({(*cell, tag): n for cell, n in values(pic).items()})
        eqs += [tuple(((*cell, tag), coef) for cell, coef in eq) for eq in equations(pic)]
    year_tag = str(year.period)
    cells = {cell[:-1] for cell in vals}
    for cell in sorted(cells):
        parts = [(*cell, str(q.period)) for q in quarters]
        for part in parts:
            vals.setdefault(part, 0)  # a key a quarter does not show is 0 there
        vals.setdefault((*cell, year_tag), 0)
        eqs.append((((*cell, year_tag), -1), *((part, 1) for part in parts)))
    primary, suppressed = _suppress(vals, eqs, threshold)
    out: dict[Period, Protected] = {}
    for pic in pictures:
        tag = str(pic.period)
        mine = frozenset(cell[:-1] for cell in suppressed if cell[-1] == tag)
        out[pic.period] = Protected(pic, threshold, mine, frozenset(c[:-1] for c in primary if c[-1] == tag))
    return out


def _suppress(vals: dict[Cell, int], eqs: list[Equation], threshold: int) -> tuple[set[Cell], set[Cell]]:
    """The primary cells and every suppressed cell of a linked set of equations (module text)."""
    if threshold < 1:
        raise ValueError("the threshold must be at least 1")
    primary = {cell for cell, n in vals.items() if 0 < n < threshold}
    suppressed = set(primary)
    by_cell: dict[Cell, list[int]] = {}
    for i, eq in enumerate(eqs):
        for cell, _ in eq:
            by_cell.setdefault(cell, []).append(i)
    while True:
        # Recomputed after each addition: one may free many.
        pinned = determined(eqs, suppressed) | bounded(eqs, suppressed, vals)
        if not pinned:
            break
        # Start where a cell is pinned directly: the only unknown of an equation (inner cells
        # first: their complement is another inner cell, which leaves the margins published).
        direct = [c for c in pinned
                  if any(all(o == c or o not in suppressed for o, _ in eqs[i]) for i in by_cell[c])]
        target = min(direct or pinned, key=_rank)
        extra = _complement(target, eqs, by_cell, suppressed, vals)
        if extra is None:  # cannot happen: with every non-zero cell suppressed nothing is pinned
            raise RuntimeError("no complementary cell left")
        suppressed.add(extra)
    return primary, suppressed


def _rank(cell: Cell) -> tuple[int, Cell]:
    order = {"2": 0, "1": 1, "N": 2}
    return (order[cell[0]], cell)


def _complement(target: Cell, eqs: list[Equation], by_cell: dict[Cell, list[int]], suppressed: set[Cell],
                vals: dict[Cell, int]) -> Cell | None:
    """The cell to suppress next so that ``target`` is no longer pinned (see the module text)."""
    frontier = [target]
    seen_cells = {target}
    seen_eqs: set[int] = set()
    while frontier:
        eq_ids = sorted({i for c in frontier for i in by_cell.get(c, ()) if i not in seen_eqs},
                        key=lambda i: sum(1 for c, _ in eqs[i] if c in suppressed))
        seen_eqs.update(eq_ids)
        for i in eq_ids:
            options = [(coef < 0, vals[c], c) for c, coef in eqs[i] if c not in suppressed and vals[c] > 0]
            if options:
                return min(options)[2]
        frontier = [c for i in eq_ids for c, _ in eqs[i] if c in suppressed and c not in seen_cells]
        seen_cells.update(frontier)
    return None

