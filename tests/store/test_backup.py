"""Encrypted backup and restore (R22, issue 16): a backup made on one HOME is restored on another,
with another data folder and another keyring; nothing is ever replaced without asking."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest

from desktop.core.backup import read_backup, restore_backup, write_backup
from desktop.core.store import Store, errors, keys
from forms import MINIMISATION_RULE
from tests.support.keyrings import TestFileSecretStore

from .conftest import PASS, child_cmd, child_env

BACKUP_PASS = "back-up wachtwoordzin voor de usb"
PASS_B = "andere wachtwoordzin op laptop b"


def _filled(data, secrets, canary="KANARIE"):
    s = Store.create(data, PASS, secrets=secrets, kdf="test")
    ids = {}
    for i in range(12):
        ids[f"d{i}"] = s.create_draft("coa", 1, {"naam": f"{canary} {i}", "i": i}, f"{canary} s{i}").id
    for i in range(3):
        s.finalise(ids[f"d{i}"], {"naam": f"{canary} {i}"}, "final", {"sealed": f"QUJD{i}"},
                   sealed_rule=MINIMISATION_RULE)
    s.mark_sent(ids["d0"], {"receipt": "r0"})
    s.set_setting("lock_minutes", 9)
    return s, ids


def test_backup_on_one_home_is_restored_on_another(tmp_path):
    home_a, home_b, usb = tmp_path / "home-a", tmp_path / "home-b", tmp_path / "usb"
    usb.mkdir()
    keyring_a = TestFileSecretStore(tmp_path / "keyring-a.json")
    canary = f"KANARIE{uuid.uuid4().hex[:8]}"
    s, ids = _filled(home_a / "data", keyring_a, canary)
    backup = usb / "signaal.backup"
    summary = write_backup(s, backup, BACKUP_PASS, kdf="test")
    originals = {k: s.get(v) for k, v in ids.items()}
    s.close()

    assert summary.overview.counts == {"draft": 9, "final": 2, "sent": 1, "purged": 0}
    assert "9 concept(en)" in summary.text("nl") and "9 draft(s)" in summary.text("en")
    blob = backup.read_bytes()
    assert canary.encode() not in blob and b"coa" not in blob, "R22: only encrypted"
    assert read_backup(backup, BACKUP_PASS) == summary
    assert not list((home_a / "data").glob(".backup-*")), "no build file left behind"

    # Laptop B: another HOME, its own keyring, the default data folder there; a real process.
    env = child_env(HOME=str(home_b), SIGNAAL_TEST_KEYRING=str(tmp_path / "keyring-b.json"))
    for var in ("XDG_DATA_HOME", "SIGNAAL_DATA_DIR"):
        env.pop(var, None)
    out = subprocess.run(child_cmd("restore", str(backup), json.dumps(BACKUP_PASS), json.dumps(PASS_B)),
                         env=env, capture_output=True, timeout=120)
    assert out.returncode == 0, out.stderr.decode()[-2000:]
    kind, total, data_b = out.stdout.decode().split(maxsplit=2)
    data_b = data_b.strip()
    assert kind == "restored" and int(total) == 12
    assert data_b.startswith(str(home_b)), "restored into laptop B's own data folder"

    keyring_b = TestFileSecretStore(tmp_path / "keyring-b.json")
    r = Store.open(data_b, PASS_B, secrets=keyring_b)
    for name, rec in originals.items():
        got = r.get(rec.id)
        assert (got.state, got.answers, got.envelope, got.receipt) == (rec.state, rec.answers, rec.envelope,
                                                                        rec.receipt), name
    assert r.get_setting("lock_minutes") == 9
    assert r.verify_audit().ok and r.integrity_check() == []
    assert any(e.event == "backup.restored" for e in r.audit_entries(limit=10))
    assert r.keyring_status.in_use and r.id == summary.store_id
    r.close()
    # Laptop B's store is its own: laptop A's keyring and passphrase do not open it.
    with pytest.raises(errors.DeviceSecretMissing):
        Store.open(data_b, PASS_B, secrets=keyring_a)
    with pytest.raises(errors.WrongPassphrase):
        Store.open(data_b, PASS, secrets=keyring_b)


def test_a_backup_does_not_need_the_keyring(tmp_path, secrets):
    s, ids = _filled(tmp_path / "a", secrets)
    write_backup(s, tmp_path / "b.backup", BACKUP_PASS, kdf="test")
    s.close()
    result = restore_backup(tmp_path / "b.backup", BACKUP_PASS, tmp_path / "b", PASS_B,
                            secrets=keys.NoSecretStore("none"), kdf="test")
    assert not result.store.keyring_status.in_use
    assert result.store.get(ids["d5"]).answers["i"] == 5
    result.store.close()


def test_wrong_backup_passphrase_and_damage_restore_nothing(tmp_path, secrets):
    s, _ = _filled(tmp_path / "a", secrets)
    backup = tmp_path / "b.backup"
    write_backup(s, backup, BACKUP_PASS, kdf="test")
    s.close()
    target = tmp_path / "b"
    with pytest.raises(errors.BackupWrongPassphrase) as ei:
        restore_backup(backup, "niet de goede back-up zin", target, PASS_B, secrets=secrets, kdf="test")
    assert "wachtwoordzin van de back-up" in ei.value.text("nl")
    blob = backup.read_bytes()
    damaged = {
        "flipped": blob[:-5000] + bytes([blob[-5000] ^ 1]) + blob[-4999:],
        "cut": blob[:-4096],
        "longer": blob + b"\0" * 4096,
        "not a backup": b"PK\x03\x04" + blob[4:],
        "header": blob[:15] + b"\xff\xff\xff\xff" + blob[19:],
        "empty": b"",
    }
    for what, data in damaged.items():
        backup.write_bytes(data)
        with pytest.raises(errors.BackupDamaged) as ei:
            read_backup(backup, BACKUP_PASS)
        with pytest.raises(errors.BackupDamaged):
            restore_backup(backup, BACKUP_PASS, target, PASS_B, secrets=secrets, kdf="test")
        assert ei.value.code == "backup_damaged", what
        assert not Store.exists(target), what
        assert not [p for p in target.iterdir()] if target.exists() else True, what


def test_restoring_never_replaces_newer_data_without_asking(tmp_path, secrets):
    s, ids = _filled(tmp_path / "data", secrets)
    backup = tmp_path / "b.backup"
    write_backup(s, backup, BACKUP_PASS, kdf="test")
    newer = s.create_draft("coa", 1, {"na": "de back-up"}).id
    with pytest.raises(errors.RestoreWouldReplace) as ei:
        restore_backup(backup, BACKUP_PASS, tmp_path / "data", PASS, secrets=secrets, current=s, kdf="test")
    err = ei.value
    assert err.existing_newer is True and err.existing_count == 13 and err.backup_count == 12
    assert "nieuwere gegevens" in err.text("nl") and "newer data" in err.text("en")
    assert s.get(newer).answers == {"na": "de back-up"}, "nothing was touched"
    # Without the open store Signaal cannot compare, and still asks.
    s.close()
    with pytest.raises(errors.RestoreWouldReplace) as ei:
        restore_backup(backup, BACKUP_PASS, tmp_path / "data", PASS, secrets=secrets, kdf="test")
    assert ei.value.existing_newer is None and "niet nagaan" in ei.value.text("nl")
    # The user said yes: the backup is restored, the store that was there is kept aside.
    s = Store.open(tmp_path / "data", PASS, secrets=secrets)
    result = restore_backup(backup, BACKUP_PASS, tmp_path / "data", PASS, secrets=secrets, current=s,
                            replace=True, kdf="test")
    assert s.closed and result.replaced and result.replaced.startswith("replaced-")
    with pytest.raises(errors.RecordNotFound):
        result.store.get(newer)
    assert result.store.get(ids["d3"]).answers["i"] == 3
    result.store.close()
    aside = tmp_path / "data" / result.replaced
    assert oct(aside.stat().st_mode & 0o777) == "0o700"
    assert {"store.db", "store.key"} <= {p.name for p in aside.iterdir()}


def test_an_older_store_is_not_called_newer(tmp_path, secrets):
    old = Store.create(tmp_path / "old", PASS, secrets=secrets, kdf="test")
    old.create_draft("coa", 1, {})
    s, _ = _filled(tmp_path / "a", secrets)
    write_backup(s, tmp_path / "b.backup", BACKUP_PASS, kdf="test")
    s.close()
    with pytest.raises(errors.RestoreWouldReplace) as ei:
        restore_backup(tmp_path / "b.backup", BACKUP_PASS, tmp_path / "old", PASS, secrets=secrets,
                       current=old, kdf="test")
    assert ei.value.existing_newer is False
    old.close()


def test_backup_passphrase_rules(tmp_path, store):
    with pytest.raises(errors.PassphraseNotVisible):
        write_backup(store, tmp_path / "x.backup", " " * 12, kdf="test")
    assert not (tmp_path / "x.backup").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="modes")
def test_backup_file_is_private(tmp_path, store):
    write_backup(store, tmp_path / "x.backup", BACKUP_PASS, kdf="test")
    assert oct(os.stat(tmp_path / "x.backup").st_mode & 0o777) == "0o600"


def test_a_build_file_left_by_an_interrupted_backup_is_cleaned_up(tmp_path, store):
    stale = store.data_dir / ".backup-0123456789ab.db"
    stale.write_bytes(b"\x00" * 4096)  # ciphertext whose key died with the interrupted process
    write_backup(store, tmp_path / "x.backup", BACKUP_PASS, kdf="test")
    assert not list(store.data_dir.glob(".backup-*"))
