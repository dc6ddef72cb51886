"""What a report counts as in the statistics: one :class:`ReportFacts` per person reported.

Input is the minimised answers of a report (what the device sealed, after :mod:`forms.minimise`):
an exact age may have left only as its band, a municipality only as its province, a nationality
not at all. Every mapping below therefore takes the finest answer that is there and falls back to
the coarse one, and leaves a fact ``None`` (counted as "unknown") when nothing says it.

The mapping works on field ids, which the shared core keeps stable across form versions (coa, nla
and zorg at v1 and v2), so a newer version with the same field ids needs no change here:

* ``exploitation``: the codes of ``exploitation_types`` ("unknown" dropped).
* ``sector``: an ISIC/SBI section letter: ``nla_sector`` as answered, else the ``htcds`` section of
  each ``sector_labour`` code; one section, or "multiple" when the answers name several, or "other"
  for a labour sector without a section ("other work or services"). Sexual and criminal settings
  are not economic sectors and give no sector.
* ``nationality``: the first country listed in ``nationality`` (ISO alpha-2 or "stateless").
* ``gender``: the ``gender`` code.
* ``minor``: the ``minor`` answer (yes/no); else the exact age (< 18); else the age band.
* ``organisation_type``: the type the desk knows for the sending device when given; else the
  ``reporter_org_type`` answer; else from the form: coa → "coa", nla → "nla", zorg → "care".
* ``region``: the province (CBS code PVxx): ``exploitation_province``, else the province of the
  ``exploitation_municipality`` (a CBS code, or in v1 a name matched against the CBS list).

Group reports (one report with a repeated person section, see issue 13): any answer that is a list
of answer objects is a repeat group; each element is one person, its answers taking precedence over
the report's. Each person gets its own facts; their ``person_key`` is the report's key with
``#<n>`` (n from 1) appended, so a group of three counts as three persons and one report.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from forms.loader import catalog

__all__ = [
    "FORM_ORGANISATION",
    "MINOR_BANDS",
    "ReportFacts",
    "facts_from_report",
    "province_of_municipality",
]

FORM_ORGANISATION: Mapping[str, str] = {"coa": "coa", "nla": "nla", "zorg": "care"}
"""The reporter's organisation type implied by the form (the form is made for that audience)."""

MINOR_BANDS = frozenset({"0_11", "12_15", "16_17"})
"""Age bands (forms/valuelists/age_bands.json) that lie wholly under 18."""

_UNKNOWN = "unknown"
# Answers that mark a person in a repeat group (any one of them makes the element a person).
_PERSON_FIELDS = frozenset({"gender", "nationality", "age_years", "age_band", "minor", "subject_pseudonym"})


@dataclass(frozen=True)
class ReportFacts:
    """The counted attributes of one person in one report (see the module text for the mapping).

    ``person_key`` is the person this report counts for: after linking the key shared by the reports
    of one person, else the report id (with ``#n`` for the n-th person of a group report)."""

    report_id: str
    person_key: str
    form_id: str
    received: date
    exploitation: frozenset[str]
    sector: str | None
    nationality: str | None
    gender: str | None
    minor: bool | None
    organisation_type: str | None
    region: str | None


def facts_from_report(
    form_id: str,
    form_version: int,
    answers: Mapping[str, Any],
    *,
    report_id: str,
    person_key: str,
    received: date,
    organisation_type: str | None,
) -> list[ReportFacts]:
    """The facts of every person in a report's minimised ``answers`` (one for a single-person
    report). ``form_version`` is accepted for the record: the mapping goes by field ids, which
    every shipped version shares; unknown or malformed answers give ``None``, never an error."""
    del form_version  # the field ids are the same in every version (see the module text)
    groups = [key for key, value in answers.items() if _is_person_group(value)]
    if not groups:
        people: list[Mapping[str, Any]] = [answers]
        keys = [person_key]
    else:
        shared = {k: v for k, v in answers.items() if k not in groups}
        people = [{**shared, **member} for key in groups for member in answers[key]]
        keys = [f"{person_key}#{n}" for n in range(1, len(people) + 1)]
    return [
        ReportFacts(
            report_id=report_id,
            person_key=key,
            form_id=form_id,
            received=received,
            exploitation=_exploitation(person),
            sector=_sector(person),
            nationality=_nationality(person),
            gender=_code(person.get("gender")),
            minor=_minor(person),
            organisation_type=organisation_type or _code(person.get("reporter_org_type"))
            or FORM_ORGANISATION.get(form_id),
            region=_region(person),
        )
        for person, key in zip(people, keys, strict=True)
    ]


def _is_person_group(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, Mapping) for item in value)
        and any(_PERSON_FIELDS & set(item) for item in value)
    )


def _code(value: Any) -> str | None:
    """A choice code, with "unknown" and anything that is not a non-empty string as None."""
    if isinstance(value, str) and value and value != _UNKNOWN:
        return value
    return None


def _codes(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [c for c in (_code(v) for v in value) if c is not None]


def _exploitation(answers: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(_codes(answers.get("exploitation_types")))


@functools.cache
def _htcds(name: str) -> Mapping[str, str]:
    """code → HTCDS code of a shipped value list, for the items that have one."""
    return {item.code: item.htcds for item in catalog().valuelists[name].items if item.htcds is not None}


@functools.cache
def _coarse(name: str) -> Mapping[str, str]:
    """code → coarse code (a municipality's province) of a shipped value list."""
    return {item.code: item.coarse for item in catalog().valuelists[name].items if item.coarse is not None}


@functools.cache
def _municipality_names() -> Mapping[str, str]:
    """Lower-case Dutch and English municipality name → CBS code (for v1's typed names)."""
    out: dict[str, str] = {}
    for item in catalog().valuelists["municipalities"].items:
        for name in (item.label.nl, item.label.en):
            out[name.strip().casefold()] = item.code
    return out


def province_of_municipality(municipality: str) -> str | None:
    """The CBS province code (PVxx) of a CBS municipality code (GMxxxx) or name, else None."""
    provinces = _coarse("municipalities")
    if municipality in provinces:
        return provinces[municipality]
    code = _municipality_names().get(municipality.strip().casefold())
    return provinces.get(code) if code is not None else None


def _region(answers: Mapping[str, Any]) -> str | None:
    province = _code(answers.get("exploitation_province"))
    if province is not None and province in _provinces():
        return province
    municipality = _code(answers.get("exploitation_municipality"))
    return province_of_municipality(municipality) if municipality is not None else None


@functools.cache
def _provinces() -> frozenset[str]:
    return frozenset(item.code for item in catalog().valuelists["provinces"].items)


def _sector(answers: Mapping[str, Any]) -> str | None:
    section = _code(answers.get("nla_sector"))
    if section is not None:
        return section
    labour = _codes(answers.get("sector_labour"))
    if not labour:
        return None
    sections = _htcds("sectors_labour")
    # HTCDS names an industry by its ISIC section letter and name ("F_Construction"): the letter
    found = {sections[code].split("_", 1)[0] if code in sections else "other" for code in labour}
    if len(found) > 1:
        return "multiple"
    return found.pop()


def _nationality(answers: Mapping[str, Any]) -> str | None:
    codes = _codes(answers.get("nationality"))
    return codes[0] if codes else None


def _minor(answers: Mapping[str, Any]) -> bool | None:
    said = answers.get("minor")
    if said == "yes" or said == "no":
        return bool(said == "yes")
    age = answers.get("age_years")
    if isinstance(age, int) and not isinstance(age, bool) and age >= 0:
        return age < 18
    band = _code(answers.get("age_band"))
    if band is not None:
        return band in MINOR_BANDS
    return None
