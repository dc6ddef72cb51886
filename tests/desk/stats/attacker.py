"""An attacker who sees only the published tables and tries to recompute suppressed cells.

Independent of desk.stats.suppression: it writes its own equations from the tables as published
(each table adds up to its total; a cross-table's rows and columns add up to its margins), links
what it knows to be the same number (every table's total; a one-way table's cells and the margins
of the cross-tables on that dimension), and eliminates over the rationals. A suppressed cell is
safe when the attacker holds a *certificate*: a change of the unknowns that keeps every equation
true and changes that cell (checked by substituting it back into every equation)."""

from __future__ import annotations

from fractions import Fraction

from desk.stats.suppression import Protected
from desk.stats.tables import COUNT

Pos = tuple[str, str | None, str | None]  # (table name, row or None for the total, column or None)


def published_positions(prot: Protected) -> dict[Pos, int | None]:
    out: dict[Pos, int | None] = {}
    for t in prot.picture.tables:
        out[(t.name, None, None)] = prot.published(t, None, None)
        if t.cols_dim is None:
            for r in t.rows:
                out[(t.name, r, COUNT)] = prot.published(t, r)
            continue
        for r in t.rows:
            out[(t.name, r, None)] = prot.published(t, r, None)
            for c in t.columns:
                out[(t.name, r, c)] = prot.published(t, r, c)
        for c in t.columns:
            out[(t.name, None, c)] = prot.published(t, None, c)
    return out


def attacker_equations(prot: Protected) -> list[dict[Pos, int]]:
    eqs: list[dict[Pos, int]] = []

    def add(total: Pos, parts: list[Pos]) -> None:
        eq: dict[Pos, int] = {total: -1}
        for p in parts:
            eq[p] = eq.get(p, 0) + 1
        eqs.append(eq)

    tables = prot.picture.tables
    one_way = {t.rows_dim: t for t in tables if t.cols_dim is None}
    for t in tables:
        if t.cols_dim is None:
            add((t.name, None, None), [(t.name, r, COUNT) for r in t.rows])
            continue
        for r in t.rows:
            add((t.name, r, None), [(t.name, r, c) for c in t.columns])
            add((one_way[t.rows_dim].name, r, COUNT), [(t.name, r, None)])  # same number
        for c in t.columns:
            add((t.name, None, c), [(t.name, r, c) for r in t.rows])
            add((one_way[t.cols_dim].name, c, COUNT), [(t.name, None, c)])
        add((t.name, None, None), [(t.name, r, None) for r in t.rows])
        add((t.name, None, None), [(t.name, None, c) for c in t.columns])
    first = tables[0].name
    for t in tables[1:]:
        add((first, None, None), [(t.name, None, None)])
    return eqs


def recoverable(prot: Protected) -> dict[Pos, Fraction]:
    """Every suppressed position the attacker can pin, with the value it computes."""
    known = published_positions(prot)
    unknown = sorted((p for p, v in known.items() if v is None), key=repr)
    index = {p: i for i, p in enumerate(unknown)}
    rows: list[list[Fraction]] = []
    for eq in attacker_equations(prot):
        row = [Fraction(0)] * (len(unknown) + 1)
        for p, coef in eq.items():
            v = known[p]
            if v is None:
                row[index[p]] += coef
            else:
                row[-1] -= coef * v
        if any(row[:-1]):
            rows.append(row)
        else:
            assert row[-1] == 0, f"published numbers do not add up: {eq}"
    # Gauss-Jordan over the rationals.
    pivots: list[int] = []
    r = 0
    for col in range(len(unknown)):
        pr = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if pr is None:
            continue
        rows[r], rows[pr] = rows[pr], rows[r]
        piv = rows[r][col]
        rows[r] = [x / piv for x in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][col] != 0:
                f = rows[i][col]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append(col)
        r += 1
    pivot_set = set(pivots)
    free = [c for c in range(len(unknown)) if c not in pivot_set]
    # Null-space basis: one vector per free column; check each against the original equations.
    basis = []
    for f in free:
        v = [Fraction(0)] * len(unknown)
        v[f] = Fraction(1)
        for i, col in enumerate(pivots):
            v[col] = -rows[i][f]
        basis.append(v)
    for eq in attacker_equations(prot):
        for v in basis:
            assert sum(coef * v[index[p]] for p, coef in eq.items() if p in index) == 0
    movable = {i for v in basis for i, x in enumerate(v) if x != 0}
    return {unknown[i]: rows[pivots.index(i)][-1] for i in range(len(unknown)) if i not in movable}


def squeezed(prot: Protected) -> dict[Pos, tuple[Fraction, Fraction]]:
    """Suppressed positions whose range the attacker narrows to one value, knowing that a suppressed
    count is at least 1 (zeros are published): repeated interval narrowing over every equation."""
    known = published_positions(prot)
    eqs = attacker_equations(prot)
    unknown = {p for p, v in known.items() if v is None}
    low: dict[Pos, Fraction] = dict.fromkeys(unknown, Fraction(1))
    high: dict[Pos, Fraction | None] = dict.fromkeys(unknown)  # None: no upper bound yet
    for _ in range(200):
        changed = False
        for eq in eqs:
            rest = Fraction(-sum(coef * known[p] for p, coef in eq.items() if known[p] is not None))
            parts = [(p, coef) for p, coef in eq.items() if p in unknown]  # sum coef × p = rest
            for p, coef in parts:
                # coef × p = rest − Σ others; bound the others' sum from below and above.
                lo_others: Fraction | None = Fraction(0)
                hi_others: Fraction | None = Fraction(0)
                for q, c in parts:
                    if q == p:
                        continue
                    neg_high = None if high[q] is None else -high[q]
                    q_lo, q_hi = (low[q], high[q]) if c > 0 else (neg_high, -low[q])
                    lo_others = None if lo_others is None or q_lo is None else lo_others + q_lo
                    hi_others = None if hi_others is None or q_hi is None else hi_others + q_hi
                bounds = (None if hi_others is None else rest - hi_others,
                          None if lo_others is None else rest - lo_others)
                p_lo, p_hi = bounds if coef > 0 else (None if bounds[1] is None else -bounds[1],
                                                      None if bounds[0] is None else -bounds[0])
                if p_lo is not None and p_lo > low[p]:
                    low[p], changed = p_lo, True
                if p_hi is not None and (high[p] is None or p_hi < high[p]):
                    high[p], changed = p_hi, True
        if not changed:
            break
    return {p: (low[p], high[p]) for p in unknown if high[p] is not None and low[p] >= high[p]}
