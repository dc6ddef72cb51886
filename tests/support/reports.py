"""Synthetic, valid reports of the shipped forms for tests that finalise and seal for real."""

from __future__ import annotations

import copy
import functools
from typing import Any

import forms
from tests.support.outbox import synthetic_answers

CONSENT_ANSWERS = ("yes", "no", "not_asked_safety", "not_possible")


def report_answers(form_id: str = "coa", *, consent: str = "yes", i: int = 0,
                   **overrides: Any) -> dict[str, Any]:
    """Answers that pass the form's final checks, with this consent answer and these overrides.

    Text fields hold synthetic text (``Synthetic <field id> <i>``); ``overrides`` replace answers.
    """
    if not overrides:
        return copy.deepcopy(_cached(form_id, consent, i))
    return _make(form_id, consent, i, overrides)


@functools.cache
def _cached(form_id: str, consent: str, i: int) -> dict[str, Any]:
    return _make(form_id, consent, i, {})


def _make(form_id: str, consent: str, i: int, overrides: dict[str, Any]) -> dict[str, Any]:
    form = forms.catalog().get(form_id, 1)  # the version the delivery tests draft and seal
    answers = synthetic_answers(form_id, i)
    answers[form.consent_field or "consent_registration"] = consent
    answers.update(overrides)
    # Fill what the consent answer makes visible (who gave it) with the first choice that passes
    # the form's rules, then keep only what is shown.
    for f in form.all_fields():
        if f.id in answers or not f.required or f.id not in forms.visible_field_ids(form, answers):
            continue
        for code in [o.code for o in f.choices()] if hasattr(f, "choices") else []:
            answers[f.id] = code
            if not [p for p in forms.validate(form, answers, "final") if p.field_id == f.id]:
                break
    answers = forms.clean_answers(form, answers)
    problems = forms.validate(form, answers, "final")
    assert not problems, [(p.field_id, p.code) for p in problems]
    return answers
