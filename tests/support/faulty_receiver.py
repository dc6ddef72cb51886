"""Test-only launcher: ``python -m tests.support.faulty_receiver FAULT serve …`` runs the receiver's
CLI with a fault injected from outside, so that no production module reads a test switch.

Faults:

``crash_after_store``
    The process exits (code 86) right after a batch of envelopes is committed, before the response
    leaves: the client sees no answer, the database holds the batch.
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


FAULTS: dict[str, Callable[[], None]] = {"crash_after_store": _crash_after_store}


def run(argv: Sequence[str]) -> int:
    if not argv or argv[0] not in FAULTS:
        print(f"usage: faulty_receiver {{{'|'.join(FAULTS)}}} COMMAND …", file=sys.stderr)
        return 2
    FAULTS[argv[0]]()
    return main(list(argv[1:]))


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
