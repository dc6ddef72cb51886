"""R1, R10, R11: real subprocesses killed with SIGKILL while they write (real files on disk)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid

import pytest

from desktop.core.store import Store, errors
from tests.support.keyrings import TestFileSecretStore

from .conftest import PASS, child_cmd, child_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def _start(args, env):
    # bufsize=0: readline() must not pull acknowledgements into a Python buffer that
    # communicate() would then never see.
    return subprocess.Popen(child_cmd(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, cwd=str(os.getcwd()), bufsize=0)


def _kill_and_collect(proc) -> tuple[list[str], str]:
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    text = out.decode("utf-8", "replace")
    # Only complete lines were acknowledged.
    lines = text.split("\n")[:-1]
    return lines, err.decode("utf-8", "replace")


def _forms(canary: str) -> list[bytes]:
    """The byte forms a canary could take in a file: UTF-8, UTF-16 (LE/BE), JSON-escaped."""
    escaped = json.dumps(canary)[1:-1]  # ensure_ascii: \uXXXX for non-ASCII
    forms = {canary.encode("utf-8"), escaped.encode("ascii"),
             canary.encode("utf-16-le"), canary.encode("utf-16-be")}
    # The ASCII core alone (a partial match is still a leak).
    core = canary.split("-")[0]
    forms |= {core.encode("ascii"), core.encode("utf-16-le")}
    return sorted(forms)


def test_r1_no_plaintext_at_rest_after_sigkill(tmp_path):
    data = tmp_path / "data"
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    keyring_file = tmp_path / "keyring.json"
    canary = f"KANARIEQX{uuid.uuid4().hex[:10]}-Ωmega-ü-🐦"
    env = child_env(SIGNAAL_TEST_KEYRING=str(keyring_file), TMPDIR=str(tmpdir), SQLITE_TMPDIR=str(tmpdir))
    proc = _start(["canaries", str(data), PASS, canary], env)
    line = proc.stdout.readline().decode()
    assert line.strip() == "done", proc.stderr.read().decode()[-2000:]
    _kill_and_collect(proc)
    files = [p for p in data.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"store.db", "store.key", "store.attempts"} <= names
    assert (data / "store.db-wal").stat().st_size > 0, "the WAL must be part of what we scan"
    for p in [*files, keyring_file]:
        blob = p.read_bytes()
        for form in _forms(canary):
            assert form not in blob, f"canary form {form!r} found in {p.name}"
    assert (data / "store.db").read_bytes()[:16] != b"SQLite format 3\x00"
    # (The WAL's own 32-byte header and frame headers are plaintext by SQLCipher's design: they
    # hold page numbers, salts and checksums, never page content, which is what we scan above.)
    assert list(tmpdir.iterdir()) == [], "R7: no temporary files"
    s = Store.open(data, PASS, secrets=TestFileSecretStore(keyring_file))
    assert s.list_records(limit=1).total == 30
    s.close()


def _verify(data, secrets, acked_creates: dict[str, int], acked_updates: dict[str, int]) -> None:
    s = Store.open(data, PASS, secrets=secrets)
    try:
        assert s.integrity_check() == []
        for rid in acked_creates:
            rec = s.get(rid)  # RecordNotFound would be a lost acknowledged write
            if rid in acked_updates:
                assert rec.answers["n"] >= acked_updates[rid]
    finally:
        s.close()


@pytest.mark.slow
def test_r11_acknowledged_writes_survive_random_sigkill(tmp_path):
    data = tmp_path / "data"
    keyring_file = tmp_path / "keyring.json"
    secrets = TestFileSecretStore(keyring_file)
    Store.create(data, PASS, secrets=secrets, kdf="test").close()
    env = child_env(SIGNAAL_TEST_KEYRING=str(keyring_file))
    rng = random.Random(20261124)
    acked_creates: dict[str, int] = {}
    acked_updates: dict[str, int] = {}
    kills = 0
    t0 = time.monotonic()
    while kills < 100:
        proc = _start(["writes", str(data), PASS], env)
        ready = proc.stdout.readline().decode().strip()
        assert ready == "ready", proc.stderr.read().decode()[-2000:]
        time.sleep(rng.uniform(0.0, 0.06))
        lines, err = _kill_and_collect(proc)
        assert "Traceback" not in err, err[-2000:]
        for line in lines:
            kind, rid, n = line.split()
            if kind == "C":
                acked_creates[rid] = int(n)
            else:
                acked_updates[rid] = int(n)
        kills += 1
        # A full check after every kill; the cheap open (kdf="test") keeps this fast.
        _verify(data, secrets, acked_creates, acked_updates)
    elapsed = time.monotonic() - t0
    assert len(acked_creates) > 100, "the children must actually have written between kills"
    print(f"100 kills, {len(acked_creates)} acknowledged drafts, {elapsed:.1f}s")


@pytest.mark.slow
def test_r10_passphrase_change_survives_random_sigkill(tmp_path):
    data = tmp_path / "data"
    keyring_file = tmp_path / "keyring.json"
    secrets = TestFileSecretStore(keyring_file)
    pair = ("eerste wachtwoordzin 'met' \"quotes\"", "tweede wachtwoordzin; 🐦 \x00 nul")
    Store.create(data, pair[0], secrets=secrets, kdf="test").close()
    env = child_env(SIGNAAL_TEST_KEYRING=str(keyring_file))
    rng = random.Random(4242)
    valid = 0  # index of the passphrase that must be valid at the start of the next child
    changes = mid_change = runs = 0
    # At least 30 kills; more while too few changes completed or too few kills hit a change (a
    # loaded machine re-keys slower, so the same random windows cover fewer changes).
    while runs < 30 or (runs < 200 and (changes < 30 or mid_change < 10)):
        runs += 1
        if valid == 1:  # the child always starts from pair[0]: swap the pair's meaning
            pair = (pair[1], pair[0])
            valid = 0
        proc = _start(["rekey", str(data), json.dumps(pair[0]), json.dumps(pair[1])], env)
        assert proc.stdout.readline().decode().strip() == "ready", proc.stderr.read().decode()[-2000:]
        # A change re-keys the database (~10-20 ms), so the window is wider than one change.
        time.sleep(rng.uniform(0.0, 0.15))
        lines, err = _kill_and_collect(proc)
        assert "Traceback" not in err, err[-2000:]
        last_ok = 0
        trying = None
        for line in lines:
            kind, idx = line.split()
            if kind == "K":
                last_ok, trying = int(idx), None
                changes += 1
            else:
                trying = int(idx)
        mid_change += trying is not None
        candidates = [last_ok] + ([trying] if trying is not None else [])
        opened = None
        for idx in candidates:
            try:
                Store.open(data, pair[idx], secrets=secrets).close()
                opened = idx
                break
            except errors.WrongPassphrase:
                continue
        assert opened is not None, ("neither the old nor the new passphrase opens the store",
                                    lines[-4:], candidates, sorted(p.name for p in data.iterdir()))
        valid = opened
        assert not list(data.glob(".store.key.tmp-*")), "stale temp key files are cleaned on open"
        assert not list(data.glob("store.*.rekey*")), "an interrupted re-key is finished or undone on open"
    assert changes >= 30 and mid_change >= 10, (changes, mid_change, runs)
