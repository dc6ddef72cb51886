"""Generate the JSON Schemas of the definition language from the pydantic models.

python -m forms.schema          # rewrite forms/definitions/*.schema.json
python -m forms.schema --check  # exit 1 when a file is out of date
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from forms import model as m
from forms.loader import DEFINITIONS_DIR, VALUELISTS_DIR

SCHEMAS: dict[Path, type[BaseModel]] = {
    DEFINITIONS_DIR / "form.schema.json": m.FormFile,
    DEFINITIONS_DIR / "shared.schema.json": m.SharedFile,
    VALUELISTS_DIR.parent / "definitions" / "valuelist.schema.json": m.ValueListFile,
}


def render(model: type[BaseModel]) -> str:
    schema = model.model_json_schema(by_alias=True)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    check = "--check" in argv
    stale = []
    for path, model in SCHEMAS.items():
        text = render(model)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path.name)
            if not check:
                path.write_text(text, encoding="utf-8")
    if check and stale:
        print("out of date: " + ", ".join(stale) + " (run: python -m forms.schema)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
