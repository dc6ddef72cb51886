"""Cross-field checks a professional expects, on the v2 forms (synthetic answers only)."""

from __future__ import annotations

import datetime as dt

import pytest

import forms
from tests.forms.legal_cases import COA2, NLA2, ZORG2, report

TODAY = dt.date(2026, 11, 24)


def problems(form, answers):
    return {(p.field_id, p.code) for p in forms.validate(form, answers, "final", today=TODAY)}


# ---------------------------------------------------------------- COA: minor, household, Nidos


def test_minor_living_alone_as_an_adult_is_a_problem():
    answers = report(COA2, "yes", minor="yes", age_years=15, consent_given_by="nidos_guardian",
                     nidos_informed="yes")
    assert ("coa_household", "rule") in problems(COA2, answers)
    answers["coa_household"] = "unaccompanied_minor"
    assert problems(COA2, answers) == set()


def test_an_unaccompanied_minor_of_18_or_older_is_a_problem():
    answers = report(COA2, "yes", coa_household="unaccompanied_minor", nidos_informed="yes")
    assert ("coa_household", "rule") in problems(COA2, answers)  # age 24, minor "no"


@pytest.mark.parametrize(("minor", "household", "shown"), [
    ("no", "unaccompanied_minor", True),
    ("yes", "alone", True),
    ("doubt", "alone", True),
    ("doubt", "unaccompanied_minor", True),
    ("yes", "family", False),
    ("no", "alone", False),
    ("unknown", "alone", False),
])
def test_the_nidos_question_is_asked_for_every_possibly_unaccompanied_minor(minor, household, shown):
    answers = {"minor": minor, "coa_household": household}
    assert ("nidos_informed" in forms.visible_field_ids(COA2, answers)) is shown
    if shown:
        assert ("nidos_informed", "required") in problems(COA2, answers)


@pytest.mark.parametrize(("answer", "notice"), [("no", True), ("unknown", True), ("yes", False)])
def test_nidos_not_informed_shows_a_warning_but_does_not_block(answer, notice):
    answers = {"coa_household": "unaccompanied_minor", "nidos_informed": answer}
    assert ("nidos_notice" in forms.visible_field_ids(COA2, answers)) is notice
    assert COA2.field("nidos_notice").severity == "warning"


def test_coa_asks_for_the_referral_and_explains_b83():
    assert ("referred_to_police", "required") in problems(COA2, {})
    assert {"avim", "police", "declined"} <= COA2.field("referred_to_police").codes()
    guidance = COA2.field("b83_guidance").text
    assert "B8/3" in guidance.nl and "politie" in guidance.nl and "AVIM" in guidance.nl
    assert "30 dagen" in guidance.nl and "30 days" in guidance.en


# ---------------------------------------------------------------- basis and consent


def test_no_basis_with_consent_yes_is_a_problem():
    assert ("secrecy_basis", "rule") in problems(ZORG2, report(ZORG2, "yes", secrecy_basis="none"))


@pytest.mark.parametrize("consent", ["no", "not_asked_safety", "not_possible"])
def test_basis_consent_without_consent_is_a_problem(consent):
    assert ("secrecy_basis", "basis_needs_consent") in problems(ZORG2, report(ZORG2, consent))


def test_the_route_check_names_the_missing_meldcode_steps_in_both_languages():
    answers = report(ZORG2, "no", secrecy_basis="conflict_of_duties", meldcode_steps=["colleague"])
    (p,) = [p for p in forms.validate(ZORG2, answers, "final", today=TODAY) if p.code == "basis_requirements"]
    assert "afwegingskader" in p.message.nl and "gesprek" in p.message.nl
    assert "assessment framework" in p.message.en


def test_consent_counts_only_when_all_four_points_were_explained():
    answers = report(COA2, "yes")
    assert problems(COA2, answers) == set()
    answers["consent_explained"]["told_withdrawal"] = {"answer": "no"}
    assert ("consent_explained", "rule") in problems(COA2, answers)
    answers["consent_explained"]["told_withdrawal"] = {"answer": "unknown"}
    assert ("consent_explained", "rule") in problems(COA2, answers)


def test_the_consent_record_is_required_with_consent_and_hidden_without():
    answers = report(COA2, "yes")
    for key in ("consent_explained", "consent_explained_by", "consent_date", "consent_language",
                "consent_interpreter"):
        answers.pop(key)
    assert {("consent_explained_by", "required"), ("consent_date", "required"),
            ("consent_language", "required"), ("consent_interpreter", "required"),
            ("consent_explained", "required")} <= problems(COA2, answers)
    answers["consent_registration"] = "no"
    answers.pop("consent_given_by")
    assert "consent_date" not in forms.visible_field_ids(COA2, answers)
    assert problems(COA2, answers) == set()


def test_consent_dated_after_the_report_is_a_problem():
    answers = report(COA2, "yes", consent_date="2026-11-10")
    assert ("consent_date", "date_order") in problems(COA2, answers)


def test_consent_under_16_is_given_by_a_parent_or_guardian():
    answers = report(COA2, "yes", age_years=15, minor="yes", coa_household="unaccompanied_minor",
                     nidos_informed="yes")
    assert ("consent_given_by", "rule") in problems(COA2, answers)
    answers["consent_given_by"] = "nidos_guardian"
    assert problems(COA2, answers) == set()


def test_nla_needs_no_consent_answer_to_finalise():
    answers = report(NLA2, None, assistance_needed=["none"])
    for key in ("consent_assistance", "consent_explained", "consent_explained_by", "consent_date",
                "consent_language", "consent_interpreter"):
        answers.pop(key)
    assert problems(NLA2, answers) == set()


def test_the_inspection_reference_takes_only_its_format():
    for bad in ("Fam. Jansen", "NLA-2026-04512", "nla-2026-004512", "NLA-2026-004512 Emmen"):
        answers = report(NLA2, None, inspection_reference=bad)
        assert ("inspection_reference", "bad_format") in problems(NLA2, answers)
    assert problems(NLA2, report(NLA2, None, inspection_reference="NLA-2025-000001")) == set()


def test_age_band_is_asked_only_without_an_exact_age():
    assert "age_band" in forms.visible_field_ids(COA2, {})
    assert "age_band" not in forms.visible_field_ids(COA2, {"age_years": 30})
    answers = report(COA2, "no")
    answers.pop("age_years")
    answers.pop("age_is_estimate")
    answers["age_band"] = "16_17"
    assert problems(COA2, answers) == set()
    assert forms.minimise(COA2, answers).answers["age_band"] == "16_17"
