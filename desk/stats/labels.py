"""Labels of the picture's dimensions and keys in Dutch and English (Qt-free, for CSV and the view).

Codes come from the value lists (forms/valuelists), which carry both languages; the few keys the
statistics add ("unknown", "multiple", "care", minor yes/no, months, totals) are listed here."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from desk.stats.tables import COUNT, MULTIPLE, NOT_CARE, UNKNOWN
from forms.loader import catalog

__all__ = ["Lang", "dimension_label", "key_label", "total_label"]

Lang = str  # "nl" or "en"

_DIMENSIONS: Mapping[str, tuple[str, str]] = {
    "exploitation": ("Vorm van uitbuiting", "Form of exploitation"),
    "sector": ("Sector (arbeidsuitbuiting)", "Sector (labour exploitation)"),
    "nationality": ("Nationaliteit", "Nationality"),
    "gender": ("Geslacht", "Gender"),
    "minor": ("Minderjarig", "Minor"),
    "organisation_type": ("Organisatie van de melder", "Reporter's organisation"),
    "care_organisation": ("Soort zorgorganisatie", "Kind of care organisation"),
    "region": ("Provincie", "Province"),
    "month": ("Maand", "Month"),
}
_KEYS: Mapping[str, tuple[str, str]] = {
    UNKNOWN: ("Onbekend", "Unknown"),
    MULTIPLE: ("Meerdere", "Several"),
    COUNT: ("Aantal", "Count"),
    "care": ("Zorg", "Care"),
    "other": ("Anders", "Other"),
    "stateless": ("Staatloos", "Stateless"),
    NOT_CARE: ("Geen zorgmelding", "Not from care"),
}
_MINOR: Mapping[str, tuple[str, str]] = {"yes": ("Ja, jonger dan 18", "Yes, under 18"),
                                         "no": ("Nee, 18 of ouder", "No, 18 or older")}
_MONTHS = (
    ("januari", "January"), ("februari", "February"), ("maart", "March"), ("april", "April"),
    ("mei", "May"), ("juni", "June"), ("juli", "July"), ("augustus", "August"),
    ("september", "September"), ("oktober", "October"), ("november", "November"),
    ("december", "December"),
)
_LISTS: Mapping[str, tuple[str, ...]] = {
    "exploitation": ("exploitation_types",), "sector": ("isic_sections",), "nationality": ("countries",),
    "gender": ("gender",), "organisation_type": ("reporter_org_types",),
    "care_organisation": ("reporter_org_types",), "region": ("provinces",),
}


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[1] if lang == "en" else pair[0]


def dimension_label(dim: str, lang: Lang = "nl") -> str:
    pair = _DIMENSIONS.get(dim)
    return _pick(pair, lang) if pair else dim


def total_label(lang: Lang = "nl") -> str:
    return "Total" if lang == "en" else "Totaal"


@functools.cache
def _valuelist_labels(name: str) -> Mapping[str, tuple[str, str]]:
    return {i.code: (i.label.nl, i.label.en) for i in catalog().valuelists[name].items}


def key_label(dim: str, key: str, lang: Lang = "nl") -> str:
    """The label of ``key`` in dimension ``dim``; an unknown code is shown as itself."""
    if dim == "minor" and key in _MINOR:
        return _pick(_MINOR[key], lang)
    if dim == "month" and len(key) == 7 and key[4] == "-" and key[5:].isdigit() and 1 <= int(key[5:]) <= 12:
        return f"{_pick(_MONTHS[int(key[5:]) - 1], lang)} {key[:4]}"
    for name in _LISTS.get(dim, ()):
        labels = _valuelist_labels(name)
        if key in labels:
            return _pick(labels[key], lang)
    if key in _KEYS:
        return _pick(_KEYS[key], lang)
    return key
