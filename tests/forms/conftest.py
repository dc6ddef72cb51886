"""Helpers for the forms tests: a private copy of the shipped definitions to break on purpose."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest

import forms
from forms.loader import DEFINITIONS_DIR, VALUELISTS_DIR

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def T(nl: str = "tekst", en: str = "text") -> dict:
    return {"nl": nl, "en": en}


def minimal_form(form_id: str = "mini", version: int = 1, fields: list | None = None) -> dict:
    """A small, valid form without includes (synthetic)."""
    return {
        "id": form_id,
        "version": version,
        "audience": "coa",
        "title": T("Mini", "Mini"),
        "short_title": T("Mini", "Mini"),
        "description": T(),
        "consent_field": "consent",
        "sections": [
            {
                "id": "main",
                "title": T(),
                "fields": fields
                if fields is not None
                else [
                    {"id": "consent", "kind": "single_choice", "label": T(), "valuelist": "consent_answers"},
                    {"id": "danger", "kind": "yes_no_unknown", "label": T()},
                    {
                        "id": "why",
                        "kind": "short_text",
                        "label": T(),
                        "visible_when": {"field": "danger", "equals": "yes"},
                    },
                ],
            }
        ],
    }


class DefinitionsDir:
    """A temporary definitions folder holding a copy of the shipped files."""

    def __init__(self, root: Path) -> None:
        self.path = root / "definitions"
        shutil.copytree(DEFINITIONS_DIR, self.path)
        shutil.copytree(VALUELISTS_DIR, root / "valuelists")

    def write(self, name: str, data: object) -> Path:
        path = self.path / name
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=1)
        path.write_text(text, encoding="utf-8")
        return path

    def read(self, name: str) -> dict:
        return json.loads((self.path / name).read_text(encoding="utf-8"))

    def load(self):
        return forms.load_catalog(self.path)


@pytest.fixture
def defs(tmp_path) -> DefinitionsDir:
    return DefinitionsDir(tmp_path)


@pytest.fixture
def mini() -> dict:
    return copy.deepcopy(minimal_form())
