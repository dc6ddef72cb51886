"""Every shipped form loads and is internally sound."""

from __future__ import annotations

import json
import re

import pytest

import forms
from forms import model as m
from forms import schema
from forms.loader import DEFINITIONS_DIR, VALUELISTS_DIR

CORE_FIELDS = [
    "acute_danger",
    "acute_danger_notice",
    "date_signal",
    "date_report",
    "reporter_org_type",
    "reporter_region",
    "subject_pseudonym",
    "gender",
    "age_years",
    "age_is_estimate",
    "minor",
    "nationality",
    "country_of_birth",
    "language",
    "interpreter_used",
    "residence_status",
    "exploitation_types",
    "sector_sexual",
    "sector_labour",
    "sector_criminal",
    "exploitation_place",
    "exploitation_municipality",
    "exploitation_countries",
    "exploitation_period",
    "means_of_control",
    "recruiter_relation",
    "recruitment_channel",
    "assessment",
    "consent_registration",
    "consent_given_by",
    "no_consent_notice",
    "assistance_needed",
    "consent_assistance",
    "also_reported_to",
    "free_text",
]

HTCDS_NAMES = {
    "gender": "prs_Gender",
    "nationality": "prs_Citizenship",
    "exploitation_types": "vic_TypeOfExploitation",
    "means_of_control": "vic_MethodsOfControl",
    "assessment": "vic_TraffickingStatus",
    "recruiter_relation": "vic_RelationshipToTrafficker",
    "consent_registration": "con_Consent",
    "reporter_org_type": "org_Type",
}

# Fields core.v2 adds; NLA v2 has no consent for registration (it registers under its legal task).
CORE_V2_ADDED = [
    "age_band", "exploitation_province", "consent_explained", "consent_explained_by", "consent_date",
    "consent_language", "consent_interpreter",
]
REGISTRATION_CONSENT = ["consent_registration", "consent_given_by", "no_consent_notice"]

ALL_FORMS = sorted(forms.catalog().forms.values(), key=lambda f: f.key)
FORMS = [f for f in ALL_FORMS if not f.follow_up]  # the report forms (not the withdrawal)
IDS = [f"{f.id}.v{f.version}" for f in FORMS]


def test_shipped_catalog_loads_without_errors():
    cat = forms.catalog()
    assert cat.errors == []
    assert {f.id for f in cat.latest()} == {"coa", "nla", "zorg"}
    assert [f.audience for f in cat.latest("nla")] == ["nla"]
    assert cat.latest("zorg")[0].id == "zorg"


def test_every_definition_file_loaded():
    files = {p.name for p in DEFINITIONS_DIR.glob("*.v*.json") if not p.name.startswith("_")}
    assert files == {f.source for f in ALL_FORMS}


def test_get_newest_and_unknown():
    cat = forms.catalog()
    assert cat.get("coa").version == max(cat.versions("coa"))
    assert cat.get("coa", 1).version == 1
    with pytest.raises(KeyError):
        cat.get("does_not_exist")
    with pytest.raises(KeyError):
        cat.get("coa", 99)


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_core_fields_are_on_every_form_in_the_same_shape(form):
    ids = [f.id for f in form.all_fields()]
    expected = list(CORE_FIELDS)
    if form.version >= 2:
        expected += CORE_V2_ADDED
        if form.id == "nla":
            expected = [fid for fid in expected if fid not in REGISTRATION_CONSENT]
            assert not set(REGISTRATION_CONSENT) & set(ids)
    if (form.id, form.version) >= ("nla", 3) and form.id == "nla":
        # NLA v3 asks the sector once, as the inspected company's SBI section (nla_sector)
        expected.remove("sector_labour")
        assert "sector_labour" not in ids
    assert set(expected) <= set(ids)
    reference = forms.catalog().get("coa", min(form.version, 3))
    for fid in expected:
        assert form.field(fid).model_dump() == reference.field(fid).model_dump()


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_ids_unique_and_conditions_refer_to_existing_fields(form):
    ids = [f.id for f in form.all_fields()]
    assert len(ids) == len(set(ids))
    assert len({s.id for s in form.sections}) == len(form.sections)
    indicator_ids = [i.id for c in form.checklists() for i in c.indicators]
    assert len(indicator_ids) == len(set(indicator_ids))
    conds = [s.visible_when for s in form.sections] + [f.visible_when for f in form.all_fields()]
    conds += [r.when for r in form.rules if isinstance(r, m.ForbidRule)]
    for cond in conds:
        for fid in m.condition_fields(cond) if cond is not None else []:
            assert form.has_field(fid), fid
    for rule in form.rules:
        for fid in m.rule_fields(rule):
            assert form.has_field(fid), fid


def _texts(obj, path="$"):
    if isinstance(obj, dict):
        if set(obj) & {"nl", "en"}:
            yield path, obj
        for k, v in obj.items():
            yield from _texts(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _texts(v, f"{path}[{i}]")


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_every_text_has_dutch_and_english(form):
    found = 0
    for path, text in _texts(form.model_dump()):
        if text is None:
            continue
        found += 1
        assert isinstance(text.get("nl"), str) and text["nl"].strip(), path
        assert isinstance(text.get("en"), str) and text["en"].strip(), path
    assert found > 50
    for f in form.all_fields():
        for opt in f.choices():
            assert opt.label.nl.strip() and opt.label.en.strip()


def test_every_value_list_text_has_dutch_and_english():
    for vl in forms.catalog().valuelists.values():
        for item in vl.items:
            assert item.label.nl.strip() and item.label.en.strip(), (vl.name, item.code)


def test_country_list_is_iso_3166_with_stateless_and_unknown():
    countries = forms.catalog().valuelists["countries"]
    codes = [i.code for i in countries.items]
    iso = [c for c in codes if re.fullmatch(r"[A-Z]{2}", c)]
    assert len(iso) == 249
    assert {"NL", "NG", "VN", "ER", "RO", "UA", "stateless", "unknown"} <= set(codes)
    labels = {i.code: i.label for i in countries.items}
    assert labels["NL"].nl == "Nederland" and labels["DE"].en == "Germany"
    nationality = forms.catalog().get("coa").field("nationality")
    assert "stateless" in nationality.codes()
    assert "stateless" not in forms.catalog().get("coa").field("country_of_birth").codes()


def test_residence_status_has_dublin_claimant():
    assert "dublin_claimant" in forms.catalog().get("coa").field("residence_status").codes()


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_every_checklist_has_indicators(form):
    assert form.checklists()
    for checklist in form.checklists():
        assert checklist.indicators
        for ind in checklist.indicators:
            assert ind.text.nl and ind.text.en


def test_nla_has_11_ilo_indicators_and_12_nla_signals():
    nla = forms.catalog().get("nla", 2)
    assert len(nla.field("ilo_indicators").indicators) == 11
    assert len(nla.field("nla_signals").indicators) == 12


def test_coa_and_care_checklists():
    cat = forms.catalog()
    assert len(cat.get("coa").field("coa_checklist").indicators) == 12
    red_flags = cat.get("zorg").field("medical_red_flags")
    assert len(red_flags.indicators) >= 14
    assert {i.category for i in red_flags.indicators} == {c.id for c in red_flags.categories}


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_export_names(form):
    names = [f.export_name for f in form.all_fields() if f.export_name]
    assert len(names) == len(set(names))
    for fid, name in HTCDS_NAMES.items():
        if fid == "consent_registration" and not form.has_field(fid):
            continue  # NLA v2: no consent question for registration
        assert form.field(fid).export_name == name
    for name in names:
        assert re.fullmatch(r"(prs|vic|con|org)_[A-Z][A-Za-z]+|sig_[a-z0-9_]+", name), name
    # every answerable field that is not a checklist is exported (a repeat group's through its
    # fields, each a row of its own)
    for f in form.all_fields():
        if f.answerable and f.kind == "repeat":
            assert all(g.export_name for g in f.fields), f.id
        elif f.answerable and f.kind != "checklist":
            assert f.export_name, f.id


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_acute_danger_shows_the_112_notice(form):
    notice = form.field("acute_danger_notice")
    assert notice.kind == "notice" and notice.severity == "danger"
    assert "112" in notice.text.nl and "112" in notice.text.en
    assert "acute_danger_notice" in forms.visible_field_ids(form, {"acute_danger": "yes"})
    assert "acute_danger_notice" not in forms.visible_field_ids(form, {"acute_danger": "no"})
    assert "acute_danger_notice" not in forms.visible_field_ids(form, {})


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_identifying_and_consent_fields(form):
    assert forms.identifying_field_ids(form) == {"subject_pseudonym"}
    assert "free_text" in forms.free_text_field_ids(form)
    if form.id == "nla" and form.version >= 2:
        assert form.consent_field is None  # registration under the legal task asks no consent
    else:
        assert form.consent_field == "consent_registration"


def test_care_form_says_no_diagnoses():
    zorg = forms.catalog().get("zorg")
    assert "diagnose" in zorg.field("clinical_category").help.nl
    assert "diagnos" in zorg.field("clinical_category").help.en


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_defaults_are_valid_answers(form):
    assert forms.validate(form, dict(form.defaults), "draft") == []


def test_json_schema_is_current():
    for path, model in schema.SCHEMAS.items():
        assert path.read_text(encoding="utf-8") == schema.render(model), (
            f"{path.name} is stale: run python -m forms.schema"
        )
    assert schema.main(["--check"]) == 0


def test_definition_files_name_their_schema():
    for path in DEFINITIONS_DIR.glob("*.json"):
        if path.name.endswith(".schema.json"):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        expected = "shared.schema.json" if path.name.startswith("_") else "form.schema.json"
        assert data.get("$schema") == expected, path.name
    for path in VALUELISTS_DIR.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data.get("$schema") == "../definitions/valuelist.schema.json", path.name
