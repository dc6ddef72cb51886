"""The project's ground rules that no single module owns."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib

from desktop import __version__
from tests.conftest import ROOT


def _imports(package: str) -> set[str]:
    found: set[str] = set()
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found


def test_forms_and_sync_never_import_qt():
    for package in ("forms", "sync"):
        imported = _imports(package)
        assert "PySide6" not in imported, f"{package}/ imports PySide6"
        assert "desktop" not in imported, f"{package}/ imports the desktop app"


def test_forms_imports_only_pydantic_and_stdlib():
    imported = _imports("forms")
    third_party = imported - set(sys.stdlib_module_names) - {"forms", "pydantic", "pydantic_core"}
    assert not third_party, f"forms/ imports {sorted(third_party)}"


def test_app_never_imports_keyrings_alt():
    for package in ("desktop", "forms", "sync"):
        assert "keyrings" not in _imports(package), f"{package}/ imports keyrings.alt"


def test_version_flag():
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("Signaal ")


def test_version_constant_matches_pyproject():
    with open(ROOT / "pyproject.toml", "rb") as f:
        assert tomllib.load(f)["project"]["version"] == __version__


# Every SIGNAAL_ environment variable an installed program reads, and why. A test-only switch or
# a fault switch (SIGNAAL_TEST_*, a benchmark hook) belongs in tests/, never here.
INSTALLED_ENVIRONMENT = {
    "SIGNAAL_DATA_DIR": "the field app's data folder (as --data-dir)",
    "SIGNAAL_DESK_DATA_DIR": "the desk's data folder (as --data-dir)",
    "SIGNAAL_RECEIVER_DIR": "the reference receiver's data folder (as --data-dir)",
    "SIGNAAL_SELFTEST_REQUIRE_KEYRING": "--selftest fails without an acceptable OS keyring "
                                        "(an administrator's check of a new laptop)",
}


def test_installed_programs_read_no_test_or_fault_switch():
    found: dict[str, set[str]] = {}
    for package in ("desktop", "desk", "sync", "forms", "signaal_common"):
        for path in (ROOT / package).rglob("*.py"):
            for name in re.findall(r"SIGNAAL_[A-Z_]+", path.read_text(encoding="utf-8")):
                found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    unexpected = {name: sorted(paths) for name, paths in found.items() if name not in INSTALLED_ENVIRONMENT}
    assert not unexpected, f"installed code names environment switches no user needs: {unexpected}"
