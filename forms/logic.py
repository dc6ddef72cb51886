"""Visibility, validation and cleaning of answers. Nothing here raises on JSON-like input; a bug
(or a definition the loader should have refused) raises, it is never hidden."""

from __future__ import annotations

import copy
import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

from forms import model as m

DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
MONTH_RE = re.compile(r"^[0-9]{4}-[0-9]{2}$")
LEVELS = ("draft", "final")
CONSENT_YES = "yes"
_MAX_ID_IN_MESSAGE = 64


@dataclass(frozen=True)
class Problem:
    """One problem with the answers. ``field_id`` is "" for the answers as a whole."""

    field_id: str
    code: str
    message: m.Text

    def text(self, lang: str = "nl") -> str:
        return self.message.get(lang)


_MESSAGES: dict[str, tuple[str, str]] = {
    "not_an_object": (
        "De antwoorden zijn geen geldige lijst van velden.",
        "The answers are not a valid set of fields.",
    ),
    "invalid_level": (
        "Onbekend controleniveau; gecontroleerd als concept.",
        "Unknown check level; checked as a draft.",
    ),
    "unknown_field": ("Dit veld hoort niet bij dit formulier.", "This field is not part of this form."),
    "not_answerable": (
        "Dit is een mededeling; er hoort geen antwoord bij.",
        "This is a notice; it takes no answer.",
    ),
    "wrong_type": (
        "Dit antwoord heeft niet de juiste vorm ({expected}).",
        "This answer has the wrong form ({expected_en}).",
    ),
    "too_long": ("Maximaal {limit} tekens; nu {length}.", "At most {limit} characters; now {length}."),
    "below_minimum": (
        "Het getal mag niet kleiner zijn dan {limit}.",
        "The number may not be less than {limit}.",
    ),
    "above_maximum": (
        "Het getal mag niet groter zijn dan {limit}.",
        "The number may not be more than {limit}.",
    ),
    "invalid_date": ("Vul een datum in als JJJJ-MM-DD.", "Enter a date as YYYY-MM-DD."),
    "bad_format": (
        "Dit nummer heeft niet de juiste vorm; bijvoorbeeld {example}.",
        "This number does not have the right form; for example {example}.",
    ),
    "in_future": ("Deze datum ligt in de toekomst.", "This date is in the future."),
    "too_early": ("Deze datum ligt voor {limit}.", "This date is before {limit}."),
    "invalid_code": ("Kies een antwoord uit de lijst.", "Choose an answer from the list."),
    "duplicate_code": ("Een antwoord staat er twee keer in.", "An answer is chosen twice."),
    "exclusive_combined": (
        "'{label_nl}' kan niet samen met andere antwoorden.",
        "'{label_en}' cannot be combined with other answers.",
    ),
    "unknown_indicator": ("Onbekend signaal in de lijst.", "Unknown indicator in the list."),
    "invalid_indicator_answer": (
        "Beantwoord elk signaal met ja, nee of onbekend.",
        "Answer each indicator with yes, no or unknown.",
    ),
    "note_too_long": (
        "Een toelichting is te lang (maximaal {limit} tekens).",
        "A note is too long (at most {limit} characters).",
    ),
    "required": ("Dit veld is verplicht.", "This field is required."),
    "basis_needs_consent": (
        "Deze grondslag vraagt toestemming voor registratie, en die is er niet.",
        "This basis needs consent for registration, and there is none.",
    ),
    "incomplete": (
        "Beantwoord elk signaal (onbekend mag ook).",
        "Answer every indicator (unknown is fine).",
    ),
    "too_few_items": ("Vul ten minste {limit} in.", "Fill in at least {limit}."),
    "too_many_items": ("Ten hoogste {limit}; nu {count}.", "At most {limit}; now {count}."),
    "item_problem": ("{item_nl} {number}: {text_nl}", "{item_en} {number}: {text_en}"),
    "item_required": ("{item_nl} {number}: {text_nl}", "{item_en} {number}: {text_en}"),
}

_EXPECTED = {
    "short_text": ("tekst", "text"),
    "long_text": ("tekst", "text"),
    "identifying_text": ("tekst", "text"),
    "reference": ("nummer", "reference"),
    "integer": ("geheel getal", "whole number"),
    "date": ("datum", "date"),
    "single_choice": ("één keuze", "one choice"),
    "yes_no_unknown": ("ja, nee of onbekend", "yes, no or unknown"),
    "country": ("land", "country"),
    "multiple_choice": ("lijst van keuzes", "list of choices"),
    "checklist": ("signalenlijst", "indicator list"),
    "repeat": ("lijst van personen", "list of items"),
}


def _problem(field_id: Any, code: str, **kw: Any) -> Problem:
    nl, en = _MESSAGES[code]
    fid = field_id if isinstance(field_id, str) else repr(field_id)
    return Problem(fid[:_MAX_ID_IN_MESSAGE], code, m.Text(nl=nl.format(**kw), en=en.format(**kw)))


def is_empty(value: Any) -> bool:
    """True for an unanswered value: None, blank text, empty list or object."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict | tuple):
        return len(value) == 0
    return False


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _same(value: Any, expected: Any) -> bool:
    if isinstance(expected, bool):
        return value is expected
    if _is_int(expected):
        return _is_int(value) and value == expected
    return isinstance(value, str) and value == expected


def _indicator_answer(value: Any, indicator_id: str) -> Any:
    if isinstance(value, dict):
        entry = value.get(indicator_id)
        if isinstance(entry, dict):
            return entry.get("answer")
    return None


def holds(cond: Any, values: dict[str, Any]) -> bool:
    """Evaluate a condition against answers (absent = unanswered)."""
    if cond is None:
        return True
    if isinstance(cond, m.AllOf):
        return all(holds(c, values) for c in cond.all)
    if isinstance(cond, m.AnyOf):
        return any(holds(c, values) for c in cond.any)
    if isinstance(cond, m.NotCond):
        return not holds(cond.not_, values)
    if isinstance(cond, m.Comparison):
        value = values.get(cond.field)
        op = cond.operator()
        if op == "answered":
            return (not is_empty(value)) == cond.answered
        if op == "equals":
            return _same(value, cond.equals)
        if op == "in_":
            return any(_same(value, e) for e in cond.in_ or [])
        if op == "contains" and cond.contains is not None:
            if isinstance(value, list):
                return any(_same(v, cond.contains) for v in value)
            if isinstance(value, dict):
                return bool(_indicator_answer(value, cond.contains) == "yes")
            return False
        if op == "at_least" and cond.at_least is not None:
            return isinstance(value, int) and not isinstance(value, bool) and value >= cond.at_least
        if op == "less_than" and cond.less_than is not None:
            return isinstance(value, int) and not isinstance(value, bool) and value < cond.less_than
        raise ValueError(f"the comparison on {cond.field!r} has no operator the forms know")
    return False


def consent_given(form: m.Form, values: dict[str, Any]) -> bool:
    """True only when the form's consent field is shown and answered 'yes' (clean answers)."""
    return form.consent_field is not None and values.get(form.consent_field) == CONSENT_YES


def _visible(form: m.Form, answers: Any) -> tuple[set[str], dict[str, Any]]:
    """Visible field ids and the answers of visible, answerable fields (non-empty)."""
    if not isinstance(answers, dict):
        answers = {}
    visible: set[str] = set()
    values: dict[str, Any] = {}
    for f in form._order:
        section = form.section_of(f.id)
        if f.filled_by_signaal:  # counts whatever is shown; shown with its section
            if f.id in answers and not is_empty(answers[f.id]):
                values[f.id] = answers[f.id]
            if holds(section.visible_when, values):
                visible.add(f.id)
            continue
        if holds(section.visible_when, values) and holds(f.visible_when, values):
            visible.add(f.id)
            if f.answerable and f.id in answers and not is_empty(answers[f.id]):
                values[f.id] = clean_items(f, answers[f.id]) if f.kind == "repeat" else answers[f.id]
    return visible, values


def visible_field_ids(form: m.Form, answers: Any) -> set[str]:
    """Ids of the fields (and notices) shown for these answers."""
    return _visible(form, answers)[0]


def clean_answers(form: m.Form, answers: Any) -> dict[str, Any]:
    """The answers without unknown fields, notices, empty values and answers of hidden fields.

    Values are copied, not checked: a draft keeps what was typed; ``validate`` says what is wrong.
    """
    return copy.deepcopy(_visible(form, answers)[1])


# ---------------------------------------------------------------- validation


def _check_value(f: Any, value: Any, today: _dt.date) -> list[Problem]:
    kind = f.kind
    if kind in m.TEXT_KINDS:
        if not isinstance(value, str):
            return [_wrong(f)]
        if len(value) > f.max_length:
            return [_problem(f.id, "too_long", limit=f.max_length, length=len(value))]
        return []
    if kind == "integer":
        if not _is_int(value):
            return [_wrong(f)]
        if f.minimum is not None and value < f.minimum:
            return [_problem(f.id, "below_minimum", limit=f.minimum)]
        if f.maximum is not None and value > f.maximum:
            return [_problem(f.id, "above_maximum", limit=f.maximum)]
        return []
    if kind == "reference":
        if not isinstance(value, str):
            return [_wrong(f)]
        if len(value) > f.max_length or not re.fullmatch(f.pattern, value):
            return [_problem(f.id, "bad_format", example=f.example)]
        return []
    if kind == "date":
        if isinstance(value, str) and MONTH_RE.match(value):
            # a date coarsened to its month by minimisation (any date field: an old version's
            # fields are minimised under the markings of the newest version)
            return _check_month(f, value, today)
        parsed = parse_date(value)
        if parsed is None:
            return [_problem(f.id, "invalid_date")]
        if f.not_future and parsed > today:
            return [_problem(f.id, "in_future")]
        if f.earliest is not None and parsed < f.earliest:
            return [_problem(f.id, "too_early", limit=f.earliest.isoformat())]
        return []
    if kind in ("single_choice", "yes_no_unknown") or (kind == "country" and not f.multiple):
        if not isinstance(value, str):
            return [_wrong(f)]
        return [] if value in f.codes() else [_problem(f.id, "invalid_code")]
    if kind == "multiple_choice" or kind == "country":
        if not isinstance(value, list):
            return [_wrong(f)]
        if not all(isinstance(v, str) for v in value):
            return [_wrong(f)]
        if any(v not in f.codes() for v in value):
            return [_problem(f.id, "invalid_code")]
        if len(set(value)) != len(value):
            return [_problem(f.id, "duplicate_code")]
        for code in getattr(f, "exclusive", ()):
            if code in value and len(value) > 1:
                return [
                    _problem(
                        f.id,
                        "exclusive_combined",
                        label_nl=f.option_label(code, "nl"),
                        label_en=f.option_label(code, "en"),
                    )
                ]
        return []
    if kind == "repeat":
        return _check_items(f, value, today, final=False)
    if kind == "checklist":
        if not isinstance(value, dict):
            return [_wrong(f)]
        problems: list[Problem] = []
        if any(key not in f.codes() for key in value):
            problems.append(_problem(f.id, "unknown_indicator"))
        for key, entry in value.items():
            if key not in f.codes() or entry is None:
                continue
            if (
                not isinstance(entry, dict)
                or entry.get("answer") not in m.YES_NO_UNKNOWN
                or any(k not in ("answer", "note") for k in entry)
            ):
                problems.append(_problem(f.id, "invalid_indicator_answer"))
                break
            note = entry.get("note")
            if note is not None and (not isinstance(note, str) or not f.notes):
                problems.append(_problem(f.id, "invalid_indicator_answer"))
                break
            if isinstance(note, str) and len(note) > f.note_max_length:
                problems.append(_problem(f.id, "note_too_long", limit=f.note_max_length))
                break
        return problems
    return []


def _check_items(f: Any, value: Any, today: _dt.date, *, final: bool) -> list[Problem]:
    """A repeat group's items: a list of dicts of the item fields' answers, at most ``max_items``
    (at ``final`` at least ``min_items``, with each item's required fields answered). A problem
    of an item names it ("Persoon 2: …") on the group."""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        return [_wrong(f)]
    if len(value) > f.max_items:
        return [_problem(f.id, "too_many_items", limit=f.max_items, count=len(value))]
    problems: list[Problem] = []
    if final and len(value) < f.min_items:
        problems.append(_problem(f.id, "too_few_items", limit=f.min_items))
    inner = {g.id: g for g in f.fields}
    for number, item in enumerate(value, start=1):
        found: list[Problem] = []
        for key, answer in item.items():
            if key not in inner:
                found.append(_problem(key, "unknown_field"))
            elif not is_empty(answer):
                found.extend(_check_value(inner[key], answer, today))
        if final:
            found.extend(_problem(g.id, "required") for g in f.fields
                         if g.required and is_empty(item.get(g.id)))
        problems.extend(
            _problem(f.id, "item_required" if p.code == "required" else "item_problem",
                     item_nl=f.item_label.nl, item_en=f.item_label.en, number=number,
                     text_nl=p.message.nl, text_en=p.message.en)
            for p in found
        )
    return problems


def clean_items(f: Any, value: Any) -> Any:
    """A repeat group's items without unknown keys and empty answers (values copied, not checked)."""
    if not isinstance(value, list):
        return value
    inner = {g.id for g in f.fields}
    return [{k: v for k, v in item.items() if k in inner and not is_empty(v)} if isinstance(item, dict)
            else item for item in value]


def _check_month(f: Any, value: str, today: _dt.date) -> list[Problem]:
    """A date coarsened to its month ("YYYY-MM"), as minimisation leaves it."""
    month = parse_month(value)
    if month is None:
        return [_problem(f.id, "invalid_date")]
    if f.not_future and month > today.replace(day=1):
        return [_problem(f.id, "in_future")]
    if f.earliest is not None and month < f.earliest.replace(day=1):
        return [_problem(f.id, "too_early", limit=f.earliest.isoformat())]
    return []


def parse_month(value: Any) -> _dt.date | None:
    """The first day of a "YYYY-MM" month, or None."""
    if not isinstance(value, str) or not MONTH_RE.match(value):
        return None
    try:
        return _dt.date.fromisoformat(value + "-01")
    except ValueError:
        return None


def _wrong(f: Any) -> Problem:
    nl, en = _EXPECTED.get(f.kind, ("?", "?"))
    return _problem(f.id, "wrong_type", expected=nl, expected_en=en)


def parse_date(value: Any) -> _dt.date | None:
    if not isinstance(value, str) or not DATE_RE.match(value):
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


def value_ok(f: Any, value: Any, today: _dt.date | None = None) -> bool:
    """True when the value has the right shape and bounds for the field (used by export)."""
    return not is_empty(value) and not _check_value(f, value, today or _dt.date.max)


def validate(
    form: m.Form, answers: Any, level: str = "draft", *, today: _dt.date | None = None
) -> list[Problem]:
    """Problems with the answers; never raises on JSON-like answers.

    ``draft``: types and bounds of the answers given. ``final``: also required fields (only those
    shown) and the form's cross-field rules. Answers of hidden fields are ignored (they are dropped
    on save); answers to fields the form does not have are reported.
    """
    return _validate(form, answers, level, today or _dt.date.today())


def _validate(form: m.Form, answers: Any, level: Any, today: _dt.date) -> list[Problem]:
    problems: list[Problem] = []
    if level not in LEVELS:
        problems.append(_problem("", "invalid_level"))
        level = "draft"
    if not isinstance(answers, dict):
        return [*problems, _problem("", "not_an_object")]
    for key in answers:
        if not form.has_field(key):
            problems.append(_problem(key, "unknown_field"))
    visible, values = _visible(form, answers)
    for f in form.all_fields():
        if not f.answerable:
            if f.id in answers and not is_empty(answers[f.id]):
                problems.append(_problem(f.id, "not_answerable"))
            continue
        if f.id not in visible:
            continue
        value = values.get(f.id)
        if value is not None and f.kind == "repeat":
            value = answers[f.id]  # as given: an unknown key in an item is reported, not dropped
        if value is not None:
            problems.extend(_check_value(f, value, today))
        if level == "final":
            if f.kind == "repeat" and isinstance(value, list):  # what only final adds
                draft = {(p.code, p.message) for p in _check_items(f, value, today, final=False)}
                problems.extend(p for p in _check_items(f, value, today, final=True)
                                if (p.code, p.message) not in draft)
            elif f.kind == "repeat" and value is None and f.min_items:
                problems.append(_problem(f.id, "too_few_items", limit=f.min_items))
            if f.required and value is None:
                problems.append(_problem(f.id, "required"))
            elif f.required and f.kind == "checklist" and isinstance(value, dict):
                answered = {k for k in f.codes() if _indicator_answer(value, k) in m.YES_NO_UNKNOWN}
                if answered != set(f.codes()):
                    problems.append(_problem(f.id, "incomplete"))
    if level == "final":
        problems.extend(_rules(form, values, visible))
        problems.extend(_route_problems(form, values, visible))
    return problems


def _route_problems(form: m.Form, values: dict[str, Any], visible: set[str]) -> list[Problem]:
    """The chosen basis must hold: consent where it needs consent, its conditions where it has them.

    Only for a version with its own route: an old draft is not refused for questions its version
    never asked (its minimisation falls back to the default basis instead; see forms.legal).
    """
    route = form.legal
    if route is None or route.basis_field is None or route.basis_field not in visible:
        return []
    basis = route.basis(values.get(route.basis_field, ""))
    if basis is None:
        return []
    if basis.needs_consent and not consent_given(form, values):
        return [_problem(route.basis_field, "basis_needs_consent")]
    message = basis.requires_message
    if basis.requires is not None and message is not None and not holds(basis.requires, values):
        return [Problem(route.basis_field, "basis_requirements", message)]
    return []


def _rules(form: m.Form, values: dict[str, Any], visible: set[str]) -> list[Problem]:
    out: list[Problem] = []
    for rule in form.rules:
        if isinstance(rule, m.DateOrderRule):
            earlier = parse_date(values.get(rule.earlier))
            later = parse_date(values.get(rule.later))
            if earlier and later and earlier > later:
                out.append(Problem(rule.earlier, "date_order", rule.message))
        elif isinstance(rule, m.ForbidRule) and rule.field in visible and holds(rule.when, values):
            out.append(Problem(rule.field, "rule", rule.message))
    return out
