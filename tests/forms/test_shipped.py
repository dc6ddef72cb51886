"""Every shipped form loads and is internally sound."""

from __future__ import annotations

import forms
from forms import model as m


def test_shipped_catalog_loads_without_errors():
    cat = forms.catalog()
    assert cat.errors == []
    assert {f.id for f in cat.latest()} >= {"coa"}


def test_get_newest_and_unknown():
    cat = forms.catalog()
    form = cat.get("coa")
    assert form.version == max(cat.versions("coa"))
    try:
        cat.get("does_not_exist")
    except KeyError:
        pass
    else:
        raise AssertionError("KeyError expected")


def test_empty_answers_pass_draft_and_fail_final():
    form = forms.catalog().get("coa")
    assert forms.validate(form, {}, "draft") == []
    codes = {p.code for p in forms.validate(form, {}, "final")}
    assert codes == {"required"}


def test_field_kinds_are_known():
    for form in forms.catalog().forms.values():
        for f in form.all_fields():
            assert f.kind in m.FIELD_KINDS
