"""Property: without consent, nothing typed ever leaves the device, whatever the answers hold.

Hypothesis draws answer sets for each shipped form: valid answers, missing ones, and hostile
ones (typed text where a code belongs, text inside lists, checklist rows with extra keys and
notes, odd nesting). What :func:`forms.minimise` lets out, and so what a sealed envelope holds,
must then consist only of the form's own vocabulary (field ids, codes, indicator ids) and dates,
unless consent for registration is "yes".
"""

from __future__ import annotations

import re
from typing import Any

import nacl.public
import nacl.signing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import forms
from forms import model as m
from sync import envelope as envelope_mod

FORMS = {fid: forms.catalog().get(fid) for fid in ("coa", "nla", "zorg")}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TEXT_KINDS = ("short_text", "long_text", "identifying_text")
# Typed text: a name, an address, something that is no code of any form.
TYPED = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1,
                max_size=30).map(lambda t: f"Typed·{t}")


def vocabulary(form: m.Form) -> set[str]:
    words = {"answer", *m.YES_NO_UNKNOWN}
    for f in form.all_fields():
        words.add(f.id)
        if hasattr(f, "choices"):
            words.update(o.code for o in f.choices())
        if isinstance(f, m.ChecklistField):
            words.update(i.id for i in f.indicators)
    return words


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*strings(k), *strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def field_value(f: Any) -> st.SearchStrategy[Any]:
    codes = [o.code for o in f.choices()] if hasattr(f, "choices") else []
    hostile = st.one_of(TYPED, st.lists(TYPED, max_size=2), st.integers(-5, 200),
                        st.dictionaries(TYPED, TYPED, max_size=2))
    if f.kind in TEXT_KINDS:
        good: st.SearchStrategy[Any] = TYPED
    elif f.kind == "integer":
        good = st.integers(0, 120)
    elif f.kind == "date":
        good = st.dates().map(lambda d: d.isoformat())
    elif f.kind == "multiple_choice" or (f.kind == "country" and getattr(f, "multiple", False)):
        good = st.lists(st.sampled_from(codes), max_size=3, unique=True) if codes else hostile
        good = st.one_of(good, st.lists(st.one_of(st.sampled_from(codes), TYPED), max_size=3))
    elif isinstance(f, m.ChecklistField):
        row = st.fixed_dictionaries(
            {"answer": st.one_of(st.sampled_from(m.YES_NO_UNKNOWN), TYPED)},
            optional={"note": TYPED, "extra": TYPED})
        good = st.dictionaries(st.one_of(st.sampled_from([i.id for i in f.indicators]), TYPED), row,
                               max_size=len(f.indicators))
    elif codes:
        good = st.sampled_from(codes)
    else:
        good = hostile
    return st.one_of(good, good, hostile)


@st.composite
def reports(draw: Any) -> tuple[str, dict[str, Any]]:
    form_id = draw(st.sampled_from(sorted(FORMS)))
    form = FORMS[form_id]
    answers: dict[str, Any] = {}
    for f in form.all_fields():
        if draw(st.booleans()):
            answers[f.id] = draw(field_value(f))
    if draw(st.booleans()):
        answers["not_a_field"] = draw(TYPED)
    consent = form.consent_field or "consent_registration"
    answers[consent] = draw(st.one_of(st.sampled_from(["yes", "no", "not_possible", "not_asked_safety"]),
                                      TYPED, st.just(["yes"])))
    return form_id, answers


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_without_consent_only_the_forms_own_codes_and_dates_leave(report):
    form_id, answers = report
    form = FORMS[form_id]
    out = forms.minimise(form, answers)
    words = vocabulary(form)
    consent = forms.clean_answers(form, answers).get(form.consent_field) == "yes"
    assert out.consent == consent
    texts = {f.id for f in form.all_fields() if f.kind in TEXT_KINDS}
    if not consent:
        assert not texts & set(out.answers)
        for s in strings(out.answers):
            assert s in words or DATE.match(s), s
    else:
        # With consent, typed text leaves only in text fields and checklist notes.
        for fid, value in out.answers.items():
            if fid in texts:
                continue
            if isinstance(value, dict):  # a checklist
                for ind, row in value.items():
                    assert ind in words and set(row) <= {"answer", "note"} and row["answer"] in words
                continue
            for s in strings(value):
                assert s in words or DATE.match(s), (fid, s)
    # Never an answer of the wrong shape, never a field the form does not have. (Cross-field rules
    # and dates in the future are the reporter's to fix; they carry no typed text.)
    assert set(out.answers) <= {f.id for f in form.all_fields()}
    assert not [p for p in forms.validate(form, out.answers, "draft") if p.code not in ("rule", "in_future")]


SEALING = nacl.public.PrivateKey.generate()
SIGNING = nacl.signing.SigningKey.generate()


@settings(max_examples=80, deadline=None)
@given(reports())
def test_the_sealed_envelope_holds_exactly_the_minimised_answers(report):
    form_id, answers = report
    form = FORMS[form_id]
    env = envelope_mod.seal_report(
        form, answers, envelope_id="0b7a3c1e-6a5f-4f7e-9d7b-2f0c1a2b3c4d",
        created_at="2026-11-28T12:00:00Z", sealing_public_key=bytes(SEALING.public_key),
        signing_key=SIGNING)
    opened = envelope_mod.open_envelope(env, bytes(SEALING))
    assert opened["answers"] == forms.minimise(form, answers).answers
