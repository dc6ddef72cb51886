"""Start-up time: launch to the first screen (first start / unlock) shown.

Measured from source (``python -m desktop``) and, when ``dist/Signaal`` exists, frozen, each as a
ratio to a bare PySide6 ``QMainWindow`` shown by the same Python in the same run (target <= 1.5x).
The app prints ``signaal-shown`` on stdout and exits when ``SIGNAAL_BENCH_EXIT_ON_SHOWN=1``; the
baseline script prints the same line. Runs are interleaved (baseline, source, frozen, baseline,
...) so that load on the shared machine hits all three alike; the median of each is reported.

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
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.benchmarks.common import emit, log

ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("SIGNAAL_BENCH_STARTUP_RUNS", "5"))
TIMEOUT = 60.0
TARGET = 1.5
MARKER = "signaal-shown"

BASELINE = f"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
win = QMainWindow()
win.setWindowTitle("baseline")
win.resize(800, 600)
win.show()
def shown():
    print({MARKER!r}, flush=True)
    app.quit()
QTimer.singleShot(0, shown)
sys.exit(app.exec())
"""


def frozen_exe() -> Path | None:
    for candidate in (ROOT / "dist" / "Signaal" / "Signaal", ROOT / "dist" / "Signaal" / "Signaal.exe",
                      ROOT / "dist" / "Signaal.app" / "Contents" / "MacOS" / "Signaal"):
        if candidate.exists():
            return candidate
    return None


def time_to_shown(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from launch until the process prints the marker line; raises if it never does.

    stderr goes to a file (a full pipe would stall a chatty app); a timer kills a process that
    hangs without printing anything.
    """
    with tempfile.TemporaryFile(mode="w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True, env=env, cwd=ROOT)
        killer = threading.Timer(TIMEOUT, proc.kill)
        killer.start()
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.strip() == MARKER:
                    elapsed = time.perf_counter() - t0
                    proc.wait(timeout=TIMEOUT)
                    return elapsed
            proc.wait(timeout=TIMEOUT)
            err.seek(0)
            tail = err.read().strip()[-300:]
            raise RuntimeError(f"{cmd[0]} exited {proc.returncode} without '{MARKER}': {tail}")
        finally:
            killer.cancel()
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def main() -> None:
    base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    base_env.update(QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                    SIGNAAL_BENCH_EXIT_ON_SHOWN="1")
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
                env = dict(base_env, SIGNAAL_DATA_DIR=str(Path(tmp) / f"{name}-{i}"),  # first start
                           PYTHONPYCACHEPREFIX=str(Path(tmp) / "bytecode"))
                try:
                    t = time_to_shown(cmd, env)
                except (RuntimeError, subprocess.TimeoutExpired) as exc:
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
