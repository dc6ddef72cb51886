"""The legal route models of the form definition language (a role's bases and what each allows).

Re-exported by :mod:`forms.model`; import from there.
"""

from __future__ import annotations

from pydantic import Field as PField
from pydantic import model_validator

from forms.model_base import ID_PATTERN, BasisCode, Condition, DataCategory, Text, _Strict


class Basis(_Strict):
    """One legal basis a reporter of this role can have, and what it lets leave the device."""

    code: BasisCode
    label: Text
    guidance: Text
    allows: list[DataCategory] = PField(
        default_factory=list,
        description="What this basis lets leave the device besides answers that are none of these "
        "categories. Coarsened forms (age band, province, month) always may.",
    )
    needs_consent: bool = PField(
        default=False, description="Holds only when the form's consent field is answered 'yes'."
    )
    requires: Condition | None = PField(
        default=None, description="Holds only when this condition holds (e.g. the meldcode steps)."
    )
    requires_message: Text | None = PField(
        default=None, description="The problem shown on the basis field when 'requires' does not hold."
    )
    sources: list[str] = PField(
        default_factory=list, description="Laws, regulations and codes this rests on, in words."
    )

    @model_validator(mode="after")
    def _message(self) -> Basis:
        if (self.requires is None) != (self.requires_message is None):
            raise ValueError("'requires' and 'requires_message' go together")
        if len(set(self.allows)) != len(self.allows):
            raise ValueError("a category is allowed twice")
        return self


class LegalRoute(_Strict):
    """Per role: which bases exist and what each lets leave the device.

    The effective basis of a report: the answer of ``basis_field`` when there is one (else the first
    basis); it falls back to ``default`` when it needs consent that was not given or its
    ``requires`` does not hold.
    """

    basis_field: str | None = PField(
        default=None, pattern=ID_PATTERN, description="Single choice whose codes are basis codes."
    )
    default: BasisCode = PField(description="The basis when no other holds; allows the least.")
    guidance: Text
    bases: list[Basis] = PField(min_length=1)

    def basis(self, code: str) -> Basis | None:
        for b in self.bases:
            if b.code == code:
                return b
        return None


