"""Schema migrations: frozen fixture of v1 still opens; steps run in one transaction."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core.store import Store, errors, keys, migrations
from forms import MINIMISATION_RULE

from .conftest import PASS, raw_connect

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "store"
FIXTURE_PASS = "fixture passphrase v1 — niet geheim"


def _ids(folder: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in (folder / "ids.txt").read_text().split())


FROZEN = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name.startswith("v"))


def test_there_is_a_fixture_for_every_released_version():
    assert [f"v{m.version}" for m in migrations.MIGRATIONS] == FROZEN


@pytest.mark.parametrize("version", FROZEN)
def test_frozen_fixture_opens_with_current_code(tmp_path, version):
    src = FIXTURES / version
    data = tmp_path / "data"
    shutil.copytree(src, data)
    (data / "ids.txt").unlink()
    ids = _ids(src)
    s = Store.open(data, FIXTURE_PASS, secrets=keys.MemorySecretStore())
    try:
        assert s.get(ids["draft"]).answers == {"locatie": "azc-test", "aantal": 2}
        assert s.get(ids["final"]).state == "final"
        if int(version[1:]) < 3 or MINIMISATION_RULE > 1:  # v3 was sealed under rule 1
            # Sealed before the minimisation rule was recorded: still queued, but never handed out
            # until it is sealed again with only what consent allows (desktop.core.delivery.reseal_outdated).
            assert [r.id for r in s.outbox_sealed_before(MINIMISATION_RULE)] == [ids["final"]]
            assert s.outbox_count() == 0 and s.outbox_batch(10) == []
        else:
            assert s.outbox_sealed_before(MINIMISATION_RULE) == [] and s.outbox_count() == 1
        assert s.get(ids["sent"]).receipt == {"receipt_id": "r-1", "signature": "c2ln"}
        purged = s.get(ids["purged"])
        assert purged.state == "purged" and purged.answers is None and purged.receipt == {"receipt_id": "r-2"}
        assert s.get_setting("lock_minutes") == 5
        assert s.verify_audit().ok
        assert s.integrity_check() == []
        assert s._conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
        indexes = {r[0] for r in s._conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "records_list" in indexes and "records_by_updated" not in indexes  # v2
        assert "records_by_state_updated" not in indexes
        assert s.list_records(search="NLA").total == 1
    finally:
        s.close()


def test_versions_must_increase():
    with pytest.raises(RuntimeError):
        migrations._check_order((migrations.Migration(2, ()), migrations.Migration(1, ())))


def test_steps_run_in_one_transaction(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    s.close()
    conn, _ = raw_connect(data_dir, PASS, secrets)
    try:
        steps = (*migrations.MIGRATIONS,
                 migrations.Migration(migrations.LATEST + 1, ("CREATE TABLE extra (x)",)),
                 migrations.Migration(migrations.LATEST + 2, ("CREATE TABLE extra (x)",)))  # fails
        with pytest.raises(Exception, match="already exists"):
            migrations.migrate(conn, steps)
        assert migrations.user_version(conn) == migrations.LATEST
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "extra" not in names  # the first new step was rolled back too
        good = (*migrations.MIGRATIONS,
                migrations.Migration(migrations.LATEST + 1, ("CREATE TABLE extra (x)",)))
        assert migrations.migrate(conn, good) == migrations.LATEST
        assert migrations.user_version(conn) == migrations.LATEST + 1
        with pytest.raises(errors.StoreFromFuture):
            migrations.migrate(conn)  # the released list now sees a future database
    finally:
        conn.close()
