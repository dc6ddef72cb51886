"""The operator's commands for desks (``signaal-receiver registrar add|list|revoke``) and the
warning the CLI export gives when the sealing private key sits on the receiver host."""

from __future__ import annotations

import base64
import os
import secrets
import shutil
from pathlib import Path

import pytest

from sync import protocol
from sync.receiver.registrar_cli import key_on_receiver_host
from sync.receiver.registrar_store import IncomingEvent
from sync.receiver.storage import open_storage
from tests.support.receiver import Receiver, postgres_test_database, run_cli


@pytest.fixture(scope="module")
def rx(tmp_path_factory):
    r = Receiver(tmp_path_factory.mktemp("registrar-cli"))
    r.start()
    yield r
    r.kill()


def test_registrar_add_prints_a_one_time_code_for_this_certificate(rx):
    added = rx.cli("registrar", "add", "--name", "Team Noord", check=True)
    lines = [line.strip() for line in added.stdout.splitlines() if line.strip()]
    assert lines[0] == "Registrar code for Team Noord (single use, valid 24 hours):"
    code = lines[1]
    assert protocol.code_matches_certificate(code, rx.cert_der)
    assert "signaal-desk" in added.stdout
    # The options work after the action too, as with every other command.
    quiet = run_cli(
        "registrar", "add", "--data-dir", str(rx.data_dir), "--name", "Team Zuid", "--quiet", check=True
    )
    assert (
        protocol.code_matches_certificate(quiet.stdout.strip(), rx.cert_der) and quiet.stdout.strip() != code
    )
    assert "No registrars enrolled." in rx.cli("registrar", "list", check=True).stdout


def test_registrar_commands_refuse_bad_input_plainly(rx, tmp_path):
    for args, words in (
        (["add", "--name", "=HYPERLINK()"], "registrar name cannot be used"),
        (["add", "--name", "Team", "--hours", "0"], "--hours"),
        (["revoke", "reg_0123456789abcdef"], "registrar list"),
    ):
        proc = rx.cli("registrar", *args)
        assert proc.returncode == 1 and words in proc.stderr and "Traceback" not in proc.stderr, args
    usage = rx.cli("registrar")
    assert usage.returncode == 2 and "add" in usage.stderr and "Traceback" not in usage.stderr
    fresh = Receiver(tmp_path / "fresh")  # initialised, never served: no certificate to name yet
    proc = fresh.cli("registrar", "add", "--name", "Team")
    assert proc.returncode == 1 and "certificate" in proc.stderr


def _export(rx: Receiver, key: Path, out: Path):
    return rx.cli("export", "--private-key", str(key), "--format", "jsonl", "--out", str(out))


def test_export_warns_when_the_key_is_on_the_receiver_host(rx, tmp_path):
    # The test receiver keeps the key next to its data dir, on the same disk: warned, still exported.
    proc = _export(rx, rx.sealing_private_key, tmp_path / "out.jsonl")
    assert proc.returncode == 0, proc.stderr
    assert "Warning: the sealing private key" in proc.stderr and "same disk" in proc.stderr
    assert "signaal-desk" in proc.stderr and "Traceback" not in proc.stderr
    assert key_on_receiver_host(rx.data_dir / "keys" / "k.key", rx.data_dir) == (
        "it is inside the receiver's data dir"
    )


def test_export_does_not_warn_for_a_key_on_another_mount(rx, tmp_path):
    shm = Path("/dev/shm")
    if not shm.is_dir() or os.stat(shm).st_dev == os.stat(rx.data_dir).st_dev:
        pytest.skip("needs /dev/shm as a filesystem apart from the test's temporary folder")
    key = shm / f"signaal-test-{secrets.token_hex(6)}.key"
    shutil.copyfile(rx.sealing_private_key, key)
    try:
        key.chmod(0o600)
        assert key_on_receiver_host(key, rx.data_dir) is None
        proc = _export(rx, key, tmp_path / "out.jsonl")
        assert proc.returncode == 0, proc.stderr
        assert "Warning" not in proc.stderr
    finally:
        key.unlink()


def test_a_key_on_the_system_disk_counts_as_on_the_host_wherever_the_data_dir_is(tmp_path):
    shm = Path("/dev/shm")
    if (
        not shm.is_dir()
        or os.stat(tmp_path).st_dev != os.stat("/").st_dev
        or os.stat(shm).st_dev == os.stat("/").st_dev
    ):
        pytest.skip("needs the temporary folder on the root filesystem and /dev/shm apart from it")
    key = tmp_path / "sealing.key"
    key.write_text("{}")
    data_dir = shm / f"signaal-test-{secrets.token_hex(6)}"
    data_dir.mkdir()
    try:
        assert key_on_receiver_host(key, data_dir) == "it is on this machine's system disk"
        assert key_on_receiver_host(data_dir / "k.key", data_dir) == "it is inside the receiver's data dir"
    finally:
        data_dir.rmdir()


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_restore_keeps_desks_and_their_log_unless_forced_and_never_reuses_a_seq(tmp_path, request, kind):
    url = None
    if kind == "postgres":
        url, drop = postgres_test_database(request.getfixturevalue("pg_base"))
        request.addfinalizer(drop)
    rx = Receiver(tmp_path / "restore", url)
    backup = tmp_path / "empty.backup"
    rx.cli("backup", "--out", str(backup), check=True)
    storage = open_storage(rx.data_dir, url)
    try:
        storage.add_registrar_code("c", "Team", "2026-01-01T00:00:00.000000Z", "2999-01-01T00:00:00.000000Z")
        key = base64.b64encode(bytes(32)).decode()
        now = "2026-01-01T00:00:00.000000Z"
        assert storage.redeem_registrar_code("c", now, "reg_0123456789abcdef", "Desk", key, "h")[0] == "ok"
        storage.store_events("reg_0123456789abcdef", [IncomingEvent("a" * 32, b"sealed", "s")], now)
    finally:
        storage.close()
    refused = rx.cli("restore", "--from", str(backup))
    assert (
        refused.returncode == 1
        and "1 desks, 1 triage events" in refused.stderr
        and "--force" in refused.stderr
    )
    assert rx.cli("restore", "--from", str(backup), "--force").returncode == 0
    storage = open_storage(rx.data_dir, url)
    try:
        assert storage.list_registrars() == [] and storage.count_events() == 0
        # A desk saw event seq 1 before the restore: the next event is numbered 2, never 1 again.
        assert (
            storage.redeem_registrar_code("c", now, "reg_0123456789abcdef", "Desk", key, "h")[0] == "unknown"
        )
        storage.add_registrar_code("d", "Team", now, "2999-01-01T00:00:00.000000Z")
        storage.redeem_registrar_code("d", now, "reg_0123456789abcdef", "Desk", key, "h")
        assert storage.store_events("reg_0123456789abcdef", [IncomingEvent("b" * 32, b"x", "s")], now) == [
            ("stored", 2, None)
        ]
    finally:
        storage.close()
