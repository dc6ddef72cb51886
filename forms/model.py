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
    Discriminator,
    PrivateAttr,
    Tag,
    model_validator,
)
from pydantic import Field as PField

from forms.model_base import (
    CODE_PATTERN,
    DATA_CATEGORIES,
    EXPORT_PATTERN,
    ID_PATTERN,
    ROLE_BASES,
    STATELESS,
    UNKNOWN,
    YES_NO_UNKNOWN,
    AllOf,
    AnyOf,
    Audience,
    BasisCode,
    Comparison,
    Condition,
    DataCategory,
    NotCond,
    Option,
    QuasiKind,
    Severity,
    Text,
    ValueList,
    ValueListFile,
    _Strict,
    comparisons,
    condition_fields,
)
from forms.model_legal import Basis, LegalRoute

__all__ = [
    "CODE_PATTERN", "DATA_CATEGORIES", "EXPORT_PATTERN", "ID_PATTERN", "ROLE_BASES", "STATELESS",
    "UNKNOWN", "YES_NO_UNKNOWN", "AllOf", "AnyOf", "Audience", "Basis", "BasisCode", "Comparison",
    "Condition",
    "DataCategory", "LegalRoute", "NotCond", "Option", "QuasiKind", "Severity", "Text", "ValueList",
    "ValueListFile",
    "comparisons", "condition_fields",
]

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
    htcds: str | None = PField(
        default=None,
        pattern=EXPORT_PATTERN,
        description="An HTCDS v2.0 column this choice also feeds, with its options' HTCDS values "
        "(forms/htcds.py); the export_name column keeps Signaal's codes.",
    )
    health: bool = PField(
        default=False,
        description="Health data (AVG art. 9): leaves the device only under a basis that allows "
        "'health'.",
    )
    professional: bool = PField(
        default=False,
        description="The reporter's own data (their name, phone, organisation for a call back), "
        "never the person's: it leaves on the reporter's own say (the field is shown only when "
        "they tick that it may), under any basis.",
    )
    quasi_identifier: QuasiKind | None = PField(
        default=None,
        description="Identifies a person in combination with other answers. 'age' (integer, "
        "coarsened to a band), 'municipality' (choice, coarsened to the item's 'coarse' code), "
        "'date' (coarsened to the month, YYYY-MM), 'context' (left out).",
    )
    coarse_to: str | None = PField(
        default=None,
        pattern=ID_PATTERN,
        description="For an 'age' or 'municipality' quasi-identifier: the field that receives the "
        "coarsened answer when the basis does not allow the exact one.",
    )

    filled_by_signaal: bool = PField(
        default=False,
        description="Signaal fills this in itself (the report an addition refers to), before the "
        "form opens; it is never asked. Shown read-only, it may decide whether its own section is "
        "shown. Only for reference fields.",
    )

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


class ReferenceField(_FieldBase):
    """A reference number in a fixed, checked format (never free text): ``pattern`` must match all
    of the answer."""

    kind: Literal["reference"]
    pattern: str = PField(min_length=2, max_length=200, description="Regular expression (full match).")
    example: str = PField(min_length=1, max_length=64, description="An answer that matches, shown as a hint.")
    max_length: int = PField(default=40, ge=1, le=64)


class IdentifyingTextField(_FieldBase):
    """Pseudonym or initials: never logged, never in a summary, exported only with consent."""

    kind: Literal["identifying_text"]
    max_length: int = PField(default=80, ge=1, le=500)


class Band(_Strict):
    """One band of an integer: answers up to and including ``up_to`` (and above the band before)."""

    code: str = PField(pattern=CODE_PATTERN)
    up_to: int


class IntegerField(_FieldBase):
    kind: Literal["integer"]
    minimum: int | None = None
    maximum: int | None = None
    unit: Text | None = None
    bands: list[Band] = PField(
        default_factory=list,
        description="For an 'age' quasi-identifier: the bands it is coarsened to, ascending; the "
        "codes are options of the coarse_to field.",
    )

    @model_validator(mode="after")
    def _bounds(self) -> IntegerField:
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError("minimum is larger than maximum")
        return self


class DateField(_FieldBase):
    kind: Literal["date"]
    not_future: bool = PField(default=False, description="The date may not be after today.")
    earliest: _dt.date | None = None
    prefill: Literal["today"] | None = PField(
        default=None,
        description="A new report starts with this date filled in ('today'), shown as filled in and "
        "editable. Drafts that exist keep what they hold.",
    )


class Prefill(_Strict):
    """An answer that follows from another one: proposed while the field has no answer of the user."""

    when: Condition
    value: str = PField(pattern=CODE_PATTERN)


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
    prefill: list[Prefill] = PField(
        default_factory=list,
        description="Answers that follow from other answers (minor from an age): the first entry whose "
        "condition holds is filled in while the user has not chosen an answer here; shown as filled in, "
        "editable.",
    )


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
    health: bool = PField(default=False, description="The indicator itself is health data (AVG art. 9).")


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


ItemField = Annotated[
    ShortTextField
    | IdentifyingTextField
    | IntegerField
    | DateField
    | SingleChoiceField
    | MultipleChoiceField
    | YesNoUnknownField
    | CountryField,
    PField(discriminator="kind"),
]
"""The kinds a repeat group may ask per item (no text to write freely, checklists or notices)."""


class RepeatField(_FieldBase):
    """A group of questions asked once per item, e.g. per person in a group report (XLSForm's
    repeat). The answer is a list of items, each a dict of the item fields' answers; at ``final``
    there are at least ``min_items`` and each item's required fields are answered, never more than
    ``max_items``. Each item is exported as a row of its own that shares the report's case id: an
    item field's ``export_name`` is the column it fills in that row (forms/repeat.py)."""

    kind: Literal["repeat"]
    item_label: Text = PField(description="What one item is called, e.g. Persoon / Person.")
    fields: list[ItemField] = PField(min_length=1)
    min_items: int = PField(default=0, ge=0, le=100)
    max_items: int = PField(default=20, ge=1, le=100)

    @model_validator(mode="after")
    def _items(self) -> RepeatField:
        if self.min_items > self.max_items:
            raise ValueError("min_items is larger than max_items")
        if self.export_name or self.htcds:
            raise ValueError("a repeat group has no export name: its fields have them")
        return self


FormField = Annotated[
    RepeatField
    | ShortTextField
    | LongTextField
    | ReferenceField
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
    "reference",
    "identifying_text",
    "integer",
    "date",
    "single_choice",
    "multiple_choice",
    "yes_no_unknown",
    "country",
    "checklist",
    "notice",
    "repeat",
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
    visible_when: Condition | None = PField(
        default=None, description="Replaces the included section's own condition in this form."
    )


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
    legal: LegalRoute | None = PField(
        default=None,
        description="The legal route of this role. A version without one uses the route of the "
        "newest version of the same form that has one.",
    )
    follow_up: bool = PField(
        default=False,
        description="A follow-up to a sent report (e.g. a withdrawal), not a new report: "
        "FormCatalog.latest() leaves it out unless asked.",
    )


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

    _by_id: dict[str, FormField] = PrivateAttr(default_factory=dict)
    _section_of: dict[str, Section] = PrivateAttr(default_factory=dict)
    _order: list[FormField] = PrivateAttr(default_factory=list)
    _route_source: Any = PrivateAttr(default=None)

    def _build_index(self) -> None:
        self._by_id = {}
        self._section_of = {}
        for section in self.sections:
            for f in section.fields:
                self._by_id[f.id] = f
                self._section_of[f.id] = section

    def field(self, field_id: str) -> FormField:
        """The field with this id; KeyError if the form has none."""
        return self._by_id[field_id]

    def has_field(self, field_id: Any) -> bool:
        return isinstance(field_id, str) and field_id in self._by_id

    def all_fields(self) -> list[FormField]:
        return [f for s in self.sections for f in s.fields]

    def section_of(self, field_id: str) -> Section:
        return self._section_of[field_id]

    def checklists(self) -> list[ChecklistField]:
        return [f for f in self.all_fields() if isinstance(f, ChecklistField)]

    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)

    def route(self) -> LegalRoute | None:
        """The legal route that applies: this version's own, else that of the newest version of the
        same form that has one (the law did not change with the form), else None."""
        source = self.route_source()
        return source.legal if source is not None else None

    def route_source(self) -> Form | None:
        """The version whose legal route and field markings apply to this one (may be itself)."""
        source = self._route_source
        return source if isinstance(source, Form) else None


def _rebuild() -> None:
    model: type[BaseModel]
    for model in (AllOf, AnyOf, NotCond, Section, ForbidRule, Basis, LegalRoute, Include, FormFile,
                  SharedFile, Form):
        model.model_rebuild()
    for model in (
        ShortTextField,
        LongTextField,
        ReferenceField,
        IdentifyingTextField,
        IntegerField,
        DateField,
        SingleChoiceField,
        MultipleChoiceField,
        YesNoUnknownField,
        CountryField,
        ChecklistField,
        NoticeField,
        RepeatField,
    ):
        model.model_rebuild()


_rebuild()
