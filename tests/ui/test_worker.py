"""The store worker: results in the GUI thread, cancel on lock, and a UI that stays responsive."""

from __future__ import annotations

import itertools
import threading
import time
from typing import Any

from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication

from desktop.core.store import Store
from desktop.worker import NotUnlocked, StoreWorker
from tests.ui.conftest import create_store, wait_idle

RELEASE_TIMEOUT = 30.0  # a store call the test forgets to release fails instead of hanging


def _wait_for_release() -> None:
    """A slow store call: it takes until the test releases it (and must never run in the GUI)."""
    gate = _SlowStore.gate
    if gate is None:
        return
    if QThread.currentThread() is QApplication.instance().thread():
        _SlowStore.gui_thread_calls += 1
        return  # never block the GUI thread here: the count makes the test fail instead
    if not gate.wait(RELEASE_TIMEOUT):
        raise TimeoutError("the test never released the slow store call")


def _release() -> None:
    gate, _SlowStore.gate = _SlowStore.gate, None  # later calls are quick again
    if gate is not None:
        gate.set()


class _SlowStore:
    """Wraps a real store; while ``gate`` is set, every call waits until the test releases it."""

    gui_thread_calls = 0
    gate: threading.Event | None = None  # None: calls run at once (while setting up)

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._store, name)
        if not callable(value) or name == "close":
            return value

        def slow(*args: Any, **kwargs: Any) -> Any:
            _wait_for_release()
            return value(*args, **kwargs)

        return slow


class SlowStore:
    """A store class for the worker whose instances are slow."""

    exists = staticmethod(Store.exists)
    unlock_wait = staticmethod(Store.unlock_wait)

    @staticmethod
    def create(*args: Any, **kwargs: Any) -> Any:
        return _SlowStore(Store.create(*args, **kwargs))

    @staticmethod
    def open(*args: Any, **kwargs: Any) -> Any:
        _wait_for_release()
        return _SlowStore(Store.open(*args, **kwargs))


def test_window_stays_responsive_while_the_store_is_slow(qtbot, make_window):
    window = make_window(store_class=SlowStore)
    create_store(qtbot, window)
    wait_idle(qtbot, window)
    _SlowStore.gate = threading.Event()  # from now on every store call hangs until released
    try:
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(20)
        timer.timeout.connect(lambda: ticks.append(time.monotonic()))
        timer.start()
        window.list_page.reload()  # list_records: hangs in the worker
        assert window.worker.busy
        started = time.monotonic()
        qtbot.keyClicks(window.list_page.search, "typen werkt")
        assert window.list_page.search.text() == "typen werkt"

        def during() -> list[float]:
            return [t for t in ticks if t >= started]

        # 20 ticks of a 20 ms timer within a second: the GUI keeps running while the store hangs.
        qtbot.waitUntil(lambda: len(during()) >= 20, timeout=1000)
        assert window.worker.busy, "the slow call should still be in flight"
        timer.stop()
        gaps = [b - a for a, b in itertools.pairwise(during())]
        assert max(gaps) < 0.5, f"the GUI thread was blocked for {max(gaps):.2f} s"
        window.grab()  # repaints while busy
        assert _SlowStore.gui_thread_calls == 0
    finally:
        _release()
    wait_idle(qtbot, window, timeout=15000)


def test_unlock_runs_off_the_ui_thread_with_a_busy_indicator(qtbot, make_window, data_dir, secrets):
    Store.create(data_dir, "zeven groene kanaries", secrets=secrets, kdf="test").close()
    window = make_window(store_class=SlowStore)
    page = window.unlock_page
    qtbot.keyClicks(page.passphrase, "zeven groene kanaries")
    _SlowStore.gate = threading.Event()  # the unlock hangs until released
    try:
        page.unlock_button.click()
        assert page.busy.isVisible()
        assert not page.unlock_button.isEnabled()
        ticks = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(20)
        # 10 ticks of a 20 ms timer within 600 ms: the GUI keeps running while the unlock hangs.
        qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=600)
        timer.stop()
        assert page.busy.isVisible()
        assert not window.is_unlocked
    finally:
        _release()
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=15000)
    wait_idle(qtbot, window, timeout=15000)


def test_callbacks_run_in_the_gui_thread(qtbot):
    worker = StoreWorker(store_class=Store)
    seen: dict[str, Any] = {}
    try:
        worker.run_plain(lambda: threading.current_thread().name,
                         lambda name: seen.update(name=name, gui=QThread.currentThread()))
        worker.submit(lambda store: store.get("x"), None, lambda exc: seen.update(error=exc))
        qtbot.waitUntil(lambda: "name" in seen and "error" in seen, timeout=5000)
        assert seen["gui"] is QApplication.instance().thread()
        assert seen["name"] != threading.main_thread().name
        assert isinstance(seen["error"], NotUnlocked)
    finally:
        worker.stop()
    assert not worker._thread.isRunning()


def test_cancel_drops_reads_but_keeps_writes(qtbot):
    worker = StoreWorker(store_class=Store)
    ran: list[str] = []
    called: list[str] = []
    gate = threading.Event()
    try:
        worker.run_plain(lambda: gate.wait(5), None)
        worker.submit(lambda _s: ran.append("read"), lambda _r: called.append("read"))
        worker.submit(lambda _s: ran.append("write"), lambda _r: called.append("write"),
                      lambda _e: called.append("write-error"), survive_lock=True)
        worker.cancel_pending()
        assert not worker.busy
        gate.set()
        # Jobs run in order: once a job queued after them has reported back, both have had their turn.
        after: list[str] = []
        worker.run_plain(lambda: "after", after.append)
        qtbot.waitUntil(lambda: after == ["after"], timeout=5000)
        # The read never ran; the write ran (and failed: no store is open) but reports nothing.
        assert ran == []
        assert called == []
    finally:
        worker.stop()
    assert not worker._thread.isRunning()


def test_stop_waits_for_the_running_job(qtbot):
    worker = StoreWorker(store_class=Store)
    started = threading.Event()
    done = threading.Event()
    # The job's own duration is what stop() has to wait for, so here a sleep is the job itself.
    worker.run_plain(lambda: (started.set(), time.sleep(0.3), done.set()), None)
    assert started.wait(5)
    worker.stop()
    assert done.is_set()
    assert not worker._thread.isRunning()
