"""Backup and restore as an operator does it: back up while the receiver runs, lose the database,
restore, and the export is the same file as before, byte for byte; the apps' resends get their
original receipts."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import forms
from sync import protocol
from tests.forms.test_validate import complete
from tests.receiver.conftest import BACKENDS
from tests.support.receiver import Receiver, postgres_test_database


def _export(rx: Receiver, out: Path, *db: str) -> bytes:
    proc = rx.cli(
        "export", "--private-key", str(rx.sealing_private_key), "--format", "jsonl", "--out", str(out), *db
    )
    assert proc.returncode == 0, proc.stderr
    data: bytes = out.read_bytes()
    return data


@pytest.mark.parametrize("database_url", BACKENDS, indirect=True)
def test_backup_restore_export_equal(
    tmp_path: Path, database_url: str | None, request: pytest.FixtureRequest
) -> None:
    rx = Receiver(tmp_path / "rx", database_url)
    rx.start()
    try:
        dev = rx.enrol_device(org="Org B")
        coa = forms.catalog().get("coa", 1)
        envs = [rx.seal(dev, complete(coa), form_id="coa", form_version=1) for _ in range(25)]
        first = protocol.parse_batch_response(rx.post_batch(dev, envs).content).results
        assert {r.status for r in first} == {"stored"}
        before = _export(rx, tmp_path / "before.jsonl")
        backup_file = tmp_path / "receiver.backup"
        proc = rx.cli("backup", "--out", str(backup_file))  # while the receiver runs
        assert proc.returncode == 0, proc.stderr
        assert "25 envelopes, 1 devices" in proc.stdout
        assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600
        again = rx.cli("backup", "--out", str(backup_file))
        assert again.returncode == 1 and "exists already" in again.stderr
    finally:
        rx.stop()

    # The disaster: the database is gone. A fresh, empty one takes its place.
    db_args: tuple[str, ...] = ()
    if database_url is None:
        for suffix in ("", "-wal", "-shm"):
            (rx.data_dir / f"receiver.sqlite3{suffix}").unlink(missing_ok=True)
    else:
        fresh, drop = postgres_test_database(request.getfixturevalue("pg_base"))
        request.addfinalizer(drop)
        db_args = ("--database-url", fresh)
        assert rx.cli("devices", *db_args, check=True).stdout.startswith("No devices")
    not_a_backup = rx.cli("restore", "--from", str(tmp_path / "before.jsonl"), *db_args)
    assert not_a_backup.returncode == 1 and "not a receiver backup" in not_a_backup.stderr
    proc = rx.cli("restore", "--from", str(backup_file), *db_args)
    assert proc.returncode == 0, proc.stderr
    assert "25 envelopes, 1 devices" in proc.stdout
    after = _export(rx, tmp_path / "after.jsonl", *db_args)
    assert after == before
    # Restoring over data needs --force.
    refused = rx.cli("restore", "--from", str(backup_file), *db_args)
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert rx.cli("restore", "--from", str(backup_file), "--force", *db_args).returncode == 0
    if database_url is None:
        assert stat.S_IMODE((rx.data_dir / "receiver.sqlite3").stat().st_mode) == 0o600
        # The restored receiver answers the apps' resends with the original receipts.
        rx.start()
        try:
            res = protocol.parse_batch_response(rx.post_batch(dev, envs).content).results
            assert [r.status for r in res] == ["duplicate"] * 25
            assert [r.receipt for r in res] == [r.receipt for r in first]
        finally:
            rx.kill()
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".part")]
