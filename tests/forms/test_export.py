"""Export mapping and summary line, with and without consent (synthetic answers only)."""

from __future__ import annotations

import pytest

import forms
from tests.forms.test_validate import COA, NLA, TODAY, ZORG, complete

PSEUDONYM = "Q.Z."
FREE = "Synthetic free text ZQXJ."
NOTE = "Synthetic note KWVB."


def answers_for(form, consent):
    a = complete(form, subject_pseudonym=PSEUDONYM, free_text=FREE, consent_registration=consent)
    if consent != "yes":
        a.pop("consent_given_by")
    first = form.checklists()[0]
    a[first.id][first.indicators[0].id] = {"answer": "yes", "note": NOTE}
    return a


def _flat_values(record):
    for value in record.values():
        if isinstance(value, list):
            yield from value
        else:
            yield value


@pytest.mark.parametrize("form", [COA, NLA, ZORG], ids=lambda f: f.id)
def test_export_with_consent(form):
    answers = answers_for(form, "yes")
    assert forms.validate(form, answers, "final", today=TODAY) == []
    record = forms.export_record(form, answers)
    assert list(record) == forms.export_columns(form)
    assert record["form_id"] == form.id and record["form_version"] == form.version
    assert record["sig_pseudonym"] == PSEUDONYM
    assert record["sig_free_text"] == FREE
    assert record["con_Consent"] is True and record["sig_consent_registration"] == "yes"
    assert record["prs_Gender"] == "Feminine"
    assert record["prs_Citizenship"] == ["NG"]
    assert record["sig_age_years"] == 24
    assert record["sig_date_signal"] == "2026-11-02"
    first = form.checklists()[0]
    ind = first.indicators[0].id
    assert record[f"ind_{ind}"] == "yes" and record[f"ind_{ind}_note"] == NOTE
    assert record[f"ind_{first.indicators[1].id}"] == "unknown"
    for checklist in form.checklists():
        for i in checklist.indicators:
            assert f"ind_{i.id}" in record


@pytest.mark.parametrize("consent", ["no", "not_asked_safety", "not_possible", None])
@pytest.mark.parametrize("form", [COA, ZORG], ids=lambda f: f.id)
def test_export_without_consent_leaves_out_identifying_and_free_text(form, consent):
    answers = answers_for(form, consent)
    if consent is None:
        answers.pop("consent_registration")
    record = forms.export_record(form, answers)
    assert list(record) == forms.export_columns(form)
    assert record["sig_pseudonym"] is None
    assert record["sig_free_text"] is None
    values = list(_flat_values(record))
    assert PSEUDONYM not in values and FREE not in values and NOTE not in values
    ind = form.checklists()[0].indicators[0].id
    assert record[f"ind_{ind}"] == "yes" and record[f"ind_{ind}_note"] is None
    # the rest still counts
    assert record["prs_Gender"] == "Feminine"
    assert record["vic_TraffickingStatus"] == "PossibleVictimOfTrafficking"
    assert record["sig_assessment"] == "possible"
    # con_Consent is the HTCDS checkbox: false for "no", empty when consent was not asked
    assert record["con_Consent"] is (False if consent == "no" else None)
    assert record["sig_consent_registration"] == consent


@pytest.mark.parametrize("consent", ["no", "yes"])
@pytest.mark.parametrize("form", [COA, ZORG], ids=lambda f: f.id)
def test_typed_text_in_the_v1_place_field_leaves_only_with_consent(form, consent):
    # In v1 the municipality accepts any text, so it can carry a name and an address: it is a text
    # field like any other and stays on the device without a basis that allows free text. (v2
    # takes only a municipality code; tests/forms/test_legal_route.py.)
    answers = answers_for(form, consent)
    answers.update(
        exploitation_place="netherlands", exploitation_municipality="Fam. Jansen, Hoofdstraat 12 Emmen"
    )
    record = forms.export_record(form, answers)
    if consent == "yes":
        assert record["sig_exploitation_municipality"] == "Fam. Jansen, Hoofdstraat 12 Emmen"
    else:
        assert record["sig_exploitation_municipality"] is None
        assert not any("Jansen" in str(v) for v in _flat_values(record))


@pytest.mark.parametrize("consent", ["no", "not_asked_safety", "yes", None])
def test_nla_v1_is_sent_under_the_legal_task_whatever_the_consent_answer(consent):
    # Rule 1 dropped alias, notes and free text of an NLA report without consent. The Labour
    # Authority registers under its legal task, which needs no consent (docs/legal.md), so an old
    # NLA draft is now minimised under nla.v2's route like a new one.
    answers = answers_for(NLA, consent)
    if consent is None:
        answers.pop("consent_registration")
    answers.update(inspection_reference="NLA 2026 77", exploitation_place="netherlands",
                   exploitation_municipality="Emmen")
    out = forms.minimise(NLA, answers)
    assert out.basis == "legal_task" and out.reasons == {}
    record = forms.export_record(NLA, answers)
    assert record["sig_pseudonym"] == PSEUDONYM and record["sig_free_text"] == FREE
    assert record["sig_inspection_reference"] == "NLA 2026 77"
    assert record["sig_exploitation_municipality"] == "Emmen"
    ind = NLA.checklists()[0].indicators[0].id
    assert record[f"ind_{ind}_note"] == NOTE
    assert record["sig_age_years"] == 24 and record["sig_date_signal"] == "2026-11-02"


def test_multi_values_are_lists_in_option_order():
    answers = complete(
        COA,
        exploitation_types=["criminal", "sexual"],
        sector_criminal=["begging"],
        means_of_control=["withholds_documents", "debt_bondage"],
    )
    record = forms.export_record(COA, answers)
    assert record["sig_exploitation_types"] == ["sexual", "criminal"]
    assert record["sig_means_of_control"] == ["debt_bondage", "withholds_documents"]
    # HTCDS: criminal exploitation is "Other"; the begging of sector_criminal is ForcedBegging
    assert record["vic_TypeOfExploitation"] == ["SexualExploitation", "Other", "ForcedBegging"]
    assert record["vic_MethodsOfControl"] == ["DebtBondage", "WithholdsDocuments"]
    assert record["sig_sector_criminal"] == ["begging"]
    assert record["sig_sector_labour"] is None


def test_hidden_and_invalid_answers_are_not_exported():
    answers = complete(COA, exploitation_types=["labour"], sector_labour=["bogus"], age_years="old")
    record = forms.export_record(COA, answers)
    assert record["sig_sector_sexual"] is None  # hidden
    assert record["sig_sector_labour"] is None  # invalid code
    assert record["sig_age_years"] is None  # wrong type


def test_notices_are_not_exported():
    record = forms.export_record(COA, {"acute_danger": "yes"})
    assert record["sig_acute_danger"] == "yes"
    assert not any("notice" in k for k in record)


@pytest.mark.parametrize("form", [COA, NLA, ZORG], ids=lambda f: f.id)
def test_export_of_nothing_has_every_column(form):
    for answers in ({}, None, [], "x"):
        record = forms.export_record(form, answers)
        assert list(record) == forms.export_columns(form)
        assert {k for k, v in record.items() if v is not None} == {"form_id", "form_version"}


def test_nla_checklists_flatten_to_23_columns():
    cols = [c for c in forms.export_columns(NLA) if c.startswith("ind_") and not c.endswith("_note")]
    assert len([c for c in cols if c.startswith("ind_ilo_")]) == 11
    assert len([c for c in cols if c.startswith("ind_nla_")]) == 12


# ---------------------------------------------------------------- summary line


def test_summary_line_example():
    answers = complete(COA, exploitation_types=["labour", "sexual"], sector_labour=["construction"])
    assert forms.summary_line(COA, answers, "nl") == (
        "COA · seksuele uitbuiting, arbeidsuitbuiting · signaal 02-11-2026"
    )
    assert forms.summary_line(COA, answers, "en") == (
        "COA · sexual exploitation, labour exploitation · signal 02-11-2026"
    )


def test_summary_line_mentions_acute_danger():
    line = forms.summary_line(COA, {"acute_danger": "yes", "date_signal": "2026-11-02"})
    assert line == "COA · signaal 02-11-2026 · acuut gevaar"


def test_summary_line_nla_and_care():
    answers = complete(NLA)
    assert forms.summary_line(NLA, answers) == (
        "NLA · arbeidsuitbuiting · A Landbouw, bosbouw en visserij · signaal 02-11-2026"
    )
    assert forms.summary_line(ZORG, complete(ZORG), "en").startswith("Care · sexual exploitation · emergency")


@pytest.mark.parametrize("form", [COA, NLA, ZORG], ids=lambda f: f.id)
def test_summary_line_never_contains_identifying_or_free_text(form):
    answers = answers_for(form, "yes")
    for lang in ("nl", "en", "de", None):
        line = forms.summary_line(form, answers, lang)
        assert PSEUDONYM not in line and FREE not in line and NOTE not in line
        assert line.startswith(form.short_title.nl if lang != "en" else form.short_title.en)


def test_summary_of_nothing_is_the_form_name_and_says_nothing_is_filled_in():
    assert forms.summary_line(COA, {}) == "COA · nog niets ingevuld"
    assert forms.summary_line(COA, None, "en") == "COA · nothing filled in yet"


def test_has_consent():
    assert forms.has_consent(COA, {"consent_registration": "yes"})
    assert not forms.has_consent(COA, {"consent_registration": "no"})
    assert not forms.has_consent(COA, "nonsense")


def test_redact_hides_identifying_free_text_and_notes():
    answers = answers_for(COA, "yes")
    red = forms.redact(COA, answers)
    text = repr(red)
    assert PSEUDONYM not in text and FREE not in text and NOTE not in text
    assert red["subject_pseudonym"] == forms.export.REDACTED
    assert red["gender"] == "female"
    assert forms.redact(COA, None) == {}


def test_option_lookup_gives_the_htcds_equivalent():
    assert COA.field("gender").option("female").htcds == "Feminine"
    assert COA.field("means_of_control").option("debt_bondage").htcds == "DebtBondage"
    assert COA.field("gender").option("nope") is None


def test_summary_lines_of_the_current_coa_form_tell_reports_apart():
    """Issue 14: three sent reports read the same line. The type of reception location (a form-
    specific distinction, no identifying text) and the signal date (day first) set them apart."""
    coa = forms.catalog().get("coa")
    base = {"exploitation_types": ["sexual"], "date_signal": "2026-11-02"}
    lines = {forms.summary_line(coa, {**base, "coa_location": loc}) for loc in ("azc", "col", "emergency")}
    assert len(lines) == 3
    assert forms.summary_line(coa, {**base, "coa_location": "azc"}) == (
        "COA · seksuele uitbuiting · azc · signaal 02-11-2026")


def test_minor_follows_from_a_valid_age_only():
    """The definition's prefill for "minor" (issue 14): from the age, never from an age that is
    not valid, and "in doubt" for an estimated age near 18."""
    coa = forms.catalog().get("coa")
    assert forms.prefill_fields(coa) == ["minor"]
    assert forms.derived_answer(coa, "minor", {"age_years": 24}) == "no"
    assert forms.derived_answer(coa, "minor", {"age_years": 15}) == "yes"
    assert forms.derived_answer(coa, "minor", {"age_years": 17, "age_is_estimate": "yes"}) == "doubt"
    assert forms.derived_answer(coa, "minor", {"age_years": 134}) is None
    assert forms.derived_answer(coa, "minor", {}) is None
    assert forms.derived_answer(coa, "gender", {"age_years": 24}) is None
    today = forms.new_report_answers(coa)
    assert list(today) == ["date_report"]
    # Old versions keep their exact behaviour: nothing filled in.
    old = forms.catalog().get("coa", 1)
    assert forms.prefill_fields(old) == [] and forms.new_report_answers(old) == {}
