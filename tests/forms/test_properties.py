"""Property tests: no JSON input makes the forms layer raise; well-formed answers pass draft."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import forms
from forms import model as m

CAT = forms.catalog()
FORMS = [CAT.get(fid) for fid in ("coa", "nla", "zorg")]
TODAY = dt.date(2026, 11, 24)
MARK = "ZQXJ"  # marks identifying and free text so that a leak is easy to spot

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def _answers_of(form):
    ids = [f.id for f in form.all_fields()]
    inds = [i.id for c in form.checklists() for i in c.indicators]
    key = st.sampled_from(ids) | st.text(max_size=10)
    shaped = (
        json_values
        | st.sampled_from(sorted({c for f in form.all_fields() for c in f.codes()}))
        | st.lists(st.sampled_from(sorted({c for f in form.all_fields() for c in f.codes()})), max_size=4)
        | st.dictionaries(
            st.sampled_from(inds) | st.text(max_size=4),
            st.fixed_dictionaries({"answer": st.sampled_from(["yes", "no", "unknown", "x"])}) | json_values,
            max_size=5,
        )
    )
    return st.dictionaries(key, shaped, max_size=25) | json_values


def _check_never_raises(form, answers):
    for level in ("draft", "final", "other"):
        problems = forms.validate(form, answers, level)
        assert isinstance(problems, list)
        for p in problems:
            assert isinstance(p, forms.Problem) and p.message.nl and p.message.en
            assert p.code != "internal", p
    cleaned = forms.clean_answers(form, answers)
    assert isinstance(cleaned, dict)
    record = forms.export_record(form, answers)
    assert list(record) == forms.export_columns(form)
    for lang in ("nl", "en"):
        assert isinstance(forms.summary_line(form, answers, lang), str)
    assert isinstance(forms.visible_field_ids(form, answers), set)


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.id)
def test_arbitrary_json_never_raises(form):
    @SETTINGS
    @given(_answers_of(form))
    def run(answers):
        _check_never_raises(form, answers)

    run()


@SETTINGS
@given(json_values)
def test_arbitrary_json_at_top_level_never_raises(answers):
    _check_never_raises(FORMS[0], answers)


def test_huge_and_odd_values_never_raise():
    form = FORMS[0]
    odd = {
        "free_text": "x" * 2_000_000,
        "age_years": float("nan"),
        "date_signal": "9999-99-99",
        "nationality": [float("inf"), None, ["NL"]],
        "coa_checklist": {"coa_ritual": {"answer": "yes", "note": "y" * 100_000}, "": None},
        "exploitation_types": {"sexual": True},
    }
    _check_never_raises(form, odd)


# ---------------------------------------------------------------- generated valid answers


def _value(f):
    kind = f.kind
    if kind in m.TEXT_KINDS:
        if kind == "short_text" and not f.free_text:  # references and places: exported regardless
            return st.text(max_size=f.max_length)
        return st.text(max_size=max(0, f.max_length - len(MARK))).map(lambda s: MARK + s)
    if kind == "reference":
        return st.from_regex(f.pattern, fullmatch=True)
    if kind == "integer":
        return st.integers(min_value=f.minimum, max_value=f.maximum)
    if kind == "date":
        earliest = f.earliest or dt.date(1900, 1, 1)
        latest = TODAY if f.not_future else dt.date(2100, 1, 1)
        return st.dates(min_value=earliest, max_value=latest).map(dt.date.isoformat)
    codes = sorted(f.codes())
    if kind in ("single_choice", "yes_no_unknown") or (kind == "country" and not f.multiple):
        return st.sampled_from(codes)
    if kind in ("multiple_choice", "country"):
        exclusive = set(getattr(f, "exclusive", ()))
        plain = [c for c in codes if c not in exclusive]
        return st.lists(st.sampled_from(plain), unique=True, max_size=4) | st.sampled_from(
            sorted(exclusive) or plain
        ).map(lambda c: [c])
    if kind == "checklist":
        entry = st.fixed_dictionaries(
            {"answer": st.sampled_from(["yes", "no", "unknown"])},
            optional={"note": st.text(max_size=f.note_max_length - len(MARK)).map(lambda s: MARK + s)}
            if f.notes
            else {},
        )
        return st.dictionaries(st.sampled_from(sorted(codes)), entry, max_size=len(codes))
    if kind == "repeat":  # a list of items, each answering some of the group's fields
        item = st.fixed_dictionaries({}, optional={g.id: _value(g) for g in f.fields})
        return st.lists(item, max_size=min(f.max_items, 3))
    raise AssertionError(kind)


def _valid_answers(form):
    fields = [f for f in form.all_fields() if f.answerable]
    return st.fixed_dictionaries({}, optional={f.id: _value(f) for f in fields})


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.id)
def test_answers_built_from_the_fields_pass_draft(form):
    @SETTINGS
    @given(_valid_answers(form))
    def run(answers):
        assert forms.validate(form, answers, "draft", today=TODAY) == []
        # final adds only required/rule problems, never type problems
        final = forms.validate(form, answers, "final", today=TODAY)
        assert {p.code for p in final} <= {
            "required", "incomplete", "rule", "date_order", "basis_needs_consent", "basis_requirements",
            "too_few_items", "item_required",  # a repeat group: its limit and each item's required
        }
        cleaned = forms.clean_answers(form, answers)
        assert forms.clean_answers(form, cleaned) == cleaned
        json.dumps(forms.export_record(form, answers))  # JSON-serialisable
        line = forms.summary_line(form, answers)
        assert MARK not in line
        no_consent = {**answers, "consent_registration": "no"}
        if form.id == "zorg":
            no_consent["secrecy_basis"] = "none"
        record = forms.export_record(form, no_consent)
        for f in form.all_fields():  # the reporter's own contact leaves when they tick it
            if f.professional:
                record.pop(f.export_name, None)
        leaves = MARK in json.dumps(record, ensure_ascii=False)
        # Only NLA's legal task lets typed text leave without consent (docs/legal.md).
        assert not leaves or forms.minimise(form, no_consent).basis == "legal_task"

    run()
