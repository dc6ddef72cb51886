"""A legal route or field marking that does not fit is a definition error at load time, naming the
file and the JSON path; the other forms still load."""

from __future__ import annotations

import pytest

from forms.checks import reference_pattern_is_closed
from tests.forms.conftest import T
from tests.forms.test_definition_errors import SHIPPED


def _only_error(cat, file):
    """The one error of ``file``, as one sentence; every other shipped form still loads."""
    errors = [e for e in cat.errors if e.file == file]
    assert len(errors) == 1, [str(e) for e in cat.errors]
    assert str(errors[0]).startswith(f"{file}, at {errors[0].path}: ")
    broken = tuple(file.removesuffix(".json").split(".v"))
    assert set(cat.forms) == {k for k in SHIPPED if (k[0], str(k[1])) != broken}
    return errors[0]


def _basis(code, **kw):
    return {"code": code, "label": T(), "guidance": T(), **kw}


def _load_with(defs, name, change):
    data = defs.read(name)
    change(data)
    defs.write(name, data)
    return _only_error(defs.load(), name)


def test_a_basis_that_does_not_fit_the_role(defs):
    # COA is no investigation service: it cannot register under a legal task.
    err = _load_with(defs, "coa.v2.json", lambda d: d["legal"]["bases"].append(_basis("legal_task")))
    assert err.path == "$.legal.bases[2].code"
    assert "basis 'legal_task' does not fit audience 'coa'" in err.message


def test_conflict_of_duties_is_for_care_only(defs):
    err = _load_with(defs, "nla.v2.json", lambda d: d["legal"]["bases"].append(_basis("conflict_of_duties")))
    assert err.path == "$.legal.bases[1].code" and "does not fit audience 'nla'" in err.message


def test_the_default_basis_must_exist_and_need_nothing(defs):
    err = _load_with(defs, "coa.v2.json", lambda d: d["legal"].update(default="legal_task"))
    assert err.path == "$.legal.default"
    err = _load_with(defs, "coa.v2.json", lambda d: d["legal"].update(default="consent"))
    assert err.path == "$.legal.default" and "without consent or conditions" in err.message


def test_a_basis_field_with_an_option_that_is_no_basis(defs):
    def change(d):
        meldcode = next(s for s in d["sections"] if s.get("id") == "meldcode")
        basis = next(f for f in meldcode["fields"] if f["id"] == "secrecy_basis")
        basis["options"].append({"code": "police_order", "label": T()})

    err = _load_with(defs, "zorg.v2.json", change)
    assert err.path == "$.legal.basis_field" and "police_order" in err.message


def test_a_basis_needing_consent_without_a_consent_field(defs):
    err = _load_with(defs, "nla.v2.json",
                     lambda d: d["legal"]["bases"].append(_basis("consent", needs_consent=True)))
    assert err.path == "$.legal.bases[1].needs_consent"


def test_a_requirement_on_an_unknown_field(defs):
    def change(d):
        d["legal"]["bases"][1]["requires"] = {"field": "meldcode_stepz", "contains": "weighing"}

    err = _load_with(defs, "zorg.v2.json", change)
    assert err.path == "$.legal.bases[1].requires.field"
    assert "unknown field 'meldcode_stepz'" in err.message


def test_a_requirement_with_a_code_the_field_lacks(defs):
    def change(d):
        d["legal"]["bases"][1]["requires"]["all"][3] = {"field": "meldcode_steps", "contains": "wegen"}

    err = _load_with(defs, "zorg.v2.json", change)
    assert err.path == "$.legal.bases[1].requires.all[3]" and "'wegen'" in err.message


def test_requires_without_a_message_is_refused(defs):
    err = _load_with(defs, "zorg.v2.json", lambda d: d["legal"]["bases"][1].pop("requires_message"))
    assert err.path.startswith("$.legal.bases[1]") and "go together" in err.message


def _field(d, section_id, field_id):
    section = next(s for s in d["sections"] if s.get("id") == section_id)
    return next(f for f in section["fields"] if f["id"] == field_id)


@pytest.mark.parametrize("pattern", ["[A-Za-z .,0-9-]+", ".*", "NLA-[0-9 ]+", "NLA-[^x]+", "NLA-\\S+",
                                     "NLA-[0-9]+|.+", "NLA-(?:[0-9]|\\W)+", "NLA-[0-9]+ ?"])
def test_a_reference_pattern_that_takes_free_text_is_refused(defs, pattern):
    def change(d):
        ref = _field(d, "nla_inspection", "inspection_reference")
        ref.update(pattern=pattern, example="NLA-2026")

    err = _load_with(defs, "nla.v2.json", change)
    assert err.path == "$.sections[1].fields[0].pattern" and "never spaces" in err.message


@pytest.mark.parametrize("pattern", ["NLA-20[0-9]{2}-[0-9]{6}", "NLA-\\d+", "(NLA|KMAR)/[A-Z0-9_]{2,8}"])
def test_a_closed_reference_pattern_is_accepted(pattern):
    assert reference_pattern_is_closed(pattern)


def test_a_reference_example_must_match(defs):
    err = _load_with(defs, "nla.v2.json",
                     lambda d: _field(d, "nla_inspection", "inspection_reference").update(example="2026-1"))
    assert err.path == "$.sections[1].fields[0].example"


def test_age_bands_must_reach_the_maximum_and_be_codes_of_the_band_field(defs):
    core = defs.read("_core.v2.json")
    age = _field(core, "person", "age_years")
    age["bands"] = age["bands"][:-1]
    defs.write("_core.v2.json", core)
    cat = defs.load()
    err = next(e for e in cat.errors if e.file == "_core.v2.json")
    assert err.path == "$.sections[1].fields[2].bands" and "maximum" in err.message
    assert ("coa", 2) not in cat.forms and ("coa", 1) in cat.forms


def test_a_municipality_coarsened_to_a_field_without_its_province(defs):
    core = defs.read("_core.v2.json")
    _field(core, "exploitation", "exploitation_municipality")["coarse_to"] = "age_band"
    defs.write("_core.v2.json", core)
    cat = defs.load()
    err = next(e for e in cat.errors if e.file == "_core.v2.json")
    assert err.path.endswith(".coarse_to") and "has no coarse code of 'age_band'" in err.message


def test_a_notice_cannot_be_health_data(defs):
    err = _load_with(defs, "zorg.v2.json",
                     lambda d: _field(d, "meldcode", "secrecy_none_notice").update(health=True))
    assert err.path.endswith(".health") and "notice" in err.message


def test_a_text_field_cannot_be_a_quasi_identifier(defs):
    core = defs.read("_core.v2.json")
    _field(core, "notes", "free_text")["quasi_identifier"] = "context"
    defs.write("_core.v2.json", core)
    err = next(e for e in defs.load().errors if e.file == "_core.v2.json")
    assert err.path.endswith(".quasi_identifier")


def test_a_date_quasi_identifier_must_be_a_date(defs):
    err = _load_with(defs, "coa.v2.json",
                     lambda d: _field(d, "coa_context", "coa_location").update(quasi_identifier="date"))
    assert err.path == "$.sections[2].fields[0].quasi_identifier"


def test_an_include_condition_is_checked_where_it_is_written(defs):
    def change(d):
        entry = next(s for s in d["sections"] if s.get("section") == "consent_record")
        entry["visible_when"] = {"field": "consent_registration", "equals": "yes"}  # NLA has none

    err = _load_with(defs, "nla.v2.json", change)
    assert err.path == "$.sections[10].visible_when.field"
    assert "unknown field 'consent_registration'" in err.message
