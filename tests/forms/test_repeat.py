"""Repeat groups in the form language: per-person validation with limits, minimisation of every
person like the report's own person, and a row per person in the export with a shared case id."""

from __future__ import annotations

import datetime as dt
import json

import forms
from forms import export_table as et
from forms import model as m
from tests.forms import legal_cases as lc

TODAY = dt.date(2026, 11, 24)
CAT = forms.catalog()
COA3, NLA3 = CAT.get("coa", 3), CAT.get("nla", 3)
ENV = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"
PERSONS = [{"p_gender": "male", "p_minor": "no", "p_nationality": ["RO"], "p_pseudonym": "W.2"},
           {"p_gender": "female", "p_minor": "doubt", "p_age_band": "16_17"}]


def group_report(form, consent="yes", persons=PERSONS, **extra):
    answers = {k: v for k, v in lc.report(form, consent, **extra).items() if form.has_field(k)}
    return answers | {"request_kind": "registration_only", "other_persons": persons}


def test_the_group_is_a_repeat_of_the_person_fields():
    group = NLA3.field("other_persons")
    assert isinstance(group, m.RepeatField) and (group.min_items, group.max_items) == (0, 30)
    assert [f.export_name for f in group.fields] == ["sig_pseudonym", "prs_Gender", "sig_age_band",
                                                     "sig_minor", "prs_Citizenship"]
    assert group.item_label.nl == "Persoon" and group.item_label.en == "Person"


def test_each_person_is_validated_and_the_limit_holds():
    assert forms.validate(NLA3, group_report(NLA3, None), "final", today=TODAY) == []
    bad = group_report(NLA3, None, persons=[{"p_gender": "male"}, {"p_minor": "x", "p_name": "A"}])
    problems = forms.validate(NLA3, bad, "final", today=TODAY)
    texts = sorted(p.message.nl for p in problems if p.field_id == "other_persons")
    assert texts == ["Persoon 1: Dit veld is verplicht.", "Persoon 2: Dit veld hoort niet bij dit formulier.",
                     "Persoon 2: Dit veld is verplicht.", "Persoon 2: Kies een antwoord uit de lijst."]
    # a draft does not ask for required answers yet, but never takes more than the limit
    draft = forms.validate(NLA3, bad | {"other_persons": [{"p_gender": "male"}]}, "draft", today=TODAY)
    assert draft == []
    many = forms.validate(NLA3, {"other_persons": [{}] * 31}, "draft", today=TODAY)
    assert [(p.field_id, p.code) for p in many] == [("other_persons", "too_many_items")]
    assert [p.code for p in forms.validate(NLA3, {"other_persons": "three"}, "draft")] == ["wrong_type"]


def test_each_person_leaves_only_what_the_basis_allows():
    # COA without consent: no alias leaves, and (COA: context allowed) nationality does.
    answers = group_report(COA3, "no")
    persons = forms.minimise(COA3, answers).answers["other_persons"]
    assert [set(p) for p in persons] == [{"p_gender", "p_minor", "p_nationality"},
                                         {"p_gender", "p_minor", "p_age_band"}]
    assert "W.2" not in json.dumps(forms.minimise(COA3, answers).answers)
    assert forms.minimise(COA3, group_report(COA3, "yes")).answers["other_persons"][0]["p_pseudonym"] == "W.2"


def test_each_person_is_a_row_of_its_own_in_the_same_case():
    answers = group_report(NLA3, None)
    table = et.export_table([et.Received(ENV, NLA3, answers, received_at="2026-11-25T10:00:00Z")])
    assert [meta["sig_person"] for meta, _ in table.rows] == [1, 2, 3]
    assert {meta["sig_case_id"] for meta, _ in table.rows} == {ENV}
    assert {meta["envelope_id"] for meta, _ in table.rows} == {ENV}
    (_, first), (_, second), (_, third) = table.rows
    assert (first["prs_Gender"], second["prs_Gender"], third["prs_Gender"]) == (
        "Feminine", "Masculine", "Feminine")
    assert second["prs_Citizenship"] == ["RO"] and second["sig_pseudonym"] == "W.2"
    assert third["sig_age_band"] == "16_17" and third["sig_age_years"] is None  # not the first's age
    # the inspection is the same for all
    industry = {r["vic_ForcedLabourIndustry"] for r in (first, second, third)}
    assert len(industry) == 1 and None not in industry
    # without a person, a report is one row with no number
    single = et.export_table([et.Received(ENV, NLA3, group_report(NLA3, None, persons=[]))])
    assert [meta["sig_person"] for meta, _ in single.rows] == [None]


def test_a_withdrawal_reaches_every_persons_row():
    answers = group_report(COA3, "yes")
    addition = group_report(COA3, "yes", persons=[]) | {"follows_up": ENV,
                                                        "follow_up_withdraws": ["registration"]}
    table = et.export_table([et.Received(ENV, COA3, answers),
                             et.Received("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", COA3, addition)])
    person_rows = [r for meta, r in table.rows if meta["envelope_id"] == ENV]
    assert len(person_rows) == 3
    assert all(r["consent_withdrawn"] == ["registration"] and r["sig_pseudonym"] is None for r in person_rows)


def test_an_item_field_needs_a_twin_in_the_report(defs):
    core = defs.read("_core.v3.json")
    section = next(s for s in core["sections"] if s["id"] == "other_persons")
    section["fields"][0]["fields"][1]["export_name"] = "sig_not_a_column"
    defs.write("_core.v3.json", core)
    cat = defs.load()
    assert any("sig_not_a_column" in str(e) and "same kind" in str(e) for e in cat.errors)


def test_the_reporters_own_data_must_wait_for_their_tick(defs):
    core = defs.read("_core.v3.json")
    request = next(s for s in core["sections"] if s["id"] == "request")
    name = next(f for f in request["fields"] if f["id"] == "contact_name")
    del name["visible_when"]
    defs.write("_core.v3.json", core)
    cat = defs.load()
    assert any("tick that it may go" in str(e) for e in cat.errors)
