"""The reference receiver over TLS on loopback.

* Envelopes stored per second, in batches of 100, each signature checked by the receiver: on SQLite
  (baseline: the same number of ``GET /v1/health`` requests over the same kind of connection; target
  >= 1,000 envelopes/s) and, with SIGNAAL_TEST_PG set, on PostgreSQL (baseline: the SQLite figure of
  the same run).
* Envelopes a desk pulls per second through ``sync.registrar`` (pages of 500, every page parsed
  into the protocol models), and triage events pushed and pulled per second (calls of 200), both
  as a ratio to the store rate of the same run and backend.
* Requests per second (``GET /v1/health`` on one kept-alive connection) while 250 idle TLS
  connections are open, as a ratio to the same without them: once with all 250 held by the server
  (``--max-connections-per-address 1000``) and once with the default bound (the server closes the
  surplus).
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import time
from pathlib import Path

import nacl.public

from sync import protocol
from sync.registrar import OutgoingEvent, RegistrarClient, event_signature_message
from tests.benchmarks.common import emit, log
from tests.support.attacks import IdleConnections
from tests.support.receiver import Receiver, postgres_test_database, running_receiver

BATCH = 100
BATCHES = 30
HEALTH_REQUESTS = 400
IDLE = 250


def _store_rate(kind: str, database_url: str | None, baseline: float | None) -> float:
    with (
        tempfile.TemporaryDirectory(prefix="signaal-bench-rx-") as tmp,
        running_receiver(Path(tmp), database_url, rate_limit=0) as rx,
    ):
        dev = rx.enrol_device("Bench laptop")
        log(f"receiver/{kind}: sealing {BATCH * BATCHES} envelopes")
        batches = [
            [rx.seal(dev, {"n": b * BATCH + i, "note": "synthetic " * 20}) for i in range(BATCH)]
            for b in range(BATCHES)
        ]
        bodies = [{"envelopes": [e.model_dump() for e in batch]} for batch in batches]
        s = rx.session()
        # warm up: connection, TLS session, first statements
        s.get(rx.url + "/v1/health", timeout=10)
        t0 = time.perf_counter()
        for body in bodies:
            r = s.post(rx.url + "/v1/envelopes", json=body, headers=dev.headers, timeout=60)
            res = protocol.parse_batch_response(r.content)
            assert all(x.status == "stored" for x in res.results), "benchmark batch not stored"
        elapsed = time.perf_counter() - t0
        t1 = time.perf_counter()
        for _ in bodies:
            s.get(rx.url + "/v1/health", timeout=10)
        health = time.perf_counter() - t1
        rate = BATCH * BATCHES / elapsed
        sqlite = kind == "sqlite"
        emit(
            f"receiver_store_{kind}",
            rate,
            "envelopes/s",
            baseline=len(bodies) / health if sqlite else baseline,
            baseline_name="health requests/s (same number of requests)"
            if sqlite
            else "receiver_store_sqlite in this run (envelopes/s)",
            target=">= 1000 envelopes/s" if sqlite else None,
            ok=rate >= 1000 if sqlite else None,
            health_ms=round(health / len(bodies) * 1000, 2),
            batch=BATCH,
            batches=BATCHES,
            seconds=round(elapsed, 3),
            request_ms=round(elapsed / len(bodies) * 1000, 2),
            signatures_checked=True,
        )
        _registrar_rates(rx, kind, rate)
        return rate


def _registrar_rates(rx: Receiver, kind: str, store_rate: float) -> None:
    """Pull everything stored as a desk, then push and pull as many sealed events."""
    creds, key = rx.enrol_registrar("Bench team", "Bench desk")
    box = nacl.public.SealedBox(nacl.public.PublicKey(rx.sealing_public_key))
    with RegistrarClient(creds, timeout=120) as client:
        client.pull_envelopes(0, 1)  # warm up
        t0 = time.perf_counter()
        after, pulled = 0, 0
        while True:
            page = client.pull_envelopes(after)
            pulled += len(page.items)
            after = page.next_after
            if not page.more:
                break
        elapsed = time.perf_counter() - t0
        assert pulled == BATCH * BATCHES, "benchmark pull incomplete"
        emit(
            f"receiver_pull_{kind}",
            pulled / elapsed,
            "envelopes/s",
            baseline=store_rate,
            baseline_name=f"receiver_store_{kind} in this run (envelopes/s)",
            seconds=round(elapsed, 3),
            page=500,
        )
        events = []
        for i in range(BATCH * BATCHES):
            eid = secrets.token_hex(16)
            sealed = box.encrypt(json.dumps({"report": i, "state": "in_behandeling"}).encode())
            events.append(
                OutgoingEvent(eid, sealed, key.sign(event_signature_message(eid, sealed)).signature)
            )
        t0 = time.perf_counter()
        for i in range(0, len(events), 200):
            assert all(r.status == "stored" for r in client.push_events(events[i : i + 200]))
        pushed = time.perf_counter() - t0
        emit(
            f"receiver_events_push_{kind}",
            len(events) / pushed,
            "events/s",
            baseline=store_rate,
            baseline_name=f"receiver_store_{kind} in this run (envelopes/s)",
            seconds=round(pushed, 3),
            per_call=200,
            signatures_checked=True,
        )
        t0 = time.perf_counter()
        after, got = 0, 0
        while True:
            events_page = client.pull_events(after)
            got += len(events_page.items)
            after = events_page.next_after
            if not events_page.more:
                break
        elapsed = time.perf_counter() - t0
        assert got == len(events), "benchmark event pull incomplete"
        emit(
            f"receiver_events_pull_{kind}",
            got / elapsed,
            "events/s",
            baseline=store_rate,
            baseline_name=f"receiver_store_{kind} in this run (envelopes/s)",
            seconds=round(elapsed, 3),
        )


def _health_rate(rx: Receiver) -> float:
    s = rx.session()
    s.get(rx.url + "/v1/health", timeout=10)
    t0 = time.perf_counter()
    for _ in range(HEALTH_REQUESTS):
        r = s.get(rx.url + "/v1/health", timeout=10)
        assert r.status_code == 200, r.status_code
    return HEALTH_REQUESTS / (time.perf_counter() - t0)


def _idle_ratio(label: str, serve_args: list[str]) -> None:
    with (
        tempfile.TemporaryDirectory(prefix="signaal-bench-idle-") as tmp,
        running_receiver(Path(tmp), serve_args=["--header-timeout", "120", *serve_args]) as rx,
    ):
        without = _health_rate(rx)
        with IdleConnections(rx, IDLE) as idle:
            with_idle = _health_rate(rx)
            closed = idle.closed_by_server()
        again = _health_rate(rx)
        emit(
            f"receiver_requests_with_{IDLE}_idle_{label}",
            with_idle,
            "requests/s",
            baseline=(without + again) / 2,
            baseline_name="the same requests without idle connections (mean of before and after)",
            idle_connections=IDLE,
            idle_closed_by_server=closed,
            requests=HEALTH_REQUESTS,
        )


def main() -> None:
    sqlite_rate = _store_rate("sqlite", None, None)
    base = os.environ.get("SIGNAAL_TEST_PG")
    if base:
        url, drop = postgres_test_database(base)
        try:
            _store_rate("postgresql", url, sqlite_rate)
        finally:
            drop()
    else:
        log("receiver: SIGNAAL_TEST_PG not set, PostgreSQL skipped")
    _idle_ratio("held", ["--max-connections-per-address", "1000"])
    _idle_ratio("default_bound", [])
