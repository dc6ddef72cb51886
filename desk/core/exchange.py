"""One exchange with the receiver: push pending events, pull new envelopes, pull the ordered log.

In the desk the store work runs on the store's worker thread and the requests to the receiver on
a network thread of their own (:func:`exchange_steps`), so an edit never waits for a slow or
unreachable receiver. Order: pending events go first (≤ 200 per call), so they get their place
in the log; then new envelopes are pulled and opened (``desk.core.ingest``); then the log is
pulled from the cursor and folded (``desk.core.triage.apply``): an event of this desk that comes
back ordered leaves ``pending`` in the same transaction; finally what the registrar sees is
refreshed for every report touched. An event the receiver rejects stays listed (status
``rejected``, its reason) and no longer shows in the state. An event in the log that does not
verify or open is kept with its problem and not applied: every desk skips the same events, so
the fold stays the same everywhere.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Generator, Sequence
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


Call = Callable[[ReceiverApi], Any]
"""One request to the receiver, to run wherever the network half runs."""


def _push(batch: list[OutgoingEvent]) -> Call:
    return lambda api: api.push_events(batch)


def _envelopes_after(after: int) -> Call:
    return lambda api: api.pull_envelopes(after)


def _events_after(after: int) -> Call:
    return lambda api: api.pull_events(after)


def _record_push(store: DeskStore, results: Sequence[EventResult]) -> tuple[int, int]:
    pushed = rejected = 0
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
                touched += [x for (x,) in c.execute("SELECT report_id FROM pending WHERE id = ?", (r.id,))]
        triage.refresh(c, touched)
    return pushed, rejected


def _fold_events(store: DeskStore, page: EventPage, after: int, result: ExchangeResult) -> set[str]:
    """Fold one page of the log and move the cursor, in one transaction; returns the reports touched."""
    private = sealing.private_key(store)
    me = enrolment.identity(store)[0]
    touched: set[str] = set()
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
            touched.update(r for (r,) in c.execute("SELECT report_id FROM pending WHERE id = ?", (ev.id,)))
            c.execute("DELETE FROM pending WHERE id = ?", (ev.id,))
            result.events_applied += 1
        store.set_setting(triage.EVENTS_CURSOR, max(after, page.next_after), c)
        triage.refresh(c, touched)
    result.overtaken += int(store.conn().execute("SELECT count(*) FROM overtaken").fetchone()[0]) - before
    return touched


def exchange_steps(store: DeskStore) -> Generator[Call, Any, ExchangeResult]:
    """One full exchange (see the module text) as store work between requests to the receiver.

    Every store step runs where the generator is resumed; each request it yields is a function of
    the receiver's API, whose answer is sent back in. So the store's thread never waits on the
    network: the desk runs the requests on a thread of their own (``desk.ui.exchange_runner``),
    and :func:`exchange` runs them in line (tests, scripts).
    """
    result = ExchangeResult()
    while True:   # 1. push what waits, ≤ PUSH_BATCH per call
        rows = store.conn().execute("SELECT id, sealed, signature FROM pending WHERE status = 'waiting' "
                                    "ORDER BY n LIMIT ?", (PUSH_BATCH,)).fetchall()
        if not rows:
            break
        batch = [OutgoingEvent(str(i), bytes(s), bytes(g)) for i, s, g in rows]
        results: list[EventResult] = yield _push(batch)
        pushed, rejected = _record_push(store, results)
        result.pushed += pushed
        result.rejected += rejected
        if len(rows) < PUSH_BATCH:
            break
    receipt_key = base64.b64decode(enrolment.credentials(store).receipt_public_key)
    report_ids: list[str] = []
    while True:   # 2. new envelopes, page by page from the cursor
        after = int(store.get_setting(ingest.CURSOR, 0))
        page: EnvelopePage = yield _envelopes_after(after)
        got = ingest.store_page(store, page, receipt_key=receipt_key)
        result.opened += got.opened
        result.quarantined += got.quarantined
        report_ids += got.report_ids
        for k, v in got.reasons.items():
            result.quarantine_reasons[k] = result.quarantine_reasons.get(k, 0) + v
        if not page.more or page.next_after <= after:
            break
    touched: set[str] = set()
    while True:   # 3. the ordered log of triage events, folded page by page
        after = int(store.get_setting(triage.EVENTS_CURSOR, 0))
        events_page: EventPage = yield _events_after(after)
        touched |= _fold_events(store, events_page, after, result)
        if not events_page.more or events_page.next_after <= after:
            break
    with store.tx() as c:
        triage.refresh(c, touched | set(report_ids))
        linking.recompute_person_keys(c)
        store.log_event("exchange", {"pushed": result.pushed, "rejected": result.rejected,
                                     "applied": result.events_applied, "skipped": result.events_skipped,
                                     "opened": result.opened, "quarantined": result.quarantined}, c)
    return result


def run_steps(steps: Generator[Call, Any, ExchangeResult], api: ReceiverApi) -> ExchangeResult:
    """Run the requests of :func:`exchange_steps` in line, on the caller's thread."""
    answer: Any = None
    try:
        while True:
            answer = steps.send(answer)(api)
    except StopIteration as stop:
        done: ExchangeResult = stop.value
        return done
    finally:
        steps.close()


def exchange(store: DeskStore, api: ReceiverApi) -> ExchangeResult:
    """One full exchange, network calls in line (see :func:`exchange_steps`)."""
    return run_steps(exchange_steps(store), api)


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
