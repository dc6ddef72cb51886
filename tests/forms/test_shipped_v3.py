"""Version 3 of the role forms: CoMensha's dossier fields, additions to a sent report, the content
the reviews found missing, and NLA asking each fact once. Old drafts keep v1/v2 (test_versioning)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import forms
from forms import export_table as et
from tests.forms import legal_cases as lc

CAT = forms.catalog()
TODAY = dt.date(2026, 11, 24)
V3 = [CAT.get(fid, 3) for fid in ("coa", "nla", "zorg")]
EARLIER = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"
CONTACT = {"contact_share": "yes", "contact_name": "J. de Vries", "contact_phone": "0612345678",
           "contact_organisation": "COA Emmen, team veiligheid", "contact_remember": "yes"}


def v3_report(form, consent="yes", **extra):
    answers = {k: v for k, v in lc.report(form, consent, **extra).items() if form.has_field(k)}
    answers.setdefault("request_kind", "shelter")
    return answers


def test_v3_is_the_newest_and_the_old_versions_stay():
    assert [f.version for f in CAT.latest()] == [3, 3, 3]
    assert CAT.versions("coa") == [1, 2, 3]
    for form in V3:
        assert form.legal is not None and form.field("follows_up").kind == "reference"


@pytest.mark.parametrize("form", V3, ids=lambda f: f.id)
def test_a_complete_v3_report_validates(form):
    answers = v3_report(form, "yes" if form.consent_field else None, **CONTACT)
    assert forms.validate(form, answers, "final", today=TODAY) == []


@pytest.mark.parametrize("form", V3, ids=lambda f: f.id)
def test_dossier_fields_kind_of_request_and_where_the_person_stays(form):
    kinds = [o.code for o in form.field("request_kind").choices()]
    assert kinds == ["registration_only", "shelter", "information_advice"]
    assert form.field("request_kind").required
    assert form.field("care_location").quasi_identifier == "context"
    record = forms.export_record(form, v3_report(form, "yes" if form.consent_field else None,
                                                 care_location="shelter"))
    assert record["sig_request_kind"] == "shelter"


@pytest.mark.parametrize("form", V3, ids=lambda f: f.id)
def test_the_reporters_contact_goes_only_when_they_tick_it_whatever_the_basis(form):
    consent = "no" if form.consent_field else None
    answers = v3_report(form, consent, **CONTACT)
    if form.id == "zorg":
        answers["secrecy_basis"] = "none"
    record = forms.export_record(form, answers)
    # the professional's own details, for a call back about a shelter request
    assert record["sig_contact_name"] == "J. de Vries" and record["sig_contact_phone"] == "0612345678"
    assert record["sig_contact_organisation"] == "COA Emmen, team veiligheid"
    assert lc.PSEUDONYM not in json.dumps(record) or form.id == "nla"  # the person's stays
    answers["contact_share"] = "no"
    record = forms.export_record(form, answers)
    assert record["sig_contact_name"] is None and record["sig_contact_phone"] is None
    assert "J. de Vries" not in json.dumps(record)


def test_a_phone_number_is_digits_only():
    coa = CAT.get("coa", 3)
    problems = forms.validate(coa, {**CONTACT, "contact_phone": "bel mij 06-1234"}, "draft")
    assert [p.field_id for p in problems] == ["contact_phone"]


def test_content_the_reviews_found_missing():
    coa, _nla, zorg = V3
    sexual = {o.code: o for o in coa.field("sector_sexual").choices()}
    assert {"massage_salon", "webcam"} <= set(sexual)
    assert sexual["webcam"].htcds == "RemoteInteractiveServices"
    red_flags = {i.id: i for i in zorg.field("medical_red_flags").indicators}
    assert red_flags["med_self_harm"].health and red_flags["med_psychosomatic"].health
    assert {"care_coordinator", "fairwork"} <= coa.field("also_reported_to").codes()
    assert {"occupational_health", "youth_health"} <= zorg.field("reporter_org_type").codes()
    assert {"pol", "family_location", "vbl"} <= coa.field("coa_location").codes()
    assert coa.field("recruited_at_location").kind == "yes_no_unknown"
    assert "mannen" in coa.field("recruited_at_location").help.nl
    assert "men" in coa.field("recruited_at_location").help.en
    assert coa.field("second_language").htcds == "prs_SecondaryLanguage"
    # HTCDS: a second language as prs_SecondaryLanguage
    record = forms.export_record(coa, v3_report(coa, second_language="eng"))
    assert record["prs_SecondaryLanguage"] == "eng"


def test_self_harm_is_health_data_and_stays_without_a_basis_for_it():
    zorg = CAT.get("zorg", 3)
    answers = v3_report(zorg, "no", secrecy_basis="conflict_of_duties")
    answers["medical_red_flags"] = {"med_self_harm": {"answer": "yes"},
                                    "med_companion_speaks": {"answer": "yes"}}
    record = forms.export_record(zorg, answers)
    assert record["ind_med_self_harm"] is None and record["ind_med_companion_speaks"] == "yes"


def test_nla_asks_debt_documents_hours_and_sector_once():
    nla2, nla3 = CAT.get("nla", 2), CAT.get("nla", 3)

    def asked(form, words):
        texts = []
        for f in form.all_fields():
            texts.append((f.id, f.label.nl.lower()))
            for o in f.choices():
                if f.id != "language":
                    texts.append((f"{f.id}={o.code}", o.label.nl.lower()))
            for ind in getattr(f, "indicators", []):
                texts.append((ind.id, ind.text.nl.lower()))
        return [k for k, t in texts if any(w in t for w in words)]

    for topic, words in {"debt": ["schuld"], "documents": ["identiteitsbewijs", "papieren", "paspoort"],
                         "hours": ["werktijd", "overwerk", "lange dagen", "uren per"],
                         "sector": ["sector"]}.items():
        old, new = asked(nla2, words), asked(nla3, words)
        assert len(old) >= 2, (topic, old)
        assert len(new) < len(old), (topic, new)
    assert not nla3.has_field("sector_labour") and not nla3.has_field("hours_per_day")
    assert {"debt_bondage", "withholds_documents", "excessive_working_hours"} <= nla3.field(
        "means_of_control").codes()
    # the hours are asked as a number only when excessive hours were ticked
    visible = forms.visible_field_ids(nla3, {"means_of_control": ["excessive_working_hours"]})
    assert "hours_per_week" in visible
    assert "hours_per_week" not in forms.visible_field_ids(nla3, {"means_of_control": ["debt_bondage"]})


@pytest.mark.parametrize("form", V3, ids=lambda f: f.id)
def test_dutch_says_u_and_english_is_complete(form):
    for f in form.all_fields():
        for text in [f.label, f.help, *(o.label for o in f.choices())]:
            if text is None:
                continue
            assert text.nl.strip() and text.en.strip()
            words = text.nl.lower().replace(",", " ").replace("?", " ").split()
            assert "je" not in words and "jij" not in words and "jouw" not in words, text.nl


# ---------------------------------------------------------------- additions (Aanvulling)


def test_an_addition_is_linked_to_the_earlier_report_in_the_export():
    coa = CAT.get("coa", 3)
    first = v3_report(coa, "yes")
    addition = v3_report(coa, "yes", follows_up=EARLIER, request_kind="information_advice")
    later = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
    third = v3_report(coa, "yes", follows_up=later)
    table = et.export_table([et.Received(EARLIER, coa, first), et.Received(later, coa, addition),
                             et.Received("2b3c4d5e-6f70-4a8b-9cad-1e2f3a4b5c6d", coa, third)])
    (m1, r1), (m2, r2), (m3, r3) = table.rows
    assert r1["sig_follows_up"] is None and r2["sig_follows_up"] == EARLIER and r3["sig_follows_up"] == later
    assert m1["sig_case_id"] == m2["sig_case_id"] == m3["sig_case_id"] == EARLIER
    assert "sig_follows_up" in table.columns and "sig_case_id" in table.columns


def test_an_addition_may_withdraw_consent_like_a_withdrawal_follow_up():
    coa = CAT.get("coa", 3)
    first = v3_report(coa, "yes")
    addition = v3_report(coa, "yes", follows_up=EARLIER, follow_up_withdraws=["registration"])
    outcome = forms.export_records([forms.Report(EARLIER, coa, first),
                                    forms.Report("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", coa, addition)])
    records = dict(outcome.records)
    assert records[EARLIER]["consent_withdrawn"] == ["registration"]
    assert records[EARLIER]["sig_pseudonym"] is None  # as if consent had never been given
    assert outcome.unmatched == []
    # withdrawing needs the link: without follows_up the question is not even shown
    assert "follow_up_withdraws" not in forms.visible_field_ids(coa, {})
