"""Issue 17 end to end, with the real receiver over TLS (tests/support/receiver.py):

three field devices (COA, NLA, Zorg) enrol, finalise reports in their own SQLCipher stores, seal
them as the app does (``desktop.core.sealing``) and deliver them with the sync engine; one more
envelope arrives that does not open. Two desks (two desk stores in tmp dirs) enrol with one-time
registrar codes, pull, triage the same reports concurrently with conflicting edits — one desk
offline while it edits — and converge to the same state. The quarantined envelope never stops
the inbox, and the receiver's database holds none of the plaintext.
"""

from __future__ import annotations

import nacl.public
import nacl.signing
import psycopg
import pytest

import forms
from desk.core import enrolment, exchange, inbox, ingest, linking, triage
from desk.core import errors as desk_errors
from desk.core import sealing as desk_sealing
from desk.core.store import DeskStore
from desktop.core import credentials, delivery, sealing
from desktop.core.store.keys import MemorySecretStore
from sync import enrolment as device_enrolment
from sync import envelope as env_mod
from sync import errors, protocol
from sync.client import ServerTrust, SyncClient
from sync.engine import SyncEngine
from sync.receiver import config as rx_config
from tests.support.desk import PASSPHRASE
from tests.support.outbox import real_store
from tests.support.receiver import postgres_test_database, running_receiver
from tests.support.reports import report_answers

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def rx(request, tmp_path_factory):
    url = None
    if request.param == "postgres":
        url, drop = postgres_test_database(request.getfixturevalue("pg_base"))
        request.addfinalizer(drop)
    with running_receiver(tmp_path_factory.mktemp("rx"), url) as receiver:
        yield receiver


def _database_bytes(rx) -> bytes:
    """Everything the receiver's database holds: the SQLite files, or every row of every table."""
    if not rx.database_url:
        return b"".join(p.read_bytes() for p in rx.data_dir.glob("receiver.sqlite3*"))
    with psycopg.connect(rx.database_url) as conn:
        tables = [t for (t,) in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").fetchall()]
        assert tables
        return b"".join(repr(conn.execute(f'SELECT * FROM "{t}"').fetchall()).encode()  # noqa: S608
                        for t in tables)


def _field_device(rx, folder, org, form_id, n):
    """A field app's store, enrolled; ``n`` reports finalised, sealed and delivered."""
    store = real_store(folder)
    prepared = credentials.prepare_enrolment(store, f"{org} laptop")
    result = device_enrolment.enrol_device(rx.url, rx.enrol(org), prepared.label, prepared.public_key)
    delivery.save_enrolment(store, prepared, result, rx.url)
    made = []
    for i in range(n):
        answers = report_answers(form_id, i=i)
        rec = store.create_draft(form_id, 1, answers, summary=f"{form_id} {i}")
        env = sealing.seal_for_finalise(store, rec, answers)
        store.finalise(rec.id, answers, f"{form_id} {i}", env, sealed_rule=forms.MINIMISATION_RULE)
        made.append(env["id"])
    client = SyncClient(rx.url, ServerTrust(cert_sha256=result.cert_sha256), token=result.token)
    report = SyncEngine(store, client, result.receipt_public_key).run_once()
    client.close()
    assert report.error is None and report.sent == n
    store.close()
    return made


def _desk(rx, folder, name):
    store = DeskStore.create(folder, PASSPHRASE, secrets=MemorySecretStore(), kdf="test")
    desk_sealing.import_key_file(store, rx.sealing_private_key)
    enrolment.enrol(store, rx.url, rx.registrar_code(name), f"{name}'s desk")
    return store


def _picture(store, ids):
    """What a registrar sees of these reports: state, referral, assignee, notes, person."""
    out = {}
    for rid in ids:
        v = triage.view(store, rid)
        out[rid] = (v.state, v.referred_to, v.assignee, [n.text for n in v.notes], v.pending,
                    inbox.report(store, rid).person_key)
    return out


def test_three_devices_two_desks_conflicting_edits_one_offline_converge(rx, tmp_path):
    sent = []
    for org, form_id in (("COA Ter Apel", "coa"), ("NLA Utrecht", "nla"), ("Ziekenhuis Zwolle", "zorg")):
        sent += _field_device(rx, tmp_path / f"field-{form_id}", org, form_id, 2)
    # one envelope that does not open: sealed to another key, sent through the real protocol
    stray = rx.enrol_device("Stray laptop", "Onbekend")
    wrong_key = bytes(nacl.public.PrivateKey.generate().public_key)
    bad = env_mod.seal_envelope(report_answers("coa", i=9), envelope_id=protocol.new_envelope_id(),
                                form_id="coa", form_version=1, created_at=protocol.utc_now(),
                                sealing_public_key=wrong_key, signing_key=stray.signing_key,
                                device_id=stray.device_id)
    assert rx.post_batch(stray, [bad]).status_code == 200
    late = _field_device(rx, tmp_path / "field-coa-late", "COA Budel", "coa", 1)   # after the bad one

    anna, bram = _desk(rx, tmp_path / "desk-anna", "Anna"), _desk(rx, tmp_path / "desk-bram", "Bram")
    for d in (anna, bram):
        got = exchange.exchange_with_receiver(d)
        assert (got.opened, got.quarantined) == (7, 1)
        assert [q.reason for q in ingest.quarantine(d)] == ["undecryptable"]
        assert {r.organisation for r in inbox.rows(d, inbox.matching_seqs(d, inbox.Filter()))} == {
            "COA Ter Apel", "NLA Utrecht", "Ziekenhuis Zwolle", "COA Budel"}
    assert set(inbox.matching_seqs(anna, inbox.Filter())) == set(inbox.matching_seqs(bram, inbox.Filter()))
    assert late[0] in {r.id for r in inbox.rows(anna, inbox.matching_seqs(anna, inbox.Filter()))}
    coa1, coa2, nla1, _nla2, zorg1, _zorg2 = sent

    # Bram works offline: the receiver is gone while he triages
    rx.stop()
    triage.record(bram, coa1, "state", {"state": "referred", "referred_to": "Fier Leeuwarden"})
    triage.record(bram, coa1, "assignee", "Bram")
    triage.record(bram, coa1, "note", "Offline: gebeld met de begeleider")
    triage.record(bram, nla1, "link", {"other": zorg1, "same": True})
    with pytest.raises(errors.SyncError):
        exchange.exchange_with_receiver(bram, timeout=3)
    assert triage.view(bram, coa1).state == "referred" and triage.pending_count(bram) == 4
    rx.start()
    # meanwhile Anna, online, edits the same report and attribute
    triage.record(anna, coa1, "state", {"state": "in_progress"})
    triage.record(anna, coa1, "assignee", "Anna")
    triage.record(anna, coa1, "note", "Online: dossier aangevraagd")
    triage.record(anna, coa2, "state", {"state": "in_progress"})
    exchange.exchange_with_receiver(anna)
    # both online and concurrent on coa2: Bram first, Anna second (she has not seen Bram's)
    triage.record(bram, coa2, "assignee", "Bram")
    triage.record(anna, coa2, "assignee", "Anna")
    exchange.exchange_with_receiver(bram)   # Bram's offline work and his coa2 edit get their seqs
    exchange.exchange_with_receiver(anna)
    exchange.exchange_with_receiver(bram)

    assert triage.folded_state(anna) == triage.folded_state(bram)
    ids = [r.id for r in inbox.rows(anna, inbox.matching_seqs(anna, inbox.Filter()))]
    assert _picture(anna, ids) == _picture(bram, ids)
    a = triage.view(anna, coa1)
    # Bram's offline edits were ordered after Anna's: they win
    assert (a.state, a.referred_to, a.assignee) == ("referred", "Fier Leeuwarden", "Bram")
    assert [n.text for n in a.notes] == ["Online: dossier aangevraagd", "Offline: gebeld met de begeleider"]
    assert triage.view(anna, coa2).assignee == "Anna"
    assert {(o.report_id, o.attribute) for o in triage.overtaken(anna)} == {
        (coa1, "state"), (coa1, "assignee")}
    assert {(o.report_id, o.attribute) for o in triage.overtaken(bram)} == {(coa2, "assignee")}
    assert linking.counts(anna) == linking.counts(bram) == (7, 6)
    assert triage.pending_count(anna) == triage.pending_count(bram) == 0

    # the receiver's database holds none of it in plaintext
    raw = _database_bytes(rx)
    assert coa1.encode() in raw   # the scan sees the database (ids are not secret)
    for needle in ("Offline: gebeld", "Online: dossier", "Fier Leeuwarden", "Synthetic subject_pseudonym"):
        assert needle.encode() not in raw
    for d in (anna, bram):
        d.close()


def test_a_device_token_cannot_read_envelopes_and_a_desk_with_the_wrong_key_is_refused(rx, tmp_path):
    dev = rx.enrol_device("Laptop", "COA")
    r = rx.session().get(rx.url + "/v1/registrar/envelopes?after=0&limit=10", headers=dev.headers, timeout=10)
    assert r.status_code == 403 and r.json()["error"] == "not_registrar"
    store = DeskStore.create(tmp_path / "desk", PASSPHRASE, secrets=MemorySecretStore(), kdf="test")
    other = tmp_path / "other.key"
    rx_config.initialise(tmp_path / "other-rx", other)
    desk_sealing.import_key_file(store, other)
    with pytest.raises(desk_errors.KeyMismatch):
        enrolment.enrol(store, rx.url, rx.registrar_code("Mallory"), "wrong key")
    assert not enrolment.is_enrolled(store)
    store.close()
