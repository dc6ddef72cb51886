"""What every benchmark prints: one JSON line per figure.

A figure is measured next to a baseline taken in the same run on the same machine (the
machines are shared and noisy, so absolute numbers mean little), and reported as a ratio.
Benchmarks never fail a build; they print what they saw and whether it met the target.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable


def emit(name: str, value: float, unit: str, *, baseline: float | None = None,
         baseline_name: str | None = None, target: str | None = None, ok: bool | None = None,
         **extra: object) -> None:
    line: dict[str, object] = {"figure": name, "value": round(value, 4), "unit": unit}
    if baseline is not None:
        line["baseline"] = round(baseline, 4)
        line["baseline_name"] = baseline_name
        line["ratio"] = round(value / baseline, 3) if baseline else None
    if target is not None:
        line["target"] = target
    if ok is not None:
        line["meets_target"] = ok
    line.update(extra)
    print(json.dumps(line, ensure_ascii=False), flush=True)


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time of ``fn`` in seconds over ``repeat`` runs (median resists noise)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)
