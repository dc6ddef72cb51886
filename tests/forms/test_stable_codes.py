"""Codes, field ids and export names are stable: once recorded, they may be added to, never renamed.

CoMensha's exports and older drafts depend on them. The snapshot is
tests/forms/fixtures/stable_codes.json; after adding codes on purpose, record them with
``python -m tests.forms.test_stable_codes``.
"""

from __future__ import annotations

import json

import forms
from tests.forms.conftest import FIXTURES

SNAPSHOT = FIXTURES / "stable_codes.json"

HTCDS_CORRECTIONS = {"prs_Language": "prs_PrimaryLanguage"}
"""The only renames ever allowed: a name that looked like HTCDS but is no HTCDS v2.0 field, now
exported as the HTCDS field it meant (issue 13). Nothing else may be renamed."""


def current() -> dict:
    cat = forms.catalog()
    out: dict = {"valuelists": {}, "forms": {}}
    for name, vl in sorted(cat.valuelists.items()):
        out["valuelists"][name] = [i.code for i in vl.items]
    for form in sorted(cat.forms.values(), key=lambda f: f.key):
        fields = {}
        for f in form.all_fields():
            entry: dict = {"kind": f.kind}
            if f.export_name:
                entry["export_name"] = f.export_name
            if f.kind == "checklist":
                entry["indicators"] = [i.id for i in f.indicators]
            elif f.kind in ("single_choice", "multiple_choice"):
                entry["codes"] = [o.code for o in f.choices()]
            fields[f.id] = entry
        out["forms"][f"{form.id}.v{form.version}"] = {"fields": fields, "columns": forms.export_columns(form)}
    return out


def test_recorded_codes_still_exist():
    recorded = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    now = current()
    for name, codes in recorded["valuelists"].items():
        assert name in now["valuelists"], f"value list {name} was removed"
        missing = set(codes) - set(now["valuelists"][name])
        assert not missing, f"value list {name} lost codes {sorted(missing)}"
    for key, form in recorded["forms"].items():
        assert key in now["forms"], f"form version {key} was removed"
        fields = now["forms"][key]["fields"]
        for fid, entry in form["fields"].items():
            assert fid in fields, f"{key}: field {fid} was removed or renamed"
            assert fields[fid]["kind"] == entry["kind"], f"{key}: field {fid} changed kind"
            recorded_name = HTCDS_CORRECTIONS.get(entry.get("export_name"), entry.get("export_name"))
            assert fields[fid].get("export_name") in (entry.get("export_name"), recorded_name), (
                f"{key}: {fid} export name")
            for k in ("codes", "indicators"):
                missing = set(entry.get(k, [])) - set(fields[fid].get(k, []))
                assert not missing, f"{key}: field {fid} lost {sorted(missing)}"
        recorded = {HTCDS_CORRECTIONS.get(c, c) for c in form["columns"]}
        missing_cols = recorded - set(now["forms"][key]["columns"])
        assert not missing_cols, f"{key}: export columns lost {sorted(missing_cols)}"


if __name__ == "__main__":
    SNAPSHOT.write_text(json.dumps(current(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"recorded {SNAPSHOT}")
