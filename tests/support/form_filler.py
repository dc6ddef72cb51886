"""Fill a form by walking its conditions: every field that the answers so far make visible gets an
answer, until nothing new shows. Variant ``n`` picks the n-th option of every choice (cycling), so a
few variants together answer every option of the short lists. Synthetic data only."""

from __future__ import annotations

from typing import Any

import forms
from forms import model as m

TEXT = "Synthetisch antwoord"


def value(f: Any, n: int) -> Any:
    """An answer to ``f`` for variant ``n`` (None: the field takes none)."""
    if isinstance(f, m.NoticeField):
        return None
    if isinstance(f, m.RepeatField):  # two persons, each with every item field answered
        return [{g.id: value(g, n + k) for g in f.fields} for k in (1, 2)]
    if isinstance(f, m.ChecklistField):
        return {ind.id: {"answer": m.YES_NO_UNKNOWN[(n + i) % 3]} for i, ind in enumerate(f.indicators)}
    if isinstance(f, m.IntegerField):
        low = f.minimum if f.minimum is not None else 0
        high = f.maximum if f.maximum is not None else low + 60
        return low + (17 + 7 * n) % (high - low + 1)
    if isinstance(f, m.DateField):
        return f"2026-{1 + n % 10:02d}-{1 + n % 27:02d}"
    if isinstance(f, m.ReferenceField):
        return f.example
    if f.kind in m.TEXT_KINDS:
        return f"{TEXT} {n}"[: getattr(f, "max_length", 40)]
    choices = [o.code for o in f.choices()]
    if not choices:
        return None
    code = choices[n % len(choices)]
    multiple = isinstance(f, m.MultipleChoiceField) or (isinstance(f, m.CountryField) and f.multiple)
    if not multiple:
        return code
    exclusive = set(f.exclusive)
    if code in exclusive:
        return [code]
    second = choices[(n * 3 + 1) % len(choices)]
    return [code] if second in exclusive or second == code else [code, second]


def fill(form: m.Form, n: int = 0, **fixed: Any) -> dict[str, Any]:
    """Answers for every field the conditions show (``fixed`` answers win)."""
    answers: dict[str, Any] = dict(fixed)
    for _ in range(len(form.all_fields())):
        visible = forms.visible_field_ids(form, answers)
        new = False
        for f in form.all_fields():
            if f.id in visible and f.id not in answers:
                v = value(f, n)
                if v is not None:
                    answers[f.id] = v
                    new = True
        if not new:
            break
    return forms.clean_answers(form, answers)


def variants(form: m.Form, count: int | None = None) -> list[dict[str, Any]]:
    """Enough variants to reach every option of lists up to ``count`` (default: the longest list
    of a field that feeds an HTCDS column, at most 40)."""
    if count is None:
        lengths = [len(f.choices()) for f in form.all_fields() if f.choices() and len(f.choices()) < 100]
        count = min(max(lengths, default=1), 40)
    return [fill(form, n) for n in range(count)]
