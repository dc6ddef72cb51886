"""Withdrawal of consent: a sealed follow-up report that CoMensha's export honours.

End to end on the forms side: the report and, later, the withdrawal are each sealed with
sync.envelope (as a device does), opened with the sealing private key (as the receiver's export
does) and exported with forms.export_records. Synthetic answers only.
"""

from __future__ import annotations

import nacl.public
import nacl.signing
import pytest

import forms
from sync import envelope as envelope_mod
from tests.forms.legal_cases import COA2, NLA2, WITHDRAWAL, anonymous, expected_record, report

SEALING = nacl.public.PrivateKey.generate()
SIGNING = nacl.signing.SigningKey.generate()
REPORT_ID = "0b7a3c1e-6a5f-4f7e-9d7b-2f0c1a2b3c4d"
WITHDRAWAL_ID = "5d1f0e2a-3b4c-4d5e-8f60-718293a4b5c6"


def sealed_and_opened(form, answers, envelope_id):
    env = envelope_mod.seal_report(
        form, answers, envelope_id=envelope_id, created_at="2026-11-28T12:00:00Z",
        sealing_public_key=bytes(SEALING.public_key), signing_key=SIGNING)
    return forms.Report(envelope_id, form, envelope_mod.open_envelope(env, bytes(SEALING))["answers"])


def withdrawal(target=REPORT_ID, scopes=("registration",), **extra):
    answers = {"withdraws_envelope_id": target, "withdraws": list(scopes), "withdrawal_date": "2026-11-20",
               "withdrawal_received_by": "coa_staff"}
    answers.update(extra)
    return answers


def test_the_withdrawal_form_is_a_follow_up_not_a_new_report():
    assert WITHDRAWAL.follow_up and WITHDRAWAL.audience == "any"
    assert "withdrawal" not in {f.id for f in forms.catalog().latest()}
    assert [f.id for f in forms.catalog().follow_ups()] == ["withdrawal"]
    assert forms.validate(WITHDRAWAL, withdrawal(), "final") == []
    # it holds no data about the person: no text field at all
    text_kinds = ("short_text", "long_text", "identifying_text")
    assert not [f for f in WITHDRAWAL.all_fields() if f.kind in text_kinds]


@pytest.mark.parametrize("bad", ["Fam. Jansen", "0B7A3C1E-6A5F-4F7E-9D7B-2F0C1A2B3C4D", REPORT_ID + " x", ""])
def test_the_envelope_id_takes_only_an_envelope_id(bad):
    problems = forms.validate(WITHDRAWAL, withdrawal(target=bad), "final")
    assert ("withdraws_envelope_id", "required" if not bad else "bad_format") in {
        (p.field_id, p.code) for p in problems}


def test_withdrawn_registration_consent_is_honoured_in_the_export():
    answers = report(COA2, "yes", assistance_needed=["cosm"], consent_assistance="yes")
    sent = sealed_and_opened(COA2, answers, REPORT_ID)
    later = sealed_and_opened(WITHDRAWAL, withdrawal(), WITHDRAWAL_ID)
    before = forms.export_records([sent])
    assert before.records == [(REPORT_ID, forms.export_record(COA2, answers))]
    outcome = forms.export_records([sent, later])
    assert outcome.unmatched == [] and outcome.invalid == []
    ((rid, record),) = outcome.records
    # As if consent had never been given; the record of the consent that was given stays in
    # Signaal's own columns (it holds roles and a month, nothing about the person), the column
    # says it was withdrawn, and HTCDS's con_Consent says there is no consent now.
    case = anonymous(COA2, context=True)
    case["coarse"]["consent_date"] = "2026-11"
    expected = expected_record(COA2, answers, **case)
    assert expected["con_Consent"] is True and expected["sig_consent_assistance"] == "yes"
    expected["consent_withdrawn"] = ["registration"]
    expected["con_Consent"] = False
    assert rid == REPORT_ID and record == expected
    assert [r for r, _ in outcome.withdrawals] == [WITHDRAWAL_ID]


def test_withdrawn_assistance_consent_blanks_only_the_assistance_consent():
    answers = report(COA2, "yes", assistance_needed=["cosm"], consent_assistance="yes")
    outcome = forms.export_records([
        sealed_and_opened(COA2, answers, REPORT_ID),
        sealed_and_opened(WITHDRAWAL, withdrawal(scopes=["assistance"]), WITHDRAWAL_ID)])
    ((_, record),) = outcome.records
    expected = expected_record(COA2, answers)
    expected.update(sig_consent_assistance=None, consent_withdrawn=["assistance"])
    assert record == expected


def test_a_withdrawal_under_the_legal_task_is_recorded_but_registration_stands():
    # NLA registers without consent (legal task): withdrawing consent ends the assistance, not the
    # registration. The column tells CoMensha what was withdrawn. (docs/legal.md: lawyer to confirm.)
    answers = report(NLA2, None)
    outcome = forms.export_records([
        forms.Report(REPORT_ID, NLA2, answers),
        forms.Report(WITHDRAWAL_ID, WITHDRAWAL, withdrawal(scopes=["registration", "assistance"]))])
    ((_, record),) = outcome.records
    expected = expected_record(NLA2, answers)
    expected.update(sig_consent_assistance=None, consent_withdrawn=["registration", "assistance"])
    assert record == expected


def test_unmatched_and_invalid_withdrawals_are_reported_not_dropped():
    outcome = forms.export_records([
        forms.Report(WITHDRAWAL_ID, WITHDRAWAL, withdrawal(target="11111111-2222-4333-8444-555555555555")),
        forms.Report("66666666-7777-4888-9999-000000000000", WITHDRAWAL, {"withdraws": ["registration"]})])
    assert outcome.records == []
    assert [w.envelope_id for w in outcome.unmatched] == ["11111111-2222-4333-8444-555555555555"]
    assert outcome.invalid == ["66666666-7777-4888-9999-000000000000"]


def test_export_record_refuses_an_unknown_withdrawal_scope():
    with pytest.raises(ValueError, match="unknown withdrawal scope"):
        forms.export_record(COA2, {}, withdrawn=["everything"])
