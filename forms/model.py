"""Pydantic models of the form definition language.

Two layers:

- *file* models (`FormFile`, `SharedFile`, `ValueListFile`) describe what is written on disk. A form
  file may pull sections and rules from a shared file with ``{"include": "core.v1", "section": "..."}``
  (see forms/definitions/README.md).
- `Form` is the resolved form: includes expanded, value lists attached, indexes built. Everything
  at run time (validate, export, the UI) works on a `Form`.

The JSON Schema in forms/definitions/*.schema.json is generated from these models
(`python -m forms.schema`).
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    PrivateAttr,
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

Audience = Literal["coa", "nla", "zorg"]
Severity = Literal["info", "warning", "danger"]
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
    return {AllOf: "all", AnyOf: "any", NotCond: "not", Comparison: "compare"}.get(type(value))


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


# ---------------------------------------------------------------- fields


class _FieldBase(_Strict):
    id: str = PField(pattern=ID_PATTERN)
    label: Text
    help: Text | None = None
    short_label: Text | None = PField(
        default=None, description="Short word(s) for the one-line summary of a report."
    )
    required: bool = False
    visible_when: Condition | None = None
    export_name: str | None = PField(default=None, pattern=EXPORT_PATTERN)

    # filled in by the loader
    _options: list[Option] | None = PrivateAttr(default=None)
    _codes: frozenset[str] = PrivateAttr(default=frozenset())

    @property
    def answerable(self) -> bool:
        return True

    def choices(self) -> list[Option]:
        """The options of a choice-like field (empty for other kinds)."""
        return list(self._options or [])

    def codes(self) -> frozenset[str]:
        return self._codes

    def option(self, code: str) -> Option | None:
        """The option with this code (its label, help and HTCDS equivalent), or None."""
        for opt in self._options or []:
            if opt.code == code:
                return opt
        return None

    def option_label(self, code: str, lang: str = "nl") -> str:
        for opt in self._options or []:
            if opt.code == code:
                return opt.label.get(lang)
        return code


class ShortTextField(_FieldBase):
    kind: Literal["short_text"]
    max_length: int = PField(default=200, ge=1, le=2000)
    free_text: bool = PField(
        default=True,
        description="True: may hold anything a person writes, so it is left out of the export "
        "without registration consent. False only for reference numbers and place names.",
    )


class LongTextField(_FieldBase):
    kind: Literal["long_text"]
    max_length: int = PField(default=2000, ge=1, le=20000)


class IdentifyingTextField(_FieldBase):
    """Pseudonym or initials: never logged, never in a summary, exported only with consent."""

    kind: Literal["identifying_text"]
    max_length: int = PField(default=80, ge=1, le=500)


class IntegerField(_FieldBase):
    kind: Literal["integer"]
    minimum: int | None = None
    maximum: int | None = None
    unit: Text | None = None

    @model_validator(mode="after")
    def _bounds(self) -> IntegerField:
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError("minimum is larger than maximum")
        return self


class DateField(_FieldBase):
    kind: Literal["date"]
    not_future: bool = PField(default=False, description="The date may not be after today.")
    earliest: _dt.date | None = None


class _ChoiceBase(_FieldBase):
    options: list[Option] | None = PField(default=None, description="Inline options ...")
    valuelist: str | None = PField(default=None, description="... or the name of a shared value list.")

    @model_validator(mode="after")
    def _one_source(self) -> _ChoiceBase:
        if (self.options is None) == (self.valuelist is None):
            raise ValueError("a choice needs either options or valuelist (one of them)")
        if self.options is not None and not self.options:
            raise ValueError("the choice list is empty")
        return self


class SingleChoiceField(_ChoiceBase):
    kind: Literal["single_choice"]


class MultipleChoiceField(_ChoiceBase):
    kind: Literal["multiple_choice"]
    exclusive: list[str] = PField(
        default_factory=list, description="Codes that cannot be combined with another code (none, unknown)."
    )


class YesNoUnknownField(_FieldBase):
    kind: Literal["yes_no_unknown"]


class CountryField(_FieldBase):
    kind: Literal["country"]
    multiple: bool = False
    allow_stateless: bool = False

    @property
    def exclusive(self) -> list[str]:
        """'unknown' stands alone in a list of countries."""
        return [UNKNOWN] if self.multiple else []


class Category(_Strict):
    id: str = PField(pattern=ID_PATTERN)
    label: Text


class Indicator(_Strict):
    id: str = PField(pattern=ID_PATTERN)
    text: Text
    help: Text | None = None
    category: str | None = None


class ChecklistField(_FieldBase):
    """Indicators answered yes / no / unknown with an optional note.

    Export: one column ``ind_<indicator id>`` per indicator (and ``ind_<id>_note`` when notes are on).
    With ``required`` every indicator needs an answer ("unknown" counts).
    """

    kind: Literal["checklist"]
    categories: list[Category] = PField(default_factory=list)
    indicators: list[Indicator] = PField(min_length=1)
    notes: bool = True
    note_max_length: int = PField(default=300, ge=1, le=2000)


class NoticeField(_FieldBase):
    """Guidance shown to the user (e.g. the 112 prompt); never answered, never exported."""

    kind: Literal["notice"]
    severity: Severity = "info"
    text: Text

    @property
    def answerable(self) -> bool:
        return False

    @model_validator(mode="after")
    def _no_answer(self) -> NoticeField:
        if self.required:
            raise ValueError("a notice cannot be required")
        if self.export_name:
            raise ValueError("a notice has no export name")
        return self


FormField = Annotated[
    ShortTextField
    | LongTextField
    | IdentifyingTextField
    | IntegerField
    | DateField
    | SingleChoiceField
    | MultipleChoiceField
    | YesNoUnknownField
    | CountryField
    | ChecklistField
    | NoticeField,
    PField(discriminator="kind"),
]
Field = FormField  # the name the architecture page uses

CHOICE_KINDS = ("single_choice", "multiple_choice", "yes_no_unknown", "country")
TEXT_KINDS = ("short_text", "long_text", "identifying_text")
FIELD_KINDS = (
    "short_text",
    "long_text",
    "identifying_text",
    "integer",
    "date",
    "single_choice",
    "multiple_choice",
    "yes_no_unknown",
    "country",
    "checklist",
    "notice",
)


class Section(_Strict):
    id: str = PField(pattern=ID_PATTERN)
    title: Text
    help: Text | None = None
    visible_when: Condition | None = None
    fields: list[FormField] = PField(min_length=1)


# ---------------------------------------------------------------- rules (final level only)


class DateOrderRule(_Strict):
    """``earlier`` may not be after ``later`` (checked when both are answered)."""

    kind: Literal["date_order"]
    earlier: str = PField(pattern=ID_PATTERN)
    later: str = PField(pattern=ID_PATTERN)
    message: Text


class ForbidRule(_Strict):
    """When the condition holds, ``field`` gets a problem with ``message``."""

    kind: Literal["forbid"]
    when: Condition
    field: str = PField(pattern=ID_PATTERN)
    message: Text


Rule = Annotated[DateOrderRule | ForbidRule, PField(discriminator="kind")]


def rule_fields(rule: Any) -> list[str]:
    if isinstance(rule, DateOrderRule):
        return [rule.earlier, rule.later]
    if isinstance(rule, ForbidRule):
        return [rule.field, *condition_fields(rule.when)]
    return []


# ---------------------------------------------------------------- files


class Include(_Strict):
    """Take one section (``section``) or all rules (rules list) from a shared file.

    ``include`` names the shared file without ``_`` and ``.json``: ``"core.v1"`` is
    ``definitions/_core.v1.json``. Shared files are versioned so that an old form version keeps
    the exact core it was written with.
    """

    include: str = PField(pattern=r"^[a-z][a-z0-9_]*\.v[0-9]+$")
    section: str | None = PField(default=None, pattern=ID_PATTERN)


def _include_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        return "include" if "include" in value else "own"
    return "include" if isinstance(value, Include) else "own"


SectionEntry = Annotated[
    Annotated[Include, Tag("include")] | Annotated[Section, Tag("own")], Discriminator(_include_tag)
]
RuleEntry = Annotated[
    Annotated[Include, Tag("include")] | Annotated[Rule, Tag("own")], Discriminator(_include_tag)
]


class FormHeader(_Strict):
    id: str = PField(pattern=ID_PATTERN)
    version: int = PField(ge=1, le=10_000)
    audience: Audience
    title: Text
    short_title: Text = PField(description="A word or two for the list of reports, e.g. COA.")
    description: Text
    consent_field: str | None = PField(
        default=None,
        pattern=ID_PATTERN,
        description="Single choice whose answer 'yes' means consent for registration. Without it, "
        "identifying and free text never leave the device.",
    )
    summary_fields: list[str] = PField(
        default_factory=list, description="Field ids shown in the one-line summary (never text kinds)."
    )
    defaults: dict[str, Any] = PField(default_factory=dict, description="Answers a new draft starts with.")


class FormFile(FormHeader):
    """A form definition file: forms/definitions/<id>.v<version>.json."""

    schema_: str | None = PField(default=None, alias="$schema")
    sections: list[SectionEntry] = PField(min_length=1)
    rules: list[RuleEntry] = PField(default_factory=list)


class SharedFile(_Strict):
    """Sections and rules shared by several forms: forms/definitions/_<id>.v<version>.json."""

    schema_: str | None = PField(default=None, alias="$schema")
    id: str = PField(pattern=ID_PATTERN)
    version: int = PField(ge=1)
    description: str | None = None
    sections: list[Section] = PField(min_length=1)
    rules: list[Rule] = PField(default_factory=list)


# ---------------------------------------------------------------- the resolved form


class Form(FormHeader):
    """A loaded form version: includes resolved, value lists attached."""

    sections: list[Section]
    rules: list[Rule] = PField(default_factory=list)
    source: str = ""

    _by_id: dict[str, Any] = PrivateAttr(default_factory=dict)
    _section_of: dict[str, Section] = PrivateAttr(default_factory=dict)
    _order: list[Any] = PrivateAttr(default_factory=list)

    def _build_index(self) -> None:
        self._by_id = {}
        self._section_of = {}
        for section in self.sections:
            for f in section.fields:
                self._by_id[f.id] = f
                self._section_of[f.id] = section

    def field(self, field_id: str) -> Any:
        """The field with this id; KeyError if the form has none."""
        return self._by_id[field_id]

    def has_field(self, field_id: Any) -> bool:
        return isinstance(field_id, str) and field_id in self._by_id

    def all_fields(self) -> list[Any]:
        return [f for s in self.sections for f in s.fields]

    def section_of(self, field_id: str) -> Section:
        return self._section_of[field_id]

    def checklists(self) -> list[ChecklistField]:
        return [f for f in self.all_fields() if isinstance(f, ChecklistField)]

    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)


def _rebuild() -> None:
    for model in (AllOf, AnyOf, NotCond, Section, ForbidRule, FormFile, SharedFile, Form):
        model.model_rebuild()
    for model in (
        ShortTextField,
        LongTextField,
        IdentifyingTextField,
        IntegerField,
        DateField,
        SingleChoiceField,
        MultipleChoiceField,
        YesNoUnknownField,
        CountryField,
        ChecklistField,
        NoticeField,
    ):
        model.model_rebuild()


_rebuild()
