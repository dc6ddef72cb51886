"""docs/legal.md: every rule names at least one test, and every test it names exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "legal.md").read_text(encoding="utf-8")
RULE = re.compile(r"^- \*\*([A-Z]\d+)\.\*\*(.*?)(?=^- |^#|\Z)", re.MULTILINE | re.DOTALL)
REF = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def test_every_rule_names_a_test_that_exists():
    rules = RULE.findall(DOC)
    assert len(rules) >= 25
    assert len({name for name, _ in rules}) == len(rules), "a rule number is used twice"
    for name, text in rules:
        refs = REF.findall(text)
        assert refs, f"rule {name} names no test"
        for path, test in refs:
            tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
            defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
            assert test in defined, f"rule {name}: {path}::{test} does not exist"


def test_texts_that_need_a_lawyer_are_marked():
    assert DOC.count("**[lawyer]**") >= 8
    assert "must be checked against the CBS list" in DOC or "checked against the CBS list" in DOC
