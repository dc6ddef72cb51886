"""What the frozen app must carry besides Python code: the one list of data files.

``build.spec`` turns :func:`data_files` into PyInstaller ``datas``; the packaging tests check that
the list covers every file the app reads at run time; ``scripts/check-frozen.sh`` asks
``python scripts/pyinstaller/bundle_manifest.py expected`` for the paths a built folder must hold.
One list, three readers, so they cannot drift apart.

Plain Python (no PyInstaller import), so tests and shell scripts can use it without a build.

Bundle layout (relative to ``sys._MEIPASS``, i.e. ``dist/Signaal/_internal``):

- ``forms/definitions/*.json`` and ``forms/valuelists/*``: next to the frozen ``forms`` package,
  because ``forms`` finds them relative to its own ``__file__``.
- ``resources/...``: where :func:`desktop.core.paths.resource_dir` looks when frozen.
"""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class DataRule:
    """Files under ``folder`` (relative to the repo) matching ``pattern`` ship to the same folder.

    Attributes:
        folder: source folder, relative to the repository root; also the folder in the bundle.
        pattern: fnmatch pattern on the file name.
        why: who reads these files at run time.
        recursive: include subfolders (their relative layout is kept).
    """

    folder: str
    pattern: str
    why: str
    recursive: bool = False


DATA_RULES: tuple[DataRule, ...] = (
    DataRule("forms/definitions", "*.json", "form definitions + JSON Schema, read by forms.catalog()"),
    DataRule("forms/valuelists", "*", "value lists (countries, languages, ...) the definitions refer to"),
    DataRule("resources/i18n", "*.qm", "compiled UI translations, loaded into a QTranslator"),
    DataRule("resources", "style.qss", "the application style sheet"),
    DataRule("resources/icons", "*", "window and tool icons", recursive=True),
)

# Files that live in the shipped folders but are deliberately left out, with the reason.
NOT_SHIPPED: dict[str, str] = {
    "*.ts": "translation sources; the app loads the compiled .qm",
    "*.py": "code is frozen into the PYZ archive, not copied as data",
    "*.pyc": "byte code cache",
    "*.md": "documentation for developers",
    ".gitkeep": "placeholder for git",
    ".DS_Store": "macOS Finder litter",
}

# Folders whose every non-code file the app may read at run time: the data folders and the
# app's packages (a data file dropped next to the code is read at run time too). A file here
# that no rule ships and that NOT_SHIPPED does not explain is a packaging bug (tests/packaging).
RUNTIME_FOLDERS: tuple[str, ...] = ("resources", "forms", "desktop", "sync")
NOT_SHIPPED_FOLDERS: dict[str, str] = {
    "sync/receiver": "CoMensha's server side, never part of the field app",
}

# What the app cannot start without; the build stops when one is missing from the source tree.
REQUIRED: dict[str, str] = {
    "forms/definitions/*.json": "the form definitions (make sure forms/definitions exists)",
    "forms/definitions/*schema*.json": "the JSON Schema of a form definition",
    "resources/i18n/signaal_nl.qm": "Dutch translation: run `make translations`",
    # English is the source language of the UI texts; signaal_en.qm is required as soon as
    # signaal_en.ts exists, like every other .ts (see problems()).
    "resources/style.qss": "the style sheet",
}
# Icons are required per platform by build.spec (signaal.ico / .icns / .png); here any icon will do.
REQUIRED_ICON = "resources/icons/*"


def _skipped(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pat) for pat in NOT_SHIPPED)


def _matches(rule: DataRule, root: Path) -> list[Path]:
    base = root / rule.folder
    if not base.is_dir():
        return []
    candidates = base.rglob("*") if rule.recursive else base.iterdir()
    return sorted(
        p for p in candidates
        if p.is_file() and fnmatch.fnmatch(p.name, rule.pattern) and not _skipped(p.name)
        and "__pycache__" not in p.parts
    )


def rule_for(rel: str) -> DataRule | None:
    """The rule that ships the bundle path ``rel`` (posix, relative to the repo), if any."""
    path = Path(rel)
    for rule in DATA_RULES:
        folder = Path(rule.folder)
        inside = path.parent == folder or (rule.recursive and folder in path.parents)
        if inside and fnmatch.fnmatch(path.name, rule.pattern) and not _skipped(path.name):
            return rule
    return None


def bundle_files(root: Path = ROOT) -> dict[str, Path]:
    """Every data file the bundle gets: ``{path inside the bundle (posix): source file}``."""
    out: dict[str, Path] = {}
    for rule in DATA_RULES:
        for src in _matches(rule, root):
            out[src.relative_to(root).as_posix()] = src
    return out


def data_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """PyInstaller ``datas``: ``(source file, destination folder)`` pairs, one per file."""
    return [(str(src), str(Path(dest).parent)) for dest, src in sorted(bundle_files(root).items())]


def runtime_files(root: Path = ROOT) -> dict[str, Path]:
    """Every file in :data:`RUNTIME_FOLDERS` the app could read, as it should appear in the bundle.

    Independent of :data:`DATA_RULES`: walks the folders and maps translation sources to the
    compiled ``.qm`` the app loads. Used to prove the rules miss nothing.
    """
    out: dict[str, Path] = {}
    for folder in RUNTIME_FOLDERS:
        base = root / folder
        if not base.is_dir():
            continue
        for p in base.rglob("*"):
            if not p.is_file() or "__pycache__" in p.parts:
                continue
            rel = p.relative_to(root).as_posix()
            if any(rel.startswith(folder + "/") for folder in NOT_SHIPPED_FOLDERS):
                continue
            if p.suffix == ".ts":
                out[rel[: -len(".ts")] + ".qm"] = p.with_suffix(".qm")
            elif not _skipped(p.name):
                out[rel] = p
    return out


def problems(root: Path = ROOT) -> list[str]:
    """Why a build from ``root`` would give a broken app; empty when all is there."""
    found = bundle_files(root)
    errs = []
    for pattern, what in REQUIRED.items():
        if not any(fnmatch.fnmatch(rel, pattern) for rel in found):
            errs.append(f"missing {pattern}: {what}")
    if not any(fnmatch.fnmatch(rel, REQUIRED_ICON) for rel in found):
        errs.append(f"missing {REQUIRED_ICON}: the application icon")
    for rel, src in runtime_files(root).items():
        if rel not in found:
            hint = "run `make translations`" if rel.endswith(".qm") else "add a DataRule or NOT_SHIPPED entry"
            errs.append(f"{rel} is read at run time but would not be bundled ({hint})")
        elif src.suffix == ".qm":
            ts = src.with_suffix(".ts")
            if ts.exists() and ts.stat().st_mtime > src.stat().st_mtime:
                errs.append(f"{rel} is older than its .ts source: run `make translations`")
    return errs


def main(argv: list[str]) -> int:
    """``expected``: bundle paths, one a line. ``check``: problems, exit 1 if any."""
    cmd = argv[0] if argv else "expected"
    if cmd == "expected":
        for rel in sorted(bundle_files()):
            print(rel)
        return 0
    if cmd == "check":
        errs = problems()
        for e in errs:
            print(e, file=sys.stderr)
        return 1 if errs else 0
    print(f"usage: {Path(__file__).name} expected|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
