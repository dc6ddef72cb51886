"""validate / visible_field_ids / clean_answers on the shipped forms (synthetic answers only)."""

from __future__ import annotations

import datetime as dt

import pytest

import forms
from forms import model as m
from forms.logic import holds

TODAY = dt.date(2026, 11, 24)
CAT = forms.catalog()
COA = CAT.get("coa", 1)
NLA = CAT.get("nla", 1)
ZORG = CAT.get("zorg", 1)


def _all_unknown(checklist):
    return {i.id: {"answer": "unknown"} for i in checklist.indicators}


def complete(form, **extra):
    """A complete, valid final answer set for a form (synthetic)."""
    answers = {
        "acute_danger": "no",
        "date_signal": "2026-11-02",
        "date_report": "2026-11-03",
        "reporter_org_type": {"coa": "coa", "nla": "nla", "zorg": "general_practice"}[form.id],
        "reporter_region": "oost_nederland",
        "subject_pseudonym": "X.Y.",
        "gender": "female",
        "age_years": 24,
        "age_is_estimate": "yes",
        "minor": "no",
        "nationality": ["NG"],
        "residence_status": "asylum_seeker",
        "exploitation_types": ["sexual"],
        "sector_sexual": ["hotel"],
        "assessment": "possible",
        "consent_registration": "yes",
        "consent_given_by": "self",
        "free_text": "Synthetic note.",
    }
    for checklist in form.checklists():
        answers[checklist.id] = _all_unknown(checklist)
    if form.id == "coa":
        answers.update(coa_location="azc", coa_household="alone")
    if form.id == "nla":
        answers.update(
            nla_sector="A", b83_explained="yes", exploitation_types=["labour"], sector_labour=["agriculture"]
        )
        answers.pop("sector_sexual")
    if form.id == "zorg":
        answers.update(care_setting="emergency", accompanied="no", secrecy_basis="consent")
    answers.update(extra)
    return answers


def codes(problems):
    return {(p.field_id, p.code) for p in problems}


@pytest.mark.parametrize("form", [COA, NLA, ZORG], ids=lambda f: f.id)
def test_complete_answers_pass_final(form):
    assert forms.validate(form, complete(form), "final", today=TODAY) == []


@pytest.mark.parametrize("form", [COA, NLA, ZORG], ids=lambda f: f.id)
def test_draft_checks_types_not_required(form):
    assert forms.validate(form, {}, "draft") == []
    assert forms.validate(form, {"gender": "female"}, "draft") == []
    assert {p.code for p in forms.validate(form, {}, "final")} == {"required"}


def test_problem_messages_in_both_languages():
    (p,) = forms.validate(COA, {"age_years": 200}, "draft")
    assert p.field_id == "age_years" and p.code == "above_maximum"
    assert "110" in p.message.nl and "110" in p.message.en
    assert p.text("en") == p.message.en


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("age_years", "24", "wrong_type"),
        ("age_years", 24.0, "wrong_type"),
        ("age_years", True, "wrong_type"),
        ("age_years", float("nan"), "wrong_type"),
        ("age_years", -1, "below_minimum"),
        ("age_years", 10**30, "above_maximum"),
        ("date_signal", "02-11-2026", "invalid_date"),
        ("date_signal", "2026-02-30", "invalid_date"),
        ("date_signal", "20261102", "invalid_date"),
        ("date_signal", 20261102, "invalid_date"),
        ("date_signal", "2026-11-25", "in_future"),
        ("date_signal", "1999-12-31", "too_early"),
        ("gender", "banana", "invalid_code"),
        ("gender", ["female"], "wrong_type"),
        ("minor", "YES", "invalid_code"),
        ("acute_danger", "maybe", "invalid_code"),
        ("nationality", "NG", "wrong_type"),
        ("nationality", ["XX"], "invalid_code"),
        ("nationality", ["NG", "NG"], "duplicate_code"),
        ("nationality", ["NG", 3], "wrong_type"),
        ("country_of_birth", "stateless", "invalid_code"),
        ("means_of_control", ["unknown", "debt_bondage"], "exclusive_combined"),
        ("nationality", ["NG", "unknown"], "exclusive_combined"),
        ("subject_pseudonym", "x" * 41, "too_long"),
        ("subject_pseudonym", 12, "wrong_type"),
        ("free_text", "x" * 1_000_000, "too_long"),
        ("coa_checklist", ["coa_ritual"], "wrong_type"),
        ("coa_checklist", {"coa_nope": {"answer": "yes"}}, "unknown_indicator"),
        ("coa_checklist", {"coa_ritual": {"answer": "maybe"}}, "invalid_indicator_answer"),
        ("coa_checklist", {"coa_ritual": "yes"}, "invalid_indicator_answer"),
        ("coa_checklist", {"coa_ritual": {"answer": "yes", "note": 5}}, "invalid_indicator_answer"),
        ("coa_checklist", {"coa_ritual": {"answer": "yes", "note": "n" * 301}}, "note_too_long"),
        ("acute_danger_notice", "read", "not_answerable"),
    ],
)
def test_type_and_bound_problems(field, value, code):
    problems = forms.validate(COA, {field: value}, "draft", today=TODAY)
    assert (field, code) in codes(problems), problems


def test_valid_values_of_each_kind():
    answers = {
        "age_years": 0,
        "date_signal": "2026-11-24",
        "nationality": ["stateless"],
        "country_of_birth": "VN",
        "means_of_control": ["debt_bondage", "withholds_documents"],
        "coa_checklist": {"coa_ritual": {"answer": "yes", "note": "synthetic"}, "coa_id_held": None},
        "subject_pseudonym": "A.B.",
    }
    assert forms.validate(COA, answers, "draft", today=TODAY) == []


def test_unknown_fields_and_odd_keys_are_reported():
    problems = forms.validate(COA, {"no_such_field": 1, 7: "x", None: 1}, "draft")
    assert ("no_such_field", "unknown_field") in codes(problems)
    assert len([p for p in problems if p.code == "unknown_field"]) == 3


@pytest.mark.parametrize("answers", [None, [], "x", 3, 1.5, float("nan"), True, [{"a": 1}]])
def test_non_dict_answers(answers):
    for level in ("draft", "final"):
        assert [p.code for p in forms.validate(COA, answers, level)] == ["not_an_object"]
    assert forms.clean_answers(COA, answers) == {}
    assert "acute_danger" in forms.visible_field_ids(COA, answers)


def test_unknown_level_checks_as_draft():
    problems = forms.validate(COA, {}, "sloppy")
    assert [p.code for p in problems] == ["invalid_level"]


# ---------------------------------------------------------------- visibility


def test_sector_is_shown_and_required_for_each_chosen_type():
    answers = complete(COA, exploitation_types=["sexual", "labour", "criminal"])
    visible = forms.visible_field_ids(COA, answers)
    assert {"sector_sexual", "sector_labour", "sector_criminal"} <= visible
    problems = forms.validate(COA, answers, "final", today=TODAY)
    assert codes(problems) == {("sector_labour", "required"), ("sector_criminal", "required")}
    answers = complete(COA, exploitation_types=["organ_removal"])
    answers.pop("sector_sexual")
    assert not {"sector_sexual", "sector_labour"} & forms.visible_field_ids(COA, answers)
    assert forms.validate(COA, answers, "final", today=TODAY) == []


def test_hidden_answers_are_dropped_and_not_checked():
    answers = complete(COA, exploitation_types=["labour"], sector_labour=["construction"])
    answers["sector_sexual"] = ["not even a code"]  # hidden now: ignored, then dropped
    assert forms.validate(COA, answers, "final", today=TODAY) == []
    cleaned = forms.clean_answers(COA, answers)
    assert "sector_sexual" not in cleaned and cleaned["sector_labour"] == ["construction"]


def test_clean_answers_drops_empty_unknown_and_notices():
    cleaned = forms.clean_answers(
        COA,
        {
            "gender": "",
            "free_text": "   ",
            "nationality": [],
            "x": 1,
            "acute_danger_notice": "z",
            "minor": "no",
        },
    )
    assert cleaned == {"minor": "no"}


def test_chained_visibility_hides_dependents():
    # consent_given_by depends on consent_registration; the 'under 16' rule on consent_given_by
    answers = complete(COA, consent_registration="no", age_years=14, minor="yes")
    assert "consent_given_by" not in forms.visible_field_ids(COA, answers)
    assert "no_consent_notice" in forms.visible_field_ids(COA, answers)
    assert forms.validate(COA, answers, "final", today=TODAY) == []


def test_nidos_question_only_for_unaccompanied_minors():
    answers = complete(
        COA, coa_household="unaccompanied_minor", minor="yes", age_years=15, consent_given_by="nidos_guardian"
    )
    assert "nidos_informed" in forms.visible_field_ids(COA, answers)
    assert ("nidos_informed", "required") in codes(forms.validate(COA, answers, "final", today=TODAY))
    answers["nidos_informed"] = "yes"
    assert forms.validate(COA, answers, "final", today=TODAY) == []


def test_place_of_exploitation_municipality_or_country():
    answers = {"exploitation_place": "netherlands"}
    visible = forms.visible_field_ids(COA, answers)
    assert "exploitation_municipality" in visible and "exploitation_countries" not in visible
    visible = forms.visible_field_ids(COA, {"exploitation_place": "both"})
    assert {"exploitation_municipality", "exploitation_countries"} <= visible


def test_assistance_consent_only_when_help_is_asked():
    assert "consent_assistance" not in forms.visible_field_ids(COA, {"assistance_needed": ["none"]})
    assert "consent_assistance" in forms.visible_field_ids(COA, {"assistance_needed": ["cosm", "medical"]})
    answers = complete(COA, assistance_needed=["cosm"])
    assert ("consent_assistance", "required") in codes(forms.validate(COA, answers, "final", today=TODAY))


def test_required_checklist_needs_every_indicator():
    answers = complete(NLA)
    answers["ilo_indicators"] = {"ilo_deception": {"answer": "yes"}}
    assert ("ilo_indicators", "incomplete") in codes(forms.validate(NLA, answers, "final", today=TODAY))
    assert forms.validate(NLA, answers, "draft", today=TODAY) == []


def test_checklist_contains_condition():
    cond = m.Comparison.model_validate({"field": "c", "contains": "i1"})
    assert holds(cond, {"c": {"i1": {"answer": "yes"}}})
    assert not holds(cond, {"c": {"i1": {"answer": "no"}}})
    assert not holds(cond, {"c": "i1"})


# ---------------------------------------------------------------- cross-field rules (final only)


def test_minor_yes_with_adult_age():
    answers = complete(COA, minor="yes", age_years=19)
    assert ("age_years", "rule") in codes(forms.validate(COA, answers, "final", today=TODAY))
    assert forms.validate(COA, answers, "draft", today=TODAY) == []


def test_minor_no_with_child_age():
    answers = complete(COA, minor="no", age_years=15, consent_given_by="parent_or_guardian")
    assert codes(forms.validate(COA, answers, "final", today=TODAY)) == {("minor", "rule")}


def test_minor_in_doubt_is_fine_with_any_age():
    answers = complete(COA, minor="doubt", age_years=18)
    assert forms.validate(COA, answers, "final", today=TODAY) == []


def test_signal_after_report_date():
    answers = complete(COA, date_signal="2026-11-05", date_report="2026-11-03")
    problems = forms.validate(COA, answers, "final", today=TODAY)
    assert codes(problems) == {("date_signal", "date_order")}
    assert "signaal" in problems[0].message.nl


def test_under_16_consent_must_come_from_parent_or_guardian():
    answers = complete(COA, minor="yes", age_years=15, consent_given_by="self")
    assert codes(forms.validate(COA, answers, "final", today=TODAY)) == {("consent_given_by", "rule")}
    answers["consent_given_by"] = "parent_or_guardian"
    assert forms.validate(COA, answers, "final", today=TODAY) == []
    answers = complete(COA, minor="yes", age_years=16, consent_given_by="self")
    assert forms.validate(COA, answers, "final", today=TODAY) == []


def test_coa_unaccompanied_minor_must_be_minor():
    answers = complete(COA, coa_household="unaccompanied_minor", nidos_informed="yes")
    assert ("coa_household", "rule") in codes(forms.validate(COA, answers, "final", today=TODAY))


def test_coa_dublin_consistency():
    answers = complete(COA, residence_status="dublin_claimant", dublin_claimant="no")
    assert codes(forms.validate(COA, answers, "final", today=TODAY)) == {("dublin_claimant", "rule")}


def test_nla_b83_not_applicable_only_for_eu_citizens():
    answers = complete(NLA, b83_explained="not_applicable")
    assert ("b83_explained", "rule") in codes(forms.validate(NLA, answers, "final", today=TODAY))
    answers["residence_status"] = "nl_eu_citizen"
    assert forms.validate(NLA, answers, "final", today=TODAY) == []


def test_nla_b83_notice_when_not_explained():
    assert "b83_not_explained_notice" in forms.visible_field_ids(NLA, {"b83_explained": "no"})


def test_zorg_secrecy_basis_consent_needs_consent():
    answers = complete(ZORG, consent_registration="not_asked_safety")
    assert codes(forms.validate(ZORG, answers, "final", today=TODAY)) == {("secrecy_basis", "rule")}


def test_zorg_interpreter_kind_follows_core_interpreter_question():
    assert "interpreter_kind" not in forms.visible_field_ids(ZORG, {"interpreter_used": "no"})
    answers = complete(ZORG, interpreter_used="yes")
    assert ("interpreter_kind", "required") in codes(forms.validate(ZORG, answers, "final", today=TODAY))


def test_not_future_uses_today():
    today = dt.date.today()
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert ("date_report", "in_future") in codes(forms.validate(COA, {"date_report": tomorrow}))
    assert forms.validate(COA, {"date_report": today.isoformat()}) == []
