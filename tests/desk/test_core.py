"""The desk core on real SQLCipher stores: key import, ingest and quarantine, the shared triage
fold with conflicting and offline edits, linking. The receiver's ordering is the in-memory
OrderingLog here (tests/support/desk.py); tests/desk/test_end_to_end.py uses the real receiver."""

from __future__ import annotations

import base64
import csv
import hashlib
import json

import nacl.public
import nacl.signing
import openpyxl
import pytest

import forms
from desk.core import errors as desk_errors
from desk.core import exchange, export, facts, inbox, ingest, linking, sealing, triage
from desk.core.events import Event, seal
from desk.core.store import DB_NAME, DeskStore
from desktop.core.store import errors as store_errors
from desktop.core.store.keys import MemorySecretStore
from sync import envelope as env_mod
from sync import protocol
from tests.forms import legal_cases as lc
from tests.support.desk import PASSPHRASE, sealed_report
from tests.support.reports import report_answers


def _sync(*desks):
    for store, api in desks:
        exchange.exchange(store, api)


# ------------------------------------------------------------------------------- store and key


def test_store_is_encrypted_and_opens_only_with_its_passphrase(tmp_path, keys):
    secrets = MemorySecretStore()
    store = DeskStore.create(tmp_path / "d", PASSPHRASE, secrets=secrets, kdf="test")
    sealing.import_key_file(store, keys[0])
    private = sealing.private_key(store)
    store.set_setting("probe", "SYNTHETIC-PLAINTEXT-MARKER")
    store.close()
    raw = (tmp_path / "d" / DB_NAME).read_bytes()
    assert b"SYNTHETIC-PLAINTEXT-MARKER" not in raw and private.hex().encode() not in raw
    assert keys[0].read_bytes()  # the offline key file is left where it was, unchanged
    with pytest.raises(store_errors.WrongPassphrase):
        DeskStore.open(tmp_path / "d", "not the passphrase at all", secrets=secrets)
    again = DeskStore.open(tmp_path / "d", PASSPHRASE, secrets=secrets)
    assert again.keyring_in_use and sealing.public_key(again) == keys[1]
    again.close()


def test_a_file_that_is_not_a_key_file_is_refused_with_a_sentence(tmp_path):
    store = DeskStore.create(tmp_path / "d", PASSPHRASE, secrets=MemorySecretStore(), kdf="test")
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    with pytest.raises(desk_errors.KeyFileUnreadable) as err:
        sealing.import_key_file(store, bad)
    assert "signaal-receiver init" in err.value.text("nl")
    assert not sealing.has_key(store)
    with pytest.raises(desk_errors.KeyMissing):
        sealing.private_key(store)
    store.close()


# ------------------------------------------------------------------------------- ingest


def _swapped_ids(device, sealing_public_key):
    """Sealed for one envelope id, sent (and properly signed) under another."""
    inner = sealed_report(device, sealing_public_key, "coa")
    outer_id = protocol.new_envelope_id()
    msg = env_mod.envelope_message(outer_id, inner["form_id"], inner["form_version"], inner["created_at"],
                                   inner["sha256"])
    return {**inner, "id": outer_id, "signature": base64.b64encode(device.key.sign(msg).signature).decode()}


def _sealed_raw(device, sealing_public_key, answers, form_id="coa", version=1):
    return env_mod.seal_envelope(answers, envelope_id=protocol.new_envelope_id(), form_id=form_id,
                                 form_version=version, created_at=protocol.utc_now(),
                                 sealing_public_key=sealing_public_key, signing_key=device.key,
                                 device_id=device.device_id).model_dump()


def test_bad_envelopes_are_quarantined_with_their_reason_and_the_inbox_goes_on(make_desk, log, keys, devices):
    coa, nla, zorg = devices.values()
    other_key = bytes(nacl.public.PrivateKey.generate().public_key)
    good_before = log.add_envelope(sealed_report(coa, keys[1], "coa"), coa)
    log.add_envelope(sealed_report(coa, other_key, "coa"), coa)                          # undecryptable
    log.add_envelope(_swapped_ids(nla, keys[1]), nla)                                    # id_mismatch
    log.add_envelope(_sealed_raw(zorg, keys[1], {"gender": "martian"}, "zorg"), zorg)    # invalid
    log.add_envelope(_sealed_raw(zorg, keys[1], report_answers("zorg"), "zorg", 99), zorg)  # unknown_form
    log.add_envelope(_sealed_raw(zorg, keys[1], report_answers("zorg"), "zorg"), zorg)   # not_minimised
    forged = sealed_report(nla, keys[1], "nla")
    log.add_envelope(forged, coa)                                                        # bad_signature
    good_after = log.add_envelope(sealed_report(zorg, keys[1], "zorg"), zorg)
    store, api = make_desk("Anna")
    result = exchange.exchange(store, api)
    assert (result.opened, result.quarantined) == (2, 6)
    reasons = {q.reason for q in ingest.quarantine(store)}
    assert reasons == {"undecryptable", "id_mismatch", "invalid", "unknown_form", "not_minimised",
                       "bad_signature"}
    invalid = next(q for q in ingest.quarantine(store) if q.reason == "invalid")
    assert invalid.detail == "gender:invalid_code"  # ids and codes, never values
    ids = [r.id for r in inbox.rows(store, inbox.matching_seqs(store, inbox.Filter()))]
    assert ids == [good_after.envelope["id"], good_before.envelope["id"]]
    # every envelope is kept as pulled, the quarantined ones too
    for q in ingest.quarantine(store):
        assert ingest.pulled_envelope(store, q.seq)["id"] == q.envelope_id
    assert ingest.reason_text("id_mismatch", "en") == "The id inside differs from the id outside."


def test_pulling_again_stores_nothing_twice_and_the_receipt_is_checked(make_desk, log, keys, devices):
    coa = devices["COA Ter Apel"]
    item = log.add_envelope(sealed_report(coa, keys[1], "coa"), coa)
    store, api = make_desk("Anna")
    page = api.pull_envelopes(0)
    ingest.store_page(store, page, receipt_key=bytes(keys[2].verify_key))
    store.set_setting(ingest.CURSOR, 0)  # as after a crash between the page and the cursor
    again = ingest.store_page(store, api.pull_envelopes(0), receipt_key=bytes(keys[2].verify_key))
    assert again.opened == 0 and inbox.counts_by_state(store) == {"new": 1}
    rep = inbox.report(store, item.envelope["id"])
    assert rep.receipt_ok and rep.receipt["reference"] == "CM-2026-000001"
    assert rep.organisation == "COA Ter Apel" and rep.answers["gender"] == report_answers("coa")["gender"]


# ------------------------------------------------------------------------------- the shared fold


def _two_desks_one_report(make_desk, log, keys, devices):
    coa = devices["COA Ter Apel"]
    item = log.add_envelope(sealed_report(coa, keys[1], "coa"), coa)
    a, b = make_desk("Anna"), make_desk("Bram")
    _sync(a, b)
    return item.envelope["id"], a, b


def test_conflicting_edits_converge_and_the_overtaken_edit_is_shown(make_desk, log, keys, devices):
    rid, (sa, aa), (sb, ab) = _two_desks_one_report(make_desk, log, keys, devices)
    triage.record(sa, rid, "state", {"state": "in_progress"})
    triage.record(sa, rid, "assignee", "Anna")
    triage.record(sb, rid, "assignee", "Bram")          # concurrent: Bram has not seen Anna's
    triage.record(sb, rid, "note", "Gebeld met COA")
    assert triage.view(sa, rid).assignee == "Anna" and triage.view(sa, rid).pending == 2  # optimistic
    _sync((sa, aa), (sb, ab), (sa, aa))
    va, vb = triage.view(sa, rid), triage.view(sb, rid)
    assert triage.folded_state(sa) == triage.folded_state(sb)
    assert (va.state, va.assignee, va.pending) == ("in_progress", "Bram", 0)
    assert (vb.state, vb.assignee, vb.pending) == ("in_progress", "Bram", 0)
    assert [n.text for n in va.notes] == [n.text for n in vb.notes] == ["Gebeld met COA"]
    [lost] = va.overtaken
    assert (lost.attribute, lost.mine, lost.winner, lost.winner_author) == (
        "assignee", "Anna", "Bram", "Bram")
    assert vb.overtaken == []
    # an edit made after seeing the other's is not "overtaken": it is simply the later one
    triage.record(sa, rid, "assignee", "Anna")
    _sync((sa, aa), (sb, ab))
    assert triage.view(sb, rid).assignee == "Anna" and triage.view(sb, rid).overtaken == []


def test_a_desk_that_worked_offline_converges_after_it_comes_back(make_desk, log, keys, devices):
    rid, (sa, aa), (sb, ab) = _two_desks_one_report(make_desk, log, keys, devices)
    ab.offline = True
    triage.record(sb, rid, "state", {"state": "referred", "referred_to": "Fier"})
    triage.record(sb, rid, "note", "Offline genoteerd")
    with pytest.raises(Exception, match="reach"):
        exchange.exchange(sb, ab)
    assert triage.view(sb, rid).state == "referred" and triage.pending_count(sb) == 2
    triage.record(sa, rid, "state", {"state": "in_progress"})
    triage.record(sa, rid, "note", "Online genoteerd")
    _sync((sa, aa))
    ab.offline = False
    _sync((sb, ab), (sa, aa))
    va, vb = triage.view(sa, rid), triage.view(sb, rid)
    assert triage.folded_state(sa) == triage.folded_state(sb)
    assert (va.state, va.referred_to) == (vb.state, vb.referred_to) == ("referred", "Fier")
    assert [n.text for n in va.notes] == ["Online genoteerd", "Offline genoteerd"]
    assert [n.text for n in vb.notes] == [n.text for n in va.notes]
    assert triage.pending_count(sb) == 0
    assert [o.winner for o in va.overtaken] == [{"state": "referred", "referred_to": "Fier"}]


def test_state_steps_that_do_not_fit_are_refused_and_nothing_is_queued(make_desk, log, keys, devices):
    rid, (sa, _), _ = _two_desks_one_report(make_desk, log, keys, devices)
    triage.record(sa, rid, "state", {"state": "registered"})
    with pytest.raises(desk_errors.BadTransition):
        triage.record(sa, rid, "state", {"state": "not_trafficking"})
    with pytest.raises(desk_errors.BadInput):
        triage.record(sa, rid, "state", {"state": "referred", "referred_to": "  "})
    with pytest.raises(desk_errors.NoSuchReport):
        triage.record(sa, "0" * 36, "note", "x")
    assert triage.pending_count(sa) == 1


def test_the_receiver_cannot_read_events_and_a_forged_one_is_skipped_by_every_desk(
        make_desk, log, keys, devices):
    rid, (sa, aa), (sb, ab) = _two_desks_one_report(make_desk, log, keys, devices)
    triage.record(sa, rid, "note", "Alleen voor CoMensha")
    _sync((sa, aa))
    stored = log.events[-1]
    assert b"Alleen voor CoMensha" not in stored.sealed
    # someone with a registrar token but not CoMensha's trust: a validly signed event whose content
    # claims another registrar
    mallory = nacl.signing.SigningKey.generate()
    ev = Event("f" * 32, "reg_forged", "Mallory", "assignee", rid, "Mallory", 0, "2026-01-01T00:00:00Z")
    out = seal(ev, keys[1], mallory)
    evil = log.api("reg_evil", bytes(mallory.verify_key))
    evil.push_events([out])
    _sync((sa, aa), (sb, ab))
    assert triage.view(sa, rid).assignee is None and triage.view(sb, rid).assignee is None
    assert triage.folded_state(sa) == triage.folded_state(sb)


# ------------------------------------------------------------------------------- linking


def test_follow_ups_link_by_envelope_id_and_suggestions_are_confirmed_as_events(
        make_desk, log, keys, devices):
    coa, _nla, zorg = devices.values()
    first = log.add_envelope(sealed_report(coa, keys[1], "coa", i=1), coa).envelope["id"]
    answers = report_answers("coa", i=1)
    same = {k: answers[k] for k in ("nationality", "gender", "date_signal") if k in answers}
    second_env = sealed_report(coa, keys[1], "coa", i=2, **same, age_years=answers.get("age_years"))
    second = log.add_envelope(second_env, coa).envelope["id"]
    withdrawal = {"withdraws_envelope_id": first, "withdraws": ["registration"],
                  "withdrawal_date": "2026-01-05", "withdrawal_received_by": "other"}
    w_env = env_mod.seal_envelope(withdrawal, envelope_id=protocol.new_envelope_id(), form_id="withdrawal",
                                  form_version=1, created_at=protocol.utc_now(), sealing_public_key=keys[1],
                                  signing_key=zorg.key, device_id=zorg.device_id).model_dump()
    log.add_envelope(w_env, zorg)
    (sa, aa), (sb, ab) = make_desk("Anna"), make_desk("Bram")
    _sync((sa, aa), (sb, ab))
    assert [(x.report_id, x.relation) for x in linking.linked(sa, w_env["id"])] == [(first, "follows_up")]
    assert inbox.report(sa, w_env["id"]).person_key == min(first, w_env["id"])
    [s] = linking.suggestions(sa, first)
    assert s.report_id == second and {"nationality", "gender", "age_band", "organisation"} <= set(s.matches)
    assert linking.counts(sa) == (2, 2)
    triage.record(sa, first, "link", {"other": second, "same": True})
    assert linking.counts(sa) == (2, 1) and linking.suggestions(sa, first) == []   # at once, offline
    triage.record(sb, second, "link", {"other": first, "same": False})             # concurrent rejection
    _sync((sa, aa), (sb, ab), (sa, aa))
    assert triage.folded_state(sa) == triage.folded_state(sb)
    assert linking.counts(sa) == linking.counts(sb) == (2, 2)   # Bram's rejection came last in seq order
    assert linking.suggestions(sa, first) == []                  # decided: not suggested again
    digest = hashlib.sha256(repr(triage.folded_state(sa)).encode()).hexdigest()
    assert digest == hashlib.sha256(repr(triage.folded_state(sb)).encode()).hexdigest()


def test_facts_count_by_person_and_export_applies_a_withdrawal_in_the_desk(
        make_desk, log, keys, devices, tmp_path):
    coa, _nla, zorg = devices.values()
    first = log.add_envelope(sealed_report(coa, keys[1], "coa", i=1), coa).envelope["id"]
    second = log.add_envelope(sealed_report(coa, keys[1], "coa", i=2), coa).envelope["id"]
    withdrawal = {"withdraws_envelope_id": first, "withdraws": ["registration"],
                  "withdrawal_date": "2026-01-05", "withdrawal_received_by": "other"}
    w_env = env_mod.seal_envelope(withdrawal, envelope_id=protocol.new_envelope_id(), form_id="withdrawal",
                                  form_version=1, created_at=protocol.utc_now(), sealing_public_key=keys[1],
                                  signing_key=zorg.key, device_id=zorg.device_id).model_dump()
    log.add_envelope(w_env, zorg)
    store, api = make_desk("Anna")
    exchange.exchange(store, api)
    triage.record(store, first, "link", {"other": second, "same": True})
    found = facts.report_facts(store)
    assert sorted(f.report_id for f in found) == sorted([first, second])   # the follow-up is no report
    assert {f.person_key for f in found} == {min(first, second, w_env["id"])}
    # export only the first report: the withdrawal (which the filter leaves out) still applies to it
    triage.record(store, first, "state", {"state": "in_progress"})
    out = tmp_path / "one.jsonl"
    summary = export.write(store, inbox.Filter(states=("in_progress",)), out, "jsonl")
    [row] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert summary.written == 1 and row["envelope_id"] == first and row["desk_state"] == "in_progress"
    assert row["record"]["consent_withdrawn"] == ["registration"]
    assert row["desk_person_key"] == min(first, second, w_env["id"])
    # the other report of that person keeps its consent: only the named report is affected
    out_all = tmp_path / "all.csv"
    export.write(store, inbox.Filter(form_ids=("coa",)), out_all, "csv")
    with out_all.open(encoding="utf-8", newline="") as fh:
        by_id = {r["envelope_id"]: r for r in csv.DictReader(fh)}
    assert by_id[first]["consent_withdrawn"] == "registration" and by_id[first]["con_Consent"] == "false"
    assert by_id[second]["consent_withdrawn"] == "" and by_id[second]["con_Consent"] == "true"
    # HTCDS names in the header, the desk's columns after the metadata, the codebook beside it
    header = out_all.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"prs_Gender", "vic_TraffickingStatus", "desk_state", "desk_person_key"} <= set(header), header
    assert header.index("desk_state") < header.index("prs_Gender")
    book = json.loads((tmp_path / "all.csv.codebook.json").read_text(encoding="utf-8"))
    assert "prs_Gender" in json.dumps(book)
    # the registrars' workbook: the same rows, opened with openpyxl
    xlsx = tmp_path / "all.xlsx"
    export.write(store, inbox.Filter(form_ids=("coa",)), xlsx, "xlsx")
    sheet = openpyxl.load_workbook(xlsx, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert "desk_state" in rows[0] and len(rows) >= 2


def test_an_addition_of_form_version_3_links_to_the_report_it_names(make_desk, log, keys, devices):
    coa, _nla, _zorg = devices.values()
    first = log.add_envelope(sealed_report(coa, keys[1], "coa", i=1), coa).envelope["id"]
    coa3 = forms.catalog().get("coa", 3)
    addition = {k: v for k, v in lc.report(coa3, consent="no").items() if coa3.has_field(k)}
    addition.update(follows_up=first, request_kind="registration_only")
    assert forms.validate(coa3, addition, "final") == []
    sealed = forms.minimise(coa3, addition).answers
    a_env = _sealed_raw(coa, keys[1], sealed, form_id="coa", version=3)
    log.add_envelope(a_env, coa)
    store, api = make_desk("Anna")
    exchange.exchange(store, api)
    assert [(x.report_id, x.relation) for x in linking.linked(store, a_env["id"])] == [(first, "follows_up")]
    assert [(x.report_id, x.relation) for x in linking.linked(store, first)] == [(a_env["id"], "followed_by")]
    assert inbox.report(store, a_env["id"]).person_key == inbox.report(store, first).person_key
