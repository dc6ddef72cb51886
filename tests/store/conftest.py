"""Fixtures for the store tests: cheap KDF, an in-memory keyring, helpers for file snapshots."""

from __future__ import annotations

import hashlib
import os
import pathlib
import sys

import pytest

from desktop.store import Store, keys

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
