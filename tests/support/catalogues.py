"""Build the translation catalogues (.qm) from their sources (.ts) for a test run.

The app only loads catalogues: building them is a build step (``make translations``, and
PyInstaller ships the .qm files). A test session that starts with a catalogue older than its
source (an edited .ts, pytest run without make) rebuilds it here first, so the tests read the
texts that are in the repository.

A rebuilt catalogue is written beside the old one and renamed over it: a Signaal that has the old
file loaded keeps reading all of it (rewriting it in place turned that window's texts back to
English). ``make translations`` does the same with a temporary file and ``mv``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop import i18n


def lrelease() -> str:
    """PySide6's lrelease beside this Python (the venv's bin folder)."""
    return str(Path(sys.executable).parent / "pyside6-lrelease")


def build(ts: Path) -> Path:
    """``<name>.qm`` for ``<name>.ts`` when missing or older than the source; returns its path."""
    qm = ts.with_suffix(".qm")
    if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return qm
    fresh = qm.with_name(f".{qm.name}.{os.getpid()}.tmp")
    try:
        subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(fresh)], check=True, timeout=120,
                       capture_output=True)
        os.replace(fresh, qm)
    finally:
        fresh.unlink(missing_ok=True)
    return qm


def build_all(folder: Path | None = None) -> list[Path]:
    return [build(ts) for ts in sorted((folder or i18n.i18n_dir()).glob("*.ts"))]
