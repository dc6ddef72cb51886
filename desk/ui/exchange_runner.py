"""An exchange with the receiver on two threads: the store's worker does the store work, a network
worker of its own does the HTTP (``desk.core.exchange.exchange_steps``).

Each store step and each request is a job on its worker; their answers pass through the GUI
thread. While a request waits on a slow or unreachable receiver, the store's worker is free, so
the registrar's edits, reports and filters go on. A lock cancels both workers' queues: an answer
that comes after it is dropped, and the unfinished exchange is simply started again later (every
step is idempotent: cursors move only with what is stored).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from PySide6.QtCore import QObject, Signal

from desk.core import enrolment, exchange
from desk.core.store import DeskStore
from desktop.worker import StoreWorker
from sync.registrar import RegistrarClient

Steps = Generator[exchange.Call, Any, exchange.ExchangeResult]


class ExchangeRunner(QObject):
    """Signals: finished(ExchangeResult); failed(exception)."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, store_worker: StoreWorker, net_worker: StoreWorker, parent: QObject | None = None,
                 *, timeout: float = 30.0) -> None:
        super().__init__(parent)
        self._store = store_worker
        self._net = net_worker
        self._timeout = timeout
        self._steps: Steps | None = None
        self._client: RegistrarClient | None = None

    def start(self) -> None:
        self._end()   # what a lock left of an earlier exchange

        def plan(store: DeskStore) -> tuple[Any, Steps]:
            return enrolment.credentials(store), exchange.exchange_steps(store)

        self._store.submit(plan, self._planned, self._fail)

    def _planned(self, plan: tuple[Any, Steps]) -> None:
        creds, self._steps = plan
        timeout = self._timeout
        self._net.run_plain(lambda: RegistrarClient(creds, timeout=timeout), self._connected, self._fail)

    def _connected(self, client: RegistrarClient) -> None:
        self._client = client
        self._resume(None)

    def _resume(self, answer: object) -> None:
        steps = self._steps
        if steps is None:
            return

        def step(_store: DeskStore) -> tuple[str, Any]:
            try:
                return "call", steps.send(answer)
            except StopIteration as stop:
                return "done", stop.value

        self._store.submit(step, self._stepped, self._fail)

    def _stepped(self, out: tuple[str, Any]) -> None:
        kind, value = out
        if kind == "done":
            self._end()
            self.finished.emit(value)
            return
        client = self._client
        self._net.run_plain(lambda: value(client), self._resume, self._fail)

    def _fail(self, exc: object) -> None:
        self._end()
        self.failed.emit(exc)

    def _end(self) -> None:
        self._steps = None   # an unfinished generator is dropped: nothing of it is left open
        client, self._client = self._client, None
        if client is not None:
            self._net.run_plain(client.close)
