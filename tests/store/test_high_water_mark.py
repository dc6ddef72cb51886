"""R31: a lost acknowledged write is detected at open, the damaged files are kept, and the user can
go on with what is there. Real writer processes killed with SIGKILL, real files on disk."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys

import pytest

from desktop.core.store import Store, errors
from desktop.core.store import mark as hwm
from desktop.core.store.store import audit_hash
from tests.support.keyrings import TestFileSecretStore

from .conftest import PASS, child_cmd, child_env, raw_connect, snapshot

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

FRAME = 24 + 4096  # WAL frame header + one 4 KiB page
WAL_HEADER = 32


def _killed_writer(tmp_path, min_acks: int = 40):
    """A store written by a child process that is SIGKILLed after ``min_acks`` acknowledged writes.

    Returns (data dir, secrets, acknowledged draft ids). The WAL still holds the latest commits.
    """
    data = tmp_path / "data"
    keyring_file = tmp_path / "keyring.json"
    secrets = TestFileSecretStore(keyring_file)
    Store.create(data, PASS, secrets=secrets, kdf="test").close()
    env = child_env(SIGNAAL_TEST_KEYRING=str(keyring_file))
    proc = subprocess.Popen(child_cmd("writes", str(data), PASS), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, bufsize=0)
    assert proc.stdout.readline().decode().strip() == "ready", proc.stderr.read().decode()[-2000:]
    acked: set[str] = set()
    while len(acked) < min_acks:
        kind, rid, _n = proc.stdout.readline().decode().split()
        if kind == "C":
            acked.add(rid)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert (data / "store.db-wal").stat().st_size > WAL_HEADER, "the WAL must hold the recent writes"
    return data, secrets, acked


def _present(data, secrets, ids) -> set[str]:
    s = Store.open(data, PASS, secrets=secrets, accept_loss=True)
    try:
        return {rid for rid in ids if _exists(s, rid)}
    finally:
        s.close()


def _exists(store, rid) -> bool:
    try:
        store.get(rid)
    except errors.RecordNotFound:
        return False
    return True


def _no_shm(files: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in files.items() if not k.endswith("-shm") and not k.startswith("damaged-")}


def _check_copy(data, name: str) -> None:
    copy = data / name
    assert copy.is_dir() and copy.parent == data
    assert stat.S_IMODE(copy.stat().st_mode) == 0o700
    assert {"store.db", "store.key", "store.mark"} <= {p.name for p in copy.iterdir()}
    for p in copy.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600


def test_deleted_wal_after_a_killed_writer_is_detected_and_the_copy_kept(tmp_path):
    data, secrets, acked = _killed_writer(tmp_path)
    (data / "store.db-wal").unlink()
    before = snapshot(data)
    with pytest.raises(errors.WritesMissing) as ei:
        Store.open(data, PASS, secrets=secrets)
    err = ei.value
    assert err.code == "writes_missing" and err.missing > 0
    assert f"{err.missing} opgeslagen wijziging" in err.text("nl")
    assert f"{err.missing} saved change" in err.text("en")
    assert err.copy_name in err.text("nl") and err.copy_name.startswith("damaged-")
    # (-shm is SQLite's shared-memory index of the WAL, rebuilt by any reader; it holds no data.)
    after = snapshot(data)
    assert _no_shm(after) == _no_shm(before), "the failed open changed no store file"
    _check_copy(data, err.copy_name)
    assert snapshot(data / err.copy_name)["store.db"] == before["store.db"]
    # Trying again makes no second copy.
    with pytest.raises(errors.WritesMissing) as again:
        Store.open(data, PASS, secrets=secrets)
    assert again.value.copy_name == err.copy_name
    assert len([p for p in data.iterdir() if p.name.startswith("damaged-")]) == 1

    # The user goes on with what is there; the loss is in the audit log; the next open is clean.
    present = _present(data, secrets, acked)
    assert len(present) < len(acked), "deleting the WAL lost acknowledged drafts"
    assert len(acked) - len(present) <= err.missing
    s = Store.open(data, PASS, secrets=secrets)
    events = [e for e in s.audit_entries(limit=10) if e.event == "store.loss_accepted"]
    assert events and events[0].detail["missing"] == err.missing
    assert s.verify_audit().ok and s.integrity_check() == []
    s.close()


def test_flipped_byte_in_the_wal_is_detected_and_the_damaged_wal_kept(tmp_path):
    data, secrets, acked = _killed_writer(tmp_path)
    wal = data / "store.db-wal"
    frames = (wal.stat().st_size - WAL_HEADER) // FRAME
    assert frames > 20
    blob = bytearray(wal.read_bytes())
    blob[WAL_HEADER + (frames // 2) * FRAME + 24 + 1000] ^= 0x01  # inside a page in the middle
    wal.write_bytes(bytes(blob))
    damaged = snapshot(data)
    with pytest.raises(errors.WritesMissing) as ei:
        Store.open(data, PASS, secrets=secrets)
    assert ei.value.missing > 0
    assert _no_shm(snapshot(data)) == _no_shm(damaged), "SQLite must not have reset the damaged WAL"
    kept = snapshot(data / ei.value.copy_name)
    assert kept["store.db-wal"] == damaged["store.db-wal"], "the damaged WAL itself is kept"
    present = _present(data, secrets, acked)
    assert len(present) < len(acked)


def test_a_copy_of_only_store_db_is_detected(tmp_path, secrets):
    data = tmp_path / "data"
    s = Store.create(data, PASS, secrets=secrets, kdf="test")
    for i in range(30):
        s.create_draft("f", 1, {"i": i})
    backup = tmp_path / "store.db.copy"
    shutil.copyfile(data / "store.db", backup)  # a tool that takes only store.db, WAL not included
    for i in range(30):
        s.create_draft("f", 1, {"i": 100 + i})
    s.close()
    shutil.copyfile(backup, data / "store.db")  # ... and that copy is put back
    with pytest.raises(errors.WritesMissing) as ei:
        Store.open(data, PASS, secrets=secrets)
    assert ei.value.missing >= 30


@pytest.mark.parametrize("cut", [3, "all"])
def test_audit_tail_cut_off_or_emptied_is_detected(data_dir, secrets, cut):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    for i in range(6):
        s.create_draft("f", 1, {"i": i})
    total = s.verify_audit().entries
    s.close()
    conn, _ = raw_connect(data_dir, PASS, secrets)
    conn.execute("DROP TRIGGER audit_no_delete")
    if cut == "all":
        conn.execute("DELETE FROM audit")
    else:
        conn.execute("DELETE FROM audit WHERE seq > ?", (total - cut,))
    conn.close()
    with pytest.raises(errors.WritesMissing) as ei:
        Store.open(data_dir, PASS, secrets=secrets)
    expected = total if cut == "all" else cut
    assert ei.value.audit_missing == expected
    assert f"laatste {expected} regel(s) van het logboek" in ei.value.text("nl")


def test_a_rewritten_last_audit_entry_is_detected(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    s.create_draft("f", 1, {})
    s.close()
    conn, _ = raw_connect(data_dir, PASS, secrets)
    conn.execute("DROP TRIGGER audit_no_update")
    seq, at, rid, detail, prev = conn.execute(
        "SELECT seq, at, record_id, detail, prev_hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    conn.execute("UPDATE audit SET event = 'store.other', hash = ? WHERE seq = ?",
                 (audit_hash(prev, seq, at, "store.other", rid, detail), seq))
    conn.close()
    with pytest.raises(errors.WritesMissing) as ei:
        Store.open(data_dir, PASS, secrets=secrets)
    assert ei.value.audit_rewritten and "logboek is gewijzigd" in ei.value.text("nl")


def test_a_damaged_mark_is_reported_and_can_be_accepted(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    rid = s.create_draft("f", 1, {"a": 1}).id
    s.close()
    (data_dir / "store.mark").write_bytes(os.urandom(256))
    with pytest.raises(errors.WritesMissing) as ei:
        Store.open(data_dir, PASS, secrets=secrets)
    assert ei.value.mark_damaged and ei.value.missing == 0
    assert "niet meer nagaan" in ei.value.text("nl")
    s = Store.open(data_dir, PASS, secrets=secrets, accept_loss=True)
    assert s.get(rid).answers == {"a": 1}
    s.close()
    Store.open(data_dir, PASS, secrets=secrets).close()


def test_a_clean_kill_is_not_a_false_alarm(tmp_path):
    data, secrets, acked = _killed_writer(tmp_path, min_acks=25)
    s = Store.open(data, PASS, secrets=secrets)  # no WritesMissing: nothing was lost
    assert all(_exists(s, rid) for rid in acked)
    s.close()
    assert not [p for p in data.iterdir() if p.name.startswith("damaged-")]


def test_every_write_moves_the_mark(store):
    path = store.data_dir / "store.mark"
    _, key = hwm.database_state(store._conn)

    def state():
        found = hwm.read(path, store.id, key)
        assert found is not None
        return found

    start = state()
    rid = store.create_draft("f", 1, {}).id  # audited: marked by the new head of the audit log
    assert state().commits == start.commits and state().audit_seq == start.audit_seq + 1
    store.update_draft(rid, {"a": 1})  # an autosave: named in the mark, not counted
    assert state().commits == start.commits and state().touch_id == rid
    store.set_setting("x", 1)  # not audited: counted
    assert state().commits == start.commits + 1 and state().touch_id is None
    store.finalise(rid, {"a": 1}, "", None)
    store.outbox_note_failure(rid, "offline")
    assert state().commits == start.commits + 2 and state().audit_seq == start.audit_seq + 2
    db_state = hwm.database_state(store._conn)[0]
    assert (db_state.commits, db_state.audit_seq, db_state.audit_hash) == (
        state().commits, state().audit_seq, state().audit_hash)


def test_verify_audit_notices_a_tail_cut_off_while_the_store_is_open(store):
    for i in range(5):
        store.create_draft("f", 1, {"i": i})
    total = store.verify_audit().entries
    store._conn.execute("DROP TRIGGER audit_no_delete")
    store._conn.execute("DELETE FROM audit WHERE seq > ?", (total - 2,))
    check = store.verify_audit()
    assert not check.ok and check.first_broken == total - 1 and check.missing_tail == 2


def test_a_damaged_counter_row_is_reported_not_a_crash(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    rid = s.create_draft("f", 1, {"a": 1}).id
    s.close()
    conn, _ = raw_connect(data_dir, PASS, secrets)
    conn.execute("UPDATE hwm SET mark_key = 'not hex'")
    conn.close()
    with pytest.raises(errors.WritesMissing) as ei:
        Store.open(data_dir, PASS, secrets=secrets)
    assert ei.value.mark_damaged
    s = Store.open(data_dir, PASS, secrets=secrets, accept_loss=True)
    assert s.get(rid).answers == {"a": 1}
    s.create_draft("f", 1, {})
    s.close()
    Store.open(data_dir, PASS, secrets=secrets).close()  # repaired: the next open is clean


def test_losing_only_the_last_autosave_is_detected(tmp_path, secrets):
    """Autosaves are not counted (they would pay a second page per write); the mark names the
    last one instead. A copy taken without the WAL right after an autosave lost exactly that."""
    data = tmp_path / "data"
    s = Store.create(data, PASS, secrets=secrets, kdf="test")
    rid = s.create_draft("f", 1, {"tekst": "eerste versie"}).id
    s.checkpoint()  # everything so far is in store.db itself
    s.update_draft(rid, {"tekst": "tweede versie"})  # only in the WAL
    copy = tmp_path / "copy"
    copy.mkdir(mode=0o700)
    for name in ("store.db", "store.key", "store.mark", "store.attempts"):
        shutil.copyfile(data / name, copy / name)  # a tool that leaves the WAL behind
    s.close()
    with pytest.raises(errors.WritesMissing) as ei:
        Store.open(copy, PASS, secrets=secrets)
    assert ei.value.autosave_missing and ei.value.missing == 0
    assert "automatisch opgeslagen" in ei.value.text("nl") and "automatically saved" in ei.value.text("en")
    s = Store.open(copy, PASS, secrets=secrets, accept_loss=True)
    assert s.get(rid).answers == {"tekst": "eerste versie"}
    s.close()
    # The original, with its WAL, opens without a word and has the second version.
    s = Store.open(data, PASS, secrets=secrets)
    assert s.get(rid).answers == {"tekst": "tweede versie"}
    s.close()


def test_an_autosave_followed_by_a_counted_write_needs_no_touch(store):
    rid = store.create_draft("f", 1, {}).id
    store.update_draft(rid, {"a": 1})
    _, key = hwm.database_state(store._conn)
    assert hwm.read(store.data_dir / "store.mark", store.id, key).touch_id == rid
    store.set_setting("x", 1)
    assert hwm.read(store.data_dir / "store.mark", store.id, key).touch_id is None


def test_a_deleted_mark_is_made_again_and_recorded(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    s.set_setting("x", 1)
    s.close()
    (data_dir / "store.mark").unlink()
    s = Store.open(data_dir, PASS, secrets=secrets)  # nothing to compare with: said in the log
    assert any(e.event == "mark.recreated" for e in s.audit_entries(limit=5))
    s.close()
    assert oct((data_dir / "store.mark").stat().st_mode & 0o777) == "0o600"
    Store.open(data_dir, PASS, secrets=secrets).close()
