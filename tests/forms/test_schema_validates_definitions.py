"""The JSON Schema that authors' editors use accepts every shipped file.

The schemas are generated from the pydantic models (tests check they are current); this test
checks the other direction with an independent validator: an author whose editor shows no
error has a file the schema accepts, and the shipped files are such files.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

DEFINITIONS = Path(__file__).resolve().parents[2] / "forms" / "definitions"
VALUELISTS = DEFINITIONS.parent / "valuelists"


def _schema(name: str) -> dict:
    return json.loads((DEFINITIONS / name).read_text(encoding="utf-8"))


def _cases():
    for path in sorted(DEFINITIONS.glob("*.json")):
        if path.name.endswith(".schema.json"):
            continue
        schema = "shared.schema.json" if path.name.startswith("_") else "form.schema.json"
        yield pytest.param(path, schema, id=path.name)
    for path in sorted(VALUELISTS.glob("*.json")):
        yield pytest.param(path, "valuelist.schema.json", id=f"valuelists/{path.name}")


@pytest.mark.parametrize(("path", "schema_name"), list(_cases()))
def test_shipped_file_passes_its_json_schema(path: Path, schema_name: str):
    schema = _schema(schema_name)
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads(path.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(document), key=str)
    assert not errors, f"{path.name}: {errors[0].message} at {list(errors[0].absolute_path)}"


def test_schema_rejects_what_the_loader_rejects():
    """The schema is not a rubber stamp: an unknown field kind fails it too."""
    schema = _schema("form.schema.json")
    document = json.loads((DEFINITIONS / "coa.v1.json").read_text(encoding="utf-8"))
    section = next(s for s in document["sections"] if "fields" in s)
    section["fields"].append({"id": "x_new", "kind": "teleport", "label": {"nl": "x", "en": "x"}})
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(document))
