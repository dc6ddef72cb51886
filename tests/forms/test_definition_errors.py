"""A broken definition file names the file, the JSON path and the problem; the others still load."""

from __future__ import annotations

import pytest

import forms
from tests.forms.conftest import T, minimal_form

SHIPPED = {("coa", 1), ("nla", 1), ("zorg", 1), ("coa", 2), ("nla", 2), ("zorg", 2), ("withdrawal", 1),
           ("coa", 3), ("nla", 3), ("zorg", 3)}


def _only_error(cat, file):
    errors = [e for e in cat.errors if e.file == file]
    assert len(errors) == 1, [str(e) for e in cat.errors]
    err = errors[0]
    text = str(err)
    # one sentence: file, path and problem
    assert text.startswith(f"{file}, at {err.path}: ")
    assert text.endswith(".") and text.count("\n") == 0
    assert set(cat.forms) >= SHIPPED, "the other forms must still load"
    return err


def test_shipped_copy_loads(defs):
    cat = defs.load()
    assert cat.errors == []
    assert set(cat.forms) == SHIPPED


def test_invalid_json(defs):
    defs.write("broken.v1.json", '{"id": "broken", "version": 1,,}')
    err = _only_error(defs.load(), "broken.v1.json")
    assert err.path == "$"
    assert "invalid JSON at line 1" in err.message


def test_unknown_field_kind(defs, mini):
    mini["sections"][0]["fields"][1]["kind"] = "slider"
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert err.path == "$.sections[0].fields[1]"
    assert "unknown kind 'slider'" in err.message


def test_condition_on_missing_field(defs, mini):
    mini["sections"][0]["fields"][2]["visible_when"] = {"all": [{"field": "ghost", "equals": "yes"}]}
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert err.path == "$.sections[0].fields[2].visible_when.all[0].field"
    assert "unknown field 'ghost'" in err.message


def test_condition_with_a_code_the_field_lacks(defs, mini):
    mini["sections"][0]["fields"][2]["visible_when"] = {"field": "danger", "equals": "maybe"}
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert err.path == "$.sections[0].fields[2].visible_when"
    assert "'maybe' is not a code of field 'danger'" in err.message


def test_condition_cycle(defs, mini):
    fields = mini["sections"][0]["fields"]
    fields[1]["visible_when"] = {"field": "why", "answered": True}  # danger <- why <- danger
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert err.path.endswith(".visible_when")
    assert "cycle" in err.message and "danger" in err.message and "why" in err.message


def test_self_reference_is_a_cycle(defs, mini):
    mini["sections"][0]["fields"][1]["visible_when"] = {"field": "danger", "answered": False}
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert "cycle" in err.message


def test_duplicate_field_ids(defs, mini):
    mini["sections"][0]["fields"][2]["id"] = "danger"
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert err.path == "$.sections[0].fields[2].id"
    assert "duplicate field id 'danger'" in err.message


def test_duplicate_id_against_the_included_core(defs):
    coa = defs.read("coa.v1.json")
    coa["sections"][2]["fields"][0]["id"] = "gender"  # the core's person section has 'gender'
    defs.write("coa.v1.json", coa)
    cat = defs.load()
    err = next(e for e in cat.errors)
    assert err.file == "coa.v1.json" and "duplicate field id 'gender'" in err.message
    assert ("coa", 1) not in cat.forms and {("nla", 1), ("zorg", 1)} <= set(cat.forms)


def test_duplicate_indicator_ids(defs, mini):
    mini["sections"][0]["fields"].append(
        {
            "id": "list",
            "kind": "checklist",
            "label": T(),
            "indicators": [{"id": "a", "text": T()}, {"id": "a", "text": T()}],
        }
    )
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert err.path == "$.sections[0].fields[3].indicators[1].id"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_text_without_a_language(defs, mini, lang):
    del mini["sections"][0]["fields"][1]["label"][lang]
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert err.path == f"$.sections[0].fields[1].label.{lang}"
    assert "missing" in err.message


def test_blank_text(defs, mini):
    mini["title"]["en"] = "   "
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert err.path == "$.title.en"
    assert "blank" in err.message


def test_empty_choice_list(defs, mini):
    mini["sections"][0]["fields"][0] = {"id": "consent", "kind": "single_choice", "label": T(), "options": []}
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert err.path == "$.sections[0].fields[0]"
    assert "empty" in err.message


def test_unknown_value_list(defs, mini):
    mini["sections"][0]["fields"][0]["valuelist"] = "no_such_list"
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert err.path == "$.sections[0].fields[0].valuelist"
    assert "unknown value list 'no_such_list'" in err.message


def test_missing_included_section(defs, mini):
    mini["sections"].insert(0, {"include": "core.v1", "section": "nothing_here"})
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert err.path == "$.sections[0].section"


def test_file_name_must_match_id_and_version(defs):
    defs.write("other.v1.json", minimal_form("mini", 1))
    err = _only_error(defs.load(), "other.v1.json")
    assert err.path == "$.id"


def test_broken_shared_core_names_the_core_file(defs):
    core = defs.read("_core.v1.json")
    del core["sections"][0]["fields"][0]["label"]["en"]
    defs.write("_core.v1.json", core)
    cat = defs.load()
    files = {e.file for e in cat.errors}
    assert "_core.v1.json" in files
    core_err = next(e for e in cat.errors if e.file == "_core.v1.json")
    assert core_err.path == "$.sections[0].fields[0].label.en"
    # the forms that include it fail with a pointer to the include; nothing crashes
    assert {"coa.v1.json", "nla.v1.json", "zorg.v1.json"} <= files
    # the versions on core.v2 and core.v3 (and the withdrawal) do not depend on it
    assert set(cat.forms) == {("coa", 2), ("nla", 2), ("zorg", 2), ("withdrawal", 1),
                              ("coa", 3), ("nla", 3), ("zorg", 3)}


def test_bad_value_list_file(defs):
    (defs.path.parent / "valuelists" / "gender.json").write_text("[1, 2", encoding="utf-8")
    cat = defs.load()
    assert any(e.file == "gender.json" and e.path == "$" for e in cat.errors)
    # every role form uses gender: they fail with a clear error, the catalog itself is fine
    assert any("unknown value list 'gender'" in e.message for e in cat.errors)


def test_notice_cannot_be_required(defs, mini):
    mini["sections"][0]["fields"].append(
        {"id": "n", "kind": "notice", "label": T(), "text": T(), "required": True}
    )
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert "notice cannot be required" in err.message


def test_operator_must_fit_the_field(defs, mini):
    mini["sections"][0]["fields"][2]["visible_when"] = {"field": "danger", "at_least": 3}
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert "does not fit" in err.message


def test_rule_on_unknown_field(defs, mini):
    mini["rules"] = [{"kind": "date_order", "earlier": "nope", "later": "danger", "message": T()}]
    defs.write("mini.v1.json", mini)
    cat = defs.load()
    errs = [e for e in cat.errors if e.file == "mini.v1.json"]
    assert errs and errs[0].path == "$.rules[0].earlier"


def test_unknown_key_is_reported(defs, mini):
    mini["sections"][0]["fields"][1]["requird"] = True
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert err.path == "$.sections[0].fields[1].requird"


def test_condition_on_a_later_field(defs, mini):
    fields = mini["sections"][0]["fields"]
    fields[1], fields[2] = fields[2], fields[1]  # 'why' now above 'danger', which it depends on
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert err.path == "$.sections[0].fields[1].visible_when.field"
    assert "comes later in the form" in err.message


def test_prefill_with_a_code_the_field_lacks_or_an_unknown_field(defs, mini):
    """Answers a form fills in (issue 14) are checked like conditions."""
    mini["sections"][0]["fields"][0]["prefill"] = [{"when": {"field": "danger", "equals": "yes"},
                                                    "value": "perhaps"}]
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert err.path == "$.sections[0].fields[0].prefill[0].value"
    assert "'perhaps' is not a code of field 'consent'" in err.message
    mini["sections"][0]["fields"][0]["prefill"] = [{"when": {"field": "ghost", "equals": "yes"},
                                                    "value": "yes"}]
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert err.path == "$.sections[0].fields[0].prefill[0].when.field"


REF = {"id": "earlier", "kind": "reference", "label": T(), "pattern": "[0-9]{4}", "example": "1234",
       "max_length": 4, "filled_by_signaal": True}


def _with_addition_section(mini: dict, ref: dict) -> dict:
    mini["sections"].append({"id": "addition", "title": T(),
                             "visible_when": {"field": "earlier", "answered": True},
                             "fields": [ref, {"id": "more", "kind": "yes_no_unknown", "label": T()}]})
    return mini


def test_a_field_signaal_fills_may_show_its_own_section(defs, mini):
    defs.write("mini.v1.json", _with_addition_section(mini, dict(REF)))
    cat = defs.load()
    assert cat.errors == []
    form = cat.get("mini", 1)
    assert forms.visible_field_ids(form, {}) & {"earlier", "more"} == set()
    assert forms.clean_answers(form, {"more": "yes"}) == {}  # no addition: its answers are dropped
    shown = forms.visible_field_ids(form, {"earlier": "1234", "more": "yes"})
    assert {"earlier", "more"} <= shown
    assert forms.clean_answers(form, {"earlier": "1234", "more": "yes"}) == {"earlier": "1234", "more": "yes"}


def test_an_asked_field_cannot_show_its_own_section(defs, mini):
    ref = {k: v for k, v in REF.items() if k != "filled_by_signaal"}
    defs.write("mini.v1.json", _with_addition_section(mini, ref))
    err = _only_error(defs.load(), "mini.v1.json")
    assert "cycle" in err.message or "not above this section" in err.message


@pytest.mark.parametrize(("change", "words"), [
    ({"kind": "short_text", "pattern": None, "example": None}, "only a reference field"),
    ({"required": True}, "is not asked"),
    ({"visible_when": {"field": "danger", "equals": "yes"}}, "is not asked"),
])
def test_a_field_signaal_fills_is_a_reference_never_asked(defs, mini, change, words):
    ref = {k: v for k, v in {**REF, **change}.items() if v is not None}
    mini["sections"][0]["fields"].append(ref)
    defs.write("mini.v1.json", mini)
    err = _only_error(defs.load(), "mini.v1.json")
    assert err.path.endswith(".filled_by_signaal") and words in err.message
