"""R4, R6, R8, R23, R3: the failures of unlocking, each told apart, none of them writing."""

from __future__ import annotations

import json
import re
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import keyring.core
import pytest

from desktop.core.store import Store, db, errors, keys, migrations, throttle
from tests.support.keyrings import TestFileSecretStore, use_file_keyring

from .conftest import PASS, child_cmd, child_env, raw_connect, snapshot


def _make(data_dir, secrets, records: int = 40):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    for i in range(records):
        s.create_draft("f", 1, {"i": i, "text": "lorem ipsum " * 40}, f"record {i}")
    s.close()
    assert not (data_dir / "store.db-wal").exists()


def _flip(path, offset):
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_three_failures_are_distinct_and_write_nothing(data_dir, secrets):
    _make(data_dir, secrets)
    texts = {}

    before = snapshot(data_dir)
    with pytest.raises(errors.WrongPassphrase) as wrong:
        Store.open(data_dir, "not the passphrase", secrets=secrets)
    after = snapshot(data_dir)
    assert set(after) == set(before)  # nothing new
    assert after["store.db"] == before["store.db"] and after["store.key"] == before["store.key"]
    texts["wrong"] = wrong.value

    before = snapshot(data_dir)
    with pytest.raises(errors.DeviceSecretMissing) as missing:
        Store.open(data_dir, PASS, secrets=keys.MemorySecretStore())
    assert snapshot(data_dir) == before
    texts["missing"] = missing.value

    db_size = (data_dir / "store.db").stat().st_size
    _flip(data_dir / "store.db", db_size - 2000)
    before = snapshot(data_dir)
    with pytest.raises(errors.StoreDamaged) as damaged:
        Store.open(data_dir, PASS, secrets=secrets)
    assert snapshot(data_dir) == before
    texts["damaged"] = damaged.value

    for lang in ("nl", "en"):
        assert len({e.text(lang) for e in texts.values()}) == 3
    for e in texts.values():
        assert e.text("nl") != e.text("en")
        assert PASS not in str(e) and PASS not in e.text("nl")


def test_wrong_device_secret_is_device_secret_missing(data_dir, secrets):
    _make(data_dir, secrets, records=1)
    other = keys.MemorySecretStore()
    for name in secrets.values:
        other.values[name] = "ab" * 32  # a valid-looking secret of another installation
    before = snapshot(data_dir)
    with pytest.raises(errors.DeviceSecretMissing):
        Store.open(data_dir, PASS, secrets=other)
    assert snapshot(data_dir) == before


def test_store_with_device_secret_but_no_keyring_now(data_dir, secrets):
    _make(data_dir, secrets, records=1)
    before = snapshot(data_dir)
    with pytest.raises(errors.KeyringUnavailable) as ei:  # a DeviceSecretMissing, with its own advice
        Store.open(data_dir, PASS)  # conftest: keyring's fail backend → no acceptable keyring
    assert isinstance(ei.value, errors.DeviceSecretMissing)
    assert ei.value.text("en") != errors.DeviceSecretMissing().text("en")
    assert snapshot(data_dir) == before


def test_keyring_that_raises_on_read(data_dir, secrets):
    _make(data_dir, secrets, records=1)

    class Locked(keys.MemorySecretStore):
        def get(self, name):
            raise RuntimeError("keyring locked")

    with pytest.raises(errors.KeyringUnavailable):
        Store.open(data_dir, PASS, secrets=Locked())


@pytest.mark.parametrize("where", ["page1", "middle", "last"])
def test_r6_flipped_byte_is_reported_as_damage(data_dir, secrets, where):
    _make(data_dir, secrets)
    path = data_dir / "store.db"
    size = path.stat().st_size
    assert size >= 8 * 4096
    offset = {"page1": 200, "middle": 4096 * (size // 4096 // 2) + 1234, "last": size - 1}[where]
    _flip(path, offset)
    before = snapshot(data_dir)
    with pytest.raises(errors.StoreDamaged) as ei:
        Store.open(data_dir, PASS, secrets=secrets)
    assert "beschadigd" in ei.value.text("nl") and "damaged" in ei.value.text("en")
    assert snapshot(data_dir) == before
    _flip(path, offset)  # undo: the store opens again, so the report was about the flip
    Store.open(data_dir, PASS, secrets=secrets).close()


@pytest.mark.parametrize("garbage", [b"", b"{", b"not json at all", b'{"format": "other"}'])
def test_unparsable_key_file_is_damage(data_dir, secrets, garbage):
    _make(data_dir, secrets, records=1)
    (data_dir / "store.key").write_bytes(garbage)
    before = snapshot(data_dir)
    with pytest.raises(errors.StoreDamaged):
        Store.open(data_dir, PASS, secrets=secrets)
    assert snapshot(data_dir) == before


def test_key_file_missing_is_damage_not_a_new_store(data_dir, secrets):
    _make(data_dir, secrets, records=1)
    (data_dir / "store.key").unlink()
    assert Store.exists(data_dir)
    with pytest.raises(errors.StoreDamaged):
        Store.open(data_dir, PASS, secrets=secrets)
    with pytest.raises(errors.StoreExists):
        Store.create(data_dir, PASS, secrets=secrets, kdf="test")


def test_tampered_kdf_cost_is_refused(data_dir, secrets):
    _make(data_dir, secrets, records=1)
    doc = json.loads((data_dir / "store.key").read_text())
    doc["kdf"]["memlimit"] = 2**40
    (data_dir / "store.key").write_text(json.dumps(doc))
    with pytest.raises(errors.StoreDamaged):
        Store.open(data_dir, PASS, secrets=secrets)


def test_throttle_grows_and_survives_restart(data_dir, secrets):
    _make(data_dir, secrets, records=1)
    delays = []
    for _ in range(3):
        with pytest.raises(errors.WrongPassphrase) as ei:
            Store.open(data_dir, "still not the passphrase", secrets=secrets)
        delays.append(ei.value.retry_after)
    assert delays == [0.0, 0.0, 2.0]
    assert "2" in ei.value.text("en") and "2" in ei.value.text("nl")
    assert 0 < Store.unlock_wait(data_dir) <= 2.0
    before = snapshot(data_dir)
    with pytest.raises(errors.UnlockThrottled) as th:
        Store.open(data_dir, PASS, secrets=secrets)  # even the right passphrase waits
    assert 0 < th.value.retry_after <= 2.0
    assert snapshot(data_dir) == before
    # A new process sees the wait. (Three more failures are written straight into the counter so
    # a slow process start on a loaded machine cannot outlast the wait.)
    attempts = data_dir / "store.attempts"
    throttle.write(attempts, 6, time.time())
    out = subprocess.run(child_cmd("wait", str(data_dir)), env=child_env(), capture_output=True,
                         check=True, timeout=60).stdout.decode()
    assert 0 < float(out) <= 16.0
    # Time passes (moved back instead of sleeping), then the right passphrase works and resets.
    failures, last = throttle.read(attempts)
    throttle.write(attempts, failures, last - 20)
    assert Store.unlock_wait(data_dir) == 0
    Store.open(data_dir, PASS, secrets=secrets).close()
    assert throttle.read(attempts)[0] == 0


def test_throttle_delays():
    assert [throttle.delay_for(n) for n in range(1, 8)] == [0, 0, 2, 4, 8, 16, 32]
    assert throttle.delay_for(50) == 300


def test_r23_copied_folder_with_empty_keyring(tmp_path, monkeypatch):
    """Copy the data folder to 'another account' (a new, empty test keyring) → DeviceSecretMissing."""
    ring_a = tmp_path / "ring-a.json"
    ring_b = tmp_path / "ring-b.json"
    home_a = tmp_path / "a" / "data"
    use_file_keyring(monkeypatch, ring_a)
    s = Store.create(home_a, PASS, kdf="test")
    assert s.keyring_status.in_use and s.keyring_status.backend == "signaal-test-file"
    s.create_draft("f", 1, {"x": 1})
    s.close()
    home_b = tmp_path / "b" / "data"
    shutil.copytree(home_a, home_b)
    use_file_keyring(monkeypatch, ring_b)
    before = snapshot(home_b)
    with pytest.raises(errors.DeviceSecretMissing) as ei:
        Store.open(home_b, PASS)
    assert "keyring" in ei.value.text("en") and "sleutelbos" in ei.value.text("nl")
    assert snapshot(home_b) == before
    assert not ring_b.exists()
    use_file_keyring(monkeypatch, ring_a)
    Store.open(home_b, PASS).close()  # the original account still can


def test_r3_codec_absent_refuses_to_create(data_dir, monkeypatch):
    monkeypatch.setattr(db, "driver", sqlite3)
    with pytest.raises(errors.CodecMissing) as ei:
        Store.create(data_dir, PASS, kdf="test")
    assert ei.value.text("nl") != ei.value.text("en")
    assert not data_dir.exists()


def test_r3_codec_absent_refuses_to_open(data_dir, secrets, monkeypatch):
    _make(data_dir, secrets, records=1)
    before = snapshot(data_dir)
    monkeypatch.setattr(db, "driver", sqlite3)
    with pytest.raises(errors.CodecMissing):
        Store.open(data_dir, PASS, secrets=secrets)
    assert snapshot(data_dir) == before


@pytest.mark.parametrize("backend", [
    "keyrings.alt.file.PlaintextKeyring",
    "keyrings.alt.file.EncryptedKeyring",
    "keyring.backends.null.Keyring",
    "keyring.backends.fail.Keyring",
])
def test_r8_unacceptable_keyring_backends_are_not_used(data_dir, fresh_keyring, _isolated_home, backend):
    fresh_keyring(backend)
    s = Store.create(data_dir, PASS, kdf="test")
    status = s.keyring_status
    assert status.acceptable is False and status.in_use is False
    assert status.backend in (backend, "unavailable")  # EncryptedKeyring may not even load
    assert "wachtwoordzin" in status.text("nl") and "passphrase alone" in status.text("en")
    sid = s.id
    s.close()
    kf = keys.KeyFile.parse((data_dir / "store.key").read_bytes())
    assert kf.device_secret_name is None
    # No secret written anywhere in the (isolated) home: no keyring file at all, no store id.
    for p in _isolated_home.rglob("*"):
        if p.is_file() and data_dir not in p.parents:
            assert sid.encode() not in p.read_bytes(), p
            assert "keyring" not in p.name.lower(), p
    s = Store.open(data_dir, PASS)
    assert s.keyring_status.in_use is False
    s.close()


def test_r8_chainer_of_unacceptable_backends_is_none(monkeypatch):
    chain = keyring.backends.chainer.ChainerBackend()
    monkeypatch.setattr(type(chain), "backends", [keyring.backends.null.Keyring(),
                                                  keyring.backends.fail.Keyring()])
    monkeypatch.setattr(keyring.core, "_keyring_backend", chain)
    chosen = keys.choose_secret_store()
    assert chosen.acceptable is False


def test_r8_allowlist_is_by_class():
    assert "keyring.backends.SecretService.Keyring" in keys.ALLOWED_BACKENDS
    assert "keyring.backends.Windows.WinVaultKeyring" in keys.ALLOWED_BACKENDS
    assert "keyring.backends.macOS.Keyring" in keys.ALLOWED_BACKENDS
    assert not any("alt" in b or "null" in b or "fail" in b for b in keys.ALLOWED_BACKENDS)


def test_store_from_future_is_refused_untouched(data_dir, secrets):
    _make(data_dir, secrets, records=2)
    conn, _ = raw_connect(data_dir, PASS, secrets)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = snapshot(data_dir)
    with pytest.raises(errors.StoreFromFuture) as ei:
        Store.open(data_dir, PASS, secrets=secrets)
    assert ei.value.found == 99 and ei.value.supported == migrations.LATEST
    assert "99" in ei.value.text("nl") and "newer version" in ei.value.text("en")
    assert snapshot(data_dir) == before


def test_wrong_passphrase_timing_is_kdf_bound(data_dir, secrets):
    """Sanity: a wrong passphrase costs a KDF run and nothing else (no DB touched)."""
    _make(data_dir, secrets, records=1)
    t0 = time.perf_counter()
    with pytest.raises(errors.WrongPassphrase):
        Store.open(data_dir, "nope nope nope", secrets=secrets)
    assert time.perf_counter() - t0 < 5


def test_damage_with_a_crash_wal_leaves_every_byte(tmp_path):
    """A WAL left by SIGKILL is not folded into a damaged database by the failed unlock."""

    data = tmp_path / "data"
    ring = tmp_path / "ring.json"
    secrets = TestFileSecretStore(ring)
    _make(data, secrets)
    proc = subprocess.Popen(child_cmd("writes", str(data), PASS), stdout=subprocess.PIPE,
                            env=child_env(SIGNAAL_TEST_KEYRING=str(ring)))
    assert proc.stdout.readline().strip() == b"ready"
    for _ in range(20):
        proc.stdout.readline()
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert (data / "store.db-wal").stat().st_size > 0
    size = (data / "store.db").stat().st_size
    _flip(data / "store.db", 4096 * (size // 4096 // 2) + 77)
    before = snapshot(data)
    with pytest.raises(errors.StoreDamaged):
        Store.open(data, PASS, secrets=secrets)
    after = snapshot(data)
    assert set(after) == set(before)
    # -shm is SQLite's shared-memory WAL index, rebuilt by any reader; it holds no page content.
    for name in ("store.db", "store.db-wal", "store.key", "store.attempts"):
        assert after[name] == before[name], name


def test_damage_found_during_an_operation_is_store_damaged(data_dir, secrets, monkeypatch):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    try:
        real = s._conn

        class Broken:
            def execute(self, *a, **k):
                raise db.driver.DatabaseError("file is not a database")

        s._conn = Broken()
        with pytest.raises(errors.StoreDamaged):
            s.list_records()
        with pytest.raises(errors.StoreDamaged):
            s.get("x")
    finally:
        s._conn = real
        s.close()


def test_flipped_key_file_byte_is_damage(data_dir, secrets):
    _make(data_dir, secrets, records=1)
    raw = bytearray((data_dir / "store.key").read_bytes())
    i = raw.index(b'"wrapped_key": "') + 20
    raw[i] = ord("A") if raw[i] != ord("A") else ord("B")
    (data_dir / "store.key").write_bytes(bytes(raw))
    with pytest.raises(errors.StoreDamaged):
        Store.open(data_dir, PASS, secrets=secrets)
    assert throttle.read(data_dir / "store.attempts")[0] == 0  # not counted as a wrong passphrase


def test_no_installed_module_can_switch_to_a_test_keyring_or_a_fault():
    """Test-only backends and fault switches live in tests; nothing the app or receiver ships reads them."""
    root = Path(__file__).resolve().parents[2]
    readers = []
    for package in ("desktop", "forms", "sync"):
        for path in (root / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if ("SIGNAAL_TEST_" in text or re.search(r"SIGNAAL_\w*FAULT", text)
                    or "TestFileSecretStore" in text):
                readers.append(str(path.relative_to(root)))
    assert readers == []
