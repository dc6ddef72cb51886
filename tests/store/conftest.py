"""Fixtures for the store tests: cheap KDF, an in-memory keyring, helpers for file snapshots."""

from __future__ import annotations

import hashlib
import os
import pathlib
import sys

import keyring.core
import pytest

from desktop.core.store import Store, db, keys

ROOT = pathlib.Path(__file__).resolve().parents[2]
PASS = "correct horse battery staple"


@pytest.fixture
def secrets() -> keys.MemorySecretStore:
    return keys.MemorySecretStore()


@pytest.fixture
def store(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    yield s
    s.close()


def snapshot(directory: pathlib.Path) -> dict[str, str]:
    """name -> SHA-256 of every file in ``directory``."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.iterdir()) if p.is_file()}


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def child_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "tests.store._child", *args]


def raw_connect(data_dir: pathlib.Path, passphrase: str, secrets=None):
    """TEST ONLY: a keyed connection to the store's database, bypassing the Store API."""

    kf = keys.KeyFile.parse((data_dir / "store.key").read_bytes())
    payload = keys.unwrap_outer(kf, passphrase)
    key = keys.open_inner(payload, secrets.get(kf.device_secret_name)) if kf.device_secret_name else payload
    return db.connect(data_dir / "store.db", key), key


@pytest.fixture
def fresh_keyring(monkeypatch):
    """Select a keyring backend by class path, as PYTHON_KEYRING_BACKEND would, uncached."""

    def choose(path: str) -> None:
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", path)
        monkeypatch.setattr(keyring.core, "_keyring_backend", None)
        monkeypatch.delenv("SIGNAAL_TEST_KEYRING", raising=False)

    yield choose
