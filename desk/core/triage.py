"""Triage shared by the team: local edits become pending events; the ordered log is folded.

The fold (every desk runs the same one over the same log): events are applied in the receiver's
``seq`` order; per report and attribute (``state``, ``assignee``, ``link:<other report>``) the
last event in seq order wins; notes append. Events arrive from the receiver in seq order (the
cursor only moves forward), so applying each page as it comes *is* the full fold.

What a registrar sees (``reports.state``/``assignee``/``referred_to``) is the fold with this
desk's pending events on top, in the order they were made: an edit shows at once, also offline,
and is folded again once the receiver has ordered it. When a concurrent edit of another
registrar (one made without knowing of ours: its ``base_seq`` is before our event's seq) is
ordered after ours and sets another value, ours is recorded as *overtaken* and the UI says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import enrolment, linking, sealing
from .errors import BadTransition, NoSuchReport
from .events import FINAL_STATES, Event, check_value, new_id, parse, seal
from .store import DeskStore, dumps, now_text

EVENTS_CURSOR = "cursor.events"

# What a registrar can move a report to from each state. The fold itself accepts any order: two
# desks may have moved the same report concurrently.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("in_progress", *FINAL_STATES),
    "in_progress": ("new", *FINAL_STATES),
    "registered": ("in_progress",),
    "referred": ("in_progress", "referred"),
    "not_trafficking": ("in_progress",),
}


def _report_exists(c: Any, report_id: str) -> bool:
    return c.execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone() is not None


def record(store: DeskStore, report_id: str, kind: str, value: Any) -> Event:
    """Make an event on this desk: sealed, signed, kept as pending and shown at once."""
    value = check_value(kind, value)
    registrar_id, author = enrolment.identity(store)
    with store.tx() as c:
        row = c.execute("SELECT state FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            raise NoSuchReport()
        if kind == "state" and value["state"] not in TRANSITIONS.get(str(row[0]), ()):
            raise BadTransition(f"{row[0]} -> {value['state']}")
        if kind == "link" and not _report_exists(c, value["other"]):
            raise NoSuchReport()
        event = Event(new_id(), registrar_id, author, kind, report_id, value,
                      int(store.get_setting(EVENTS_CURSOR, 0)), now_text())
        out = seal(event, sealing.public_key(store), enrolment.signing_key(store))
        c.execute("INSERT INTO pending (id, report_id, body, sealed, signature) VALUES (?,?,?,?,?)",
                  (event.id, report_id, dumps(event.to_json()), out.sealed, out.signature))
        refresh(c, [report_id] + ([value["other"]] if kind == "link" else []))
        if kind == "link":
            linking.recompute_person_keys(c)
    return event


# ------------------------------------------------------------------------------------- the fold


def apply(c: Any, seq: int, event: Event, me: str) -> list[str]:
    """Fold one ordered event into the state; returns the reports it touched."""
    if event.kind == "note":
        c.execute("INSERT OR IGNORE INTO notes (event_id, report_id, seq, author, at, text) "
                  "VALUES (?,?,?,?,?,?)",
                  (event.id, event.report_id, seq, event.author, event.at, event.value))
        return [event.report_id]
    attribute = event.attribute
    assert attribute is not None
    value = dumps(event.value)
    report_id = event.report_id
    if event.kind == "link":  # one decision per pair, whichever report it was made on
        a, b = sorted((event.report_id, event.value["other"]))
        report_id, attribute = a, f"link:{b}"
        value = dumps(event.value["same"])
    prev = c.execute("SELECT value, seq, event_id, registrar_id FROM triage WHERE report_id = ? AND "
                     "attribute = ?", (report_id, attribute)).fetchone()
    if (prev is not None and prev[3] == me and event.registrar_id != me and prev[0] != value
            and event.base_seq < int(prev[1])):
        c.execute("INSERT OR IGNORE INTO overtaken (event_id, report_id, attribute, mine, winner, "
                  "winner_author) VALUES (?,?,?,?,?,?)",
                  (prev[2], event.report_id, event.kind, prev[0], value, event.author))
    c.execute("INSERT INTO triage (report_id, attribute, value, seq, event_id, registrar_id, author) "
              "VALUES (?,?,?,?,?,?,?) ON CONFLICT (report_id, attribute) DO UPDATE SET "
              "value = excluded.value, seq = excluded.seq, event_id = excluded.event_id, "
              "registrar_id = excluded.registrar_id, author = excluded.author",
              (report_id, attribute, value, seq, event.id, event.registrar_id, event.author))
    if event.kind == "link":
        a, b = report_id, attribute[5:]
        c.execute("INSERT INTO links (a, b, same, seq, author) VALUES (?,?,?,?,?) ON CONFLICT (a, b) DO "
                  "UPDATE SET same = excluded.same, seq = excluded.seq, author = excluded.author",
                  (a, b, int(event.value["same"]), seq, event.author))
        return [a, b]
    return [report_id]


def _pending_events(c: Any, report_id: str) -> list[Event]:
    rows = c.execute("SELECT body FROM pending WHERE status != 'rejected' AND (report_id = ? OR body LIKE ?) "
                     "ORDER BY n", (report_id, f'%"other":"{report_id}"%')).fetchall()
    return [parse(json.loads(r[0])) for r in rows]


def refresh(c: Any, report_ids: Iterable[str]) -> None:
    """Recompute what the registrar sees for these reports: the fold, pending events on top."""
    for report_id in set(report_ids):
        state: dict[str, Any] = {"state": "new", "referred_to": None}
        assignee: Any = None
        for attribute, value in c.execute("SELECT attribute, value FROM triage WHERE report_id = ? AND "
                                          "attribute IN ('state', 'assignee')", (report_id,)).fetchall():
            if attribute == "state":
                state = json.loads(value)
            else:
                assignee = json.loads(value)
        pending = 0
        for ev in _pending_events(c, report_id):
            pending += 1
            if ev.kind == "state" and ev.report_id == report_id:
                state = ev.value
            elif ev.kind == "assignee" and ev.report_id == report_id:
                assignee = ev.value
        c.execute("UPDATE reports SET state = ?, referred_to = ?, assignee = ?, pending = ? WHERE id = ?",
                  (state["state"], state["referred_to"], assignee, pending, report_id))


# ------------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Note:
    author: str
    at: str
    text: str
    pending: bool


@dataclass(frozen=True)
class Overtaken:
    event_id: str
    report_id: str
    attribute: str
    mine: Any
    winner: Any
    winner_author: str


@dataclass(frozen=True)
class TriageView:
    report_id: str
    state: str
    referred_to: str | None
    assignee: str | None
    pending: int
    notes: list[Note]
    overtaken: list[Overtaken]
    allowed: tuple[str, ...]


def view(store: DeskStore, report_id: str) -> TriageView:
    c = store.conn()
    row = c.execute("SELECT state, referred_to, assignee, pending FROM reports WHERE id = ?",
                    (report_id,)).fetchone()
    if row is None:
        raise NoSuchReport()
    notes = [Note(str(a), str(t), str(x), False) for a, t, x in c.execute(
        "SELECT author, at, text FROM notes WHERE report_id = ? ORDER BY seq", (report_id,)).fetchall()]
    for ev in _pending_events(c, report_id):
        if ev.kind == "note" and ev.report_id == report_id:
            notes.append(Note(ev.author, ev.at, str(ev.value), True))
    return TriageView(report_id, str(row[0]), row[1], row[2], int(row[3]), notes,
                      overtaken(store, report_id, unseen_only=True), TRANSITIONS.get(str(row[0]), ()))


def overtaken(store: DeskStore, report_id: str | None = None, *,
              unseen_only: bool = False) -> list[Overtaken]:
    sql = "SELECT event_id, report_id, attribute, mine, winner, winner_author FROM overtaken WHERE 1=1"
    args: list[Any] = []
    if report_id is not None:
        sql += " AND report_id = ?"
        args.append(report_id)
    if unseen_only:
        sql += " AND seen = 0"
    return [Overtaken(str(r[0]), str(r[1]), str(r[2]), json.loads(r[3]), json.loads(r[4]), str(r[5]))
            for r in store.conn().execute(sql + " ORDER BY rowid", args).fetchall()]


def mark_overtaken_seen(store: DeskStore, event_ids: Iterable[str]) -> None:
    with store.tx() as c:
        c.executemany("UPDATE overtaken SET seen = 1 WHERE event_id = ?", [(e,) for e in event_ids])


def folded_state(store: DeskStore) -> list[tuple[str, str, str, int]]:
    """The fold itself (report, attribute, value, seq), sorted: equal on every converged desk."""
    rows = store.conn().execute("SELECT report_id, attribute, value, seq FROM triage "
                                "ORDER BY report_id, attribute").fetchall()
    return [(str(a), str(b), str(v), int(s)) for a, b, v, s in rows]


def pending_count(store: DeskStore) -> int:
    return int(store.conn().execute("SELECT count(*) FROM pending WHERE status != 'rejected'").fetchone()[0])
