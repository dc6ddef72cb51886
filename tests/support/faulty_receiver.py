"""Test-only launcher: ``python -m tests.support.faulty_receiver FAULT serve …`` runs the receiver's
CLI with a fault injected from outside, so that no production module reads a test switch.

Faults:

``crash_after_store``
    The process exits (code 86) right after a batch of envelopes is committed, before the response
    leaves: the client sees no answer, the database holds the batch.

``crash_after_events``
    The same for a desk's triage events: the process exits right after they are committed.

``registrar_pages_backwards``
    Pages of envelopes and events come in reverse seq order, as a broken or hostile server might
    send them: the desk's client must refuse them rather than move its cursor.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from sync.receiver import storage as storage_mod
from sync.receiver.cli import main

CRASH_EXIT_CODE = 86


def _crash_after_store() -> None:
    original: Callable[..., Any] = storage_mod.Storage.store_batch

    def store_then_die(self: storage_mod.Storage, *args: Any, **kwargs: Any) -> Any:
        original(self, *args, **kwargs)
        os._exit(CRASH_EXIT_CODE)  # committed; the response never leaves

    storage_mod.Storage.store_batch = store_then_die  # type: ignore[method-assign]


def _crash_after_events() -> None:
    original: Callable[..., Any] = storage_mod.Storage.store_events

    def store_then_die(self: storage_mod.Storage, *args: Any, **kwargs: Any) -> Any:
        original(self, *args, **kwargs)
        os._exit(CRASH_EXIT_CODE)

    storage_mod.Storage.store_events = store_then_die  # type: ignore[method-assign]


def _registrar_pages_backwards() -> None:
    envelopes_after: Callable[..., Any] = storage_mod.Storage.envelopes_after
    events_after: Callable[..., Any] = storage_mod.Storage.events_after

    def envelopes_backwards(self: storage_mod.Storage, *args: Any, **kwargs: Any) -> Any:
        rows, more = envelopes_after(self, *args, **kwargs)
        return list(reversed(rows)), more

    def events_backwards(self: storage_mod.Storage, *args: Any, **kwargs: Any) -> Any:
        rows, more = events_after(self, *args, **kwargs)
        return list(reversed(rows)), more

    storage_mod.Storage.envelopes_after = envelopes_backwards  # type: ignore[method-assign]
    storage_mod.Storage.events_after = events_backwards  # type: ignore[method-assign]


FAULTS: dict[str, Callable[[], None]] = {
    "crash_after_store": _crash_after_store,
    "crash_after_events": _crash_after_events,
    "registrar_pages_backwards": _registrar_pages_backwards,
}


def run(argv: Sequence[str]) -> int:
    if not argv or argv[0] not in FAULTS:
        print(f"usage: faulty_receiver {{{'|'.join(FAULTS)}}} COMMAND …", file=sys.stderr)
        return 2
    FAULTS[argv[0]]()
    return main(list(argv[1:]))


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
