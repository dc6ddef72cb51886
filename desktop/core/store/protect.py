"""How a store's data key is protected, shared by the field app's store and the desk's store.

A new data key is sealed with a device secret kept in the OS keyring when there is an acceptable
one (so a copied folder does not open elsewhere), then wrapped with the passphrase (Argon2id);
without a keyring, the passphrase alone. Unlocking undoes the two layers in the same order. One
implementation, so the two stores cannot drift apart in what they check.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass

from . import errors, keys

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewKey:
    data_key: bytes
    key_file: keys.KeyFile
    secret_name: str | None  # the keyring entry holding the device secret, None: passphrase alone


def new_key(store_id: str, passphrase: str, kdf: str, chosen: keys.SecretStore, created_at: str) -> NewKey:
    """A fresh data key and the key file that protects it (nothing written to disk yet; the
    keyring entry, when used, is; :func:`forget` removes it when creation fails)."""
    opslimit, memlimit = keys.KDF_PROFILES[kdf]
    data_key = keys.new_key()
    secret_name: str | None = None
    payload = data_key
    if chosen.acceptable:
        secret_name = keys.device_secret_name(store_id)
        device_secret = keys.new_key().hex()
        try:
            chosen.set(secret_name, device_secret)
            if chosen.get(secret_name) != device_secret:
                raise RuntimeError("keyring did not keep the secret")
            payload = keys.seal_inner(data_key, device_secret)
        except Exception as exc:  # any keyring failure: fall back to the passphrase alone, said in the log
            log.warning("keyring %s refused the device secret (%s): passphrase alone",
                        chosen.backend, type(exc).__name__)
            forget(chosen, secret_name)
            secret_name, payload = None, data_key
    salt, wrapped = keys.wrap(payload, passphrase, opslimit, memlimit)
    kf = keys.KeyFile(store_id, salt, opslimit, memlimit, secret_name, wrapped, created_at,
                      chosen.backend if secret_name else None)
    return NewKey(data_key, kf, secret_name)


def forget(chosen: keys.SecretStore, secret_name: str | None) -> None:
    """Remove a keyring entry made for a store that did not come to be (best effort: the entry
    alone opens nothing)."""
    if secret_name:
        with contextlib.suppress(Exception):
            chosen.delete(secret_name)


def data_key(kf: keys.KeyFile, payload: bytes, chosen: keys.SecretStore) -> bytes:
    """The data key from the passphrase-unwrapped ``payload``: the keyring's device secret opens
    the inner layer when the key file names one.

    Raises KeyringUnavailable, DeviceSecretMissing, StoreDamaged (a key of the wrong size).
    """
    if kf.device_secret_name:
        if not chosen.acceptable:
            raise errors.KeyringUnavailable(f"no acceptable keyring ({chosen.backend})")
        try:
            secret = chosen.get(kf.device_secret_name)
        except Exception as exc:
            raise errors.KeyringUnavailable(f"keyring error: {type(exc).__name__}") from None
        if secret is None:
            raise errors.DeviceSecretMissing("no entry for this store in the keyring")
        key = keys.open_inner(payload, secret)
    else:
        key = payload
    if len(key) != 32:
        raise errors.StoreDamaged("unwrapped key has the wrong size")
    return key
