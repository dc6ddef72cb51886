"""The v2 forms: they load, pass the JSON Schema, carry their legal route, take no arbitrary text
outside the text kinds, speak one Dutch register; the v1 files are untouched."""

from __future__ import annotations

import hashlib
import json
import re

import jsonschema
import pytest

import forms
from forms import model as m
from forms.checks import reference_pattern_is_closed
from forms.loader import DEFINITIONS_DIR, VALUELISTS_DIR
from tests.forms.legal_cases import report

CAT = forms.catalog()
V2 = [CAT.get(fid, 2) for fid in ("coa", "nla", "zorg")]
NEW = [*V2, CAT.get("withdrawal", 1)]
LEAK = "Fam. Jansen, Hoofdstraat 12 Emmen"
FREE_KINDS = ("long_text", "identifying_text")  # and short_text with free_text


def test_every_v2_form_and_the_withdrawal_load_without_errors():
    assert CAT.errors == []
    assert {(f.id, f.version) for f in NEW} <= set(CAT.forms)
    assert [f.version for f in CAT.latest()] == [3, 3, 3]  # v3 came after (issue 13)


@pytest.mark.parametrize("name", ["_core.v2.json", "coa.v2.json", "nla.v2.json", "zorg.v2.json",
                                  "withdrawal.v1.json"])
def test_the_new_files_match_the_json_schema(name):
    schema_name = "shared.schema.json" if name.startswith("_") else "form.schema.json"
    schema = json.loads((DEFINITIONS_DIR / schema_name).read_text(encoding="utf-8"))
    document = json.loads((DEFINITIONS_DIR / name).read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(document)) == []
    broken = {**document, "legal": {**document.get("legal", {}), "default": "martial_law"}}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(broken))


V1_FILES = {
    "_core.v1.json": "549ba54c5d792dc3ab8dbb2b1b8d3be96c723a6505209c5712107ed1f7caa615",
    "coa.v1.json": "08b03fbcaffda4532dbd3b2dfc616ef225358c60416207edcf0e1ca51c644643",
    "nla.v1.json": "ffe6f677cae3e38ee486b4450c188b2d55879b75ca5216a9eede01f566a3a102",
    "zorg.v1.json": "6e29a831220f1c0bc3377ed947c208c6e06364ee18699bb9c4b78fc2013c26b0",
}


@pytest.mark.parametrize("name", sorted(V1_FILES))
def test_v1_files_are_unchanged(name):
    # Old drafts keep version 1: its files never change (a change is a new version).
    assert hashlib.sha256((DEFINITIONS_DIR / name).read_bytes()).hexdigest() == V1_FILES[name]


# ---------------------------------------------------------------- no arbitrary text


@pytest.mark.parametrize("form", NEW, ids=lambda f: f"{f.id}.v{f.version}")
def test_no_field_outside_the_text_kinds_takes_arbitrary_text(form):
    base = report(form, "yes") if not form.follow_up else {}
    checked = 0
    for f in form.all_fields():
        if f.kind == "short_text":
            assert f.free_text, f"{f.id}: a v2 short text is free text; use a list or a reference"
            continue
        if f.kind in FREE_KINDS or not f.answerable:
            continue
        if f.kind == "reference":
            assert reference_pattern_is_closed(f.pattern), f.id
            assert not re.fullmatch(f.pattern, LEAK)
        # Typed text in any other field is refused by validation and never leaves the device,
        # even under the basis that allows the most.
        value = {"answer": LEAK} if f.kind == "checklist" else LEAK
        answers = {**base, f.id: value}
        if f.id in forms.visible_field_ids(form, answers):
            problems = forms.validate(form, answers, "draft")
            assert {p.field_id for p in problems} == {f.id}, f.id
            checked += 1
        for text in (LEAK, [LEAK], {LEAK: LEAK}):
            assert LEAK not in json.dumps(forms.minimise(form, {**base, f.id: text}).answers), f.id
    assert checked >= (4 if form.follow_up else 30)


# ---------------------------------------------------------------- the legal route as data


ROUTES = {"coa": {"consent", "none"}, "nla": {"legal_task"},
          "zorg": {"consent", "conflict_of_duties", "veilig_thuis", "none"}}


@pytest.mark.parametrize("form", V2, ids=lambda f: f.id)
def test_each_role_has_its_own_route(form):
    route = form.legal
    assert route is not None and form.route() is route
    assert {b.code for b in route.bases} == ROUTES[form.id] <= m.ROLE_BASES[form.audience]
    for basis in route.bases:
        assert basis.label.nl and basis.guidance.nl and basis.guidance.en and basis.sources
    assert route.guidance.nl and route.guidance.en


def test_the_care_route_names_the_professional_codes():
    texts = json.dumps(CAT.get("zorg", 2).model_dump(mode="json"), ensure_ascii=False)
    for code in ("KNMG", "V&VN", "KNOV", "afwegingskader", "Veilig Thuis", "meldrecht"):
        assert code in texts, code
    steps = CAT.get("zorg", 2).field("meldcode_steps").codes()
    assert {"signals_mapped", "colleague", "conversation", "conversation_unsafe", "weighing"} <= steps


def test_health_and_quasi_identifiers_are_marked_in_the_definitions():
    zorg = CAT.get("zorg", 2)
    assert zorg.field("clinical_category").health
    health = {i.id for i in zorg.field("medical_red_flags").indicators if i.health}
    assert {"med_sexual_health", "med_substance_dependence", "med_injury_mismatch"} <= health
    assert "med_companion_speaks" not in health
    for form in V2:
        assert form.field("age_years").quasi_identifier == "age"
        assert form.field("date_signal").quasi_identifier == "date"
        assert form.field("exploitation_municipality").quasi_identifier == "municipality"
        assert form.field("nationality").quasi_identifier == "context"
    assert zorg.field("care_setting").quasi_identifier == "context"
    # never in the value lists: a list is shared, the marking belongs to the field
    assert "health" not in (VALUELISTS_DIR / "assistance_types.json").read_text(encoding="utf-8")


# ---------------------------------------------------------------- value lists


def test_municipalities_are_the_cbs_list_with_provinces():
    munis = CAT.valuelists["municipalities"].items
    provinces = {i.code: i.label.nl for i in CAT.valuelists["provinces"].items}
    assert len(munis) == 342 and len({i.code for i in munis}) == 342
    assert provinces.keys() == {f"PV{n}" for n in range(20, 32)}
    assert all(re.fullmatch(r"GM\d{4}", i.code) and i.coarse in provinces for i in munis)
    by_code = {i.code: (i.label.nl, i.coarse) for i in munis}
    assert by_code["GM0363"] == ("Amsterdam", "PV27")
    assert by_code["GM0014"] == ("Groningen", "PV20")
    assert by_code["GM0114"] == ("Emmen", "PV22")
    assert by_code["GM0518"][1] == "PV28" and by_code["GM0935"] == ("Maastricht", "PV31")


# ---------------------------------------------------------------- one Dutch register


def _dutch(obj):
    if isinstance(obj, dict):
        if isinstance(obj.get("nl"), str):
            yield obj["nl"]
        for v in obj.values():
            yield from _dutch(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _dutch(v)


def _new_texts():
    for name in ("_core.v2.json", "coa.v2.json", "nla.v2.json", "zorg.v2.json", "withdrawal.v1.json"):
        yield from _dutch(json.loads((DEFINITIONS_DIR / name).read_text(encoding="utf-8")))
    for path in VALUELISTS_DIR.glob("*.json"):
        yield from _dutch(json.loads(path.read_text(encoding="utf-8")))


def test_the_forms_say_u_not_je():
    informal = re.compile(r"\b(je|jij|jou|jouw|jullie|jezelf)\b", re.IGNORECASE)
    found = [t for t in _new_texts() if informal.search(t)]
    assert found == []


def test_the_wording_a_dutch_professional_expects():
    texts = list(_new_texts())
    joined = "\n".join(texts)
    assert "Gender" not in texts and "Geslacht" in texts
    assert "brandmerk die" not in joined and "brandmerk dat" in joined
    assert "Mensonterende werk- en leefomstandigheden" in texts
    assert "Regionale eenheid van de politie" in texts and "Politieregio" not in texts
    assert "loverboy" in joined and "'lover'" not in joined
    for country in ("IJsland", "Liechtenstein", "Noorwegen", "Zwitserland"):
        assert country in CAT.get("coa", 2).field("residence_status").help.nl
        assert country in CAT.get("coa", 2).field("dublin_claimant").help.nl
