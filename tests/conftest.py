"""Shared test set-up.

- Qt runs offscreen; one QApplication for the session (pytest-qt).
- No test touches the real home directory, the real data dir or the real keyring:
  HOME, XDG dirs and SIGNAAL_DATA_DIR point into a per-test temporary folder, and the
  keyring backend is forced to keyring's fail backend unless a test opts into the
  test-only backend explicitly.
"""

from __future__ import annotations

import os
import pathlib

os.environ["QT_QPA_PLATFORM"] = "offscreen"
# No keyring backend a test has not chosen: fail closed by default.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

import pytest

from tests.support import catalogues

ROOT = pathlib.Path(__file__).resolve().parent.parent


def pytest_sessionstart(session: pytest.Session) -> None:
    """The tests read the texts in the repository: a catalogue older than its .ts (pytest run
    without ``make``) is rebuilt first. The app itself only loads catalogues."""
    catalogues.build_all()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Point every per-user location at a throwaway folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("SIGNAAL_DATA_DIR", str(home / "signaal-data"))
    yield home


@pytest.fixture
def data_dir(tmp_path) -> pathlib.Path:
    """A fresh, empty data directory for one test."""
    d = tmp_path / "data"
    return d
