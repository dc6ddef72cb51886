"""Start Signaal (from source or frozen) and time it to its first screen, from the outside.

The app logs ``first screen shown`` (``desktop.app.FIRST_SCREEN_LOGGED``) when its first screen
(first start or unlock) has been painted. This starts a program with ``--data-dir``, reads that
line's timestamp from ``signaal.log`` in the data folder, and stops the program. Nothing in the
app exists for this: the line is part of its ordinary log.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
import time
from pathlib import Path

from desktop.app import FIRST_SCREEN_LOGGED

LOG_NAME = "signaal.log"
POLL = 0.002  # seconds between looks at the log


def shown_at(log: Path) -> float | None:
    """The wall-clock time (epoch seconds) of the first-screen line in ``log``, if it is there.

    The log's ``asctime`` is local time with milliseconds: ``2026-11-29 03:40:00,123 INFO …``.
    """
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return None
    for line in text.splitlines():
        if line.endswith(FIRST_SCREEN_LOGGED):
            return dt.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f").timestamp()
    return None


def time_to_first_screen(cmd: list[str], data_dir: Path, *, env: dict[str, str] | None = None,
                         cwd: Path | None = None, timeout: float = 60.0) -> float:
    """Seconds from starting ``cmd --data-dir data_dir`` to its first screen; raises when the
    program exits or times out first. The program is killed afterwards."""
    log = data_dir / LOG_NAME
    with tempfile.TemporaryFile(mode="w+") as err:
        t0 = time.time()
        proc = subprocess.Popen([*cmd, "--data-dir", str(data_dir)], stdout=subprocess.DEVNULL,
                                stderr=err, text=True, env=env or dict(os.environ), cwd=cwd)
        try:
            deadline = time.monotonic() + timeout
            while (stamp := shown_at(log)) is None:
                if proc.poll() is not None or time.monotonic() > deadline:
                    err.seek(0)
                    tail = err.read().strip()[-300:]
                    state = f"exited {proc.returncode}" if proc.returncode is not None else "timed out"
                    raise RuntimeError(f"{cmd[-1]} {state} before its first screen: {tail}")
                time.sleep(POLL)
            return stamp - t0
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
