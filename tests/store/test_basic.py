"""The named operations of the store, on a real SQLCipher file."""

from __future__ import annotations

import itertools
import logging
import stat
import sys
from datetime import UTC, datetime, timedelta

import pytest

from desktop.core.store import Store, errors, keys
from forms import MINIMISATION_RULE

from .conftest import PASS


def test_create_open_round_trip(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    rec = s.create_draft("coa-signaal", 2, {"q1": "ja", "n": 3}, summary="COA · 2 signalen")
    assert rec.state == "draft" and rec.answers == {"q1": "ja", "n": 3}
    assert s.keyring_status.in_use and s.keyring_status.acceptable
    assert s.cipher_version.startswith("4.")
    s.close()
    with pytest.raises(errors.StoreClosed):
        s.get(rec.id)
    s2 = Store.open(data_dir, PASS, secrets=secrets)
    got = s2.get(rec.id)
    assert got.answers == {"q1": "ja", "n": 3}
    assert got.summary == "COA · 2 signalen"
    assert got.form_id == "coa-signaal" and got.form_version == 2
    s2.close()


def test_exists_and_store_exists(data_dir, secrets):
    assert not Store.exists(data_dir)
    Store.create(data_dir, PASS, secrets=secrets, kdf="test").close()
    assert Store.exists(data_dir)
    before = sorted(p.name for p in data_dir.iterdir())
    with pytest.raises(errors.StoreExists) as ei:
        Store.create(data_dir, "another passphrase", secrets=secrets, kdf="test")
    assert ei.value.text("nl") != ei.value.text("en")
    assert sorted(p.name for p in data_dir.iterdir()) == before
    Store.open(data_dir, PASS, secrets=secrets).close()


def test_no_store(data_dir):
    with pytest.raises(errors.NoStore):
        Store.open(data_dir, PASS)
    assert not data_dir.exists()


@pytest.mark.parametrize("weak", ["", "short", "123456789", "e\u0301" * 5 + "abcd"])
def test_passphrase_too_weak(data_dir, weak):
    with pytest.raises(errors.PassphraseTooWeak) as ei:
        Store.create(data_dir, weak, kdf="test")
    assert "10" in ei.value.text("nl") and "10" in ei.value.text("en")
    assert not Store.exists(data_dir)


def test_nfc_normalisation(data_dir, secrets):
    composed = "café crème brûlée"
    decomposed = "cafe\u0301 cre\u0300me bru\u0302le\u0301e"
    Store.create(data_dir, composed, secrets=secrets, kdf="test").close()
    Store.open(data_dir, decomposed, secrets=secrets).close()


def test_draft_lifecycle_and_not_editable(store):
    rec = store.create_draft("f", 1, {"a": 1})
    store.update_draft(rec.id, {"a": 2}, "two")
    assert store.get(rec.id).answers == {"a": 2}
    final = store.finalise(rec.id, {"a": 3}, "three", None)
    assert final.state == "final" and final.finalised_at is not None and final.envelope is None
    with pytest.raises(errors.NotEditable) as ei:
        store.update_draft(rec.id, {"a": 4})
    assert ei.value.state == "final"
    with pytest.raises(errors.NotEditable):
        store.finalise(rec.id, {"a": 4}, "", None)
    with pytest.raises(errors.NotEditable):
        store.delete_draft(rec.id)
    assert store.get(rec.id).answers == {"a": 3}
    with pytest.raises(errors.RecordNotFound):
        store.update_draft("nope", {})
    with pytest.raises(KeyError):
        store.get("nope")


def test_delete_draft_audited(store):
    rec = store.create_draft("f", 1, {"a": 1})
    store.delete_draft(rec.id)
    with pytest.raises(errors.RecordNotFound):
        store.get(rec.id)
    events = [(e.event, e.record_id) for e in store.audit_entries()]
    assert ("draft.deleted", rec.id) in events


def test_finalise_with_envelope_queues_and_sends(store):
    rec = store.create_draft("f", 1, {"a": 1})
    env = {"envelope_id": rec.id, "sealed": "AAAA"}
    store.finalise(rec.id, {"a": 1}, "s", env, sealed_rule=MINIMISATION_RULE)
    assert store.outbox_count() == 1
    [item] = store.outbox_batch(10)
    assert item.record_id == rec.id and item.envelope == env and item.attempts == 0
    store.outbox_note_failure(rec.id, "timeout")
    [item] = store.outbox_batch(10)
    assert item.attempts == 1 and item.last_error == "timeout"
    store.mark_sent(rec.id, {"receipt": "r1"})
    assert store.outbox_count() == 0
    got = store.get(rec.id)
    assert got.state == "sent" and got.receipt == {"receipt": "r1"} and got.sent_at is not None
    store.mark_sent(rec.id, {"receipt": "r1"})  # a resend's duplicate receipt changes nothing
    assert store.get(rec.id).receipt == {"receipt": "r1"}


def test_attach_envelope_later(store):
    rec = store.create_draft("f", 1, {"a": 1})
    store.finalise(rec.id, {"a": 1}, "s", None)
    assert [r.id for r in store.records_awaiting_seal()] == [rec.id]
    assert store.outbox_count() == 0
    store.attach_envelope(rec.id, {"e": 1}, sealed_rule=MINIMISATION_RULE)
    assert store.records_awaiting_seal() == []
    assert store.outbox_count() == 1
    with pytest.raises(errors.NotEditable):
        store.attach_envelope(rec.id, {"e": 2}, sealed_rule=MINIMISATION_RULE)


def test_mark_conflict(store):
    rec = store.create_draft("f", 1, {"a": 1})
    store.finalise(rec.id, {"a": 1}, "s", {"e": 1}, sealed_rule=MINIMISATION_RULE)
    store.mark_conflict(rec.id, "same id, other content")
    assert store.outbox_count() == 0
    got = store.get(rec.id)
    assert got.conflict == "same id, other content" and got.state == "final"
    assert store.list_records().items[0].conflict == "same id, other content"


def test_purge_sent_keeps_receipt_and_metadata(store):
    old = store.create_draft("f", 1, {"a": "old"}, "old summary")
    store.finalise(old.id, {"a": "old"}, "old summary", {"e": 1}, sealed_rule=MINIMISATION_RULE)
    store.mark_sent(old.id, {"r": 1})
    new = store.create_draft("f", 1, {"a": "new"}, "new summary")
    store.finalise(new.id, {"a": "new"}, "new summary", {"e": 2}, sealed_rule=MINIMISATION_RULE)
    assert store.purge_sent(30) == 0
    later = datetime.now(UTC) + timedelta(days=31)
    assert store.purge_sent(30, now=later) == 1
    got = store.get(old.id)
    assert got.state == "purged" and got.answers is None and got.envelope is None and got.summary == ""
    assert got.receipt == {"r": 1} and got.form_id == "f" and got.sent_at and got.purged_at
    assert store.get(new.id).answers == {"a": "new"}


def test_list_records_paging_search_state(store):
    ids = []
    for i in range(25):
        rec = store.create_draft("coa" if i % 2 else "nla", 1, {"i": i}, summary=f"item {i:02d}")
        ids.append(rec.id)
    page = store.list_records(limit=10)
    assert page.total == 25 and len(page.items) == 10
    assert page.items[0].id == ids[-1]  # newest change first
    page3 = store.list_records(offset=20, limit=10)
    assert len(page3.items) == 5 and page3.items[-1].id == ids[0]
    assert store.list_records(search="item 07").total == 1
    assert store.list_records(search="nla").total == 13
    assert store.list_records(search=ids[3][:8]).items[0].id == ids[3]
    assert store.list_records(search="100%").total == 0
    store.finalise(ids[0], {}, "final one", None)
    assert store.list_records(state="final").total == 1
    assert store.list_records(state=["draft", "final"]).total == 25
    store.update_draft(ids[5], {"i": 5}, "touched")
    assert store.list_records(limit=1).items[0].id == ids[5]
    with pytest.raises(ValueError):
        store.list_records(state="bogus")


def test_list_records_finds_and_shows_comenshas_reference(store):
    """Issue 14: CoMensha's reference (CM-2026-000002) is searchable and in the list's summaries."""
    sent = []
    for n in (1, 2, 3):
        rec = store.create_draft("coa", 2, {}, summary="COA · signaal")
        store.finalise(rec.id, {}, "COA · signaal", None)
        store.mark_sent(rec.id, {"envelope_id": rec.id, "reference": f"CM-2026-00000{n}"})
        sent.append(rec.id)
    draft = store.create_draft("coa", 2, {}, summary="COA · CM-2026 is not a reference here")
    page = store.list_records(search="CM-2026-000002")
    assert [item.id for item in page.items] == [sent[1]]
    assert page.items[0].reference == "CM-2026-000002"
    assert store.list_records(search="cm-2026").total == 4  # three references and one summary
    assert store.get(draft.id) and store.list_records(search="COA · CM").items[0].reference is None
    # A receipt that is not JSON (a damaged row) does not break the list.
    store._conn.execute("UPDATE records SET receipt = 'not json' WHERE id = ?", (sent[0],))
    assert store.list_records(search="CM-2026-000001").total == 0
    assert store.list_records().total == 4


def test_settings(store):
    assert store.get_setting("lang", "nl") == "nl"
    store.set_setting("lang", "en")
    store.set_setting("lock", {"minutes": 5, "on": True})
    assert store.get_setting("lang") == "en"
    assert store.get_setting("lock") == {"minutes": 5, "on": True}


def test_audit_chain_and_rules(store):
    rec = store.create_draft("f", 1, {"secret answer": "x"})
    store.audit("sync.started", detail={"count": 1})
    store.audit("export.done", record_id=rec.id)
    check = store.verify_audit()
    assert check.ok and check.first_broken is None and check.entries >= 4
    entries = store.audit_entries()
    assert entries[0].event == "export.done"
    assert all(e.prev_hash == f.hash for e, f in itertools.pairwise(entries))
    for e in entries:
        assert "secret answer" not in repr(e.detail)
    with pytest.raises(ValueError):
        store.audit("Not An Event!")
    with pytest.raises(ValueError):
        store.audit("x.y", detail={"long": "a" * 5000})


def test_record_repr_hides_answers(store):
    rec = store.create_draft("f", 1, {"name": "CANARY-REPR"}, "CANARY-SUMMARY")
    assert "CANARY" not in repr(rec)


def test_file_modes(store, data_dir):
    if sys.platform == "win32":
        pytest.skip("POSIX modes")
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    store.create_draft("f", 1, {})
    for p in data_dir.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p.name


def test_destroy_needs_confirmation(data_dir, secrets):
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    sid = s.id
    s.close()
    with pytest.raises(errors.ConfirmationRequired):
        Store.destroy(data_dir, confirm="DELETE", secrets=secrets)
    assert Store.exists(data_dir)
    assert Store.destroy_phrase(data_dir) == f"DELETE {sid}"
    Store.destroy(data_dir, confirm=f"DELETE {sid}", secrets=secrets)
    assert not Store.exists(data_dir)
    assert secrets.values == {}
    assert list(data_dir.iterdir()) == []


def test_keyring_that_refuses_falls_back_to_passphrase(data_dir):
    class Refusing(keys.MemorySecretStore):
        backend = "refusing"

        def set(self, name, value):
            raise RuntimeError("locked")

    s = Store.create(data_dir, PASS, secrets=Refusing(), kdf="test")
    assert s.keyring_status == type(s.keyring_status)("refusing", True, False)
    s.close()
    Store.open(data_dir, PASS, secrets=keys.MemorySecretStore()).close()


def test_logs_hold_no_answers_or_passphrases(data_dir, secrets, caplog):
    caplog.set_level(logging.DEBUG)
    canary = "LOGCANARY-ÿ"
    s = Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    rec = s.create_draft("f", 1, {"q": canary}, canary)
    s.update_draft(rec.id, {"q": canary}, canary)
    s.finalise(rec.id, {"q": canary}, canary, {"sealed": canary}, sealed_rule=MINIMISATION_RULE)
    s.change_passphrase(PASS, "another long passphrase")
    s.close()
    with pytest.raises(errors.WrongPassphrase):
        Store.open(data_dir, PASS, secrets=secrets)
    Store.open(data_dir, "another long passphrase", secrets=secrets).close()
    text = caplog.text
    assert caplog.records  # something was logged …
    for secret in (canary, PASS, "another long passphrase", *secrets.values.values()):
        assert secret not in text  # … but none of this


def test_create_never_replaces_a_key_file(data_dir, secrets):
    data_dir.mkdir(parents=True)
    (data_dir / "store.key").write_bytes(b"someone else's key file")
    with pytest.raises(errors.StoreExists):
        Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    assert (data_dir / "store.key").read_bytes() == b"someone else's key file"


def test_failed_create_leaves_nothing_behind(data_dir, secrets, monkeypatch):
    def boom(path, data):
        raise OSError("disk full")

    monkeypatch.setattr(keys, "atomic_create", boom)
    with pytest.raises(OSError):
        Store.create(data_dir, PASS, secrets=secrets, kdf="test")
    assert list(data_dir.iterdir()) == []
    assert secrets.values == {}
    assert not Store.exists(data_dir)
