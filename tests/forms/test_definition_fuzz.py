"""Random damage to a shipped definition never crashes the loader: it becomes a DefinitionError."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import forms
from forms.loader import DEFINITIONS_DIR
from tests.forms.test_properties import json_values

RAW = json.loads((DEFINITIONS_DIR / "coa.v1.json").read_text(encoding="utf-8"))
CORE = (DEFINITIONS_DIR / "_core.v1.json").read_text(encoding="utf-8")


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


PATHS = [p for p in _paths(RAW) if p]


def _damage(raw, path, value, delete):
    raw = copy.deepcopy(raw)
    node = raw
    for part in path[:-1]:
        node = node[part]
    if delete and isinstance(node, dict):
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return raw


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), json_values, st.booleans())
def test_damaged_definition_never_crashes_the_loader(path, value, delete):
    damaged = _damage(RAW, path, value, delete)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        (d / "_core.v1.json").write_text(CORE, encoding="utf-8")
        (d / "coa.v1.json").write_text(json.dumps(damaged), encoding="utf-8")
        cat = forms.load_catalog(d)
    for err in cat.errors:
        assert err.file in {"coa.v1.json", "_core.v1.json"}
        assert err.path.startswith("$")
        assert "could not be checked" not in err.message, err
        assert str(err).endswith(".") and "\n" not in str(err)
    assert (("coa", 1) in cat.forms) != bool(cat.errors)
