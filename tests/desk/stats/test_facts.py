"""Facts from real minimised answers of every shipped form version (forms.minimise runs first, as on
the device: what the desk counts is only what was sealed)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.stats.facts import ReportFacts, facts_from_report, province_of_municipality
from forms.loader import catalog
from forms.minimise import minimise

RECEIVED = date(2026, 3, 14)
SHIPPED = [(fid, v) for fid in ("coa", "nla", "zorg") for v in (1, 2)]


def _sealed(form_id: str, version: int, answers: dict) -> dict:
    return minimise(catalog().get(form_id, version), answers).answers


def _facts(form_id: str, version: int, answers: dict, **kw) -> list[ReportFacts]:
    kw.setdefault("organisation_type", None)
    return facts_from_report(form_id, version, _sealed(form_id, version, answers), report_id="env-1",
                             person_key="env-1", received=RECEIVED, **kw)


def _answers(version: int, **over) -> dict:
    base = {
        "gender": "male", "age_years": 15, "nationality": ["RO"], "exploitation_types": ["labour"],
        "sector_labour": ["construction"], "exploitation_place": "netherlands",
        "exploitation_municipality": "GM0363" if version >= 2 else "Amsterdam",
    }
    base.update(over)
    return base


@pytest.mark.parametrize(("form_id", "version"), SHIPPED)
def test_every_shipped_version_gives_one_person_with_what_was_sealed(form_id, version):
    [f] = _facts(form_id, version, _answers(version))
    assert f.report_id == f.person_key == "env-1"
    assert f.form_id == form_id and f.received == RECEIVED
    assert f.exploitation == {"labour"}
    assert f.sector == "F"  # construction → ISIC section F
    assert f.gender == "male"
    sealed = _sealed(form_id, version, _answers(version))
    # From the exact age, or its band 12_15 where only the band was sealed; v1 has no band, so a
    # v1 report whose exact age stayed on the device says nothing about minority.
    assert f.minor is (True if {"age_years", "age_band"} & set(sealed) else None)
    assert f.organisation_type == {"coa": "coa", "nla": "nla", "zorg": "care"}[form_id]
    # Nationality is context the zorg forms do not seal without consent: then it is unknown.
    assert f.nationality == ("RO" if "nationality" in sealed else None)
    # v2 seals the municipality or its province; v1 a typed name where free text may leave.
    if version >= 2 or "exploitation_municipality" in sealed:
        assert f.region == "PV27"  # Amsterdam lies in Noord-Holland
    else:
        assert f.region is None


def test_only_the_band_is_left_and_still_decides_minor():
    sealed = _sealed("zorg", 2, _answers(2, age_years=30))
    assert "age_years" not in sealed and sealed["age_band"] == "30_39"
    [f] = facts_from_report("zorg", 2, sealed, report_id="r", person_key="p", received=RECEIVED,
                            organisation_type=None)
    assert f.minor is False and f.person_key == "p"


def test_the_minor_answer_wins_over_the_age_and_unknown_is_none():
    [f] = _facts("nla", 2, _answers(2, minor="no", age_years=16))
    assert f.minor is False
    [f] = _facts("nla", 2, {"minor": "unknown", "gender": "unknown", "exploitation_types": ["unknown"]})
    assert f.minor is None and f.gender is None and f.exploitation == frozenset()
    assert f.sector is None and f.region is None and f.nationality is None


def test_sector_from_the_nla_section_or_several_labour_sectors():
    [f] = _facts("nla", 2, _answers(2, nla_sector="A", sector_labour=["construction"]))
    assert f.sector == "A"  # the inspector's own section answer comes first
    [f] = _facts("coa", 2, _answers(2, sector_labour=["construction", "hospitality"]))
    assert f.sector == "multiple"
    [f] = _facts("coa", 2, _answers(2, sector_labour=["other_services"]))
    assert f.sector == "other"
    [f] = _facts("coa", 2, _answers(2, exploitation_types=["sexual"], sector_labour=[],
                                     sector_sexual=["window"]))
    assert f.sector is None and f.exploitation == {"sexual"}


def test_organisation_type_known_to_the_desk_wins_then_the_answer_then_the_form():
    [f] = _facts("zorg", 2, _answers(2, reporter_org_type="hospital"))
    assert f.organisation_type == "hospital"
    [f] = _facts("zorg", 2, _answers(2, reporter_org_type="hospital"), organisation_type="mental_health")
    assert f.organisation_type == "mental_health"


def test_first_nationality_of_several_and_stateless():
    [f] = _facts("coa", 2, _answers(2, nationality=["SY", "TR"]))
    assert f.nationality == "SY"
    [f] = _facts("coa", 2, _answers(2, nationality=["stateless"]))
    assert f.nationality == "stateless"


def test_a_group_report_gives_one_fact_per_person_with_shared_answers():
    answers = {
        "exploitation_types": ["labour"], "nla_sector": "A", "exploitation_province": "PV30",
        "persons": [
            {"gender": "male", "age_band": "23_29", "nationality": ["PL"]},
            {"gender": "female", "age_band": "16_17", "nationality": ["UA"]},
            {"gender": "male", "minor": "no", "nationality": ["PL"], "exploitation_types": ["criminal"]},
        ],
    }
    facts = facts_from_report("nla", 3, answers, report_id="g", person_key="g", received=RECEIVED,
                              organisation_type=None)
    assert [f.person_key for f in facts] == ["g#1", "g#2", "g#3"]
    assert {f.report_id for f in facts} == {"g"}
    assert [f.gender for f in facts] == ["male", "female", "male"]
    assert [f.minor for f in facts] == [False, True, False]
    assert [f.nationality for f in facts] == ["PL", "UA", "PL"]
    assert [f.exploitation for f in facts] == [{"labour"}, {"labour"}, {"criminal"}]
    assert {f.sector for f in facts} == {"A"} and {f.region for f in facts} == {"PV30"}
    assert {f.organisation_type for f in facts} == {"nla"}


def test_malformed_answers_give_unknown_not_an_error():
    answers = {"gender": 3, "age_years": True, "nationality": {"x": 1}, "exploitation_types": "sexual",
               "exploitation_municipality": "Atlantis", "exploitation_province": "PV99", "persons": []}
    [f] = facts_from_report("coa", 1, answers, report_id="r", person_key="r", received=RECEIVED,
                            organisation_type=None)
    assert (f.gender, f.minor, f.nationality, f.region) == (None, None, None, None)
    assert f.exploitation == {"sexual"}


def test_province_lookup_by_code_and_by_name():
    assert province_of_municipality("GM0599") == "PV28"  # Rotterdam
    assert province_of_municipality(" rotterdam ") == "PV28"
    assert province_of_municipality("GM9999") is None


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 200) | st.text(max_size=8)
    | st.sampled_from(["yes", "no", "unknown", "GM0363", "PV27", "construction", "sexual", "NL", "16_17"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=10,
)
_FIELDS = st.sampled_from(["gender", "age_years", "age_band", "minor", "nationality", "exploitation_types",
                           "sector_labour", "nla_sector", "reporter_org_type", "exploitation_province",
                           "exploitation_municipality", "persons", "other"])


@settings(max_examples=300, deadline=None)
@given(answers=st.dictionaries(_FIELDS, _JSON, max_size=8), org=st.none() | st.text(max_size=5))
def test_any_answers_give_facts_never_an_error(answers, org):
    facts = facts_from_report("coa", 2, answers, report_id="r", person_key="p", received=RECEIVED,
                              organisation_type=org)
    assert facts and all(f.report_id == "r" and f.received == RECEIVED for f in facts)
    for f in facts:
        assert all(isinstance(x, str) and x for x in f.exploitation)
        assert f.minor in (True, False, None)
        assert f.region is None or f.region.startswith("PV")
