"""Test-only secret stores. The app itself can only use an allowlisted OS keyring (or none); these
stand in for one through fixtures, never through anything an installed app reads.

- :class:`TestFileSecretStore`: secrets in a JSON file, so that a store made in one process opens
  in another (crash tests, a locked sender in a child process).
- :func:`use_file_keyring`: make ``keys.choose_secret_store`` (what ``secrets=None`` means) return
  a file keyring, in this process.
- :func:`use_file_keyring_from_env`: the same in a child process started by a test, which passes
  the file in ``SIGNAAL_TEST_KEYRING``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from desktop.core.store import keys

ENV = "SIGNAAL_TEST_KEYRING"


class TestFileSecretStore:
    """Secrets in a JSON file ``{name: value}``; a missing file is an empty keyring."""

    __test__ = False  # not a pytest class
    backend = "signaal-test-file"
    acceptable = True

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, name: str) -> str | None:
        value = self._load().get(name)
        return value if isinstance(value, str) else None

    def set(self, name: str, value: str) -> None:
        data = self._load()
        data[name] = value
        keys.atomic_write(self.path, json.dumps(data).encode())

    def delete(self, name: str) -> None:
        data = self._load()
        if data.pop(name, None) is not None:
            keys.atomic_write(self.path, json.dumps(data).encode())


def use_file_keyring(monkeypatch: Any, path: str | os.PathLike[str]) -> TestFileSecretStore:
    """From now on in this test, ``secrets=None`` means the file keyring at ``path``."""
    monkeypatch.setattr(keys, "choose_secret_store", lambda: TestFileSecretStore(path))
    return TestFileSecretStore(path)


def use_file_keyring_from_env() -> None:
    """In a child process of a test: use the file keyring the parent named in ``SIGNAAL_TEST_KEYRING``."""
    path = os.environ.get(ENV)
    if path:
        keys.choose_secret_store = lambda: TestFileSecretStore(path)  # type: ignore[assignment]
