"""The engine's rules, with a scripted client (no network): what marks sent, what stays queued."""

from __future__ import annotations

import random

import nacl.signing
import pytest

from sync import envelope as envelope_mod
from sync import errors, protocol
from sync.engine import SyncEngine
from tests.support.outbox import MemoryOutbox, queue_memory


class ScriptedServer:
    """post_batch answers like a receiver, with per-id overrides."""

    def __init__(self) -> None:
        self.key = nacl.signing.SigningKey.generate()
        self.stored: dict[str, protocol.Receipt] = {}
        self.override: dict[str, dict] = {}
        self.raise_next: list[errors.SyncError] = []
        self.batches: list[list[str]] = []

    @property
    def public(self) -> bytes:
        return bytes(self.key.verify_key)

    def post_batch(self, envelopes):
        self.batches.append([e.id for e in envelopes])
        if self.raise_next:
            raise self.raise_next.pop(0)
        results = []
        for i, env in enumerate(envelopes):
            if env.id in self.override:
                results.append(protocol.EnvelopeResult(index=i, id=env.id, **self.override[env.id]))
                continue
            dup = env.id in self.stored
            if not dup:
                self.stored[env.id] = envelope_mod.sign_receipt(
                    envelope_id=env.id, sha256=env.sha256, received_at=protocol.utc_now(),
                    reference=f"CM-2026-{len(self.stored) + 1:06d}", signing_key=self.key)
            results.append(protocol.EnvelopeResult(index=i, id=env.id,
                                                   status="duplicate" if dup else "stored",
                                                   receipt=self.stored[env.id]))
        return protocol.BatchResponse(results=results)


@pytest.fixture
def setup(keys):
    outbox = MemoryOutbox()
    made = queue_memory(outbox, 250, keys.sealing_public, keys.device)
    server = ScriptedServer()
    return outbox, made, server


def test_drains_in_batches_with_progress(setup):
    outbox, made, server = setup
    seen = []
    report = SyncEngine(outbox, server, server.public, batch_size=100).run_once(
        progress=lambda d, t: seen.append((d, t)))
    assert report.sent == 250 and report.remaining == 0 and report.error is None
    assert report.retry_in is None
    assert [len(b) for b in server.batches] == [100, 100, 50]
    assert seen == [(0, 250), (100, 250), (200, 250), (250, 250)]
    assert set(outbox.receipts) == set(made)


def test_batch_size_is_capped_by_the_protocol(setup):
    outbox, _, server = setup
    SyncEngine(outbox, server, server.public, batch_size=10_000).run_once()
    assert max(len(b) for b in server.batches) == protocol.MAX_BATCH_ENVELOPES


def test_rejected_stays_queued_counts_attempts_and_is_held_after_max(setup):
    outbox, made, server = setup
    bad = list(made)[3]
    server.override[bad] = {"status": "rejected", "reason": "bad_signature: the signature does not verify"}
    engine = SyncEngine(outbox, server, server.public, max_attempts=3)
    r = engine.run_once()
    assert r.rejected == 1 and r.sent == 249 and r.remaining == 1
    assert outbox.outbox[bad].attempts == 1 and "signature" in outbox.outbox[bad].last_error
    assert (bad, "bad_signature: the signature does not verify") in r.problems
    engine.run_once()
    engine.run_once()
    assert outbox.outbox[bad].attempts == 3
    before = len(server.batches)
    r = engine.run_once()     # held back: not resent blindly
    assert r.held == 1 and len(server.batches) == before and r.remaining == 1
    del server.override[bad]
    r = engine.run_once(retry_held=True)   # "send now"
    assert r.sent == 1 and r.remaining == 0 and outbox.state[bad] == "sent"


def test_held_items_at_the_head_do_not_block_the_rest(keys):
    outbox = MemoryOutbox()
    made = list(queue_memory(outbox, 30, keys.sealing_public, keys.device))
    for rid in made[:12]:
        for _ in range(5):
            outbox.outbox_note_failure(rid, "refused")
    server = ScriptedServer()
    r = SyncEngine(outbox, server, server.public, batch_size=5).run_once()
    assert r.held == 12 and r.sent == 18 and r.remaining == 12


@pytest.mark.parametrize("override", [
    {"status": "stored", "receipt": "foreign"},      # a valid receipt for another envelope
    {"status": "duplicate", "receipt": None},
])
def test_unverifiable_result_stays_queued(setup, override):
    outbox, made, server = setup
    rid, other = list(made)[:2]
    if override["receipt"] == "foreign":
        env = protocol.Envelope.model_validate(outbox.outbox[other].envelope)
        override = dict(override, receipt=envelope_mod.sign_receipt(
            envelope_id=env.id, sha256=env.sha256, received_at=protocol.utc_now(),
            reference="CM-2026-000001", signing_key=server.key))
    # bypass pydantic's own coupling checks: build the result as the client would hand it on
    server.override[rid] = override
    r = SyncEngine(outbox, server, server.public).run_once()
    assert outbox.state[rid] == "final" and rid in outbox.outbox
    assert r.unverified == 1 and isinstance(r.error, errors.BadResponse) and r.retry_in > 0
    assert r.sent == 249


def test_wrong_receipt_key_marks_nothing(setup):
    outbox, _, server = setup
    r = SyncEngine(outbox, server, bytes(nacl.signing.SigningKey.generate().verify_key)).run_once()
    assert r.sent == 0 and r.remaining == 250 and outbox.receipts == {}
    assert isinstance(r.error, errors.BadResponse)


def test_transport_error_mid_run_keeps_what_was_confirmed(setup):
    outbox, _, server = setup
    engine = SyncEngine(outbox, server, server.public, batch_size=100)
    server.raise_next = []
    orig = server.post_batch
    calls = {"n": 0}

    def flaky(envs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise errors.Unreachable()
        return orig(envs)

    server.post_batch = flaky
    r = engine.run_once()
    # Batch 3 (the last 50) was already on its way (pipelined) when batch 2 failed; its answer
    # still counts. Batch 2 stays queued.
    assert r.sent == 150 and r.remaining == 100 and isinstance(r.error, errors.Unreachable)
    assert calls["n"] == 3
    assert engine.failed_runs == 1 and 1.0 <= r.retry_in <= 2.0
    r = engine.run_once()
    assert r.sent == 100 and r.remaining == 0 and engine.failed_runs == 0


def test_backoff_grows_with_jitter_and_a_cap():
    rng = random.Random(1)
    values = [SyncEngine.backoff(a, rng=rng) for a in range(20)]
    for a, v in enumerate(values):
        ceiling = min(15 * 60.0, 2.0 * 2 ** a)
        assert ceiling / 2 <= v <= ceiling
    assert len({round(SyncEngine.backoff(5), 6) for _ in range(20)}) > 1   # jitter
    assert SyncEngine.backoff(10_000) <= 15 * 60.0


def test_unreadable_stored_envelope_is_reported_not_sent(keys):
    outbox = MemoryOutbox()
    queue_memory(outbox, 3, keys.sealing_public, keys.device)
    outbox.add("broken", {"id": "not-a-uuid"})
    server = ScriptedServer()
    r = SyncEngine(outbox, server, server.public).run_once()
    assert r.sent == 3 and r.remaining == 1 and outbox.outbox["broken"].attempts == 1
