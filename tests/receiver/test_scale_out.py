"""Scaling out needs nothing new: two receiver processes on one PostgreSQL database (as behind a
load balancer) take the same replay storm and store each envelope exactly once, every answer for
an id carries the same receipt, an enrolment code works once across both, and CoMensha's desks
see one total order of triage events and envelopes from either."""

from __future__ import annotations

import base64
import random
import secrets
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import nacl.public
import nacl.signing
import pytest

from sync import envelope, protocol
from sync.registrar import OutgoingEvent, RegistrarClient, event_signature_message
from tests.receiver.helpers import stored_count
from tests.support.receiver import Receiver, postgres_test_database

pytestmark = pytest.mark.postgres

ENVELOPES, BATCH, SENDERS = 300, 20, 6


@pytest.fixture
def pair(tmp_path: Path, pg_base: str) -> Iterator[tuple[Receiver, Receiver]]:
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


def test_two_receivers_give_every_desk_one_total_order(pair: tuple[Receiver, Receiver]) -> None:
    """Desks push triage events and devices send reports to both receivers at once (each desk
    alternates between them); pulled from either receiver, the event log and the envelope list
    are the same gap-free sequence, each event once, and retries come back as duplicates."""
    a, b = pair
    box = nacl.public.SealedBox(nacl.public.PublicKey(a.sealing_public_key))
    desks = [a.enrol_registrar(f"Team {i}", f"Desk {i}") for i in range(4)]
    dev = a.enrol_device("Busy laptop")
    pushed: dict[str, int] = {}
    lock = threading.Lock()

    def desk_work(n: int) -> None:
        creds, key = desks[n]
        clients = [RegistrarClient(replace(creds, base_url=rx.url)) for rx in (a, b)]
        try:
            for round_ in range(10):
                events = []
                for _ in range(5):
                    eid = secrets.token_hex(16)
                    sealed = box.encrypt(f'{{"desk": {n}, "round": {round_}}}'.encode())
                    signature = key.sign(event_signature_message(eid, sealed)).signature
                    events.append(OutgoingEvent(eid, sealed, signature))
                client = clients[(round_ + n) % 2]
                results = client.push_events(events)
                assert [r.status for r in results] == ["stored"] * 5
                retry = clients[(round_ + n + 1) % 2].push_events(events[:2])  # via the other receiver
                assert [(r.status, r.seq) for r in retry] == [("duplicate", r.seq) for r in results[:2]]
                with lock:
                    pushed.update({r.id: r.seq for r in results if r.seq is not None})
        finally:
            for c in clients:
                c.close()

    def device_work(n: int) -> None:
        rx = (a, b)[n % 2]
        for _ in range(5):
            r = rx.post_batch(dev, [rx.seal(dev, {"n": secrets.token_hex(4)}) for _ in range(4)], timeout=60)
            assert r.status_code == 200, r.text[:300]

    with ThreadPoolExecutor(6) as pool:
        futures = [pool.submit(desk_work, n) for n in range(4)]
        futures += [pool.submit(device_work, n) for n in range(2)]
        for f in futures:
            f.result()

    def whole_log(rx: Receiver, kind: str) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        with RegistrarClient(replace(desks[0][0], base_url=rx.url)) as client:
            after = 0
            while True:
                if kind == "events":
                    page = client.pull_events(after, 17)
                    out += [(e.seq, e.id) for e in page.items]
                else:
                    envs = client.pull_envelopes(after, 13)
                    out += [(e.seq, e.envelope["id"]) for e in envs.items]
                    page = envs  # type: ignore[assignment]
                after = page.next_after
                if not page.more:
                    return out

    log_a, log_b = whole_log(a, "events"), whole_log(b, "events")
    assert log_a == log_b
    assert [s for s, _ in log_a] == list(range(1, 201)), "one gap-free order of 4 desks x 10 rounds x 5"
    assert dict((i, s) for s, i in log_a) == pushed, "each event once, at the seq its desk was told"
    envs_a, envs_b = whole_log(a, "envelopes"), whole_log(b, "envelopes")
    assert envs_a == envs_b and [s for s, _ in envs_a] == list(range(1, 41))
