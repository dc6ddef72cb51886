"""The inbox: filtered, ordered report lists and single reports, straight from the store.

Filtering happens in SQL on indexed columns, so a view over 100,000 reports asks for the ids
that match (one query) and then for the rows it shows (a block at a time): the UI never holds
or filters all reports itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import NoSuchReport
from .store import DeskStore

UNASSIGNED = "\x00unassigned"


@dataclass(frozen=True)
class Filter:
    states: tuple[str, ...] = ()
    form_ids: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    day_from: str | None = None   # "YYYY-MM-DD", on the day the receiver received it
    day_to: str | None = None
    assignee: str | None = None   # a name, or UNASSIGNED
    include_follow_ups: bool = True

    def where(self) -> tuple[str, list[Any]]:
        parts: list[str] = []
        args: list[Any] = []
        for column, values in (("state", self.states), ("form_id", self.form_ids), ("region", self.regions)):
            if values:
                parts.append(f"{column} IN ({','.join('?' * len(values))})")
                args += list(values)
        if self.day_from:
            parts.append("received_day >= ?")
            args.append(self.day_from)
        if self.day_to:
            parts.append("received_day <= ?")
            args.append(self.day_to)
        if self.assignee == UNASSIGNED:
            parts.append("assignee IS NULL")
        elif self.assignee:
            parts.append("assignee = ?")
            args.append(self.assignee)
        if not self.include_follow_ups:
            parts.append("follow_up = 0")
        return (" WHERE " + " AND ".join(parts)) if parts else "", args


@dataclass(frozen=True)
class Row:
    seq: int
    id: str
    reference: str | None
    form_id: str
    received_at: str
    organisation: str
    region: str | None
    state: str
    referred_to: str | None
    assignee: str | None
    pending: int
    linked: bool


ROW_COLUMNS = ("seq, id, reference, form_id, received_at, organisation, region, state, referred_to, "
               "assignee, pending, person_key != id OR EXISTS (SELECT 1 FROM follow_ups f WHERE "
               "f.report_id = reports.id OR f.target = reports.id)")


def _row(r: Sequence[Any]) -> Row:
    return Row(int(r[0]), str(r[1]), r[2], str(r[3]), str(r[4]), str(r[5]), r[6], str(r[7]), r[8], r[9],
               int(r[10]), bool(r[11]))


def matching_seqs(store: DeskStore, flt: Filter) -> list[int]:
    """The seqs of the reports that match, newest first."""
    where, args = flt.where()
    return [int(s) for (s,) in store.conn().execute(f"SELECT seq FROM reports{where} ORDER BY seq DESC",  # noqa: S608 - only our column names
                                                    args).fetchall()]


def rows(store: DeskStore, seqs: Sequence[int]) -> list[Row]:
    """The rows for these seqs, in the order given."""
    if not seqs:
        return []
    got = {int(r[0]): _row(r) for r in store.conn().execute(
        f"SELECT {ROW_COLUMNS} FROM reports WHERE seq IN ({','.join('?' * len(seqs))})",  # noqa: S608
        list(seqs)).fetchall()}
    return [got[s] for s in seqs if s in got]


def choices(store: DeskStore) -> dict[str, list[str]]:
    """The values present, for the filter menus: forms, regions, assignees."""
    c = store.conn()
    return {
        "form_id": [str(v) for (v,) in c.execute("SELECT DISTINCT form_id FROM reports ORDER BY 1")],
        "region": [str(v) for (v,) in c.execute(
            "SELECT DISTINCT region FROM reports WHERE region IS NOT NULL ORDER BY 1")],
        "assignee": [str(v) for (v,) in c.execute("SELECT DISTINCT assignee FROM reports WHERE assignee "
                                                  "IS NOT NULL ORDER BY 1")],
    }


@dataclass(frozen=True)
class Report:
    id: str
    seq: int
    form_id: str
    form_version: int
    follow_up: bool
    created_at: str
    received_at: str
    organisation: str
    device_id: str
    reference: str | None
    answers: dict[str, Any]
    receipt: dict[str, Any]
    receipt_ok: bool
    state: str
    referred_to: str | None
    assignee: str | None
    person_key: str
    extra: dict[str, Any] = field(default_factory=dict)


def report(store: DeskStore, report_id: str) -> Report:
    r = store.conn().execute(
        "SELECT r.id, r.seq, r.form_id, r.form_version, r.follow_up, r.created_at, r.received_at, "
        "r.organisation, r.device_id, r.reference, a.answers, e.receipt, r.receipt_ok, r.state, "
        "r.referred_to, r.assignee, r.person_key FROM reports r JOIN envelopes e ON e.seq = r.seq "
        "JOIN report_answers a ON a.id = r.id "
        "WHERE r.id = ?", (report_id,)).fetchone()
    if r is None:
        raise NoSuchReport()
    return Report(str(r[0]), int(r[1]), str(r[2]), int(r[3]), bool(r[4]), str(r[5]), str(r[6]), str(r[7]),
                  str(r[8]), r[9], json.loads(r[10]), json.loads(r[11]), bool(r[12]), str(r[13]), r[14],
                  r[15], str(r[16]))


def counts_by_state(store: DeskStore) -> dict[str, int]:
    return {str(s): int(n) for s, n in store.conn().execute(
        "SELECT state, count(*) FROM reports GROUP BY state").fetchall()}
