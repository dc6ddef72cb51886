"""Several versions of a form side by side: a draft keeps the version it was started with."""

from __future__ import annotations

import shutil

import pytest

import forms
from tests.forms.conftest import FIXTURES


@pytest.fixture
def cat(defs):
    shutil.copy(FIXTURES / "coa.v4.json", defs.path / "coa.v4.json")
    cat = defs.load()
    assert cat.errors == []
    return cat


def test_both_versions_load(cat):
    assert cat.versions("coa") == [1, 2, 3, 4]
    assert cat.get("coa").version == 4
    assert cat.get("coa", 1).version == 1
    assert [(f.id, f.version) for f in cat.latest("coa")] == [("coa", 4)]
    assert {(f.id, f.version) for f in cat.latest()} == {("coa", 4), ("nla", 3), ("zorg", 3)}
    assert [(f.id, f.version) for f in cat.latest(follow_ups=True) if f.follow_up] == [("withdrawal", 1)]


def test_old_draft_validates_against_its_own_version(cat):
    v1, v2 = cat.get("coa", 1), cat.get("coa", 4)
    draft = {"dublin_claimant": "yes", "coa_location": "azc"}
    assert forms.validate(v1, draft) == []
    assert ("dublin_claimant", "unknown_field") in {(p.field_id, p.code) for p in forms.validate(v2, draft)}
    assert forms.validate(v2, {"coa_location": "hotel", "in_reception_since": "2026-01-05"}) == []
    assert [p.code for p in forms.validate(v1, {"coa_location": "hotel"})] == ["invalid_code"]


def test_export_names_the_version(cat):
    v1, v2 = cat.get("coa", 1), cat.get("coa", 4)
    r1 = forms.export_record(v1, {"dublin_claimant": "yes"})
    r2 = forms.export_record(v2, {"in_reception_since": "2026-01-05"})
    assert (r1["form_id"], r1["form_version"], r1["sig_dublin_claimant"]) == ("coa", 1, "yes")
    assert (r2["form_id"], r2["form_version"], r2["sig_in_reception_since"]) == ("coa", 4, "2026-01-05")
    assert "sig_dublin_claimant" not in r2 and "sig_in_reception_since" not in r1


def test_both_versions_share_the_core(cat):
    v1, v2 = cat.get("coa", 1), cat.get("coa", 4)
    assert v1.field("gender").model_dump() == v2.field("gender").model_dump()


def test_shipped_catalog_is_untouched(cat):
    assert forms.catalog().versions("coa") == [1, 2, 3]


def test_a_version_without_a_route_uses_the_newest_route(cat):
    # coa.v1 and the v4 fixture have no legal route of their own: both are minimised under the
    # newest route, v3's.
    assert cat.get("coa", 1).route() is cat.get("coa", 3).legal
    assert cat.get("coa", 4).route() is cat.get("coa", 3).legal
    assert cat.get("withdrawal").route() is cat.get("withdrawal").legal
