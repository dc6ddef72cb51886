"""desktop/qt.py pins None/True/False: the PySide6 6.12 wheels drop a reference per None result."""

from __future__ import annotations

import subprocess
import sys

import pytest

LEAK_PROBE = """
import os, sys
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
before = sys.getrefcount(None)
for _ in range(100):
    app.processEvents()
print(before - sys.getrefcount(None), flush=True)
os._exit(0)  # a normal exit could free None itself after the leak
"""


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_singletons_are_pinned_and_survive_many_none_results(qapp):
    import desktop.qt  # noqa: F401 - importing it applies the workaround

    assert sys.getrefcount(None) > 1 << 39
    assert sys.getrefcount(True) > 1 << 39
    for _ in range(50_000):
        qapp.processEvents()
    assert sys.getrefcount(None) > 1 << 39


def test_the_leak_it_works_around():
    """Without desktop.qt, a plain PySide6 loop loses one None reference per call (or none, once fixed)."""
    out = subprocess.run([sys.executable, "-c", LEAK_PROBE], capture_output=True, text=True, timeout=60,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-500:]
    lost = int(out.stdout.strip().splitlines()[-1])
    assert lost in (0, 100), lost  # 100 on the affected wheels: the reason for the workaround
