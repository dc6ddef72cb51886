"""Where Signaal keeps its files: one module decides, everything else asks.

The data directory comes from ``--data-dir`` (or ``SIGNAAL_DATA_DIR``) and otherwise from
platformdirs. It is created 0700; files inside are created 0600 (see :func:`private_file`).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Signaal"
APP_AUTHOR = "CoMensha"
ENV_DATA_DIR = "SIGNAAL_DATA_DIR"

_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Override the data directory for this process (``--data-dir``)."""
    global _override
    _override = Path(path).expanduser().resolve() if path else None


def data_dir(create: bool = True) -> Path:
    """The directory holding the store, key file and logs."""
    if _override is not None:
        path = _override
    elif os.environ.get(ENV_DATA_DIR):
        path = Path(os.environ[ENV_DATA_DIR]).expanduser().resolve()
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))
    if create:
        ensure_private_dir(path)
    return path


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed and make it 0700 (owner only)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if sys.platform != "win32":
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode != 0o700:
            path.chmod(0o700)
    return path


def private_file(path: Path) -> Path:
    """Make sure ``path`` exists with mode 0600, without truncating it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.close(fd)
    if sys.platform != "win32":
        path.chmod(0o600)
    return path


def resource_dir() -> Path:
    """The ``resources/`` folder, from source or inside a frozen bundle."""
    base = getattr(sys, "_MEIPASS", None)
    if base:
        return Path(base) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
