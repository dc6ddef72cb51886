"""``signaal --selftest``: passes from the source tree, and fails loudly when a check fails."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import keyring
import sqlcipher3
from keyring.backends import fail

from desktop import selftest


def _signaal_command() -> list[str]:
    script = Path(sys.executable).parent / "signaal"
    return [str(script)] if script.exists() else [sys.executable, "-m", "desktop"]


def test_source_tree_selftest_passes():
    proc = subprocess.run([*_signaal_command(), "--selftest"], capture_output=True, text=True, timeout=300)
    report = proc.stdout + proc.stderr
    assert proc.returncode == 0, report
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert lines[-1].startswith("selftest: ") and "all passed" in lines[-1], report
    for line in lines[:-1]:
        assert line.split()[0] in ("OK", "INFO"), line
    for name in ("codec", "cipher settings", "store", "crypto", "network", "forms", "resources", "qt",
                 "app modules", "keyring"):
        assert any(line.split(None, 1)[1].startswith(name) for line in lines[:-1]), f"no {name} line"


def test_a_failing_check_fails_the_run(monkeypatch, capsys):
    def broken():
        yield selftest.OK, "first line fine"
        raise RuntimeError("boom")

    monkeypatch.setattr(selftest, "CHECKS", [("broken", broken), ("fine", lambda: iter([("OK", "yes")]))])
    assert selftest.main() == 1
    out = capsys.readouterr().out
    assert "FAIL  broken  RuntimeError: boom" in out
    assert "OK    fine" in out  # later checks still run
    assert "2 failed" not in out and "1 failed" in out


def test_info_does_not_fail(monkeypatch):
    monkeypatch.setattr(selftest, "CHECKS", [("k", lambda: iter([(selftest.INFO, "no keyring here")]))])
    assert selftest.main() == 0


def test_codec_check_fails_closed_on_plain_sqlite(monkeypatch):
    """R3: with the stdlib sqlite3 in place of SQLCipher the codec check fails."""

    try:  # import before the swap, or the store module would keep sqlite3 for good
        from desktop.core.store import db
    except ImportError:
        db = None
    monkeypatch.setattr(sqlcipher3, "dbapi2", sqlite3)
    monkeypatch.setitem(sys.modules, "sqlcipher3.dbapi2", sqlite3)
    if db is not None and hasattr(db, "driver"):
        monkeypatch.setattr(db, "driver", sqlite3)
    results = [r for r in _run_only("codec") if r.name == "codec"]
    assert results and results[0].status == selftest.FAIL, results


def _run_only(name: str):
    checks = dict(selftest.CHECKS)
    original = selftest.CHECKS
    selftest.CHECKS = [(name, checks[name])]
    try:
        return selftest.run()
    finally:
        selftest.CHECKS = original


def test_store_check_leaves_nothing_behind(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))

    monkeypatch.setattr(tempfile, "tempdir", None)
    results = _run_only("store")
    assert [r.status for r in results] == [selftest.OK], results
    assert list(tmp_path.iterdir()) == []


def test_unusable_keyring_is_info_unless_required(monkeypatch):
    """A CI runner has no keyring: INFO. Where one must exist (SIGNAAL_SELFTEST_REQUIRE_KEYRING=1): FAIL."""
    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    monkeypatch.delenv(selftest.ENV_REQUIRE_KEYRING, raising=False)
    lines = [r for r in _run_only("keyring") if "would use" in r.detail]
    assert [r.status for r in lines] == [selftest.INFO], lines
    monkeypatch.setenv(selftest.ENV_REQUIRE_KEYRING, "1")
    lines = [r for r in _run_only("keyring") if "would use" in r.detail]
    assert [r.status for r in lines] == [selftest.FAIL], lines
