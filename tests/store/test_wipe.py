"""Panic wipe ("Alles wissen"): key material first, then the files; afterwards nothing opens."""

from __future__ import annotations

import os
import shutil

import pytest

from desktop.core import delivery, spool
from desktop.core import wipe as wipe_mod
from desktop.core.store import Store, errors, keys
from desktop.core.wipe import WIPE_PHRASE, wipe
from tests.support.keyrings import TestFileSecretStore

from .conftest import PASS


def _full_store(tmp_path):
    data = tmp_path / "data"
    keyring = TestFileSecretStore(tmp_path / "keyring.json")
    s = Store.create(data, PASS, secrets=keyring, kdf="test")
    for i in range(10):
        s.create_draft("f", 1, {"naam": f"persoon {i}"})
    keyring.set(f"delivery-token:{s.id}", "token-value")
    keyring.set(f"delivery-spool:{s.id}", "spool-key")
    keyring.set("store-someone-else", "not ours")
    (data / "spool").mkdir(mode=0o700)
    (data / "spool" / "x.env").write_bytes(b"sealed")
    return data, keyring, s


def _opens(data, keyring) -> bool:
    try:
        Store.open(data, PASS, secrets=keyring).close()
    except errors.StoreError:
        return False
    return True


def test_wipe_leaves_nothing_that_opens(tmp_path):
    data, keyring, s = _full_store(tmp_path)
    sid = s.id
    report = wipe(data, confirm=WIPE_PHRASE, secrets=keyring, store=s)
    assert report.complete and report.folder_removed and report.key_files_destroyed == 1
    assert report.keyring_entries_removed == 3
    assert s.closed
    assert not data.exists()
    assert not any(sid in name for name in keyring._load()), "no entry of this store is left"
    assert keyring.get("store-someone-else") == "not ours"
    with pytest.raises(errors.NoStore):
        Store.open(data, PASS, secrets=keyring)
    assert "niet ongedaan" in report.text("nl") and "cannot be undone" in report.text("en")
    assert "USB" in report.text("nl")


def test_key_material_goes_first_so_a_failed_removal_still_opens_nothing(tmp_path, monkeypatch):
    data, keyring, s = _full_store(tmp_path)
    s.close()
    old_key_file = (data / "store.key").read_bytes()
    # Removing the files fails (a disk error, the laptop switched off half-way).
    monkeypatch.setattr(wipe_mod, "_remove_tree", lambda folder: ["store.db"])
    report = wipe(data, confirm=WIPE_PHRASE, secrets=keyring)
    assert not report.complete and report.leftovers == ["store.db"]
    assert "niet meer worden geopend" in report.text("nl")
    assert (data / "store.db").exists() and not (data / "store.key").exists()
    assert not _opens(data, keyring)
    # Even someone who kept a copy of the old key file and knows the passphrase: the device
    # secret is gone from the keyring.
    (data / "store.key").write_bytes(old_key_file)
    with pytest.raises(errors.DeviceSecretMissing):
        Store.open(data, PASS, secrets=keyring)


def test_key_file_is_overwritten_before_it_is_removed(tmp_path, monkeypatch):
    data, keyring, s = _full_store(tmp_path)
    s.close()
    seen: list[bytes] = []
    real_unlink = os.unlink

    def spy(path, *a, **kw):
        if str(path).endswith("store.key"):
            with open(path, "rb") as fh:
                seen.append(fh.read())
        return real_unlink(path, *a, **kw)

    original = (data / "store.key").read_bytes()
    monkeypatch.setattr(os, "unlink", spy)
    wipe(data, confirm=WIPE_PHRASE, secrets=keyring)
    assert seen and seen[0] != original and len(seen[0]) == len(original)


def test_damaged_and_replaced_copies_and_unfinished_rekeys_are_wiped_too(tmp_path):
    data, keyring, s = _full_store(tmp_path)
    s.close()
    copy = data / "damaged-0123456789ab"
    copy.mkdir(mode=0o700)
    for name in ("store.db", "store.key"):
        shutil.copyfile(data / name, copy / name)
    shutil.copyfile(data / "store.key", data / "store.key.rekey")
    aside = data / "replaced-20261128T000000000000Z"  # a store a restored backup replaced
    aside.mkdir(mode=0o700)
    shutil.copyfile(data / "store.key", aside / "store.key")
    report = wipe(data, confirm=WIPE_PHRASE, secrets=keyring)
    assert report.key_files_destroyed == 4 and report.complete and not data.exists()


def test_without_the_phrase_nothing_is_touched(tmp_path):
    data, keyring, s = _full_store(tmp_path)
    s.close()
    for wrong in ("", "alles wissen", "DELETE", WIPE_PHRASE + " "):
        with pytest.raises(errors.ConfirmationRequired):
            wipe(data, confirm=wrong, secrets=keyring)
    assert _opens(data, keyring)


def test_a_store_without_keyring_is_wiped(tmp_path):
    data = tmp_path / "data"
    Store.create(data, PASS, secrets=keys.NoSecretStore("none"), kdf="test").close()
    report = wipe(data, confirm=WIPE_PHRASE, secrets=keys.NoSecretStore("none"))
    assert report.complete and not data.exists()


def test_the_keyring_names_match_delivery_and_spool():
    assert wipe_mod.TOKEN_PREFIX == delivery.TOKEN_SECRET_NAME
    assert f"{wipe_mod.SPOOL_PREFIX}:abc" == spool.secret_name("abc")
