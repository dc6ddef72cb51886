"""The store with a real Secret Service (gnome-keyring under dbus-run-session; scripts/test.sh)."""

from __future__ import annotations

import os

import keyring
import pytest

from desktop.core.store import Store, errors, keys

from .conftest import PASS, snapshot

pytestmark = [
    pytest.mark.keyring,
    pytest.mark.skipif(not os.environ.get("SIGNAAL_TEST_SECRET_SERVICE"),
                       reason="needs SIGNAAL_TEST_SECRET_SERVICE=1 (a Secret Service session)"),
]


def test_secret_service_round_trip(data_dir, fresh_keyring):
    fresh_keyring("keyring.backends.SecretService.Keyring")
    s = Store.create(data_dir, PASS, kdf="test")
    status = s.keyring_status
    assert status == type(status)("keyring.backends.SecretService.Keyring", True, True)
    sid = s.id
    s.create_draft("f", 1, {"a": 1})
    s.close()
    name = keys.device_secret_name(sid)
    assert keys.is_raw_key_hex(keyring.get_password(keys.KEYRING_SERVICE, name))
    s = Store.open(data_dir, PASS)
    assert s.keyring_status.in_use
    s.close()

    saved = keyring.get_password(keys.KEYRING_SERVICE, name)
    keyring.delete_password(keys.KEYRING_SERVICE, name)
    before = snapshot(data_dir)
    with pytest.raises(errors.DeviceSecretMissing):
        Store.open(data_dir, PASS)
    assert snapshot(data_dir) == before
    keyring.set_password(keys.KEYRING_SERVICE, name, saved)

    Store.destroy(data_dir, confirm=Store.destroy_phrase(data_dir))
    assert keyring.get_password(keys.KEYRING_SERVICE, name) is None
