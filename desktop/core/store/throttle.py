"""A growing delay after wrong passphrases that survives restarts.

The counter lives in a small file created together with the store, so a failed unlock updates an
existing file and creates nothing. Delay after n consecutive failures: 0, 0, 2, 4, 8, … seconds,
capped at 5 minutes. Wall-clock time is used (it must survive a restart); if the clock moved
backwards the full delay applies again from now.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from . import keys

CAP_SECONDS = 300.0
FREE_ATTEMPTS = 2


def delay_for(failures: int) -> float:
    if failures <= FREE_ATTEMPTS:
        return 0.0
    return float(min(CAP_SECONDS, 2 ** (failures - FREE_ATTEMPTS)))


def read(path: Path) -> tuple[int, float]:
    """(failures, time of the last failure). A missing or unreadable file counts as no failures."""
    try:
        doc = json.loads(path.read_text("ascii"))
        failures = int(doc["failures"])
        last = float(doc["last_failure"])
        return max(0, failures), last
    except (OSError, ValueError, KeyError, TypeError):
        return 0, 0.0


def write(path: Path, failures: int, last_failure: float) -> None:
    keys.atomic_write(path, json.dumps({"failures": failures, "last_failure": last_failure}).encode())


def wait(path: Path, now: float | None = None) -> float:
    failures, last = read(path)
    delay = delay_for(failures)
    if delay <= 0:
        return 0.0
    now = time.time() if now is None else now
    if now < last:  # clock moved backwards: don't let that shorten or lengthen beyond one delay
        return delay
    return max(0.0, last + delay - now)


def note_failure(path: Path) -> float:
    """Count one more failure; return the delay before the next attempt."""
    failures, _ = read(path)
    failures += 1
    write(path, failures, time.time())
    return delay_for(failures)


def reset(path: Path) -> None:
    failures, _ = read(path)
    if failures or not path.exists():
        write(path, 0, 0.0)
