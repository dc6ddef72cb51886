from __future__ import annotations

import nacl.signing
import pytest
from PySide6.QtWidgets import QApplication

from desk.core import exchange
from desk.core.store import DeskStore
from desk.ui.window import DeskWindow
from desktop import i18n
from desktop.core.store.keys import MemorySecretStore
from tests.receiver.conftest import pg_base  # noqa: F401 - the PostgreSQL server fixture (SIGNAAL_TEST_PG)
from tests.support.desk import Device, OrderingLog, enrol_offline, new_desk, receiver_keys, sealed_report


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


@pytest.fixture
def secrets():
    return MemorySecretStore()


@pytest.fixture
def seeded(tmp_path, keys, log, devices, secrets):
    """A desk store with six reports (two per form), one quarantined envelope, and an enrolment
    whose receiver does not answer. Returns (data dir, report ids newest first)."""
    folder = tmp_path / "desk"
    store = new_desk(folder, keys[0], secrets)
    prepared = enrol_offline(store, "reg_00000000000000aa", "Anna de Vries", keys[1],
                             bytes(keys[2].verify_key))
    ids = []
    alike = {"nationality": ["NL"], "gender": "female", "age_years": 20}
    for i, dev in enumerate(list(devices.values()) * 2):
        form_id = ("coa", "nla", "zorg")[i % 3]
        extra = alike if form_id == "coa" else {}   # reports 0 and 3: possibly the same person
        ids.append(log.add_envelope(sealed_report(dev, keys[1], form_id, i=i, **extra), dev).envelope["id"])
    log.add_envelope({**sealed_report(dev, keys[1], "coa"), "sha256": "0" * 64}, dev)   # quarantined
    api = log.api("reg_00000000000000aa", prepared.public_key)
    exchange.exchange(store, api)
    store.close()
    return folder, list(reversed(ids)), (ids[0], ids[3])


@pytest.fixture
def window(qtbot, seeded, secrets):
    made = []

    def make(folder=None):
        w = DeskWindow(folder or seeded[0], secrets=secrets, kdf="test")
        w.resize(1400, 860)
        w.show()
        made.append(w)
        return w

    yield make
    for w in made:
        w.close()
        assert not w.worker.running
    QApplication.processEvents()
    i18n.set_language("nl")
