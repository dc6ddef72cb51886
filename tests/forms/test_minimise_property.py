"""Property: without a basis that permits it, nothing typed and no health data ever leaves.

Hypothesis draws answer sets for each shipped report form, v1 and v2: valid answers, missing
ones, and hostile ones (typed text where a code belongs, text inside lists, checklist rows with
extra keys and notes, odd nesting). What :func:`forms.minimise` lets out, and so what a sealed
envelope holds, is then checked against an oracle written here from the law (docs/legal.md), not
from forms.legal:

* COA: identifying text, free text and notes only with consent for registration "yes";
* zorg: health data only with the basis "consent" and consent "yes"; identifying and free text
  also under a conflict of duties with the meldcode steps 1-4 recorded (v2; v1 never recorded
  them);
* NLA: the legal task permits identifying and free text; it has no health fields.

Without a permitting basis only the form's own vocabulary (field ids, codes, indicator ids),
dates, months and numbers may leave.
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

FORMS = {f"{f.id}.v{f.version}": f for f in forms.catalog().forms.values() if not f.follow_up}
DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")  # a date, or a date coarsened to its month
STEPS_1_TO_4 = ({"signals_mapped"}, {"colleague", "veilig_thuis_advice"},
                {"conversation", "conversation_unsafe"}, {"weighing"})


def health_marked(form: m.Form) -> tuple[set[str], set[str]]:
    """Health fields and health indicators, as the newest version of the form marks them."""
    newest = forms.catalog().get(form.id)
    fields, indicators = set(), set()
    for f in form.all_fields():
        if newest.has_field(f.id) and newest.field(f.id).kind == f.kind:
            mark = newest.field(f.id)
            if mark.health:
                fields.add(f.id)
            if isinstance(mark, m.ChecklistField):
                indicators |= {i.id for i in mark.indicators if i.health}
    return fields, indicators


def oracle(form: m.Form, answers: dict[str, Any]) -> tuple[bool, bool]:
    """(identifying and free text permitted, health data permitted), from the law per role."""
    consent = answers.get("consent_registration") == "yes" and form.has_field("consent_registration")
    if form.id == "nla":
        return True, False
    if form.id == "coa":
        return consent, consent
    basis = answers.get("secrecy_basis")
    health = consent and basis == "consent"
    steps = answers.get("meldcode_steps")
    steps = set(steps) if isinstance(steps, list) and all(isinstance(x, str) for x in steps) else set()
    conflict = (form.version >= 2 and basis == "conflict_of_duties"
                and all(steps & alternatives for alternatives in STEPS_1_TO_4))
    return health or conflict, health
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
        if isinstance(f, m.RepeatField):  # an item's questions and their codes
            for inner in f.fields:
                words.add(inner.id)
                words.update(o.code for o in inner.choices())
    return words


def export_vocabulary(form: m.Form) -> set[str]:
    """What an export cell may hold besides codes: the HTCDS values of the options, and the
    Dutch names of places an HTCDS text column (hte_City, hte_State) takes from the definitions."""
    words = vocabulary(form) | {"Exploitation"}  # hte_Type: where the exploitation took place
    for f in form.all_fields():
        for o in f.choices() if hasattr(f, "choices") else []:
            words.update(x for x in (o.htcds, o.label.nl) if x)
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
    elif f.kind == "reference":
        good = st.one_of(st.from_regex(f.pattern, fullmatch=True), TYPED)
    elif f.kind == "integer":
        good = st.integers(0, 120)
    elif f.kind == "date":
        good = st.dates().map(lambda d: d.isoformat())
    elif isinstance(f, m.RepeatField):  # persons whose alias and answers may be typed text
        item = st.fixed_dictionaries({}, optional={g.id: field_value(g) for g in f.fields})
        good = st.lists(item, max_size=3)
    elif f.id == "meldcode_steps":
        good = st.lists(st.sampled_from(codes), max_size=len(codes), unique=True)
    elif f.kind == "multiple_choice" or (f.kind == "country" and getattr(f, "multiple", False)):
        exclusive = set(getattr(f, "exclusive", ()))
        plain = [c for c in codes if c not in exclusive] or codes
        valid = st.lists(st.sampled_from(plain), min_size=1, max_size=3, unique=True)
        good = st.one_of(valid, valid, st.lists(st.sampled_from(codes), max_size=3, unique=True),
                         st.lists(st.one_of(st.sampled_from(codes), TYPED), max_size=3))
    elif isinstance(f, m.ChecklistField):
        ids = [i.id for i in f.indicators]
        note = {"note": TYPED} if f.notes else {}
        valid_row = st.fixed_dictionaries({"answer": st.sampled_from(m.YES_NO_UNKNOWN)}, optional=note)
        row = st.fixed_dictionaries(
            {"answer": st.one_of(st.sampled_from(m.YES_NO_UNKNOWN), TYPED)},
            optional={"note": TYPED, "extra": TYPED})
        valid = st.dictionaries(st.sampled_from(ids), valid_row, min_size=1, max_size=len(ids))
        good = st.one_of(valid, valid, st.dictionaries(st.one_of(st.sampled_from(ids), TYPED), row,
                                                       max_size=len(ids)))
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
    answers["consent_registration"] = draw(st.one_of(
        st.sampled_from(["yes", "no", "not_possible", "not_asked_safety"]), TYPED, st.just(["yes"])))
    if form.has_field("secrecy_basis"):
        answers["secrecy_basis"] = draw(st.sampled_from(sorted(form.field("secrecy_basis").codes())))
    return form_id, answers


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_without_a_permitting_basis_no_typed_text_and_no_health_data_leave(report):
    form_id, answers = report
    form = FORMS[form_id]
    out = forms.minimise(form, answers)
    words = vocabulary(form)
    clean = forms.clean_answers(form, answers)
    text_ok, health_ok = oracle(form, clean)
    texts = {f.id for f in form.all_fields() if f.kind in TEXT_KINDS}
    health_fields, health_indicators = health_marked(form)
    record = forms.export_record(form, answers)
    # The reporter's own contact (v3) is theirs, not the person's: it leaves when they tick it.
    own = {f.id for f in form.all_fields() if f.professional}
    if own & set(out.answers):
        assert clean.get("contact_share") == "yes"
    out_answers = {k: v for k, v in out.answers.items() if k not in own}
    own_columns = {form.field(fid).export_name for fid in own}
    # A reference has a checked format (letters, digits, - _ /): it cannot carry typed text.
    refs = {f.id: f for f in form.all_fields() if f.kind == "reference"}
    ref_columns = {f.export_name: f for f in refs.values()}
    if not text_ok:
        assert not texts & set(out_answers)
        for fid, value in out_answers.items():
            for s in strings(value):
                assert s in words or DATE.match(s) or (fid in refs and re.fullmatch(refs[fid].pattern, s)), s
        # and so the export row: only codes, dates and the form's own id
        export_words = export_vocabulary(form)
        for column, value in record.items():
            if column in own_columns:
                continue
            for s in strings(value):
                if column in ref_columns and re.fullmatch(ref_columns[column].pattern, s):
                    continue
                assert s in export_words or DATE.match(s) or (column, s) == ("form_id", form.id), (column, s)
    else:
        # Typed text leaves only in text fields, checklist notes and checked references.
        for fid, value in out.answers.items():
            if fid in texts or form.field(fid).kind == "reference":
                continue
            if isinstance(value, dict):  # a checklist
                for ind, row in value.items():
                    assert ind in words and set(row) <= {"answer", "note"} and row["answer"] in words
                continue
            group = form.field(fid)
            if isinstance(group, m.RepeatField):  # typed text only in the items' text questions
                inner = {g.id: g for g in group.fields}
                for item in value:
                    for key, item_value in item.items():
                        assert key in inner, (fid, key)
                        if inner[key].kind not in TEXT_KINDS and inner[key].kind != "reference":
                            assert all(s in words or DATE.match(s) for s in strings(item_value)), (fid, key)
                continue
            for s in strings(value):
                assert s in words or DATE.match(s), (fid, s)
    if not health_ok:
        assert not health_fields & set(out.answers)
        health_columns = {form.field(f).export_name for f in health_fields}
        health_columns |= {f"ind_{i}" for i in health_indicators}
        assert all(record.get(c) is None for c in health_columns)
        rows = {ind for v in out.answers.values() if isinstance(v, dict) for ind in v}
        assert not health_indicators & rows
    # Never an answer of the wrong shape, never a field the form does not have. (Cross-field rules
    # and dates in the future are the reporter's to fix; they carry no typed text.)
    assert set(out.answers) <= {f.id for f in form.all_fields()}
    assert not [p for p in forms.validate(form, out.answers, "draft") if p.code not in ("rule", "in_future")]
    # Minimising twice changes nothing: what the receiver re-minimises is what was sealed.
    assert forms.minimise(form, out.answers).answers == out.answers


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
