"""The frozen app carries every file it reads, and nothing that must not ship (build.spec).

The data list lives in scripts/pyinstaller/bundle_manifest.py and is read by build.spec and by
scripts/check-frozen.sh (which checks the real built folder in CI). These tests check the list
itself without a build: a new definition, value list, translation, icon or resource folder that
the rules would leave out fails here, before anyone hands out a broken bundle.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import forms
from desktop.core import paths
from tests.conftest import ROOT

SPEC = ROOT / "build.spec"


def _load_manifest():
    path = ROOT / "scripts" / "pyinstaller" / "bundle_manifest.py"
    spec = importlib.util.spec_from_file_location("bundle_manifest", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bundle_manifest"] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


manifest = _load_manifest()


def _spec_list(name: str) -> list[str]:
    """A list literal assigned at the top level of build.spec (excludes etc.)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise AssertionError(f"{name} not found in build.spec")


def _write(root: Path, rel: str, text: str = "x") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _complete_tree(root: Path) -> None:
    for name in ("coa", "nla", "zorg"):
        _write(root, f"forms/definitions/{name}.json", "{}")
    _write(root, "forms/definitions/form.schema.json", "{}")
    _write(root, "forms/valuelists/countries.json", "[]")
    for lang in ("nl", "en"):
        _write(root, f"resources/i18n/signaal_{lang}.ts")
        _write(root, f"resources/i18n/signaal_{lang}.qm")
    _write(root, "resources/style.qss", "QWidget {}")
    _write(root, "resources/icons/signaal.png")


# --- the real tree ----------------------------------------------------------------------------


def test_every_file_the_app_reads_has_a_rule():
    """Every non-code file under forms/definitions, forms/valuelists and resources/ ships."""
    runtime = manifest.runtime_files(ROOT)
    uncovered = sorted(rel for rel in runtime if manifest.rule_for(rel) is None)
    assert not uncovered, (
        f"read at run time but not bundled: {uncovered}; add a DataRule (or a NOT_SHIPPED reason) "
        "in scripts/pyinstaller/bundle_manifest.py"
    )


def test_bundle_paths_are_where_the_app_looks():
    """Data keeps its repo-relative path: forms finds definitions next to itself, the UI asks
    desktop.core.paths.resource_dir() (sys._MEIPASS/resources when frozen)."""

    assert Path(forms.__file__).resolve().parent == ROOT / "forms"
    assert paths.resource_dir() == ROOT / "resources"
    for rule in manifest.DATA_RULES:
        assert rule.folder.split("/")[0] in ("forms", "resources"), rule


def test_shipped_tree_is_complete():
    """What `make build` would refuse: missing definitions, schema, .qm (make translations), style, icon."""
    assert manifest.problems(ROOT) == []


def test_expected_cli_lists_the_bundle():
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "pyinstaller" / "bundle_manifest.py"), "expected"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    assert out == sorted(manifest.bundle_files(ROOT))


# --- the rules on a made-up tree: they fail when something is missing ------------------------


def test_complete_tree_has_no_problems(tmp_path):
    _complete_tree(tmp_path)
    assert manifest.problems(tmp_path) == []
    shipped = set(manifest.bundle_files(tmp_path))
    assert "forms/definitions/form.schema.json" in shipped
    assert "resources/i18n/signaal_nl.qm" in shipped
    assert not any(rel.endswith(".ts") for rel in shipped)
    dests = {dest for _src, dest in manifest.data_files(tmp_path)}
    assert dests == {"forms/definitions", "forms/valuelists", "resources/i18n", "resources",
                     "resources/icons"}


@pytest.mark.parametrize(
    ("remove", "expect"),
    [
        ("resources/i18n/signaal_nl.qm", "signaal_nl.qm"),
        ("resources/i18n/signaal_en.qm", "signaal_en.qm"),  # required because signaal_en.ts exists
        ("resources/style.qss", "style.qss"),
        ("forms/definitions/form.schema.json", "schema"),
        ("resources/icons/signaal.png", "icon"),
    ],
)
def test_missing_required_file_is_a_problem(tmp_path, remove, expect):
    _complete_tree(tmp_path)
    (tmp_path / remove).unlink()
    errs = manifest.problems(tmp_path)
    assert any(expect in e for e in errs), errs


def test_file_outside_the_rules_is_a_problem(tmp_path):
    _complete_tree(tmp_path)
    _write(tmp_path, "resources/fonts/Inter.ttf")          # a new resource folder
    _write(tmp_path, "forms/definitions/notes.yaml")       # a definition in another format
    _write(tmp_path, "sync/pinned_ca.pem")                 # data next to the code
    _write(tmp_path, "sync/receiver/templates/x.html")     # server side: never shipped, fine
    _write(tmp_path, "desktop/ui/helper.py")               # code: frozen into the PYZ, fine
    errs = "\n".join(manifest.problems(tmp_path))
    assert "resources/fonts/Inter.ttf" in errs
    assert "forms/definitions/notes.yaml" in errs
    assert "sync/pinned_ca.pem" in errs
    assert "receiver" not in errs and "helper.py" not in errs


def test_stale_translation_is_a_problem(tmp_path):
    _complete_tree(tmp_path)
    qm = tmp_path / "resources/i18n/signaal_en.qm"
    os.utime(qm, (1_000_000, 1_000_000))
    assert any("older than its .ts" in e for e in manifest.problems(tmp_path))


def test_nested_icons_ship_and_translation_sources_do_not(tmp_path):
    _complete_tree(tmp_path)
    _write(tmp_path, "resources/icons/24/lock.svg")
    shipped = manifest.bundle_files(tmp_path)
    assert "resources/icons/24/lock.svg" in shipped
    assert manifest.rule_for("resources/i18n/signaal_nl.ts") is None


# --- build.spec -------------------------------------------------------------------------------


def test_spec_takes_its_data_from_the_manifest():
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "Analysis"]
    assert len(calls) == 1
    datas = next(k.value for k in calls[0].keywords if k.arg == "datas")
    assert "bundle_manifest.data_files" in ast.unparse(datas)
    assert "check_sources()" in SPEC.read_text(encoding="utf-8")


def test_spec_keeps_r9_and_the_receiver_out():
    excluded = _spec_list("EXCLUDED_MODULES")
    for name in ("keyrings", "sync.receiver", "fastapi", "uvicorn", "starlette", "psycopg", "pytest"):
        assert name in excluded, name
    copied = re.findall(r'copy_metadata\("([^"]+)"\)', SPEC.read_text(encoding="utf-8"))
    assert "keyring" in copied and "signaal" in copied
    assert not [name for name in copied if name.startswith("keyrings")]  # R9: no entry points either


def test_spec_keeps_the_desk_out():
    """The registrar's desk (CoMensha's private key, every report) is never in the field bundle:
    excluded by name, not collected, no data rule for it, and the field app never imports it
    (import contract "the field app never imports the desk")."""
    assert "desk" in _spec_list("EXCLUDED_MODULES")
    text = SPEC.read_text(encoding="utf-8")
    assert not re.search(r'collect_submodules\("desk[".]', text)
    assert not [r for r in manifest.DATA_RULES if r.folder.split("/")[0] == "desk"]
    assert "desk" not in manifest.RUNTIME_FOLDERS
    assert not [rel for rel in manifest.bundle_files() if rel.startswith("desk/")]


def _app_imports() -> set[str]:
    found: set[str] = set()
    for package in ("desktop", "forms", "sync"):
        for path in (ROOT / package).rglob("*.py"):
            if "receiver" in path.parts or path.name == "screenshots.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    found.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    found.add(node.module)
                    found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


# Excluded modules the app's code may name, because only tests reach that code.
# None today: QTest is imported by the tests themselves (no app module uses it, checked below).
TEST_ONLY_IMPORTS: dict[str, str] = {}


def test_spec_excludes_nothing_the_app_imports():
    """An excluded module the app imports would crash the frozen app at start (and only there)."""
    excluded = (_spec_list("EXCLUDED_QT_MODULES") + _spec_list("EXCLUDED_QT_ADDONS")
                + _spec_list("EXCLUDED_MODULES") + _spec_list("OTHER_QT_BINDINGS"))
    clashes = sorted(
        f"{imp} (excluded: {ex})"
        for imp in _app_imports()
        for ex in excluded
        if (imp == ex or imp.startswith(ex + ".")) and ex not in TEST_ONLY_IMPORTS
    )
    assert not clashes, f"build.spec excludes modules the app imports: {clashes}"


def test_test_only_qt_modules_stay_out_of_the_app():
    """QTest is excluded from the bundle, so no app module may use it."""
    users = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "desktop").rglob("*.py")
        if path.name != "screenshots.py" and "QTest" in path.read_text(encoding="utf-8")
    )
    assert not users, f"app modules use QTest, which build.spec leaves out of the bundle: {users}"
