"""Scaling out needs nothing new: two receiver processes on one PostgreSQL database (as behind a
load balancer) take the same replay storm and store each envelope exactly once, every answer for
an id carries the same receipt, and an enrolment code works once across both."""

from __future__ import annotations

import base64
import random
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nacl.signing
import pytest

from sync import envelope, protocol
from tests.receiver.helpers import stored_count
from tests.support.receiver import Receiver

pytestmark = pytest.mark.postgres

ENVELOPES, BATCH, SENDERS = 300, 20, 6


@pytest.fixture
def pair(tmp_path: Path, pg_base: str) -> Iterator[tuple[Receiver, Receiver]]:
    from tests.support.receiver import postgres_test_database

    url, drop = postgres_test_database(pg_base)
    a = Receiver(tmp_path / "a", url, rate_limit=0)
    b = a.twin(tmp_path / "b")
    try:
        a.start()
        b.start()
        yield a, b
    finally:
        a.kill()
        b.kill()
        drop()


def test_two_receivers_store_a_replay_storm_exactly_once(pair: tuple[Receiver, Receiver]) -> None:
    a, b = pair
    dev = a.enrol_device("Storm laptop")
    envs = [a.seal(dev, {"n": i}) for i in range(ENVELOPES)]
    batches = [envs[i : i + BATCH] for i in range(0, ENVELOPES, BATCH)]
    answers: list[tuple[str, str, protocol.Receipt | None]] = []
    lock = threading.Lock()

    def sender(seed: int) -> None:
        # Each sender replays every batch, in its own order, alternating between the receivers.
        order = list(batches)
        random.Random(seed).shuffle(order)
        sessions = {a: a.session(), b: b.session()}
        for n, batch in enumerate(order):
            rx = (a, b)[(n + seed) % 2]
            r = rx.post_batch(dev, batch, session=sessions[rx], timeout=60)
            assert r.status_code == 200, r.text[:300]
            results = protocol.parse_batch_response(r.content).results
            with lock:
                for x in results:
                    assert x.id is not None, x
                    answers.append((x.id, x.status, x.receipt))

    with ThreadPoolExecutor(SENDERS) as pool:
        for f in [pool.submit(sender, s) for s in range(SENDERS)]:
            f.result()

    assert len(answers) == ENVELOPES * SENDERS
    stored = [i for i, status, _ in answers if status == "stored"]
    assert sorted(stored) == sorted(e.id for e in envs), "each envelope stored exactly once"
    assert {status for _, status, _ in answers} == {"stored", "duplicate"}
    receipts: dict[str, protocol.Receipt] = {}
    for eid, _, receipt in answers:
        assert receipt is not None and envelope.verify_receipt(receipt, a.receipt_public_key)
        assert receipts.setdefault(eid, receipt) == receipt, "every answer for an id has the same receipt"
    assert len({r.reference for r in receipts.values()}) == ENVELOPES, "references are unique"
    assert stored_count(a) == ENVELOPES


def test_enrolment_codes_are_single_use_across_both_receivers(pair: tuple[Receiver, Receiver]) -> None:
    a, b = pair
    codes = [a.enrol(f"Org {i}") for i in range(15)]

    def attempt(rx: Receiver, code: str, barrier: threading.Barrier) -> tuple[int, str]:
        key = base64.b64encode(bytes(nacl.signing.SigningKey.generate().verify_key)).decode()
        s = rx.session()
        barrier.wait(timeout=30)
        r = s.post(
            rx.url + "/v1/enrol", json={"code": code, "label": "L", "device_public_key": key}, timeout=30
        )
        return r.status_code, r.json().get("error", "")

    with ThreadPoolExecutor(2) as pool:
        for code in codes:
            barrier = threading.Barrier(2)
            results = [f.result() for f in [pool.submit(attempt, rx, code, barrier) for rx in (a, b)]]
            assert sorted(results) == [(201, ""), (403, "code_used")], (code, results)
    devices = a.cli("devices", check=True).stdout
    assert sum(org in devices for org in (f"Org {i} " for i in range(15))) == 15
