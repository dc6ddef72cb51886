"""The outbox drain: send queued envelopes in batches and keep only what CoMensha has signed for.

Rules (DESIGN "Sync protocol", SECURITY R13–R15, R24):

- A record is marked sent only with a receipt that verifies against CoMensha's receipt key *and*
  names our envelope id *and* our envelope's SHA-256. Anything else leaves it queued.
- ``store.mark_sent`` is one transaction (receipt in, state ``sent``, outbox row gone), so a crash
  anywhere leads to a resend; the receiver dedupes by id + hash and answers with the original
  receipt, so a resend never makes a second copy.
- ``conflict`` (same id, other content at the server) takes the record out of the outbox and flags
  it for the user. ``rejected`` keeps it queued, counts an attempt with the server's reason and
  holds it back from automatic sending after ``max_attempts`` such failures, so it is not resent
  blindly; a manual "send now" (``retry_held=True``) tries again.
- Transport trouble never counts as an attempt: it ends the run with an error and ``retry_in``
  (exponential backoff with jitter, or the server's Retry-After). A revoked device ends the run with
  ``Unauthorized`` and leaves the queue untouched.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from sync import envelope as envelope_mod
from sync import errors, protocol

log = logging.getLogger(__name__)

BACKOFF_BASE = 2.0
BACKOFF_CAP = 15 * 60.0


class OutboxItemLike(Protocol):
    record_id: Any
    envelope: dict[str, Any]
    attempts: int
    last_error: str | None


class OutboxStore(Protocol):
    """The part of ``desktop.core.store.Store`` the engine uses (docs/architecture.md)."""

    def outbox_count(self) -> int: ...

    def outbox_batch(self, limit: int) -> list[Any]: ...

    def mark_sent(self, record_id: Any, receipt: dict[str, Any]) -> None: ...

    def mark_conflict(self, record_id: Any, reason: str) -> None: ...

    def outbox_note_failure(self, record_id: Any, message: str) -> None: ...


class BatchClient(Protocol):
    def post_batch(self, envelopes: list[Any]) -> Any: ...


@dataclass
class SyncReport:
    """What one run did.

    Attributes:
        sent: records newly marked sent whose receipt said ``stored``.
        duplicates: records marked sent whose receipt said ``duplicate`` (a resend after a crash).
        conflicts: records flagged as conflicts in this run.
        remaining: records still in the outbox after the run.
        error: why the run stopped early (``None`` when it drained what it could).
        retry_in: seconds until the next automatic attempt makes sense (``None``: do not retry on
            your own — nothing left, or a new enrolment is needed).
        rejected: records the server refused in this run (kept queued, attempt counted).
        held: records not sent automatically because they were refused ``max_attempts`` times.
        unverified: results whose receipt did not verify (kept queued).
        problems: ``(record_id, reason)`` for each conflict/rejection/unverified receipt, for the UI.
    """

    sent: int = 0
    duplicates: int = 0
    conflicts: int = 0
    remaining: int = 0
    error: errors.SyncError | None = None
    retry_in: float | None = None
    rejected: int = 0
    held: int = 0
    unverified: int = 0
    problems: list[tuple[Any, str]] = field(default_factory=list)

    @property
    def delivered(self) -> int:
        return self.sent + self.duplicates


Progress = Callable[[int, int], None]


@dataclass
class _Posted:
    """A batch on its way: envelope id -> (outbox item, envelope), and the pending answer."""

    by_id: dict[str, tuple[Any, Any]]
    future: Future[Any]

    @property
    def by_id_record(self) -> list[Any]:
        return [it.record_id for it, _ in self.by_id.values()]


def _status(result: Any) -> str:
    st = getattr(result, "status", "")
    return str(getattr(st, "value", st)).lower()


def _reason(result: Any, default: str) -> str:
    reason = getattr(result, "reason", None) or getattr(result, "detail", None) or default
    return errors.plain_reason(reason)


class SyncEngine:
    """Drains the outbox of one store through one client.

    Args:
        store: anything with the ``OutboxStore`` methods (the real store, or a proxy to its thread).
        client: a ``SyncClient`` (anything with ``post_batch``).
        receipt_public_key: CoMensha's Ed25519 receipt key from enrolment (32 bytes).
        batch_size: envelopes per request.
        max_attempts: refusals after which a record is held back from automatic sending.
    """

    def __init__(self, store: OutboxStore, client: BatchClient, receipt_public_key: bytes,
                 batch_size: int = 100, max_attempts: int = 5) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        batch_size = min(batch_size, protocol.MAX_BATCH_ENVELOPES)
        self.store = store
        self.client = client
        self.receipt_public_key = bytes(receipt_public_key)
        self.batch_size = batch_size
        self.max_attempts = max_attempts
        self.failed_runs = 0

    # -- backoff -------------------------------------------------------------------------------

    @staticmethod
    def backoff(attempt: int, *, base: float = BACKOFF_BASE, cap: float = BACKOFF_CAP,
                rng: random.Random | None = None) -> float:
        """Seconds to wait before attempt ``attempt`` (0 = first retry): exponential, capped, with
        "equal jitter" (half fixed, half random) so that many devices do not retry in step and the
        wait never collapses to zero."""
        attempt = max(0, int(attempt))
        ceiling = min(cap, base * (2 ** min(attempt, 32)))
        r: float = (rng or random).random()
        return float(ceiling / 2 + r * ceiling / 2)

    # -- run -----------------------------------------------------------------------------------

    def run_once(self, progress: Progress | None = None, *, retry_held: bool = False) -> SyncReport:
        """Send everything that is queued, batch by batch, until the outbox is drained or a run
        error stops it. Never raises a ``SyncError`` (it is in ``report.error``).

        The store is only touched from the calling thread. The POST of the next batch runs on a
        helper thread while the answers to the previous batch are written to the store, so the
        network and the store's commits overlap; at most one request is in flight.
        """
        report = SyncReport()
        total = self.store.outbox_count()
        seen: set[Any] = set()   # handled in this run: never sent twice in one run
        kept: set[Any] = set()   # handled in this run and still queued (refused, unverified, held)
        if progress:
            progress(0, total)
        inflight: _Posted | None = None
        overlap = False     # only after a first good answer: a revoked device sends one request
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="signaal-sync-post") as pool:
            while True:
                if inflight is not None and not overlap:
                    self._finish(inflight, report, seen, kept)
                    self._progress(progress, report, total)
                    inflight = None
                    overlap = report.error is None
                nxt: _Posted | None = None
                if report.error is None:
                    exclude = set(inflight.by_id_record) if inflight else set()
                    batch = self._next_batch(report, seen, kept, exclude, retry_held)
                    prepared = self._prepare(batch, report, seen, kept) if batch else {}
                    if prepared:
                        envs = [env for _, env in prepared.values()]
                        nxt = _Posted(prepared, pool.submit(self.client.post_batch, envs))
                    elif batch:
                        continue     # nothing sendable in this window (unreadable envelopes)
                if inflight is not None:
                    self._finish(inflight, report, seen, kept)
                    self._progress(progress, report, total)
                if nxt is None:
                    break
                inflight = nxt
        report.remaining = self.store.outbox_count()
        self._schedule(report)
        return report

    @staticmethod
    def _progress(progress: Progress | None, report: SyncReport, total: int) -> None:
        if progress:
            done = report.sent + report.duplicates + report.conflicts
            progress(done, max(total, done))

    def _next_batch(self, report: SyncReport, seen: set[Any], kept: set[Any], exclude: set[Any],
                    retry_held: bool) -> list[Any]:
        """The next items to send, skipping what this run has handled or has in flight."""
        while True:
            window = self.batch_size + len(kept) + len(exclude)
            items = self.store.outbox_batch(window)
            batch = []
            for it in items:
                if it.record_id in kept or it.record_id in exclude:
                    continue
                if it.record_id in seen:
                    # Marked sent or conflicting yet still queued: the store did not take it out.
                    # Stop rather than loop; the next run starts afresh.
                    report.error = errors.BadResponse()
                    return []
                if not retry_held and it.attempts >= self.max_attempts:
                    kept.add(it.record_id)
                    seen.add(it.record_id)
                    report.held += 1
                    continue
                batch.append(it)
                if len(batch) >= self.batch_size:
                    break
            if batch or len(items) < window:
                return batch     # a batch, or the whole outbox has been looked at
            # The window held only held-back items; it grew with ``kept``, look further.

    def _schedule(self, report: SyncReport) -> None:
        err = report.error
        if err is None:
            self.failed_runs = 0
            if report.unverified:
                # The server answered but its receipts do not verify: treat as a failed run.
                report.error = errors.BadResponse()
                report.retry_in = self.backoff(self.failed_runs)
                self.failed_runs += 1
            else:
                report.retry_in = None
            return
        if isinstance(err, errors.RateLimited):
            report.retry_in = err.retry_after
        elif isinstance(err, errors.Unauthorized) or not err.retryable:
            report.retry_in = None
        else:
            report.retry_in = self.backoff(self.failed_runs)
        self.failed_runs += 1

    def _prepare(self, items: list[Any], report: SyncReport, seen: set[Any],
                 kept: set[Any]) -> dict[str, tuple[Any, Any]]:
        by_id: dict[str, tuple[Any, Any]] = {}
        for it in items:
            try:
                env = protocol.Envelope.model_validate(it.envelope)
            except Exception:
                # A stored envelope that does not parse cannot be sent; keep it and say so.
                seen.add(it.record_id)
                kept.add(it.record_id)
                self.store.outbox_note_failure(it.record_id, "stored envelope unreadable")
                report.problems.append((it.record_id, "stored envelope unreadable"))
                continue
            if env.id in by_id:
                seen.add(it.record_id)
                kept.add(it.record_id)
                continue
            by_id[env.id] = (it, env)
        return by_id

    def _finish(self, posted: _Posted, report: SyncReport, seen: set[Any], kept: set[Any]) -> None:
        by_id = posted.by_id
        try:
            resp = posted.future.result()
        except errors.SyncError as exc:
            # Nothing changes locally; the first error of the run is the one reported.
            if report.error is None:
                report.error = exc
            for it, _env in by_id.values():
                seen.add(it.record_id)
                kept.add(it.record_id)
            return
        handled: set[str] = set()
        for result in getattr(resp, "results", []) or []:
            key = getattr(result, "id", None)
            if key not in by_id or key in handled:
                continue
            handled.add(key)
            it, env = by_id[key]
            seen.add(it.record_id)
            if not self._apply(it, env, result, report):
                kept.add(it.record_id)
        for key, (it, _env) in by_id.items():
            if key not in handled:
                # No answer for this one: leave it queued, try again in a later run.
                seen.add(it.record_id)
                kept.add(it.record_id)
                report.unverified += 1

    def _apply(self, it: Any, env: Any, result: Any, report: SyncReport) -> bool:
        """Apply one result; True when the record left the outbox."""
        status = _status(result)
        if status in ("stored", "duplicate"):
            receipt = getattr(result, "receipt", None)
            if receipt is not None and self._receipt_ok(receipt, env):
                self.store.mark_sent(it.record_id, receipt.model_dump(mode="json"))
                if status == "stored":
                    report.sent += 1
                else:
                    report.duplicates += 1
                return True
            report.unverified += 1
            report.problems.append((it.record_id, "receipt did not verify"))
            log.warning("receipt did not verify; record stays queued")
            return False
        if status == "conflict":
            reason = _reason(result, "another report with this id is already at CoMensha")
            self.store.mark_conflict(it.record_id, reason)
            report.conflicts += 1
            report.problems.append((it.record_id, reason))
            return True
        if status == "rejected":
            reason = _reason(result, "refused by the server")
            self.store.outbox_note_failure(it.record_id, reason)
            report.rejected += 1
            report.problems.append((it.record_id, reason))
            return False
        report.unverified += 1
        return False

    def _receipt_ok(self, receipt: Any, env: Any) -> bool:
        try:
            if not envelope_mod.receipt_matches(receipt, env):
                return False
            return bool(envelope_mod.verify_receipt(receipt, self.receipt_public_key))
        except Exception:
            return False


__all__ = ["OutboxStore", "SyncEngine", "SyncReport"]
