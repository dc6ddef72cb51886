"""The sync thread's door to the store thread (StoreGateway) never hangs on a closed store."""

from __future__ import annotations

import threading
import time

from desktop.sending import StoreGateway, StoreLocked


def test_a_call_after_the_store_closed_fails_at_once(qtbot, store_worker):
    """The store worker refuses a job when no store is open (NotUnlocked) without running it; the
    waiting sync thread must hear of it, not wait for its two-minute timeout (it would hold up the
    switch to locked sending)."""
    closed = {}
    store_worker.close_store(lambda _r: closed.setdefault("yes", True))
    qtbot.waitUntil(lambda: "yes" in closed, timeout=5000)
    box = {}

    def call():
        started = time.monotonic()
        try:
            StoreGateway(store_worker).call(lambda s: s.outbox_count())
        except BaseException as exc:
            box["error"] = exc
        box["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=call)
    thread.start()
    qtbot.waitUntil(lambda: "seconds" in box, timeout=10_000)
    thread.join()
    assert isinstance(box.get("error"), StoreLocked)
    assert box["seconds"] < 5
