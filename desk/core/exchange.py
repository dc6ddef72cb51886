"""One exchange with the receiver: push pending events, pull the ordered log, pull new envelopes.

Runs on the worker thread (network and store). Order: pending events go first (≤ 200 per call),
so they get their place in the log; then the log is pulled from the cursor and folded
(``desk.core.triage.apply``): an event of this desk that comes back ordered leaves ``pending``
in the same transaction; then new envelopes are pulled and opened (``desk.core.ingest``);
finally what the registrar sees is refreshed for every report touched. An event the receiver
rejects stays listed (status ``rejected``, its reason) and no longer shows in the state.
An event in the log that does not verify or open is kept with its problem and not applied: every
desk skips the same events, so the fold stays the same everywhere.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sync.registrar import EnvelopePage, EventPage, EventResult, OutgoingEvent, RegistrarClient

from . import enrolment, events, ingest, linking, sealing, triage
from .store import DeskStore

PUSH_BATCH = 200


class ReceiverApi(Protocol):
    """What the desk needs of ``sync.registrar.RegistrarClient``."""

    def pull_envelopes(self, after: int, limit: int = 500) -> EnvelopePage: ...
    def push_events(self, events: Sequence[OutgoingEvent]) -> list[EventResult]: ...
    def pull_events(self, after: int, limit: int = 500) -> EventPage: ...


@dataclass
class ExchangeResult:
    pushed: int = 0
    rejected: int = 0
    events_applied: int = 0
    events_skipped: int = 0
    opened: int = 0
    quarantined: int = 0
    quarantine_reasons: dict[str, int] = field(default_factory=dict)
    overtaken: int = 0


def push_pending(store: DeskStore, api: ReceiverApi) -> tuple[int, int]:
    """Send every waiting event; returns (stored or duplicate, rejected)."""
    pushed = rejected = 0
    while True:
        rows = store.conn().execute("SELECT id, sealed, signature FROM pending WHERE status = 'waiting' "
                                    "ORDER BY n LIMIT ?", (PUSH_BATCH,)).fetchall()
        if not rows:
            return pushed, rejected
        results = api.push_events([OutgoingEvent(str(i), bytes(s), bytes(g)) for i, s, g in rows])
        touched = []
        with store.tx() as c:
            for r in results:
                if r.status in ("stored", "duplicate"):
                    c.execute("UPDATE pending SET status = 'sent' WHERE id = ?", (r.id,))
                    pushed += 1
                else:
                    c.execute("UPDATE pending SET status = 'rejected', reason = ? WHERE id = ?",
                              ((r.reason or r.status)[:200], r.id))
                    rejected += 1
                    touched += [x for (x,) in c.execute("SELECT report_id FROM pending WHERE id = ?",
                                                        (r.id,))]
            triage.refresh(c, touched)
        if len(rows) < PUSH_BATCH:
            return pushed, rejected


def pull_events(store: DeskStore, api: ReceiverApi, result: ExchangeResult) -> set[str]:
    """Fold every new event of the log; returns the reports touched."""
    private = sealing.private_key(store)
    me = enrolment.identity(store)[0]
    touched: set[str] = set()
    while True:
        after = int(store.get_setting(triage.EVENTS_CURSOR, 0))
        page = api.pull_events(after)
        before = int(store.conn().execute("SELECT count(*) FROM overtaken").fetchone()[0])
        with store.tx() as c:
            for item in page.items:
                if c.execute("SELECT 1 FROM events WHERE seq = ?", (item.seq,)).fetchone():
                    continue
                try:
                    ev = events.open_pulled(item, private)
                except ValueError as exc:
                    c.execute("INSERT INTO events (seq, id, registrar_id, received_at, problem) "
                              "VALUES (?,?,?,?,?)", (item.seq, item.id, item.registrar_id, item.received_at,
                                                     str(exc)))
                    result.events_skipped += 1
                    continue
                c.execute("INSERT INTO events (seq, id, registrar_id, received_at, kind, report_id, body) "
                          "VALUES (?,?,?,?,?,?,?)", (item.seq, item.id, item.registrar_id, item.received_at,
                                                     ev.kind, ev.report_id, json.dumps(ev.to_json())))
                touched.update(triage.apply(c, item.seq, ev, me))
                touched.update(r for (r,) in c.execute("SELECT report_id FROM pending WHERE id = ?",
                                                       (ev.id,)))
                c.execute("DELETE FROM pending WHERE id = ?", (ev.id,))
                result.events_applied += 1
            store.set_setting(triage.EVENTS_CURSOR, max(after, page.next_after), c)
            triage.refresh(c, touched)
        result.overtaken += int(store.conn().execute("SELECT count(*) FROM overtaken").fetchone()[0]) - before
        if not page.more or page.next_after <= after:
            return touched


def exchange(store: DeskStore, api: ReceiverApi) -> ExchangeResult:
    """One full exchange (see the module text)."""
    result = ExchangeResult()
    result.pushed, result.rejected = push_pending(store, api)
    creds = enrolment.credentials(store)
    got = ingest.pull_all(store, api, receipt_key=base64.b64decode(creds.receipt_public_key))
    result.opened, result.quarantined, result.quarantine_reasons = got.opened, got.quarantined, got.reasons
    touched = pull_events(store, api, result)
    with store.tx() as c:
        triage.refresh(c, touched | set(got.report_ids))
        linking.recompute_person_keys(c)
        store.log_event("exchange", {"pushed": result.pushed, "rejected": result.rejected,
                                     "applied": result.events_applied, "skipped": result.events_skipped,
                                     "opened": result.opened, "quarantined": result.quarantined}, c)
    return result


def exchange_with_receiver(store: DeskStore, *, timeout: float = 30.0) -> ExchangeResult:
    """:func:`exchange` with the receiver this desk is enrolled with (pinned certificate)."""
    client = RegistrarClient(enrolment.credentials(store), timeout=timeout)
    try:
        return exchange(store, client)
    finally:
        client.close()


def offline_refresh(store: DeskStore) -> None:
    """After a local edit: person keys with the pending link decisions on top."""
    with store.tx() as c:
        linking.recompute_person_keys(c)


def status(store: DeskStore) -> dict[str, Any]:
    c = store.conn()
    return {
        "reports": int(c.execute("SELECT count(*) FROM reports").fetchone()[0]),
        "quarantined": int(c.execute("SELECT count(*) FROM quarantine").fetchone()[0]),
        "pending": triage.pending_count(store),
        "rejected": int(c.execute("SELECT count(*) FROM pending WHERE status = 'rejected'").fetchone()[0]),
        "envelopes_cursor": int(store.get_setting(ingest.CURSOR, 0)),
        "events_cursor": int(store.get_setting(triage.EVENTS_CURSOR, 0)),
        "overtaken_unseen": len(triage.overtaken(store, unseen_only=True)),
    }
