"""Export mapping (for CoMensha's CSV/JSONL export) and the one-line summary of a report."""

from __future__ import annotations

from typing import Any

from forms import model as m
from forms.logic import clean_answers, parse_date, value_ok

CONSENT_YES = "yes"


def identifying_field_ids(form: m.Form) -> set[str]:
    """Fields holding a pseudonym or initials: never logged, exported only with consent."""
    return {f.id for f in form.all_fields() if f.kind == "identifying_text"}


def free_text_field_ids(form: m.Form) -> set[str]:
    """Fields where people write freely: exported only with consent, never in a summary."""
    return {
        f.id for f in form.all_fields() if f.kind == "long_text" or (f.kind == "short_text" and f.free_text)
    }


def withheld_without_consent(form: m.Form) -> set[str]:
    """Everything that stays out of the export when registration consent is not 'yes'.

    (Identifying and free text fields; checklist notes are withheld too, column by column.)
    """
    return identifying_field_ids(form) | free_text_field_ids(form)


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
    if form.consent_field is None:
        return False
    return clean_answers(form, answers).get(form.consent_field) == CONSENT_YES


def export_columns(form: m.Form) -> list[str]:
    """The export columns of this form version, in form order (stable for CSV headers)."""
    cols = ["form_id", "form_version"]
    for f in form.all_fields():
        if isinstance(f, m.ChecklistField):
            for ind in f.indicators:
                cols.append(f"ind_{ind.id}")
                if f.notes:
                    cols.append(f"ind_{ind.id}_note")
        elif f.export_name:
            cols.append(f.export_name)
    return cols


def export_record(form: m.Form, answers: Any) -> dict[str, object]:
    """A flat record: export name -> code (str), number, date "YYYY-MM-DD", list of codes, or None.

    Every column of ``export_columns(form)`` is present. Answers of hidden fields, invalid answers
    and unanswered fields are None. Without registration consent (answer other than 'yes'),
    identifying text, free text and checklist notes are None. Multiple choice and several
    countries are lists of codes in the order of the options. Checklists give one column per
    indicator, ``ind_<indicator id>`` = "yes" | "no" | "unknown" (and ``ind_<id>_note``).
    """
    record: dict[str, object] = dict.fromkeys(export_columns(form))
    record["form_id"] = form.id
    record["form_version"] = form.version
    try:
        values = clean_answers(form, answers)
        consent = form.consent_field is not None and values.get(form.consent_field) == CONSENT_YES
        withheld = withheld_without_consent(form)
        for f in form.all_fields():
            value = values.get(f.id)
            if isinstance(f, m.ChecklistField):
                _checklist(f, value, consent, record)
                continue
            if not f.export_name or value is None:
                continue
            if f.id in withheld and not consent:
                continue
            if not value_ok(f, value):
                continue
            if isinstance(value, list):
                order = {o.code: i for i, o in enumerate(f.choices())}
                value = sorted(value, key=lambda c: order.get(c, len(order)))
            record[f.export_name] = value
    except Exception:  # noqa: S110 - keep the columns; a broken answer is simply absent
        pass
    return record


def _checklist(f: m.ChecklistField, value: Any, consent: bool, record: dict[str, object]) -> None:
    if not isinstance(value, dict):
        return
    for ind in f.indicators:
        entry = value.get(ind.id)
        if not isinstance(entry, dict):
            continue
        answer = entry.get("answer")
        if answer in m.YES_NO_UNKNOWN:
            record[f"ind_{ind.id}"] = answer
        note = entry.get("note")
        if f.notes and consent and isinstance(note, str) and note.strip() and len(note) <= f.note_max_length:
            record[f"ind_{ind.id}_note"] = note


def summary_line(form: m.Form, answers: Any, lang: str = "nl") -> str:
    """A short line for the list of reports, e.g. "COA · arbeidsuitbuiting · signaal 2026-11-02".

    Only the form's ``summary_fields`` (never text kinds) and the short title: no identifying or
    free text can appear.
    """
    lang = "en" if lang == "en" else "nl"
    parts = [form.short_title.get(lang)]
    try:
        values = clean_answers(form, answers)
        for fid in form.summary_fields:
            f = form.field(fid)
            if f.kind in (*m.TEXT_KINDS, "checklist", "notice"):
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
                text = parse_date(value).isoformat()
            elif f.kind == "integer":
                text = str(value)
            elif isinstance(value, list):
                order = {o.code: i for i, o in enumerate(f.choices())}
                codes = sorted(value, key=lambda c: order.get(c, len(order)))
                text = ", ".join(_lower_first(f.option_label(c, lang)) for c in codes)
            else:
                text = _lower_first(f.option_label(value, lang))
            parts.append(f"{prefix} {text}".strip())
    except Exception:  # noqa: S110 - a summary never fails; it just says less
        pass
    return " · ".join(p for p in parts if p)


def _lower_first(text: str) -> str:
    """Labels start with a capital in the form; in a running line they do not (unless an acronym)."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
