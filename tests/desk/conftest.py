from __future__ import annotations

import nacl.signing
import pytest

from desk.core.store import DeskStore
from tests.receiver.conftest import pg_base  # noqa: F401 - the PostgreSQL server fixture (SIGNAAL_TEST_PG)
from tests.support.desk import Device, OrderingLog, enrol_offline, new_desk, receiver_keys


@pytest.fixture
def keys(tmp_path):
    """(key file, sealing public key, receipt signing key) of a receiver made by 'init'."""
    return receiver_keys(tmp_path / "comensha")


@pytest.fixture
def log(keys):
    return OrderingLog(keys[2])


@pytest.fixture
def devices():
    return {org: Device(f"dev_{i:016x}", nacl.signing.SigningKey.generate(), org)
            for i, org in enumerate(("COA Ter Apel", "NLA Utrecht", "Ziekenhuis Zwolle"), start=1)}


@pytest.fixture
def make_desk(tmp_path, keys, log):
    """make_desk(name) -> (store, api): an enrolled desk on the in-memory ordering log."""
    made: list[DeskStore] = []

    def make(name: str, registrar_id: str | None = None):
        store = new_desk(tmp_path / f"desk-{name}", keys[0])
        rid = registrar_id or f"reg_{len(made) + 1:016x}"
        prepared = enrol_offline(store, rid, name, keys[1], bytes(keys[2].verify_key))
        made.append(store)
        return store, log.api(rid, prepared.public_key)

    yield make
    for s in made:
        s.close()
