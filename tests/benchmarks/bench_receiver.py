"""Envelopes stored per second by the reference receiver over TLS on loopback, in batches of 100,
on SQLite and (with SIGNAAL_TEST_PG set) PostgreSQL. Baseline: the same number of requests to
``GET /v1/health`` over the same kind of connection in the same run. Target: >= 1,000 envelopes/s
on SQLite."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from sync import protocol
from tests.benchmarks.common import emit, log
from tests.support.receiver import postgres_test_database, running_receiver

BATCH = 100
BATCHES = 30


def _measure(kind: str, database_url: str | None) -> None:
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
        emit(
            f"receiver_store_{kind}",
            rate,
            "envelopes/s",
            baseline=len(bodies) / health,
            baseline_name="health requests/s (same number of requests)",
            target=">= 1000 envelopes/s" if kind == "sqlite" else None,
            ok=(rate >= 1000) if kind == "sqlite" else None,
            batch=BATCH,
            batches=BATCHES,
            seconds=round(elapsed, 3),
            request_ms=round(elapsed / len(bodies) * 1000, 2),
            health_ms=round(health / len(bodies) * 1000, 2),
        )


def main() -> None:
    _measure("sqlite", None)
    base = os.environ.get("SIGNAAL_TEST_PG")
    if base:
        url, drop = postgres_test_database(base)
        try:
            _measure("postgresql", url)
        finally:
            drop()
    else:
        log("receiver: SIGNAAL_TEST_PG not set, PostgreSQL skipped")
