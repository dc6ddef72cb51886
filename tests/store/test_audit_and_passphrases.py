"""Audit log tampering is caught; any passphrase round-trips; passphrase change basics."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from desktop.core.store import Store, errors, keys
from desktop.core.store.store import audit_hash
from forms import MINIMISATION_RULE

from .conftest import PASS, raw_connect


def _with_entries(store, n=6):
    ids = [store.create_draft("f", 1, {"i": i}).id for i in range(n)]
    store.audit("sync.started", detail={"count": n})
    return ids


def _drop_guards(conn):
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("DROP TRIGGER audit_no_delete")


def test_audit_is_append_only_through_sql(store):
    _with_entries(store)
    with pytest.raises(Exception, match="append-only"):
        store._conn.execute("UPDATE audit SET event = 'x' WHERE seq = 2")
    with pytest.raises(Exception, match="append-only"):
        store._conn.execute("DELETE FROM audit WHERE seq = 2")


def test_edited_audit_row_is_caught(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    _with_entries(s)
    assert s.verify_audit().ok
    s.close()
    conn, _ = raw_connect(data_dir, PASS, secrets)
    _drop_guards(conn)
    conn.execute("UPDATE audit SET event = 'draft.nothing' WHERE seq = 4")
    conn.close()
    s = Store.open(data_dir, PASS, secrets=secrets)
    check = s.verify_audit()
    assert not check.ok and check.first_broken == 4 and check.entries >= 4
    s.close()


def test_rehashed_audit_row_breaks_the_next_link(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    _with_entries(s)
    s.close()
    conn, _ = raw_connect(data_dir, PASS, secrets)
    _drop_guards(conn)
    seq, at, _event, rid, detail, prev = conn.execute(
        "SELECT seq, at, event, record_id, detail, prev_hash FROM audit WHERE seq = 3").fetchone()
    forged = audit_hash(prev, seq, at, "draft.other", rid, detail)
    conn.execute("UPDATE audit SET event = 'draft.other', hash = ? WHERE seq = 3", (forged,))
    conn.close()
    s = Store.open(data_dir, PASS, secrets=secrets)
    assert s.verify_audit().first_broken == 4
    s.close()


def test_deleted_audit_row_is_caught(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    _with_entries(s)
    s.close()
    conn, _ = raw_connect(data_dir, PASS, secrets)
    _drop_guards(conn)
    conn.execute("DELETE FROM audit WHERE seq = 5")
    conn.close()
    s = Store.open(data_dir, PASS, secrets=secrets)
    check = s.verify_audit()
    assert not check.ok and check.first_broken == 6
    s.close()


def test_audit_holds_no_answers(store):
    canary = "ANTWOORDCANARY"
    rec = store.create_draft("f", 1, {"q": canary}, canary)
    store.update_draft(rec.id, {"q": canary}, canary)
    store.finalise(rec.id, {"q": canary}, canary, {"sealed": canary}, sealed_rule=MINIMISATION_RULE)
    rows = store._conn.execute("SELECT * FROM audit").fetchall()
    assert canary not in repr(rows)


PIECES = st.sampled_from(["'", '"', ";", "\x00", "🐦", "e\u0301", "--", "x'00'", "\\", "\n", " ", "ß", "Ω"])
PASSPHRASES = st.lists(st.one_of(PIECES, st.characters(exclude_categories=("Cs",))),
                       min_size=10, max_size=1000).map("".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(passphrase=PASSPHRASES)
@example(passphrase="'; PRAGMA key = \"x'00'\"; --")
@example(passphrase="nul\x00tussen\x00woorden\x00")
@example(passphrase="🐦" * 1000)
def test_r5_any_passphrase_round_trips(passphrase):
    # Every passphrase the rules accept round-trips (the rules themselves: test_passphrase_rules.py).
    try:
        keys.check_passphrase(passphrase)
    except errors.PassphraseTooWeak:
        assume(False)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        secrets = keys.MemorySecretStore()
        Store.create(data, passphrase, secrets=secrets, kdf="test").close()
        with pytest.raises(errors.WrongPassphrase):
            Store.open(data, passphrase + "x", secrets=secrets)
        s = Store.open(data, passphrase, secrets=secrets)
        assert s.verify_audit().ok
        s.close()


def test_change_passphrase(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    rec = s.create_draft("f", 1, {"a": 1})
    with pytest.raises(errors.WrongPassphrase):
        s.change_passphrase("wrong old passphrase", "a brand new passphrase")
    with pytest.raises(errors.PassphraseTooWeak):
        s.change_passphrase(PASS, "short")
    s.change_passphrase(PASS, "a brand new passphrase")
    assert s.get(rec.id).answers == {"a": 1}  # the open store keeps working
    s.close()
    with pytest.raises(errors.WrongPassphrase):
        Store.open(data_dir, PASS, secrets=secrets)
    s = Store.open(data_dir, "a brand new passphrase", secrets=secrets)
    assert s.get(rec.id).answers == {"a": 1}
    assert s.keyring_status.in_use
    assert any(e.event == "passphrase.changed" for e in s.audit_entries())
    s.close()
    assert sorted(p.name for p in data_dir.iterdir()) == ["store.attempts", "store.db", "store.key",
                                                         "store.mark"]
