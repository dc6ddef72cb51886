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


def release_view(prots: dict[str, Protected]) -> tuple[dict[Pos, int | None], list[dict[Pos, int]]]:
    """What an attacker holds who has a year and its quarters (keys: "2026", "2026-Q1", …): every
    table of each, and that each quarter's counts add up to the year's (by report)."""
    known: dict[Pos, int | None] = {}
    eqs: list[dict[Pos, int]] = []

    def tagged(tag: str, pos: Pos) -> Pos:
        return (f"{tag}/{pos[0]}", pos[1], pos[2])

    for tag, prot in prots.items():
        known.update({tagged(tag, p): v for p, v in published_positions(prot).items()})
        eqs += [{tagged(tag, p): c for p, c in eq.items()} for eq in attacker_equations(prot)]
    year = next(tag for tag in prots if "Q" not in tag)
    quarters = [tag for tag in prots if tag != year]
    for pos in published_positions(prots[year]):
        eq = {tagged(year, pos): -1}
        for q in quarters:
            part = tagged(q, pos)
            known.setdefault(part, 0)  # a row a quarter does not show is 0 there
            eq[part] = 1
        eqs.append(eq)
    return known, eqs


def recoverable(prot: Protected) -> dict[Pos, Fraction]:
    """Every suppressed position the attacker can pin, with the value it computes."""
    return recoverable_from(published_positions(prot), attacker_equations(prot))


def recoverable_from(known: dict[Pos, int | None], equations: list[dict[Pos, int]]) -> dict[Pos, Fraction]:
    """Every unknown position the equations pin, with its value: Gauss-Jordan elimination over the
    rationals on sparse rows (column → coefficient, with the constant under the key None)."""
    unknown = {p for p, v in known.items() if v is None}
    rows: list[dict[Pos | None, Fraction]] = []
    for eq in equations:
        row: dict[Pos | None, Fraction] = {}
        const = Fraction(0)
        for p, coef in eq.items():
            v = known[p]
            if v is None:
                row[p] = row.get(p, Fraction(0)) + coef
            else:
                const -= coef * v
        row = {p: c for p, c in row.items() if c}
        if row:
            row[None] = const
            rows.append(row)
        else:
            assert const == 0, f"published numbers do not add up: {eq}"
    reduced: dict[Pos, dict[Pos | None, Fraction]] = {}  # pivot → row with pivot coefficient 1
    for row in rows:
        for p in [p for p in row if p is not None and p in reduced]:
            factor = row.get(p)
            if factor:
                for q, c in reduced[p].items():
                    row[q] = row.get(q, Fraction(0)) - factor * c
                row = {q: c for q, c in row.items() if c or q is None}
        cols = sorted((q for q in row if q is not None), key=repr)
        if not cols:
            assert row.get(None, 0) == 0, "published numbers contradict each other"
            continue
        pivot = cols[0]
        scale = row[pivot]
        row = {q: c / scale for q, c in row.items()}
        for other in reduced.values():
            factor = other.get(pivot)
            if factor:
                for q, c in row.items():
                    other[q] = other.get(q, Fraction(0)) - factor * c
                for q in [q for q, c in other.items() if not c and q is not None]:
                    del other[q]
        reduced[pivot] = row
    # A certificate for every unknown that can move: a null-space vector (one per free column),
    # checked by substituting it into every original equation.
    free = sorted(unknown - set(reduced), key=repr)
    touching: dict[Pos, list[dict[Pos, int]]] = {}
    for eq in equations:
        for p in eq:
            touching.setdefault(p, []).append(eq)
    uses: dict[Pos, list[Pos]] = {}  # free column → the pivots whose rows mention it
    for pivot, row in reduced.items():
        for q in row:
            if q is not None and q != pivot:
                uses.setdefault(q, []).append(pivot)
    movable: set[Pos] = set()
    for f in free:
        v: dict[Pos, Fraction] = {f: Fraction(1)}
        for pivot in uses.get(f, ()):
            v[pivot] = -reduced[pivot][f]
        for eq in {id(e): e for p in v for e in touching.get(p, ())}.values():
            assert sum(coef * v.get(p, Fraction(0)) for p, coef in eq.items()) == 0
        movable |= set(v)
    return {p: reduced[p].get(None, Fraction(0)) for p in unknown - movable}


def squeezed(prot: Protected) -> dict[Pos, tuple[Fraction, Fraction]]:
    """Suppressed positions whose range the attacker narrows to one value, knowing that a suppressed
    count is at least 1 (zeros are published): repeated interval narrowing over every equation."""
    return squeezed_from(published_positions(prot), attacker_equations(prot))


def squeezed_from(known: dict[Pos, int | None],
                  eqs: list[dict[Pos, int]]) -> dict[Pos, tuple[Fraction, Fraction]]:
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
