"""Linking reports: follow-ups by the envelope id they name, and "possibly the same person".

- A follow-up (a withdrawal of consent, or any report with a reference field holding an envelope
  id) is linked to the report it names as soon as it is opened (``follow_ups``).
- Suggestions compare only non-identifying attributes: nationality, age band, gender,
  municipality, the period of the signal and the reporting organisation. Nationality, gender and
  age band must be known and equal; then each of municipality, organisation and a signal date
  within 30 days adds a point, and a suggestion needs at least one. A registrar confirms or
  rejects a suggestion: that decision is a triage event (kind ``link``) like any other, folded in
  seq order, so every desk agrees on who is the same person.
- ``person_key``: the reports linked by follow-ups and confirmed decisions form one person; the
  key is the smallest report id among them (the same on every desk). Statistics count by report
  and by person with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from .events import parse
from .store import DeskStore

SUGGEST_WINDOW_DAYS = 180
CLOSE_DAYS = 30
MAX_SUGGESTIONS = 20


def age_band(age_band_answer: Any, age_years: Any) -> str | None:
    """The age band answered, or one derived from the age in years."""
    if isinstance(age_band_answer, str) and age_band_answer and age_band_answer != "unknown":
        return age_band_answer
    if isinstance(age_years, int) and not isinstance(age_years, bool) and age_years >= 0:
        for upper, band in ((17, "0-17"), (24, "18-24"), (34, "25-34"), (44, "35-44"), (54, "45-54")):
            if age_years <= upper:
                return band
        return "55+"
    return None


def add_follow_up(c: Any, report_id: str, target: str) -> None:
    c.execute("INSERT OR IGNORE INTO follow_ups (report_id, target) VALUES (?, ?)", (report_id, target))


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def _decisions(c: Any) -> dict[tuple[str, str], bool]:
    """Same-person decisions: the fold, with this desk's pending ones on top."""
    out = {(str(a), str(b)): bool(s) for a, b, s in c.execute("SELECT a, b, same FROM links").fetchall()}
    for (body,) in c.execute("SELECT body FROM pending WHERE status != 'rejected' AND body LIKE "
                             "'%\"kind\":\"link\"%' ORDER BY n").fetchall():
        ev = parse(json.loads(body))
        a, b = sorted((ev.report_id, ev.value["other"]))
        out[(a, b)] = bool(ev.value["same"])
    return out


def recompute_person_keys(c: Any) -> int:
    """Set ``person_key`` of every report from the links; returns how many reports are linked."""
    uf = _Union()
    for a, b in c.execute("SELECT report_id, target FROM follow_ups").fetchall():
        uf.union(str(a), str(b))
    for (a, b), same in _decisions(c).items():
        if same:
            uf.union(a, b)
    c.execute("UPDATE reports SET person_key = id WHERE person_key != id")
    rows = [(uf.find(x), x) for x in uf.parent if uf.find(x) != x]
    c.executemany("UPDATE reports SET person_key = ? WHERE id = ?", rows)
    return len(rows)


@dataclass(frozen=True)
class Linked:
    report_id: str
    relation: str   # "follows_up" (this one names it), "followed_by", "same_person"
    form_id: str | None
    received_at: str | None
    present: bool


def linked(store: DeskStore, report_id: str) -> list[Linked]:
    c = store.conn()
    out: list[tuple[str, str]] = []
    out += [(str(t), "follows_up") for (t,) in c.execute(
        "SELECT target FROM follow_ups WHERE report_id = ?", (report_id,)).fetchall()]
    out += [(str(r), "followed_by") for (r,) in c.execute(
        "SELECT report_id FROM follow_ups WHERE target = ?", (report_id,)).fetchall()]
    row = c.execute("SELECT person_key FROM reports WHERE id = ?", (report_id,)).fetchone()
    seen = {r for r, _ in out} | {report_id}
    if row is not None:
        for (other,) in c.execute("SELECT id FROM reports WHERE person_key = ? AND id != ? ORDER BY seq",
                                  (row[0], report_id)).fetchall():
            if other not in seen:
                out.append((str(other), "same_person"))
                seen.add(str(other))
    result = []
    for other, relation in out:
        info = c.execute("SELECT form_id, received_at FROM reports WHERE id = ?", (other,)).fetchone()
        result.append(Linked(other, relation, info[0] if info else None, info[1] if info else None,
                             info is not None))
    return result


@dataclass(frozen=True)
class Suggestion:
    report_id: str
    score: int
    matches: tuple[str, ...]   # attribute names that are equal or close
    form_id: str
    received_at: str


def _day(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def suggestions(store: DeskStore, report_id: str) -> list[Suggestion]:
    """Reports possibly about the same person as ``report_id``, best first (see the module text)."""
    c = store.conn()
    row = c.execute("SELECT nationality, gender, age_band, municipality, organisation, signal_day, "
                    "person_key FROM reports WHERE id = ?", (report_id,)).fetchone()
    if row is None or None in row[:3] or "unknown" in (row[1], row[2]):
        return []
    nationality, gender, band, municipality, organisation, signal_day, person_key = row
    day = _day(signal_day)
    decided = _decisions(c)
    out = []
    for other, o_mun, o_org, o_day, o_form, o_at in c.execute(
            "SELECT id, municipality, organisation, signal_day, form_id, received_at FROM reports "
            "WHERE nationality = ? AND gender = ? AND age_band = ? AND id != ? AND person_key != ? "
            "AND follow_up = 0", (nationality, gender, band, report_id, person_key)).fetchall():
        if tuple(sorted((report_id, other))) in decided:
            continue
        other_day = _day(o_day)
        if day and other_day and abs((day - other_day).days) > SUGGEST_WINDOW_DAYS:
            continue
        matches = ["nationality", "gender", "age_band"]
        if municipality and municipality == o_mun:
            matches.append("municipality")
        if organisation == o_org:
            matches.append("organisation")
        if day and other_day and abs((day - other_day).days) <= CLOSE_DAYS:
            matches.append("period")
        if len(matches) > 3:
            out.append(Suggestion(str(other), len(matches), tuple(matches), str(o_form), str(o_at)))
    out.sort(key=lambda s: (-s.score, s.received_at, s.report_id))
    return out[:MAX_SUGGESTIONS]


def counts(store: DeskStore) -> tuple[int, int]:
    """(reports, persons) among the reports that are not follow-ups."""
    row = store.conn().execute("SELECT count(*), count(DISTINCT person_key) FROM reports "
                               "WHERE follow_up = 0").fetchone()
    return int(row[0]), int(row[1])
