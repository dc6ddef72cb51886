"""What leaves the laptop is what the consent allows: decided on the device, before sealing.

Reports of every shipped form are finalised through the app's finalise operation on a real store
(the store worker thread), and each sealed envelope is opened with CoMensha's private key to see
field by field what is inside. Envelopes sealed under the old rule (everything typed) and still
queued are sealed again before they may leave.
"""

from __future__ import annotations

import json

import pytest

import forms
from desktop.core import delivery, locked_sending, operations, spool
from sync import envelope as envelope_mod
from sync import protocol
from tests.forms import legal_cases as lc
from tests.support.reports import report_answers

from .conftest import run_on_store
from .test_state import _enrol, _enrolment

NOTE = "Synthetic note: seen at the gate with a man who held her papers"


def _typed(form_id: str, consent: str) -> dict:
    """A valid v1 report whose every text field holds a marker naming the field, with a note."""
    form = forms.catalog().get(form_id, 1)
    answers = report_answers(form_id, consent=consent)
    for f in form.all_fields():
        if f.kind in ("short_text", "long_text", "identifying_text") and \
                f.id in forms.visible_field_ids(form, answers):
            answers[f.id] = f"MARK-{f.id}"
    checklist = form.checklists()[0]
    first = checklist.indicators[0].id
    answers[checklist.id][first] = {"answer": "yes", "note": NOTE}
    assert not forms.validate(form, answers, "final")
    return answers


def _finalise(store, form, answers: dict):
    draft = store.create_draft(form.id, form.version, answers, summary=form.id)
    return operations.finalise_operation(store, draft.id, answers, form.id)


def _cases(form_id: str, version: int) -> list[tuple[str, dict, tuple[str, ...]]]:
    """(consent answer, answers, typed strings) for every consent answer the form version has."""
    form = forms.catalog().get(form_id, version)
    consents = [o.code for o in form.field(form.consent_field).choices()] if form.consent_field else [None]
    if version == 1:
        return [(c, _typed(form_id, c), ("MARK-", NOTE)) for c in consents]
    if version >= 3:  # CoMensha's dossier, the reporter's own contact, and (coa, nla) two more persons
        extra = V3_EXTRA | ({"other_persons": PERSONS} if form.has_field("other_persons") else {})
        return [(c, {k: v for k, v in lc.report(form, consent=c).items() if form.has_field(k)} | extra,
                 (lc.PSEUDONYM, lc.FREE, lc.NOTE)) for c in consents]
    return [(c, lc.report(form, consent=c), (lc.PSEUDONYM, lc.FREE, lc.NOTE)) for c in consents]


PERSONS = [{"p_pseudonym": "Synthetic W.2", "p_gender": "male", "p_minor": "no", "p_nationality": ["RO"]},
           {"p_gender": "female", "p_minor": "doubt", "p_age_band": "16_17"}]
V3_EXTRA = {"request_kind": "shelter", "care_location": "shelter", "contact_share": "yes",
            "contact_name": "Synthetic Reporter", "contact_phone": "0612345678",
            "contact_organisation": "Synthetic Org", "contact_remember": "no", "second_language": "eng"}


@pytest.mark.parametrize(("form_id", "version"),
                         [("coa", 1), ("nla", 1), ("zorg", 1), ("coa", 2), ("nla", 2), ("zorg", 2),
                          ("coa", 3), ("nla", 3), ("zorg", 3)])
def test_each_report_seals_exactly_what_its_basis_and_consent_allow(qtbot, store_worker, form_id, version):
    """Through the app's finalise operation, for every consent answer: the opened envelope holds
    exactly what the form's minimisation lets leave (field by field per role and basis in
    tests/forms/test_legal_route.py). Consent-based COA: typed text only with consent."""
    result, sealing, _receipt = _enrolment()
    run_on_store(qtbot, store_worker, lambda s: _enrol(s, result))
    form = forms.catalog().get(form_id, version)
    for consent, answers, typed in _cases(form_id, version):
        record = run_on_store(qtbot, store_worker, lambda s, a=answers: _finalise(s, form, a))
        opened = envelope_mod.open_envelope(protocol.Envelope.model_validate(record.envelope),
                                            bytes(sealing))
        assert opened["answers"] == forms.minimise(form, answers).answers, consent
        raw = json.dumps(opened, ensure_ascii=False)
        if form_id == "coa":
            for text in typed:
                assert (text in raw) == (consent == "yes"), (consent, text)
        if version >= 3:
            # the reporter's own contact goes because they ticked it, whatever the person's basis
            assert opened["answers"]["contact_name"] == "Synthetic Reporter"
            assert opened["answers"]["request_kind"] == "shelter"
        if form.has_field("other_persons"):
            # every person of a group report leaves like the report's own person
            persons = opened["answers"]["other_persons"]
            assert [p["p_gender"] for p in persons] == ["male", "female"]
            alias_goes = form_id == "nla" or consent == "yes"  # NLA: the legal task
            assert ("Synthetic W.2" in raw) == alias_goes, consent
        # The local record keeps what was typed: it is the reporter's own record.
        assert record.answers == answers


def test_an_envelope_sealed_under_the_old_rule_is_sealed_again_before_it_leaves(qtbot, store_worker):
    """A report finalised before this fix (everything typed, sealed in) and still queued."""
    result, sealing, _receipt = _enrolment()
    run_on_store(qtbot, store_worker, lambda s: _enrol(s, result))
    answers = _typed("coa", "no")

    def finalise_the_old_way(store):
        draft = store.create_draft("coa", 1, answers, summary="COA")
        record = store.get(draft.id)
        old = envelope_mod.seal_envelope(   # what the old finalise did: the cleaned answers, all of them
            forms.clean_answers(forms.catalog().get("coa", 1), answers),
            envelope_id=draft.id, form_id="coa", form_version=1, created_at=record.created_at,
            sealing_public_key=result.sealing_public_key, signing_key=delivery.device_signing_key(store))
        return store.finalise(draft.id, answers, "COA", old.model_dump(mode="json"), sealed_rule=0)

    old = run_on_store(qtbot, store_worker, finalise_the_old_way)
    assert "MARK-free_text" in json.dumps(envelope_mod.open_envelope(old.envelope, bytes(sealing)))
    # Until it is sealed again, the outbox does not hand it out.
    assert run_on_store(qtbot, store_worker, lambda s: (s.outbox_count(), s.outbox_batch(10))) == (0, [])

    assert run_on_store(qtbot, store_worker, delivery.seal_pending) == 1   # what unlock and sync run
    item, = run_on_store(qtbot, store_worker, lambda s: s.outbox_batch(10))
    opened = envelope_mod.open_envelope(item.envelope, bytes(sealing))
    assert opened["envelope_id"] == old.envelope["id"] == item.envelope["id"]   # same report, same id
    text = json.dumps(opened, ensure_ascii=False)
    assert "MARK-" not in text and NOTE not in text
    assert opened["answers"] == forms.minimise(forms.catalog().get("coa", 1), answers).answers
    events = run_on_store(qtbot, store_worker, lambda s: [e.event for e in s.audit_entries()])
    assert "record.resealed" in events
    # Nothing is left to seal again.
    assert run_on_store(qtbot, store_worker, lambda s: s.outbox_sealed_before(forms.MINIMISATION_RULE)) == []


def test_an_old_envelope_that_cannot_be_sealed_again_is_held_back(qtbot, store_worker):
    """Not enrolled any more (no device key to sign a new one): it leaves the outbox and waits."""
    answers = _typed("coa", "no")

    def queued_old(store):
        draft = store.create_draft("coa", 1, answers, summary="COA")
        return store.finalise(draft.id, answers, "COA", {"id": draft.id, "sealed": "old"}, sealed_rule=0)

    old = run_on_store(qtbot, store_worker, queued_old)
    assert run_on_store(qtbot, store_worker, delivery.reseal_outdated) == (0, 1)
    record = run_on_store(qtbot, store_worker, lambda s: s.get(old.id))
    assert record.state == "final" and record.envelope is None   # waits to be sealed at enrolment
    assert run_on_store(qtbot, store_worker, lambda s: [r.id for r in s.records_awaiting_seal()]) == [old.id]
    assert run_on_store(qtbot, store_worker, lambda s: s.outbox_count()) == 0

    result, sealing, _receipt = _enrolment()
    assert run_on_store(qtbot, store_worker, lambda s: _enrol(s, result)) == 1
    sealed = run_on_store(qtbot, store_worker, lambda s: s.get(old.id))
    assert "MARK-" not in json.dumps(envelope_mod.open_envelope(sealed.envelope, bytes(sealing)))


def test_the_locked_sender_never_sends_a_spooled_envelope_of_an_older_rule(tmp_path):
    """Spool files written before the rule was recorded wait for the unlock, which seals again."""
    key = bytes(range(32))
    folder = spool.spool_dir(tmp_path)
    old = spool.entry_name(key, "old-report")
    new = spool.entry_name(key, "new-report")
    spool._write(folder / f"{old}{spool.ENV_SUFFIX}", key,
                 {"v": 1, "record_id": "old-report", "envelope": {"id": "a"}, "attempts": 0})
    spool._write(folder / f"{new}{spool.ENV_SUFFIX}", key,
                 {"v": spool.FORMAT, "rule": forms.MINIMISATION_RULE, "record_id": "new-report",
                  "envelope": {"id": "b"}, "attempts": 0})
    items = locked_sending.SpoolOutbox(tmp_path, key).outbox_batch(10)
    assert [it.record_id for it in items] == ["new-report"]
