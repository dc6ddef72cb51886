"""CoMensha's sealing key pair inside the desk.

At first start the registrar imports the offline key file that ``signaal-receiver init`` wrote
(``sync.receiver.config.read_private_key`` reads it: one reader for both tools); the private key
is kept in the desk's encrypted store (setting ``sealing.private_key``) and from then on reports
and triage events are opened locally. The receiver never holds it. The file itself is not
changed or deleted by the desk: the registrar keeps it offline as the backup of the key.
"""

from __future__ import annotations

from pathlib import Path

import nacl.public

from sync.receiver.config import ConfigError, read_private_key

from .errors import KeyFileUnreadable, KeyMissing
from .store import DeskStore

PRIVATE_KEY = "sealing.private_key"


def read_key_file(path: Path) -> bytes:
    """The private key in the key file at ``path``; :class:`KeyFileUnreadable` when it is not one."""
    try:
        return read_private_key(Path(path))
    except ConfigError:
        raise KeyFileUnreadable() from None


def import_key_file(store: DeskStore, path: Path) -> bytes:
    """Read the key file at ``path`` and keep its private key in ``store``; returns the public key.

    Raises :class:`KeyFileUnreadable` for a file that is not a sealing key file.
    """
    return keep(store, read_key_file(path))


def keep(store: DeskStore, private: bytes) -> bytes:
    """Keep ``private`` in the encrypted store; returns its public key."""
    with store.tx() as c:
        store.set_setting(PRIVATE_KEY, private.hex(), c)
        store.log_event("sealing_key.imported", {"public_key": public_key_of(private).hex()[:16]}, c)
    return public_key_of(private)


def public_key_of(private: bytes) -> bytes:
    return bytes(nacl.public.PrivateKey(private).public_key)


def has_key(store: DeskStore) -> bool:
    return isinstance(store.get_setting(PRIVATE_KEY), str)


def private_key(store: DeskStore) -> bytes:
    value = store.get_setting(PRIVATE_KEY)
    if not isinstance(value, str):
        raise KeyMissing()
    return bytes.fromhex(value)


def public_key(store: DeskStore) -> bytes:
    return public_key_of(private_key(store))
