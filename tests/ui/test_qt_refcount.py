"""Guard against a PySide6 build that leaks references to ``None``.

The PySide6 6.12.0 wheels release one reference to ``None`` for every wrapped call that returns
``None`` without having taken it. On Python 3.11, where ``None`` is not immortal, the count reaches
zero within seconds of normal use and the interpreter aborts ("none_dealloc"): the app would crash
in a worker's hands. pyproject.toml therefore excludes 6.12; this test fails if such a build is
installed anyway.
"""

from __future__ import annotations

import subprocess
import sys

LEAK_PROBE = """
import os, sys
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
for _ in range(1000):
    app.processEvents()
    app.setApplicationName("probe")
after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
print(*(b - a for b, a in zip(before, after)), flush=True)
os._exit(0)  # a normal exit could free None itself after a leak
"""


def test_installed_pyside6_keeps_none_true_false_references():
    out = subprocess.run([sys.executable, "-c", LEAK_PROBE], capture_output=True, text=True, timeout=60,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-500:]
    lost = [int(n) for n in out.stdout.split()]
    # A few references may move between the two readings; a leak loses one per call (1000+).
    assert all(abs(n) < 50 for n in lost), f"PySide6 leaks references to None/True/False: {lost}"
