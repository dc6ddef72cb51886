"""Form definitions, validation and export mapping. Pure Python + pydantic: no Qt, no I/O beyond
reading the shipped definition files.

See docs/architecture.md ("forms") for the contract and forms/definitions/README.md for the
definition language.
"""

from forms.errors import DefinitionError
from forms.export import (
    WITHDRAWAL_SCOPES,
    export_columns,
    export_record,
    free_text_field_ids,
    has_consent,
    identifying_field_ids,
    redact,
    summary_line,
    withheld_without_consent,
)
from forms.legal import BasisDecision, effective_basis, reason_text
from forms.loader import FormCatalog, catalog, load_catalog
from forms.logic import Problem, clean_answers, validate, visible_field_ids
from forms.minimise import RULE as MINIMISATION_RULE
from forms.minimise import Minimised, minimise
from forms.model import Field, Form, Section, Text
from forms.prefill import derived_answer, new_report_answers, prefill_fields
from forms.withdrawal import Report, Withdrawal, export_records, withdrawal_of

__all__ = [
    "MINIMISATION_RULE",
    "WITHDRAWAL_SCOPES",
    "BasisDecision",
    "DefinitionError",
    "Field",
    "Form",
    "FormCatalog",
    "Minimised",
    "Problem",
    "Report",
    "Section",
    "Text",
    "Withdrawal",
    "catalog",
    "clean_answers",
    "derived_answer",
    "effective_basis",
    "export_columns",
    "export_record",
    "export_records",
    "free_text_field_ids",
    "has_consent",
    "identifying_field_ids",
    "load_catalog",
    "minimise",
    "new_report_answers",
    "prefill_fields",
    "reason_text",
    "redact",
    "summary_line",
    "validate",
    "visible_field_ids",
    "withdrawal_of",
    "withheld_without_consent",
]
