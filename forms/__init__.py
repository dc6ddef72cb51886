"""Form definitions, validation and export mapping. Pure Python + pydantic: no Qt, no I/O beyond
reading the shipped definition files.

See docs/architecture.md ("forms") for the contract and forms/definitions/README.md for the
definition language.
"""

from forms.export import (
    export_columns,
    export_record,
    free_text_field_ids,
    has_consent,
    identifying_field_ids,
    redact,
    summary_line,
    withheld_without_consent,
)
from forms.loader import DefinitionError, FormCatalog, catalog, load_catalog
from forms.logic import Problem, clean_answers, validate, visible_field_ids
from forms.minimise import RULE as MINIMISATION_RULE
from forms.minimise import Minimised, minimise
from forms.model import Field, Form, Section, Text

__all__ = [
    "MINIMISATION_RULE",
    "DefinitionError",
    "Field",
    "Form",
    "FormCatalog",
    "Minimised",
    "Problem",
    "Section",
    "Text",
    "catalog",
    "clean_answers",
    "export_columns",
    "export_record",
    "free_text_field_ids",
    "has_consent",
    "identifying_field_ids",
    "load_catalog",
    "minimise",
    "redact",
    "summary_line",
    "validate",
    "visible_field_ids",
    "withheld_without_consent",
]
