"""HTCDS v2.0: every column named by HTCDS is an HTCDS field, and holds only HTCDS values.

The standard's field list is copied into tests/forms/fixtures/htcds_v2_fields.json (from
UNMigration/HTCDS, "HTCDS Field Standards 2.0.ods"; its header cites the source). ISO 639-2 codes
are checked with python-iso639, ISO 3166-1 codes with pycountry.
"""

from __future__ import annotations

import json

import pycountry
import pytest
from iso639 import ALL_LANGUAGES

import forms
from forms import htcds
from tests.forms.conftest import FIXTURES
from tests.forms.test_validate import complete

STANDARD = json.loads((FIXTURES / "htcds_v2_fields.json").read_text(encoding="utf-8"))
FIELDS = {f["name"]: f for f in STANDARD["fields"]}
ISO_639_2 = (
    {lang.part2t for lang in ALL_LANGUAGES if lang.part2t}
    | {lang.part2b for lang in ALL_LANGUAGES if lang.part2b}
    | set(STANDARD["_iso_639_2_collective"]["codes"])
)
ISO_3166 = {c.alpha_2 for c in pycountry.countries}
CAT = forms.catalog()
SHIPPED = sorted(CAT.forms.values(), key=lambda f: f.key)


def allowed(name: str) -> set[str] | None:
    """The values HTCDS allows in a column; None for free text, dates and lookups."""
    field = FIELDS[name]
    if field.get("values"):
        return set(field["values"])
    if field.get("code_standard") == "ISO 639-2":
        return ISO_639_2
    if field.get("code_standard") == "ISO 3166-1":
        return ISO_3166
    return None


def check_value(name: str, value: object) -> None:
    """One exported cell of an HTCDS column, against the standard: type and values."""
    field = FIELDS[name]
    kind = field["type"]
    if value is None:
        return
    if kind == "Checkbox":
        assert isinstance(value, bool), (name, value)
        return
    if kind == "Multiselect Picklist":
        assert isinstance(value, list) and value and len(set(value)) == len(value), (name, value)
        values = value
    else:
        assert isinstance(value, str), (name, value)
        values = [value]
    if kind == "Date":
        assert len(value) == 10 and value[4] == "-" and value[7] == "-", (name, value)  # type: ignore[arg-type]
    if name == "hte_Country":
        assert value in ISO_3166, value
    ok = allowed(name)
    if ok is not None:
        assert set(values) <= ok, (name, sorted(set(values) - ok))


def test_the_fixture_cites_the_standard():
    source = STANDARD["_source"]
    assert "UNMigration/HTCDS" in source["repository"] and "2.0" in source["file"]
    assert FIELDS["vic_TraffickingStatus"]["values"] == [
        "PossibleVictimOfTrafficking", "ActualVictimOfTrafficking", "NotAVictimOfTrafficking"]
    assert "prs_Language" not in FIELDS and "prs_PrimaryLanguage" in FIELDS


@pytest.mark.parametrize("name", sorted(htcds.COLUMNS))
def test_signaals_table_is_the_standard(name):
    col = htcds.COLUMNS[name]
    assert name in FIELDS, f"{name} is not an HTCDS v2.0 field"
    assert col.type == FIELDS[name]["type"]
    assert list(col.values) == (FIELDS[name].get("values") or ([] if not col.checkbox else ["true", "false"]))
    if col.standard:
        assert FIELDS[name]["code_standard"] == col.standard


@pytest.mark.parametrize("form", SHIPPED, ids=lambda f: f"{f.id}.v{f.version}")
def test_every_htcds_named_column_is_an_htcds_field(form):
    for column in forms.export_columns(form):
        if column.startswith(htcds.PREFIXES):
            assert column in FIELDS, f"{form.id}.v{form.version}: {column} is not an HTCDS v2.0 field"
        else:
            assert column.startswith(("sig_", "ind_")) or column in ("form_id", "form_version",
                                                                      "consent_withdrawn"), column


@pytest.mark.parametrize("form", SHIPPED, ids=lambda f: f"{f.id}.v{f.version}")
def test_every_option_maps_to_an_htcds_value(form):
    for f in form.all_fields():
        for name in htcds.targets(form, f):
            ok = allowed(name)
            for opt in f.choices():
                v = htcds.option_value(f, opt, htcds.column(name))
                if v is not None and ok is not None:
                    assert v in ok, f"{form.id}.v{form.version} {f.id}={opt.code} -> {name}={v!r}"


def test_the_values_the_issue_names():
    coa = CAT.get("coa", 2)
    status = {o.code: o.htcds for o in coa.field("assessment").choices()}
    assert status == {"possible": "PossibleVictimOfTrafficking",
                      "probable": "PossibleVictimOfTrafficking",  # not determined: not "actual"
                      "no_indication": "NotAVictimOfTrafficking"}
    channels = {o.htcds for o in coa.field("recruitment_channel").choices()} - {None}
    assert channels <= set(FIELDS["vic_MethodOfRecruitment"]["values"])
    assert {"AtAPlaceOfBusiness", "ThroughFriendsOrSocialEvents"} <= channels
    answers = complete(coa, language="nld", exploitation_types=["labour"], sector_labour=["agriculture"],
                       sector_sexual=None, consent_registration="yes")
    answers.pop("sector_sexual")
    record = forms.export_record(coa, answers)
    assert record["prs_PrimaryLanguage"] == "nld" and "prs_Language" not in record
    assert record["vic_ForcedLabourIndustry"] == "A_AgricultureForestryAndFishing"
    assert record["con_Consent"] is True
    assert record["vic_TraffickingStatus"] == "PossibleVictimOfTrafficking"


def test_languages_outside_iso_639_2_are_mapped_and_kept_in_the_extension():
    coa = CAT.get("coa", 2)
    record = forms.export_record(coa, complete(coa, language="npi"))
    assert record["prs_PrimaryLanguage"] == "nep" and record["sig_language"] == "npi"
    for opt in coa.field("language").choices():
        if opt.htcds is not None:
            assert opt.htcds in ISO_639_2, opt.code


def test_a_v1_report_is_exported_under_the_htcds_names_too():
    coa1 = CAT.get("coa", 1)
    assert coa1.field("language").export_name == "prs_Language"  # the v1 file never changes
    record = forms.export_record(coa1, complete(coa1, language="tir"))
    assert record["prs_PrimaryLanguage"] == "tir" and "prs_Language" not in record


def test_a_definition_with_a_wrong_htcds_value_does_not_load(defs):
    path = defs.path.parent / "valuelists" / "assessment.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["items"][1]["htcds"] = "Actual"
    path.write_text(json.dumps(data), encoding="utf-8")
    cat = defs.load()
    assert any("'Actual' is not an HTCDS value of vic_TraffickingStatus" in str(e) for e in cat.errors)


def test_an_unknown_htcds_name_does_not_load(defs):
    core = defs.read("_core.v2.json")
    core["sections"][1]["fields"][0]["htcds"] = "prs_FavouriteColour"
    defs.write("_core.v2.json", core)
    cat = defs.load()
    assert any("prs_FavouriteColour" in str(e) and "not an HTCDS v2.0 field" in str(e) for e in cat.errors)
