"""Synthetic facts for the statistics tests and the benchmark (random, reproducible, no real data)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from desk.stats.facts import ReportFacts

_FORMS = ("coa", "nla", "zorg")
_EXPLOITATION = ("sexual", "labour", "criminal", "other", "organ_removal")
_SECTORS = ("A", "C", "F", "G", "H", "I", "T", "other", None)
_NATIONALITIES = ("NL", "RO", "PL", "NG", "BG", "UA", "SY", "ER", "VN", "HU", "MA", "CN", "stateless", None)
_GENDERS = ("female", "male", "non_binary", "trans_female", None)
_ORG = {"coa": ("coa",), "nla": ("nla",), "zorg": ("care", "hospital", "general_practice", "mental_health")}
_PROVINCES = (*(f"PV{n}" for n in range(20, 32)), None)


def synthetic_facts(n: int, *, seed: int = 17, year: int = 2026, linked: float = 0.1) -> list[ReportFacts]:
    """``n`` facts spread over ``year``; a share ``linked`` are later reports about an earlier person."""
    rnd = random.Random(seed)
    start = date(year, 1, 1)
    out: list[ReportFacts] = []
    for i in range(n):
        form = rnd.choice(_FORMS)
        person = f"r{i}"
        if out and rnd.random() < linked:
            person = rnd.choice(out).person_key
        forms = rnd.sample(_EXPLOITATION, k=rnd.choice((0, 1, 1, 1, 1, 2)))
        out.append(ReportFacts(
            report_id=f"r{i}", person_key=person, form_id=form,
            received=start + timedelta(days=rnd.randrange(365)),
            exploitation=frozenset(forms),
            sector=rnd.choice(_SECTORS) if "labour" in forms else None,
            nationality=rnd.choice(_NATIONALITIES),
            gender=rnd.choice(_GENDERS),
            minor=rnd.choice((True, False, False, False, None)),
            organisation_type=rnd.choice(_ORG[form]),
            region=rnd.choice(_PROVINCES),
        ))
    return out
