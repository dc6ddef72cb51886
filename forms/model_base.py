"""The base of the form definition language: texts, options, value lists and conditions.

Re-exported by :mod:`forms.model`; import from there.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    StrictBool,
    StrictInt,
    StrictStr,
    Tag,
    field_validator,
    model_validator,
)
from pydantic import Field as PField

ID_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_]{0,63}$"
EXPORT_PATTERN = r"^[A-Za-z][A-Za-z0-9_]{0,63}$"

Audience = Literal["coa", "nla", "zorg", "any"]
"""Who fills in a form. "any": a follow-up form (e.g. a withdrawal) that every role can use."""
Severity = Literal["info", "warning", "danger"]
QuasiKind = Literal["age", "municipality", "date", "context"]
DataCategory = Literal[
    "identifying", "free_text", "health", "exact_age", "municipality", "exact_date", "context"
]
"""What a legal basis may allow to leave the device (see forms/legal.py and docs/legal.md)."""
DATA_CATEGORIES: tuple[str, ...] = (
    "identifying", "free_text", "health", "exact_age", "municipality", "exact_date", "context"
)
BasisCode = Literal["consent", "legal_task", "conflict_of_duties", "veilig_thuis", "none"]
ROLE_BASES: dict[str, frozenset[str]] = {
    # Investigation and inspection services register under their legal task; others need consent
    # (or, in care, a conflict of duties or the meldrecht via Veilig Thuis). docs/legal.md.
    "coa": frozenset({"consent", "none"}),
    "nla": frozenset({"legal_task", "consent", "none"}),
    "zorg": frozenset({"consent", "conflict_of_duties", "veilig_thuis", "none"}),
    "any": frozenset({"none"}),
}
YES_NO_UNKNOWN = ("yes", "no", "unknown")
STATELESS = "stateless"
UNKNOWN = "unknown"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Text(_Strict):
    """A text in Dutch and English; both are required and non-blank."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nl: StrictStr = PField(min_length=1, max_length=4000)
    en: StrictStr = PField(min_length=1, max_length=4000)

    @field_validator("nl", "en")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is blank")
        return value

    def get(self, lang: str = "nl") -> str:
        return self.en if lang == "en" else self.nl

    def __str__(self) -> str:
        return self.nl


class Option(_Strict):
    """One answer of a choice: a stable code and its label."""

    code: str = PField(pattern=CODE_PATTERN)
    label: Text
    help: Text | None = None
    htcds: str | None = PField(
        default=None, description="Equivalent HTCDS v2.0 / CTDC code, for the receiver's mapping."
    )
    coarse: str | None = PField(
        default=None,
        pattern=CODE_PATTERN,
        description="The code this item becomes when it must be coarsened, e.g. a municipality's "
        "province (see coarse_to).",
    )


class ValueListFile(_Strict):
    """A named value list, one per file in forms/valuelists/ (file name = name)."""

    schema_: str | None = PField(default=None, alias="$schema")
    name: str = PField(pattern=ID_PATTERN)
    label: Text
    description: str | None = None
    items: list[Option]


ValueList = ValueListFile


# ---------------------------------------------------------------- conditions


class Comparison(_Strict):
    """A test on one field's answer. Exactly one operator.

    - equals: the answer is this code / number
    - in: the answer is one of these codes
    - contains: a multiple choice (or several countries) includes this code; a checklist has this
      indicator answered "yes"
    - answered: the field has (true) or lacks (false) an answer
    - at_least / less_than: an integer answer compared with a bound
    """

    field: str = PField(pattern=ID_PATTERN)
    equals: StrictStr | StrictInt | StrictBool | None = None
    in_: list[StrictStr | StrictInt] | None = PField(default=None, alias="in", min_length=1)
    contains: StrictStr | None = None
    answered: StrictBool | None = None
    at_least: StrictInt | None = None
    less_than: StrictInt | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> Comparison:
        ops = self.operators()
        if len(ops) != 1:
            raise ValueError(
                "a comparison needs exactly one of equals, in, contains, answered, at_least, less_than"
            )
        return self

    def operators(self) -> list[str]:
        names = ("equals", "in_", "contains", "answered", "at_least", "less_than")
        return [n for n in names if n in self.model_fields_set and getattr(self, n) is not None]

    def operator(self) -> str:
        return self.operators()[0]


class AllOf(_Strict):
    all: list[Condition] = PField(min_length=1)


class AnyOf(_Strict):
    any: list[Condition] = PField(min_length=1)


class NotCond(_Strict):
    not_: Condition = PField(alias="not")


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("all", "any", "not"):
            if key in value:
                return key
        return "compare"
    tags: dict[type, str] = {AllOf: "all", AnyOf: "any", NotCond: "not", Comparison: "compare"}
    return tags.get(type(value))


Condition = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NotCond, Tag("not")]
    | Annotated[Comparison, Tag("compare")],
    Discriminator(_condition_tag),
]


def condition_fields(cond: Any) -> list[str]:
    """Every field id a condition refers to."""
    if isinstance(cond, Comparison):
        return [cond.field]
    if isinstance(cond, AllOf):
        return [f for c in cond.all for f in condition_fields(c)]
    if isinstance(cond, AnyOf):
        return [f for c in cond.any for f in condition_fields(c)]
    if isinstance(cond, NotCond):
        return condition_fields(cond.not_)
    return []


def comparisons(cond: Any) -> list[Comparison]:
    if isinstance(cond, Comparison):
        return [cond]
    if isinstance(cond, AllOf):
        return [x for c in cond.all for x in comparisons(c)]
    if isinstance(cond, AnyOf):
        return [x for c in cond.any for x in comparisons(c)]
    if isinstance(cond, NotCond):
        return comparisons(cond.not_)
    return []
