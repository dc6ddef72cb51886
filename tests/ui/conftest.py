"""Fixtures for the desktop UI tests: real widgets, a real store on disk, a test-speed KDF.

``make_window`` builds a :class:`desktop.ui.main_window.MainWindow` on the test's data dir with
``kdf="test"`` and an in-memory secret store standing in for the OS keyring (the store's own test
mechanism). Every window is shut down at the end, and the test fails if a QThread still runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from desktop import i18n, worker
from desktop.app import create_window
from desktop.core.store.keys import MemorySecretStore

PASSPHRASE = "zeven groene kanaries"
CANARY = "Kanarie-7Q"


@pytest.fixture
def secrets() -> MemorySecretStore:
    return MemorySecretStore()


@pytest.fixture
def make_window(qtbot, data_dir: Path, secrets) -> Callable[..., Any]:
    windows: list[Any] = []

    def make(*, lang: str = "nl", store_class: type | None = None, data: Path | None = None,
             secret_store: Any = None, delivery: Any = None) -> Any:
        window = create_window(data or data_dir, lang=lang, secrets=secret_store or secrets, kdf="test",
                               store_class=store_class, delivery=delivery)
        window.resize(1100, 720)
        window.show()
        windows.append(window)
        qtbot.waitUntil(lambda: not window.worker.busy, timeout=5000)  # Store.exists confirmed
        return window

    yield make
    for window in windows:
        window.shutdown()
        window.close()
        window.deleteLater()
    for window in windows:
        assert not window.worker._thread.isRunning(), "a store worker thread is still running"
    QApplication.processEvents()
    i18n.set_language("nl")


def create_store(qtbot, window: Any, passphrase: str = PASSPHRASE, role: str = "coa") -> None:
    """First start through the real setup page."""
    page = window.setup_page
    assert window.stack.currentWidget() is page
    qtbot.keyClicks(page.passphrase, passphrase)
    qtbot.keyClicks(page.repeat, passphrase)
    page.role.setCurrentIndex(page.role.findData(role))
    page.create_button.click()
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10000)
    wait_list_loaded(qtbot, window)


def unlock(qtbot, window: Any, passphrase: str = PASSPHRASE) -> None:
    page = window.unlock_page
    assert window.stack.currentWidget() is page
    qtbot.keyClicks(page.passphrase, passphrase)
    page.unlock_button.click()
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10000)
    wait_list_loaded(qtbot, window)


def wait_list_loaded(qtbot, window: Any) -> None:
    qtbot.waitUntil(lambda: window.list_model.total is not None, timeout=10000)


def wait_idle(qtbot, window: Any, timeout: int = 10000) -> None:
    """Until the store worker has answered everything queued."""
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=timeout)


def in_store(qtbot, window: Any, fn: Callable[[Any], Any]) -> Any:
    """Run ``fn(store)`` on the worker and return its result (tests only)."""
    box: dict[str, Any] = {}
    window.worker.submit(fn, lambda r: box.setdefault("r", r), lambda e: box.setdefault("e", e))
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    if "e" in box:
        raise box["e"]
    return box["r"]


@pytest.fixture(autouse=True)
def _no_thread_left():
    """Fail a test that leaves a store worker thread running (stop() was not called)."""
    yield
    left = [w for w in list(worker.live_workers) if w.running]
    for w in left:
        w.stop()
    assert not left, f"{len(left)} store worker thread(s) left running"
