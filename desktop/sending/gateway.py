"""The bridge from the sync thread to the store thread.

The sync thread opens nothing itself. Every store step of the engine goes through
``StoreWorker.submit`` (:class:`StoreGateway`): the sync thread hands a function to the store
thread and waits for its result, so store calls run on the store thread and network calls on the
sync thread, and no connection is ever shared. A lock (``StoreWorker.cancel_pending``) turns a
pending wait into :class:`StoreLocked`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from desktop.core.store.errors import StoreClosed
from desktop.worker import NotUnlocked, StoreWorker

if TYPE_CHECKING:
    from desktop.core.store import Store
    from desktop.core.store.models import OutboxItem

T = TypeVar("T")


class StoreLocked(RuntimeError):
    """The store was locked (or closed) while the sync thread waited for it."""


class WorkerStopping(RuntimeError):
    """The sync worker is shutting down."""


class StoreGateway:
    """Runs a function on the store thread and waits for its result (called from the sync thread).

    Args:
        store_worker: the app's ``desktop.worker.StoreWorker``.
        is_stopping: returns True when the waiting thread should give up.
    """

    def __init__(self, store_worker: StoreWorker, is_stopping: Callable[[], bool] = lambda: False,
                 timeout: float = 120.0) -> None:
        self._worker = store_worker
        self._is_stopping = is_stopping
        self._timeout = timeout

    def call(self, fn: Callable[[Store], T], *, write: bool = False) -> T:
        """``fn(store)`` on the store thread. ``write=True``: a write the engine must not lose to a
        lock that comes after it was queued (``survive_lock``); the wait still ends at the lock."""
        results: list[T] = []
        errors: list[BaseException] = []
        done = threading.Event()

        def job(store: Store) -> None:
            try:
                results.append(fn(store))
            except BaseException as exc:  # handed to the waiting thread, raised there
                errors.append(exc)
            finally:
                done.set()

        def failed(exc: BaseException) -> None:
            # The store worker refused the job without running it (the store was already closed:
            # NotUnlocked). Without this the wait would last until the timeout.
            errors.append(exc)
            done.set()

        generation = self._worker.generation
        try:
            self._worker.submit(job, None, failed, survive_lock=write)
        except RuntimeError as exc:  # the store worker is stopped
            raise StoreLocked(str(exc)) from None
        waited = 0.0
        while not done.wait(0.05):
            waited += 0.05
            if self._worker.generation != generation:
                raise StoreLocked("the store was locked")
            if self._is_stopping():
                raise WorkerStopping("stopping")
            if waited > self._timeout:
                raise TimeoutError("the store did not answer")
        if errors:
            error = errors[0]
            if isinstance(error, NotUnlocked | StoreClosed):
                raise StoreLocked("the store is locked") from error
            raise error
        return results[0]


class OutboxOnStoreThread:
    """The engine's ``OutboxStore``: each call runs on the store thread through the gateway."""

    def __init__(self, gateway: StoreGateway) -> None:
        self._gateway = gateway

    def outbox_count(self) -> int:
        return self._gateway.call(lambda s: s.outbox_count())

    def outbox_batch(self, limit: int) -> list[OutboxItem]:
        return self._gateway.call(lambda s: s.outbox_batch(limit))

    def outbox_note_failure(self, record_id: str, message: str) -> None:
        self._gateway.call(lambda s: s.outbox_note_failure(record_id, message), write=True)

    def mark_sent(self, record_id: str, receipt: dict[str, Any]) -> None:
        self._gateway.call(lambda s: s.mark_sent(record_id, receipt), write=True)  # audits "record.sent"

    def mark_conflict(self, record_id: str, reason: str) -> None:
        self._gateway.call(lambda s: s.mark_conflict(record_id, reason), write=True)
