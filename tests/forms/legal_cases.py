"""Synthetic v2 reports for the legal-route tests, and a field-by-field check of an export.

Every answer is made up. Marked strings (``Q.Z.``, ``ZQXJ``, ``KWVB``) make a leak easy to find.
"""

from __future__ import annotations

import copy
from typing import Any

import forms
from forms import htcds
from forms import model as m

CAT = forms.catalog()
COA2 = CAT.get("coa", 2)
NLA2 = CAT.get("nla", 2)
ZORG2 = CAT.get("zorg", 2)
WITHDRAWAL = CAT.get("withdrawal", 1)

PSEUDONYM = "Q.Z."
FREE = "Synthetic free text ZQXJ."
NOTE = "Synthetic note KWVB."
MUNICIPALITY, PROVINCE = "GM0114", "PV22"  # Emmen, Drenthe
AGE, AGE_BAND = 24, "23_29"
ALL_STEPS = ["signals_mapped", "colleague", "conversation", "weighing"]

CONSENT_RECORD = {
    "consent_explained": {
        i: {"answer": "yes"} for i in ("told_purpose", "told_recipient", "told_retention", "told_withdrawal")
    },
    "consent_explained_by": "coa_staff",
    "consent_date": "2026-11-02",
    "consent_language": "eng",
    "consent_interpreter": "none",
}


def _checklists(form: m.Form) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for c in form.checklists():
        if c.id == "consent_explained":
            continue
        out[c.id] = {i.id: {"answer": "unknown"} for i in c.indicators}
    first = next(c for c in form.checklists() if c.id != "consent_explained")
    out[first.id][first.indicators[0].id] = {"answer": "yes", "note": NOTE}
    return out


def report(form: m.Form, consent: str | None = "yes", **extra: Any) -> dict[str, Any]:
    """A complete v2 report with every quasi-identifier and text field answered."""
    a: dict[str, Any] = {
        "acute_danger": "no",
        "date_signal": "2026-11-02",
        "date_report": "2026-11-03",
        "reporter_region": "oost_nederland",
        "subject_pseudonym": PSEUDONYM,
        "gender": "female",
        "age_years": AGE,
        "age_is_estimate": "yes",
        "minor": "no",
        "nationality": ["NG"],
        "country_of_birth": "NG",
        "language": "eng",
        "interpreter_used": "no",
        "residence_status": "asylum_seeker",
        "exploitation_types": ["sexual"],
        "sector_sexual": ["hotel"],
        "exploitation_place": "netherlands",
        "exploitation_municipality": MUNICIPALITY,
        "exploitation_period": "ongoing",
        "assessment": "possible",
        "free_text": FREE,
        **_checklists(form),
    }
    if form.id == "coa":
        a.update(reporter_org_type="coa", coa_location="azc", coa_household="alone",
                 referred_to_police="avim")
    if form.id == "nla":
        a.update(reporter_org_type="nla", nla_sector="A", b83_explained="yes", exploitation_types=["labour"],
                 sector_labour=["agriculture"], inspection_reference="NLA-2026-004512",
                 assistance_needed=["cosm"], consent_assistance="yes", **copy.deepcopy(CONSENT_RECORD))
        a["consent_explained_by"] = "inspector"
        a.pop("sector_sexual")
    if form.id == "zorg":
        a.update(reporter_org_type="general_practice", care_profession="doctor", care_setting="emergency",
                 accompanied="yes", companion_relation="employer",
                 clinical_category=["sexual_gynaecological", "pregnancy", "substance_use"],
                 secrecy_basis="consent", meldcode_steps=list(ALL_STEPS))
        a["medical_red_flags"]["med_sexual_health"] = {"answer": "yes", "note": NOTE}
    if consent is not None and form.has_field("consent_registration"):
        a["consent_registration"] = consent
        if consent == "yes":
            a.update(consent_given_by="self", **copy.deepcopy(CONSENT_RECORD))
    a.update(extra)
    return a


def expected_record(
    form: m.Form,
    answers: dict[str, Any],
    *,
    withheld: set[str] = frozenset(),  # type: ignore[assignment]
    coarse: dict[str, Any] | None = None,
    rows_withheld: set[str] = frozenset(),  # type: ignore[assignment]
    notes: bool = True,
) -> dict[str, object]:
    """The export record, field by field, when ``withheld`` fields stay on the device, the fields
    of ``coarse`` leave only as the given coarse answer (under the coarse field's column), the
    indicators of ``rows_withheld`` stay, and notes leave only when ``notes``."""
    coarse = coarse or {}
    clean = forms.clean_answers(form, answers)
    record: dict[str, object] = dict.fromkeys(forms.export_columns(form))
    record.update(form_id=form.id, form_version=form.version)
    for f in form.all_fields():
        if isinstance(f, m.ChecklistField):
            for ind_id, row in clean.get(f.id, {}).items():
                if ind_id in rows_withheld:
                    continue
                record[f"ind_{ind_id}"] = row["answer"]
                if notes and "note" in row:
                    record[f"ind_{ind_id}_note"] = row["note"]
            continue
        if not f.export_name or f.id not in clean or f.id in withheld or f.id in coarse:
            continue
        value = clean[f.id]
        if isinstance(value, list):
            order = {o.code: i for i, o in enumerate(f.choices())}
            value = sorted(value, key=lambda c: order[c])
        _put(record, form, f, value)
    for fid, value in coarse.items():
        target = form.field(fid).coarse_to or fid
        _put(record, form, form.field(target), value)
    _htcds_columns(record)
    return record


def _put(record: dict[str, object], form: m.Form, f: Any, value: Any) -> None:
    """Signaal's codes under the sig_ column; the HTCDS values (worked out below) under HTCDS names."""
    export_name, feeds = htcds.export_name(form, f), htcds.feeds(form, f)
    codes_column = export_name if not export_name.startswith(HTCDS_PREFIXES) else f"sig_{f.id}"
    if codes_column in record:
        record[codes_column] = value
    for name in (export_name, feeds):
        if name and name.startswith(HTCDS_PREFIXES):
            _FED.setdefault(id(record), []).append((name, f, value))


HTCDS_PREFIXES = ("org_", "prs_", "vic_", "per_", "cas_", "cco_", "hte_", "spl_", "con_")
_FED: dict[int, list[tuple[str, Any, Any]]] = {}
_SINGLE = {"org_Type", "prs_Gender", "prs_PrimaryLanguage", "vic_TraffickingStatus",
           "vic_RelationshipToTrafficker", "vic_ForcedLabourIndustry", "hte_City", "hte_State",
           "hte_Country", "spl_Type"}


def _htcds_columns(record: dict[str, object]) -> None:
    """HTCDS values from the options' htcds codes (a Text column: the Dutch name), in option order;
    a multi-select is the union over the fields that feed it, a single column the first value."""
    merged: dict[str, list[str]] = {}
    for name, f, value in _FED.pop(id(record), []):
        codes = set(value if isinstance(value, list) else [value])
        vals = [o.htcds or (o.label.nl if name.startswith("hte_") else None)
                for o in f.choices() if o.code in codes]
        out = merged.setdefault(name, [])
        if name in _SINGLE and out:
            continue
        out.extend(v for v in vals if v is not None and v not in out)
    for name, vals in merged.items():
        if not vals:
            continue
        if name == "con_Consent":
            record[name] = vals[0] == "true"
        elif name in _SINGLE:
            record[name] = vals[0]
        else:
            record[name] = vals
    if record.get("hte_City") or record.get("hte_State") or record.get("hte_Country"):
        record["hte_Type"] = "Exploitation"
    return record


def anonymous(form: m.Form, *, context: bool) -> dict[str, Any]:
    """What stays or is coarsened under a basis that allows nothing (zorg) or only context (COA)."""
    withheld = {"subject_pseudonym", "free_text", "age_is_estimate", "clinical_category"}
    if not context:
        withheld |= {f.id for f in form.all_fields() if f.quasi_identifier == "context"}
    rows = {i.id for c in form.checklists() for i in c.indicators if i.health}
    coarse = {"age_years": AGE_BAND, "date_signal": "2026-11", "date_report": "2026-11",
              "exploitation_municipality": PROVINCE}
    return {"withheld": withheld, "coarse": coarse, "rows_withheld": rows, "notes": False}
