"""A store made without an acceptable keyring adopts one that appears later (issue 16, R8, R23)."""

from __future__ import annotations

import shutil

import pytest

from desktop.core.store import Store, errors, keys
from tests.support.keyrings import TestFileSecretStore

from .conftest import PASS


class RefusingSecretStore(keys.MemorySecretStore):
    backend = "refusing"

    def set(self, name: str, value: str) -> None:
        raise OSError("keyring locked")


def _without_keyring(data_dir):
    s = Store.create(data_dir, PASS, secrets=keys.NoSecretStore("keyrings.alt.file.PlaintextKeyring"),
                     kdf="test")
    rid = s.create_draft("f", 1, {"a": 1}).id
    assert not s.keyring_status.in_use and not s.keyring_status.adoptable
    s.close()
    return rid


def test_a_keyring_that_appears_later_is_adopted(tmp_path):
    data = tmp_path / "data"
    rid = _without_keyring(data)
    keyring = TestFileSecretStore(tmp_path / "keyring.json")
    s = Store.open(data, PASS, secrets=keyring)
    assert s.keyring_status.adoptable, "the UI offers to adopt it"
    status = s.adopt_keyring(PASS)
    assert status.in_use and not status.adoptable and s.keyring_status == status
    assert s.get(rid).answers == {"a": 1}
    assert any(e.event == "keyring.adopted" for e in s.audit_entries(limit=5))
    s.close()
    kf = keys.KeyFile.parse((data / "store.key").read_bytes())
    assert kf.device_secret_name and keyring.get(kf.device_secret_name)

    # From now on the passphrase alone is not enough: R23 holds for this store too.
    with pytest.raises(errors.KeyringUnavailable):
        Store.open(data, PASS, secrets=keys.NoSecretStore("none"))
    copy = tmp_path / "copied"
    shutil.copytree(data, copy)
    with pytest.raises(errors.DeviceSecretMissing):
        Store.open(copy, PASS, secrets=TestFileSecretStore(tmp_path / "other-account.json"))
    s = Store.open(data, PASS, secrets=keyring)
    assert s.keyring_status.in_use and s.get(rid).answers == {"a": 1}
    # A passphrase change (re-key) keeps the device secret layer.
    s.change_passphrase(PASS, "nieuwe wachtwoordzin hier")
    s.close()
    with pytest.raises(errors.KeyringUnavailable):
        Store.open(data, "nieuwe wachtwoordzin hier", secrets=keys.NoSecretStore("none"))
    Store.open(data, "nieuwe wachtwoordzin hier", secrets=keyring).close()


def test_adoption_needs_the_passphrase_and_changes_nothing_without_it(tmp_path):
    data = tmp_path / "data"
    _without_keyring(data)
    keyring = keys.MemorySecretStore()
    s = Store.open(data, PASS, secrets=keyring)
    before = (data / "store.key").read_bytes()
    with pytest.raises(errors.WrongPassphrase):
        s.adopt_keyring("niet de goede wachtwoordzin")
    assert (data / "store.key").read_bytes() == before and keyring.values == {}
    assert not s.keyring_status.in_use
    s.close()


def test_a_keyring_that_refuses_leaves_the_store_as_it_was(tmp_path):
    data = tmp_path / "data"
    _without_keyring(data)
    s = Store.open(data, PASS, secrets=keys.NoSecretStore("none"))
    before = (data / "store.key").read_bytes()
    with pytest.raises(errors.KeyringUnavailable):
        s.adopt_keyring(PASS)  # no acceptable keyring at all
    with pytest.raises(errors.KeyringUnavailable):
        s.adopt_keyring(PASS, RefusingSecretStore())
    s.close()
    assert (data / "store.key").read_bytes() == before
    Store.open(data, PASS, secrets=keys.NoSecretStore("none")).close()


def test_a_store_already_using_a_keyring_is_left_alone(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    before = (data_dir / "store.key").read_bytes()
    assert s.adopt_keyring(PASS).in_use
    s.close()
    assert (data_dir / "store.key").read_bytes() == before
