"""Start-up time: launch to the first screen (first start / unlock) shown.

Measured from source (``python -m desktop``) and, when ``dist/Signaal`` exists, frozen, each as a
ratio to a bare PySide6 ``QMainWindow`` shown by the same Python in the same run (target <= 1.5x).
Every program is timed from the outside by the same means: it logs ``first screen shown`` (the
app's ordinary log line; the baseline script writes the same line in the same format) in the data
folder given by ``--data-dir``, and :mod:`tests.support.first_screen` reads that line's timestamp
and stops the program. Runs are interleaved (baseline, source, frozen, baseline, ...) so that load
on the shared machine hits all three alike; the median of each is reported.

The frozen figure is compared with the same source-Python baseline: the frozen app pays for
unpacking nothing (one-folder build), so the comparison is fair to within the bootloader's start.

Bytecode is cached as on a user's machine (pip and PyInstaller install ``.pyc`` files): every run
gets ``PYTHONPYCACHEPREFIX`` in the run's temp folder and no ``PYTHONDONTWRITEBYTECODE``, so the
uncounted warm-up run writes the bytecode that the counted runs read. Without that, a shell with
``PYTHONDONTWRITEBYTECODE=1`` (these build machines have it) recompiles Signaal's own modules on
every launch, and only Signaal's, since PySide6 comes with its bytecode: ~8 ms no user pays.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.common import emit, log
from tests.support.first_screen import time_to_first_screen

ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("SIGNAAL_BENCH_STARTUP_RUNS", "5"))
TIMEOUT = 60.0
TARGET = 1.5

BASELINE = """
import logging, os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
folder = sys.argv[sys.argv.index("--data-dir") + 1]
os.makedirs(folder, exist_ok=True)
logging.basicConfig(filename=os.path.join(folder, "signaal.log"), level=logging.INFO,
                    format="%(asctime)s %(levelname)s %(name)s: %(message)s")
app = QApplication(sys.argv[:1])
win = QMainWindow()
win.setWindowTitle("baseline")
win.resize(800, 600)
win.show()
QTimer.singleShot(0, lambda: logging.getLogger("baseline").info("first screen shown"))
sys.exit(app.exec())
"""


def frozen_exe() -> Path | None:
    for candidate in (ROOT / "dist" / "Signaal" / "Signaal", ROOT / "dist" / "Signaal" / "Signaal.exe",
                      ROOT / "dist" / "Signaal.app" / "Contents" / "MacOS" / "Signaal"):
        if candidate.exists():
            return candidate
    return None


def main() -> None:
    base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    base_env.update(QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    variants: dict[str, list[str]] = {
        "baseline": [sys.executable, "-c", BASELINE],
        "source": [sys.executable, "-m", "desktop"],
    }
    exe = frozen_exe()
    if exe is not None:
        variants["frozen"] = [str(exe)]
    else:
        log("bench_startup: no dist/Signaal (run `make build`): frozen start-up not measured")
    times: dict[str, list[float]] = {name: [] for name in variants}
    failures: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="signaal-bench-startup-") as tmp:
        for i in range(RUNS + 1):  # run 0 warms the file cache and is not counted
            for name, cmd in variants.items():
                if name in failures:
                    continue
                env = dict(base_env, PYTHONPYCACHEPREFIX=str(Path(tmp) / "bytecode"))
                try:  # an empty data folder each time: the first screen of a first start
                    t = time_to_first_screen(cmd, Path(tmp) / f"{name}-{i}", env=env, cwd=ROOT,
                                             timeout=TIMEOUT)
                except RuntimeError as exc:
                    failures[name] = str(exc)
                    continue
                if i:
                    times[name].append(t)
    if "baseline" in failures:
        raise RuntimeError(f"baseline window did not show: {failures['baseline']}")
    baseline = statistics.median(times["baseline"])
    emit("startup_bare_qmainwindow", baseline, "s", runs=len(times["baseline"]))
    for name in ("source", "frozen"):
        if name not in variants:
            continue
        if name in failures:
            emit(f"startup_{name}", 0.0, "s", ok=False, error=failures[name][:300])
            continue
        value = statistics.median(times[name])
        emit(f"startup_{name}", value, "s", baseline=baseline,
             baseline_name="bare PySide6 QMainWindow, same Python, same run",
             target=f"<= {TARGET}x", ok=value / baseline <= TARGET, runs=len(times[name]),
             first_screen="first start (empty data dir)")


if __name__ == "__main__":
    main()
