"""The codebook is generated from the definitions, and docs/codebook.md is the current one."""

from __future__ import annotations

import forms
from forms import codebook


def test_docs_codebook_is_current():
    assert codebook.DOC.read_text(encoding="utf-8") == codebook.markdown(), (
        "docs/codebook.md is stale: run python -m forms.codebook")
    assert codebook.main(["--check"]) == 0


def test_every_export_column_of_every_form_is_described():
    book = {c["name"]: c for c in codebook.codebook()["columns"]}
    for form in forms.catalog().forms.values():
        key = f"{form.id}.v{form.version}"
        for column in forms.export_columns(form):
            assert column in book, f"{key}: {column} is not in the codebook"
            entry = book[column]
            assert key in entry["filled_by"], (key, column)
            assert entry["htcds"] == "extension" or entry["htcds"]["field"] == column
            assert entry["type"] in ("text", "integer", "date", "code", "codes", "boolean", "uuid",
                                     "datetime")
            assert entry["label"]["nl"] and entry["label"]["en"]


def test_values_have_both_labels_and_the_htcds_mapping_says_where_they_come_from():
    book = {c["name"]: c for c in codebook.codebook()["columns"]}
    status = {v["code"]: v for v in book["vic_TraffickingStatus"]["values"]}
    assert set(status) == {"PossibleVictimOfTrafficking", "NotAVictimOfTrafficking"}
    assert status["PossibleVictimOfTrafficking"]["from"] == ["assessment=possible", "assessment=probable"]
    assert book["sig_assessment"]["htcds"] == "extension"
    assert {v["code"] for v in book["sig_assessment"]["values"]} == {"possible", "probable", "no_indication"}
    gender = {v["code"]: v for v in book["prs_Gender"]["values"]}
    assert gender["Feminine"]["nl"] == "Vrouw" and gender["Feminine"]["en"] == "Woman"
    assert book["prs_PrimaryLanguage"]["code_standard"] == "ISO 639-2"


def test_the_legal_basis_of_a_column_comes_from_the_minimisation_rules():
    book = {c["name"]: c for c in codebook.codebook()["columns"]}
    # A pseudonym leaves only under a basis that allows identifying data.
    assert book["sig_pseudonym"]["legal"]["coa.v2"] == ["consent"]
    assert book["sig_pseudonym"]["legal"]["nla.v2"] == ["legal_task"]
    assert book["sig_pseudonym"]["legal"]["zorg.v2"] == ["consent", "conflict_of_duties"]
    # Health data: never under the conflict of duties.
    assert book["sig_clinical_category"]["legal"]["zorg.v2"] == ["consent"]
    # Gender is no category at all: it leaves under every basis.
    assert book["prs_Gender"]["legal"]["coa.v2"] == ["consent", "none"]
