"""A passphrase change re-keys the store: an old key file with the old passphrase opens nothing
written after the change (issue 16, R10). Real SQLCipher files on disk."""

from __future__ import annotations

import pytest

from desktop.core.store import Store, db, errors, keys, rekey

from .conftest import PASS, raw_connect

NEW = "een heel andere wachtwoordzin"


def _data_key(data_dir, passphrase, secrets) -> bytes:
    kf = keys.KeyFile.parse((data_dir / "store.key").read_bytes())
    payload = keys.unwrap_outer(kf, passphrase)
    return keys.open_inner(payload, secrets.get(kf.device_secret_name)) if kf.device_secret_name else payload


@pytest.mark.parametrize("with_keyring", [True, False])
def test_old_key_file_and_old_passphrase_open_nothing_written_after(data_dir, secrets, with_keyring):
    chosen = secrets if with_keyring else keys.NoSecretStore("none")
    s = Store.create(data_dir, PASS, secrets=chosen, kdf="test")
    before = s.create_draft("f", 1, {"when": "before"}).id
    old_key_file = (data_dir / "store.key").read_bytes()
    old_data_key = _data_key(data_dir, PASS, secrets)
    s.change_passphrase(PASS, NEW)
    after = s.create_draft("f", 1, {"when": "after"}).id
    assert s.get(before).answers == {"when": "before"}
    s.close()

    new_data_key = _data_key(data_dir, NEW, secrets)
    assert new_data_key != old_data_key, "a new random data key"
    new_key_file = (data_dir / "store.key").read_bytes()

    # The old key unlocks nothing in the database as it is now.
    with pytest.raises(errors.StoreDamaged):
        db.verify(data_dir / "store.db", old_data_key)
    # Someone puts the old key file back (from a backup) and types the old passphrase.
    (data_dir / "store.key").write_bytes(old_key_file)
    with pytest.raises(errors.StoreDamaged):
        Store.open(data_dir, PASS, secrets=chosen)
    with pytest.raises(errors.WrongPassphrase):
        Store.open(data_dir, NEW, secrets=chosen)

    # With the current key file, what was written before and after is there.
    (data_dir / "store.key").write_bytes(new_key_file)
    s = Store.open(data_dir, NEW, secrets=chosen)
    assert s.get(before).answers == {"when": "before"}
    assert s.get(after).answers == {"when": "after"}
    s.close()


def test_everything_is_there_after_a_rekey(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    ids = [s.create_draft("f", 1, {"i": i}, f"s{i}").id for i in range(50)]
    s.finalise(ids[0], {"i": 0}, "s0", {"sealed": "QUJD"}, sealed_rule=1)
    s.set_setting("lock_minutes", 7)
    s.delete_draft(ids[1])
    entries = s.verify_audit().entries
    s.change_passphrase(PASS, NEW)
    s.update_draft(ids[2], {"i": "changed"})  # the open store goes on working
    s.close()
    s = Store.open(data_dir, NEW, secrets=secrets)
    assert s.list_records(limit=1).total == 49
    assert s.get(ids[2]).answers == {"i": "changed"}
    assert s.get(ids[0]).envelope == {"sealed": "QUJD"}
    assert s.get_setting("lock_minutes") == 7
    check = s.verify_audit()
    assert check.ok and check.entries > entries
    events = [e.event for e in s.audit_entries(limit=5)]
    assert "passphrase.changed" in events
    assert s.integrity_check() == []
    assert s.keyring_status.in_use
    s.close()
    assert sorted(p.name for p in data_dir.iterdir()) == ["store.attempts", "store.db", "store.key",
                                                         "store.mark"]


def test_progress_is_reported(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    for i in range(30):
        s.create_draft("f", 1, {"i": i})
    seen: list[tuple[int, int]] = []
    s.change_passphrase(PASS, NEW, progress=lambda done, total: seen.append((done, total)))
    s.close()
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] > 30  # records, audit, settings, …
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_crash_between_the_two_renames_finishes_the_change(data_dir, secrets, monkeypatch):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    rid = s.create_draft("f", 1, {"a": 1}).id
    real_replace = rekey.os.replace

    def crash_on_key(src, dst):
        if str(src).endswith(rekey.NEW_KEY):
            raise KeyboardInterrupt("simulated crash")
        real_replace(src, dst)

    monkeypatch.setattr(rekey.os, "replace", crash_on_key)
    with pytest.raises(KeyboardInterrupt):
        s.change_passphrase(PASS, NEW)
    monkeypatch.setattr(rekey.os, "replace", real_replace)
    assert (data_dir / rekey.NEW_KEY).exists() and not (data_dir / rekey.NEW_DB).exists()
    with pytest.raises(errors.WrongPassphrase):
        Store.open(data_dir, PASS, secrets=secrets)  # the database was switched: old is gone
    s = Store.open(data_dir, NEW, secrets=secrets)
    assert s.get(rid).answers == {"a": 1}
    s.close()
    assert not list(data_dir.glob("*.rekey*"))


def test_a_crash_before_the_switch_keeps_the_old_passphrase(data_dir, secrets, monkeypatch):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    rid = s.create_draft("f", 1, {"a": 1}).id

    real_replace = rekey.os.replace

    def crash_on_db(src, dst):
        if str(src).endswith(rekey.NEW_DB):  # the commit point is never reached
            raise KeyboardInterrupt("simulated crash")
        real_replace(src, dst)

    monkeypatch.setattr(rekey.os, "replace", crash_on_db)
    with pytest.raises(KeyboardInterrupt):
        s.change_passphrase(PASS, NEW)
    monkeypatch.undo()
    assert (data_dir / rekey.NEW_DB).exists() and (data_dir / rekey.NEW_KEY).exists()
    s = Store.open(data_dir, PASS, secrets=secrets)
    assert s.get(rid).answers == {"a": 1}
    s.close()
    assert not list(data_dir.glob("*.rekey*"))


def test_store_open_elsewhere_is_not_rekeyed(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    rid = s.create_draft("f", 1, {"a": 1}).id
    other, _ = raw_connect(data_dir, PASS, secrets)  # e.g. a second Signaal process
    other.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
    with pytest.raises(errors.StoreBusy) as ei:
        s.change_passphrase(PASS, NEW)
    assert "oude wachtwoordzin blijft geldig" in ei.value.text("nl")
    assert s.get(rid).answers == {"a": 1}  # still usable, on the old key
    other.close()
    s.close()
    Store.open(data_dir, PASS, secrets=secrets).close()
    assert not list(data_dir.glob("*.rekey*"))


def test_wrong_old_passphrase_changes_nothing(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    key_before = (data_dir / "store.key").read_bytes()
    with pytest.raises(errors.WrongPassphrase):
        s.change_passphrase("niet de goede wachtwoordzin", NEW)
    s.close()
    assert (data_dir / "store.key").read_bytes() == key_before
    assert not list(data_dir.glob("*.rekey*"))
