"""Export mapping (for CoMensha's CSV/JSONL export) and the one-line summary of a report."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from forms import htcds
from forms import model as m
from forms.logic import clean_answers, consent_given, value_ok
from forms.minimise import minimise, text_field_ids

WITHDRAWAL_SCOPES = ("registration", "assistance")
"""What a withdrawal follow-up can withdraw (the codes of the withdrawal form's 'withdraws')."""


def identifying_field_ids(form: m.Form) -> set[str]:
    """Fields holding a pseudonym or initials: never logged, exported only with consent."""
    return {f.id for f in form.all_fields() if f.kind == "identifying_text"}


def free_text_field_ids(form: m.Form) -> set[str]:
    """Fields where people write freely: exported only with consent, never in a summary."""
    return {
        f.id for f in form.all_fields() if f.kind == "long_text" or (f.kind == "short_text" and f.free_text)
    }


def withheld_without_consent(form: m.Form) -> set[str]:
    """Every field that stays on the device when registration consent is not 'yes'.

    All text fields (identifying, free and other typed text); checklist notes stay too. The rule
    itself lives in :mod:`forms.minimise`.
    """
    return text_field_ids(form)


REDACTED = "[…]"


def redact(form: m.Form, answers: Any) -> dict[str, Any]:
    """The cleaned answers with identifying text, free text and checklist notes replaced by "[…]".

    For diagnostics and error reports: never log answers without passing them through here.
    """
    values = clean_answers(form, answers)
    hidden = withheld_without_consent(form)
    for fid, value in list(values.items()):
        if fid in hidden:
            values[fid] = REDACTED
        elif form.field(fid).kind == "checklist" and isinstance(value, dict):
            values[fid] = {
                k: ({**v, "note": REDACTED} if isinstance(v, dict) and "note" in v else v)
                for k, v in value.items()
            }
    return values


def has_consent(form: m.Form, answers: Any) -> bool:
    """True only when the form's consent field is answered 'yes' (and shown)."""
    return consent_given(form, clean_answers(form, answers))


def export_columns(form: m.Form) -> list[str]:
    """The export columns of this form version, in form order (stable for CSV headers).

    Per field: its export name; beside a lossy HTCDS column, ``sig_<field id>`` with Signaal's
    codes; the HTCDS column it also feeds (``htcds``); ``ind_<id>`` (and ``ind_<id>_note``) per
    checklist indicator. ``hte_Type`` follows when a field feeds an ``hte_`` column.
    """
    cols = ["form_id", "form_version", "consent_withdrawn"]

    def add(name: str | None) -> None:
        if name and name not in cols:
            cols.append(name)

    for f in form.all_fields():
        if isinstance(f, m.ChecklistField):
            for ind in f.indicators:
                add(f"ind_{ind.id}")
                if f.notes:
                    add(f"ind_{ind.id}_note")
            continue
        add(htcds.export_name(form, f))
        add(htcds.companion_column(form, f))
        add(htcds.feeds(form, f))
    if any(c.startswith("hte_") for c in cols):
        add(htcds.HTE_TYPE)
    return cols


def export_record(form: m.Form, answers: Any, *, withdrawn: Collection[str] = ()) -> dict[str, object]:
    """A flat record: export name -> code (str), number, date "YYYY-MM-DD" (or month "YYYY-MM"
    when the basis allows only the month), list of codes, or None.

    Every column of ``export_columns(form)`` is present. The values are those of
    :func:`forms.minimise.minimise`: answers of hidden fields, invalid answers and unanswered
    fields are None, and so is everything the report's legal basis does not allow.
    A column named by HTCDS (forms/htcds.py) holds HTCDS values: a list for a multi-select, a
    bool for a checkbox, one value otherwise; ``sig_`` columns hold Signaal's codes. Multiple choice
    and several countries are lists of codes in the order of the options.
    Checklists give one column per indicator, ``ind_<indicator id>`` = "yes" | "no" | "unknown"
    (and ``ind_<id>_note``).

    ``withdrawn``: what the person later withdrew (codes of :data:`WITHDRAWAL_SCOPES`, from a
    withdrawal follow-up; see :func:`forms.withdrawal.export_records`). "registration": the
    report is minimised as if consent had never been given; "assistance": the consent to arrange
    assistance is blanked. Column ``consent_withdrawn`` lists them (None when nothing was).
    """
    unknown = set(withdrawn) - set(WITHDRAWAL_SCOPES)
    if unknown:
        raise ValueError(f"unknown withdrawal scope(s) {sorted(unknown)}")
    record: dict[str, object] = dict.fromkeys(export_columns(form))
    record["form_id"] = form.id
    record["form_version"] = form.version
    values = minimise(form, answers, consent_withdrawn="registration" in withdrawn).answers
    if withdrawn:
        record["consent_withdrawn"] = [s for s in WITHDRAWAL_SCOPES if s in withdrawn]
        if "assistance" in withdrawn:
            values.pop("consent_assistance", None)
    fed: dict[str, list[list[str]]] = {}
    for f in form.all_fields():
        value = values.get(f.id)
        if value is None:
            continue
        if isinstance(f, m.RepeatField):
            continue  # each item is a row of its own (forms.repeat.person_records)
        if isinstance(f, m.ChecklistField):
            for ind_id, row in value.items():
                record[f"ind_{ind_id}"] = row["answer"]
                if "note" in row:
                    record[f"ind_{ind_id}_note"] = row["note"]
            continue
        if isinstance(value, list):
            order = {o.code: i for i, o in enumerate(f.choices())}
            value = sorted(value, key=lambda c: order.get(c, len(order)))
        for target in htcds.targets(form, f):
            fed.setdefault(target, []).append(htcds.values_of(f, value, htcds.column(target)))
        own = htcds.export_name(form, f)
        if own and not htcds.is_htcds(own):
            record[own] = value
        companion = htcds.companion_column(form, f)
        if companion:
            record[companion] = value
    for name, parts in fed.items():
        record[name] = htcds.merge(htcds.column(name), parts)
    if htcds.HTE_TYPE in record and any(record.get(c) is not None for c in record if c.startswith("hte_")):
        record[htcds.HTE_TYPE] = htcds.HTE_EXPLOITATION
    if "registration" in withdrawn and "con_Consent" in record:
        record["con_Consent"] = False  # withdrawn: no consent now (the sig_ column keeps what was given)
    return record


def summary_line(form: m.Form, answers: Any, lang: str = "nl") -> str:
    """A short line for the list of reports, e.g. "COA · arbeidsuitbuiting · signaal 02-11-2026".

    Only the form's ``summary_fields`` (never text kinds) and the short title: no identifying or
    free text can appear.
    """
    lang = "en" if lang == "en" else "nl"
    parts = [form.short_title.get(lang)]
    values = clean_answers(form, answers)
    for fid in form.summary_fields:
        f = form.field(fid)
        if f.kind in (*m.TEXT_KINDS, "reference", "checklist", "notice", "repeat"):
            continue
        value = values.get(fid)
        if value is None or not value_ok(f, value):
            continue
        prefix = f.short_label.get(lang) if f.short_label else ""
        if f.kind == "yes_no_unknown":
            # a yes/no field shows its short label only when the answer is yes
            if value == "yes" and prefix:
                parts.append(prefix)
            continue
        if f.kind == "date":
            # A valid date is "YYYY-MM-DD" (or a month, "YYYY-MM"); shown the way the UI writes
            # dates, day first: 02-11-2026 (or 11-2026).
            text = "-".join(reversed(str(value).split("-")))
        elif f.kind == "integer":
            text = str(value)
        elif isinstance(value, list):
            order = {o.code: i for i, o in enumerate(f.choices())}
            codes = sorted(value, key=lambda c: order.get(c, len(order)))
            text = ", ".join(_lower_first(f.option_label(c, lang)) for c in codes)
        else:
            text = _lower_first(f.option_label(value, lang))
        parts.append(f"{prefix} {text}".strip())
    if len(parts) == 1:  # nothing answered yet that the summary shows
        parts.append("nog niets ingevuld" if lang == "nl" else "nothing filled in yet")
    return " · ".join(p for p in parts if p)


def _lower_first(text: str) -> str:
    """Labels start with a capital in the form; in a running line they do not (unless an acronym)."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
