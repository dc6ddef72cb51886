"""scripts/check-frozen.sh fails a bundle that lacks a data file or carries what must not ship.

Runs the real script against a fake one-folder bundle: the data files of bundle_manifest.py
copied into ``_internal`` and a stand-in executable that answers ``--version``, ``--selftest``
and a first start (it logs its first screen like the app). (CI also runs the script on the real
PyInstaller build.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib

import pytest

from tests.conftest import ROOT
from tests.packaging.test_bundle_manifest import manifest

pytestmark = pytest.mark.skipif(sys.platform == "win32" or not shutil.which("bash"), reason="bash script")

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
FAKE_EXE = f"""#!/bin/sh
case "$1" in
  --version) echo "Signaal {VERSION}" ;;
  --selftest) echo "OK    fake  stand-in"; echo "selftest: 1 checks, 0 failed, all passed" ;;
  --data-dir) mkdir -p "$2"
              echo "2026-11-29 03:40:00,123 INFO signaal: first screen shown" >> "$2/signaal.log" ;;
esac
"""


@pytest.fixture
def fake_dist(tmp_path):
    bundle = tmp_path / "dist" / "Signaal"
    internal = bundle / "_internal"
    for rel, src in manifest.bundle_files(ROOT).items():
        (internal / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, internal / rel)
    exe = bundle / "Signaal"
    exe.write_text(FAKE_EXE, encoding="utf-8")
    exe.chmod(0o755)
    return tmp_path / "dist"


def _check(dist) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(["bash", str(ROOT / "scripts" / "check-frozen.sh"), str(dist)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env=env)


def _data_failures(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("FAIL") and "bundle" in line
            and ("missing" in line or "lacks" in line)]


@pytest.mark.skipif(manifest.problems(ROOT) != [], reason="source tree incomplete (see test_bundle_manifest)")
def test_complete_bundle_has_every_data_file(fake_dist):
    out = _check(fake_dist).stdout
    assert _data_failures(out) == [], out
    assert "data files of bundle_manifest.py are in the bundle" in out
    assert f"OK    --version: Signaal {VERSION}" in out


def test_missing_definition_fails_the_check(fake_dist):
    definition = next(p for p in (fake_dist / "Signaal/_internal/forms/definitions").glob("*.json")
                      if "schema" not in p.name)
    definition.unlink()
    proc = _check(fake_dist)
    assert proc.returncode != 0
    assert f"FAIL  data file missing from the bundle: forms/definitions/{definition.name}" in proc.stdout


def test_missing_translation_fails_the_check(fake_dist):
    qm = fake_dist / "Signaal/_internal/resources/i18n/signaal_nl.qm"
    if qm.exists():
        qm.unlink()
    proc = _check(fake_dist)
    assert proc.returncode != 0
    assert "resources/i18n/signaal_nl.qm" in proc.stdout or "lacks the Dutch translation" in proc.stdout


def test_keyrings_alt_in_the_bundle_fails_the_check(fake_dist):
    """R9: a keyrings.alt folder (or its dist-info) in the bundle is a failure."""
    (fake_dist / "Signaal/_internal/keyrings/alt").mkdir(parents=True)
    (fake_dist / "Signaal/_internal/keyrings/alt/file.py").write_text("", encoding="utf-8")
    proc = _check(fake_dist)
    assert proc.returncode != 0
    assert "FAIL  must not be in the bundle: keyrings" in proc.stdout


def test_no_bundle_fails(tmp_path):
    proc = _check(tmp_path / "nothing")
    assert proc.returncode != 0
    assert "make build" in proc.stdout
