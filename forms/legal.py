"""The legal route of a report: which basis holds, and what it lets leave the device.

A form version's route (``legal`` in its header; see docs/legal.md) lists the bases its role can
have. :func:`effective_basis` decides which one holds for a set of answers; every field falls
under zero or more data categories (:func:`field_categories`); an answer leaves the device only
when the basis allows all of its categories, or in a coarsened form (:func:`coarsen`). The
decision itself is made in :mod:`forms.minimise`.

A version without its own route uses the route, and the field markings, of the newest version of
the same form that has one (``Form.route_source``); a field borrows markings only from a field
with the same id and kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from forms import model as m
from forms.logic import consent_given, holds

ALL_CATEGORIES: frozenset[str] = frozenset(m.DATA_CATEGORIES)
TEXT_CATEGORIES: frozenset[str] = frozenset({"identifying", "free_text"})

# Why an answer stays on the device or leaves coarsened: for the finalise summary.
REASONS: dict[str, tuple[str, str]] = {
    "invalid": ("Dit antwoord is niet geldig.", "This answer is not valid."),
    "identifying": (
        "Initialen of schuilnaam gaan alleen mee als de grondslag dat toelaat.",
        "Initials or an alias are sent only when the basis allows it.",
    ),
    "free_text": (
        "Getypte tekst gaat alleen mee als de grondslag dat toelaat.",
        "Typed text is sent only when the basis allows it.",
    ),
    "health": (
        "Gezondheidsgegevens gaan alleen mee als de grondslag dat toelaat.",
        "Health data are sent only when the basis allows it.",
    ),
    "exact_age": (
        "Zonder grondslag voor de precieze leeftijd gaat alleen de leeftijdsgroep mee.",
        "Without a basis for the exact age, only the age band is sent.",
    ),
    "municipality": (
        "Zonder grondslag voor de gemeente gaat alleen de provincie mee.",
        "Without a basis for the municipality, only the province is sent.",
    ),
    "exact_date": (
        "Zonder grondslag voor precieze datums gaat alleen de maand mee.",
        "Without a basis for exact dates, only the month is sent.",
    ),
    "context": (
        "Dit gegeven kan samen met andere de persoon herkenbaar maken; het gaat alleen mee als de "
        "grondslag dat toelaat.",
        "Together with other answers this could identify the person; it is sent only when the "
        "basis allows it.",
    ),
    "depends": (
        "Deze vraag hoort bij een antwoord dat niet meegaat.",
        "This question belongs to an answer that is not sent.",
    ),
}

BASIS_NOTES: dict[str, tuple[str, str]] = {
    "no_consent": (
        "De gekozen grondslag vraagt toestemming, en die is er niet.",
        "The chosen basis needs consent, and there is none.",
    ),
    "requirements": (
        "De voorwaarden van de gekozen grondslag zijn niet vervuld.",
        "The conditions of the chosen basis are not met.",
    ),
    "withdrawn": ("De toestemming is ingetrokken.", "Consent was withdrawn."),
}


def reason_text(code: str, lang: str = "nl") -> str:
    """The sentence that explains a reason code of :class:`forms.minimise.Minimised`."""
    nl, en = REASONS.get(code) or BASIS_NOTES[code]
    return en if lang == "en" else nl


@dataclass(frozen=True)
class BasisDecision:
    """Which basis holds.

    Attributes:
        code: the basis that holds (None: the form has no legal route; consent alone decides).
        requested: the basis the answers asked for (the basis field's answer, or the route's first).
        note: why ``code`` differs from ``requested``: "no_consent", "requirements" or "withdrawn".
        allows: the data categories that may leave.
    """

    code: str | None
    requested: str | None
    note: str | None
    allows: frozenset[str]


def effective_basis(
    form: m.Form, values: dict[str, Any], *, consent_withdrawn: bool = False
) -> BasisDecision:
    """The basis that holds for these (clean) answers, see :class:`forms.model.LegalRoute`."""
    consent = consent_given(form, values) and not consent_withdrawn
    route = form.route()
    if route is None:
        # Rule 1, for forms without any route: consent for registration lets everything leave.
        allows = ALL_CATEGORIES if consent else ALL_CATEGORIES - TEXT_CATEGORIES
        return BasisDecision(None, None, "withdrawn" if consent_withdrawn else None, allows)
    requested = route.bases[0]
    if route.basis_field is not None:
        answer = values.get(route.basis_field) if form.has_field(route.basis_field) else None
        chosen = route.basis(answer) if isinstance(answer, str) else None
        requested = chosen if chosen is not None else _default(route)
    note = None
    if requested.needs_consent and not consent:
        note = "withdrawn" if consent_withdrawn else "no_consent"
    elif requested.requires is not None and not _requirements_hold(form, requested, values):
        note = "requirements"
    basis = requested if note is None else _default(route)
    return BasisDecision(basis.code, requested.code, note, frozenset(basis.allows))


def _default(route: m.LegalRoute) -> m.Basis:
    basis = route.basis(route.default)
    if basis is None:  # the loader refuses such a route
        raise ValueError(f"the default basis {route.default!r} is not one of the bases")
    return basis


def _requirements_hold(form: m.Form, basis: m.Basis, values: dict[str, Any]) -> bool:
    """A borrowed route may name fields an old version lacks: then its requirements do not hold."""
    if basis.requires is None:
        return True
    if not all(form.has_field(fid) for fid in m.condition_fields(basis.requires)):
        return False
    return holds(basis.requires, values)


# ---------------------------------------------------------------- field markings


def marked(form: m.Form, f: Any) -> Any:
    """The field whose markings apply to ``f``: the same field in the route's version, else ``f``."""
    source = form.route_source()
    if source is None or source is form or not source.has_field(f.id):
        return f
    other = source.field(f.id)
    return other if other.kind == f.kind else f


def field_categories(form: m.Form, f: Any) -> frozenset[str]:
    """The data categories an answer of ``f`` falls under (checklist notes and indicators aside)."""
    cats: set[str] = set()
    if marked(form, f).professional:
        return frozenset()  # the reporter's own contact, sent because they ticked it
    if f.kind == "identifying_text":
        cats.add("identifying")
    elif f.kind in m.TEXT_KINDS:
        cats.add("free_text")
    mark = marked(form, f)
    if mark.health:
        cats.add("health")
    quasi = {"age": "exact_age", "municipality": "municipality", "date": "exact_date", "context": "context"}
    if mark.quasi_identifier is not None:
        cats.add(quasi[mark.quasi_identifier])
    return frozenset(cats)


def health_indicators(form: m.Form, f: m.ChecklistField) -> frozenset[str]:
    """Indicators of a checklist that are health data themselves (or all of them: a health field)."""
    mark = marked(form, f)
    if mark.health:
        return frozenset(i.id for i in f.indicators)
    if not isinstance(mark, m.ChecklistField):
        return frozenset()
    return frozenset(i.id for i in mark.indicators if i.health)


def coarsen(form: m.Form, f: Any, value: Any) -> tuple[str, Any] | None:
    """``(field id, coarse answer)`` for an exact age, municipality or date; None when it cannot be
    coarsened in this form (then it stays on the device)."""
    mark = marked(form, f)
    kind = mark.quasi_identifier
    if kind == "date" and isinstance(value, str):
        return f.id, value[:7]  # a valid "YYYY-MM-DD", or already a month
    if kind not in ("age", "municipality") or not mark.coarse_to or not form.has_field(mark.coarse_to):
        return None
    target = form.field(mark.coarse_to)
    code: str | None = None
    if kind == "age" and isinstance(value, int):
        code = next((b.code for b in mark.bands if value <= b.up_to), None)
    elif kind == "municipality" and isinstance(value, str):
        option = mark.option(value)
        code = option.coarse if option is not None else None
    if code is None or code not in target.codes():
        return None
    return target.id, code
