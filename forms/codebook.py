"""The codebook of the export, generated from the form definitions.

For every column a registrar can meet: its type, the allowed values with Dutch and English labels,
the HTCDS v2.0 field it is (or "extension"), which form versions fill it, and under which legal
basis it leaves the reporter's device (the data categories of :mod:`forms.legal`, decided by
:mod:`forms.minimise`). :func:`codebook` gives it as data (written as JSON beside every export),
:func:`markdown` as the page docs/codebook.md (``python -m forms.codebook`` rewrites it; a test
fails when it is stale).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from forms import htcds, legal
from forms import model as m
from forms.loader import catalog

CODEBOOK_VERSION = 1
DOC = Path(__file__).resolve().parent.parent / "docs" / "codebook.md"

MULTI_SEPARATOR = "|"
"""How CSV and XLSX cells hold several values (JSON Lines: a JSON array)."""

META: list[tuple[str, str, str, str]] = [
    # name, type, nl, en
    ("reference", "text", "Referentie van CoMensha (CM-…)", "CoMensha's reference (CM-…)"),
    ("envelope_id", "uuid", "Id van de verzegelde melding", "Id of the sealed report"),
    ("received_at", "datetime", "Ontvangen op (UTC)", "Received at (UTC)"),
    ("created_at", "datetime", "Verzegeld op (UTC)", "Sealed at (UTC)"),
    ("form_id", "code", "Formulier", "Form"),
    ("form_version", "integer", "Versie van het formulier", "Form version"),
    ("device_id", "text", "Apparaat", "Device"),
    ("organisation", "text", "Organisatie van het apparaat", "The device's organisation"),
    ("cas_ReferringOrganisation", "text", "Verwijzende organisatie", "Referring organisation"),
    ("cas_IncomingReferralDate", "date", "Datum van binnenkomst", "Incoming referral date"),
    ("sig_case_id", "uuid", "Zaak: meldingen en personen die bij elkaar horen",
     "Case: the reports and persons that belong together"),
    ("sig_person", "integer", "Persoon in een groepsmelding (1, 2, …)", "Person in a group report (1, 2, …)"),
    ("consent_withdrawn", "codes", "Later ingetrokken toestemming", "Consent withdrawn later"),
]
META_NAMES = tuple(name for name, *_ in META if name != "consent_withdrawn")

_KIND_TYPES = {
    "short_text": "text", "long_text": "text", "identifying_text": "text", "reference": "text",
    "integer": "integer", "date": "date", "single_choice": "code", "multiple_choice": "codes",
    "yes_no_unknown": "code", "country": "code",
}
_HTCDS_TYPES = {"Picklist": "code", "Multiselect Picklist": "codes", "Checkbox": "boolean",
                "Text": "text", "Date": "date", "Lookup [to organisation]": "text"}


def _column(book: dict[str, dict[str, Any]], name: str) -> dict[str, Any]:
    return book.setdefault(name, {"name": name, "values": {}, "filled_by": [], "legal": {}})


def _fields_of(form: m.Form) -> Iterable[Any]:
    yield from form.all_fields()


def _legal(form: m.Form, categories: frozenset[str]) -> list[str]:
    route = form.route()
    if route is None:
        return ["consent"] if categories & legal.TEXT_CATEGORIES else ["always"]
    return [b.code for b in route.bases if categories <= set(b.allows)]


def codebook(forms: Iterable[m.Form] | None = None) -> dict[str, Any]:
    """The codebook of these form versions (default: every shipped one)."""
    forms = list(forms) if forms is not None else sorted(catalog().forms.values(), key=lambda f: f.key)
    book: dict[str, dict[str, Any]] = {}
    for name, kind, nl, en in META:
        col = _column(book, name)
        col.update(type=kind, label={"nl": nl, "en": en})
        hc = htcds.COLUMNS.get(name)
        col["htcds"] = {"field": name, "type": hc.type} if hc is not None else "extension"
    for form in forms:
        key = f"{form.id}.v{form.version}"
        for name in ("form_id", "form_version", "consent_withdrawn", *META_NAMES):
            col = book[name]
            col["filled_by"].append(key)
            col["legal"][key] = ["always"]
        book["form_id"]["values"].setdefault(form.id, {"nl": form.title.nl, "en": form.title.en})
        for f in _fields_of(form):
            _add_field(book, form, key, f)
    for col in book.values():
        col["values"] = [{"code": c, **v} for c, v in col["values"].items()]
    return {"codebook_version": CODEBOOK_VERSION, "multi_separator": MULTI_SEPARATOR,
            "columns": list(book.values())}


def _add_field(book: dict[str, dict[str, Any]], form: m.Form, key: str, f: Any) -> None:
    if isinstance(f, m.NoticeField) or not f.answerable:
        return
    cats = legal.field_categories(form, f)
    if isinstance(f, m.ChecklistField):
        health = legal.health_indicators(form, f)
        for ind in f.indicators:
            col = _column(book, f"ind_{ind.id}")
            col.update(type="code", label={"nl": ind.text.nl, "en": ind.text.en}, htcds="extension")
            for code in m.YES_NO_UNKNOWN:
                col["values"].setdefault(code, _yes_no(code))
            _filled(col, key, _legal(form, cats | ({"health"} if ind.id in health else set())))
            if f.notes:
                note = _column(book, f"ind_{ind.id}_note")
                note.update(type="text", label={"nl": f"Toelichting: {ind.text.nl}",
                                                "en": f"Note: {ind.text.en}"}, htcds="extension")
                _filled(note, key, _legal(form, cats | {"free_text"}))
        return
    label = {"nl": f.label.nl, "en": f.label.en}
    name = htcds.export_name(form, f)
    codes_col = name if name and not htcds.is_htcds(name) else htcds.companion_column(form, f)
    if codes_col:
        col = _column(book, codes_col)
        col.update(type=_KIND_TYPES.get(f.kind, "code"), label=label, htcds="extension")
        if getattr(f, "multiple", False):
            col["type"] = "codes"
        for o in f.choices():
            col["values"].setdefault(o.code, {"nl": o.label.nl, "en": o.label.en})
        if name and htcds.is_htcds(name):
            col["note"] = f"Signaal's codes beside {name}, which cannot say every answer"
        _filled(col, key, _legal(form, cats))
    for target in htcds.targets(form, f):
        hc = htcds.column(target)
        col = _column(book, target)
        col.update(type=_HTCDS_TYPES.get(hc.type, "text"), htcds={"field": target, "type": hc.type})
        col.setdefault("label", {"nl": hc.label, "en": hc.label})
        if hc.standard:
            col["code_standard"] = hc.standard
        for o in f.choices():
            v = htcds.option_value(f, o, hc)
            if v is not None and hc.type != "Text":
                entry = col["values"].setdefault(v, {"nl": "", "en": "", "from": []})
                if f"{f.id}={o.code}" not in entry["from"]:
                    entry["from"].append(f"{f.id}={o.code}")
                    for lang in ("nl", "en"):  # every Signaal answer this HTCDS value stands for
                        label = o.label.get(lang)
                        entry[lang] = f"{entry[lang]} / {label}" if entry[lang] else label
        sources = col.setdefault("sources", [])
        if f.id not in sources:
            sources.append(f.id)
        _filled(col, key, _legal(form, cats))
        if target.startswith("hte_"):
            hte = _column(book, htcds.HTE_TYPE)
            hte.update(type="code", htcds={"field": htcds.HTE_TYPE, "type": "Picklist"},
                       label={"nl": "Soort gebeurtenis (uitbuiting)", "en": "Event type (exploitation)"})
            hte["values"].setdefault(htcds.HTE_EXPLOITATION, {"nl": "Uitbuiting", "en": "Exploitation"})
            _filled(hte, key, ["always"])


def _filled(col: dict[str, Any], key: str, bases: list[str]) -> None:
    if key not in col["filled_by"]:
        col["filled_by"].append(key)
        col["legal"][key] = bases
    else:  # several fields of one version: the column leaves when any of them may
        col["legal"][key] = sorted(set(col["legal"][key]) | set(bases))


def _yes_no(code: str) -> dict[str, str]:
    return {"yes": {"nl": "Ja", "en": "Yes"}, "no": {"nl": "Nee", "en": "No"},
            "unknown": {"nl": "Onbekend", "en": "Unknown"}}[code]


# ---------------------------------------------------------------- the page


def markdown(book: dict[str, Any] | None = None) -> str:
    book = book if book is not None else codebook()
    out = [
        "# Codebook of the export",
        "",
        "Generated from the form definitions by `python -m forms.codebook`; do not edit by hand",
        "(tests/forms/test_codebook.py fails when this page is stale). Every export also writes this",
        "codebook as JSON beside it (`<export>.codebook.json`).",
        "",
        "- **HTCDS**: the HTCDS v2.0 field the column is, with HTCDS's own values; `extension`: a",
        "  Signaal column (`sig_…`, checklist indicators `ind_…`).",
        f"- Several values: a JSON array in JSON Lines; in CSV and XLSX joined by `{MULTI_SEPARATOR}`,"
        " in option order.",
        "- **Leaves the device under**: per form version, the legal bases under which the answer is",
        "  exported (docs/legal.md); `always`: it holds no category a basis must allow. Otherwise the",
        "  cell is empty or coarse (age band, province, month).",
        "",
    ]
    for col in book["columns"]:
        h = col.get("htcds")
        mapping = "extension" if h == "extension" else f"HTCDS `{h['field']}` ({h['type']})"
        out.append(f"## `{col['name']}`")
        out.append("")
        label = col.get("label", {})
        if label:
            out.append(f"{label.get('nl', '')} / {label.get('en', '')}")
            out.append("")
        out.append(f"- type: {col.get('type', '')}; {mapping}")
        if col.get("code_standard"):
            out.append(f"- values: {col['code_standard']} codes")
        if col.get("sources"):
            out.append(f"- from: {', '.join(col['sources'])}")
        if col.get("note"):
            out.append(f"- {col['note']}")
        groups: dict[str, list[str]] = {}
        for key, bases in col["legal"].items():
            groups.setdefault(", ".join(bases) or "never", []).append(key)
        out.append(f"- filled by: {', '.join(col['filled_by'])}")
        legal_text = "; ".join(f"{b} ({', '.join(keys)})" for b, keys in groups.items())
        out.append(f"- leaves the device under: {legal_text}")
        values = col.get("values", [])
        if values and len(values) <= 60:
            out.append("")
            out.append("| code | nl | en |")
            out.append("|---|---|---|")
            for v in values:
                out.append(f"| `{v['code']}` | {_cell(v.get('nl', ''))} | {_cell(v.get('en', ''))} |")
        elif values:
            out.append(f"- {len(values)} values (see the JSON codebook)")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = markdown()
    if args == ["--check"]:
        return 0 if DOC.read_text(encoding="utf-8") == text else 1
    if args == ["--json"]:
        print(json.dumps(codebook(), ensure_ascii=False, indent=1))
        return 0
    DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
