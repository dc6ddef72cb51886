"""The documentation stays honest: what it names exists, and what the code cites is defined.

- Every test that docs/security.md (or any other page) names as ``tests/...py`` exists, and every
  ``tests/...py::test_name`` names a test function (or class) that is defined in that file.
- Every requirement number (``R<n>``) cited in the code is defined in docs/security.md, and that
  page defines R1–R31, each exactly once, in order.
- README.md and docs/*.md link only to files inside the repository: no URLs, no absolute paths, no
  ``../``, nothing named SECURITY.md or DESIGN.md, and every relative link (and its ``#anchor``)
  resolves.

Plain Python: no Qt, no network.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SECURITY = ROOT / "docs" / "security.md"
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
REQUIREMENTS = range(1, 32)  # R1–R31

# Where code cites requirements. Text files only; binary fixtures are never read.
CITING = [ROOT / "desktop", ROOT / "forms", ROOT / "sync", ROOT / "tests", ROOT / "scripts"]
CITING_FILES = [ROOT / "build.spec", ROOT / "pyproject.toml", ROOT / "Makefile"]
CITING_SUFFIXES = {".py", ".sh", ".spec", ".toml", ".cfg", ".ini", ".json", ".md", ".txt"}

TEST_REF = re.compile(r"(?<![\w/.])(tests/[\w/.-]+?\.py)(?!\w)(?:::([A-Za-z_]\w*)(?:::([A-Za-z_]\w*))?)?")
CITATION = re.compile(r"(?<![A-Za-z0-9_])R(\d{1,3})(?![A-Za-z0-9_])")
DEFINITION = re.compile(r"^### R(\d+) — \S", re.MULTILINE)
# [text](target) and ![alt](target); the target ends at whitespace or ')'.
INLINE_LINK = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
HTML_LINK = re.compile(r"""<(?:a|img|link|source)\b[^>]*?\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.I)
AUTOLINK = re.compile(r"<((?:[a-z][a-z0-9+.-]*):[^>\s]*)>", re.I)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
FENCE = re.compile(r"^(```|~~~).*?^\1[^\S\n]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _exists_exactly(relative: str) -> bool:
    """Like ``Path.exists`` inside the repository, but case-sensitive on every file system."""
    here = ROOT
    for part in Path(relative).parts:
        if part in ("", "."):
            continue
        if not here.is_dir() or part not in {p.name for p in here.iterdir()}:
            return False
        here = here / part
    return True


def _prose(text: str) -> str:
    """Markdown without fenced code blocks and code spans (links in code are not links)."""
    text = FENCE.sub("", text)
    return CODE_SPAN.sub("", text)


def _defined_names(path: Path) -> set[str]:
    """Module-level functions and classes, and methods of classes as ``Class::method``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            names.add(node.name)
            names |= {f"{node.name}::{n.name}" for n in node.body
                      if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
    return names


def _test_references() -> list[tuple[Path, str, str | None]]:
    refs = []
    for page in PAGES:
        for match in TEST_REF.finditer(page.read_text(encoding="utf-8")):
            path, name, method = match.groups()
            refs.append((page, path, f"{name}::{method}" if method else name))
    return refs


def _definitions() -> list[int]:
    return [int(n) for n in DEFINITION.findall(SECURITY.read_text(encoding="utf-8"))]


def _citing_files() -> list[Path]:
    files = [f for f in CITING_FILES if f.is_file()]
    for folder in CITING:
        files += [p for p in folder.rglob("*") if p.is_file() and p.suffix in CITING_SUFFIXES
                  and "__pycache__" not in p.parts]
    return sorted(files)


def _citations() -> dict[int, list[str]]:
    cited: dict[int, list[str]] = {}
    for path in _citing_files():
        if path == Path(__file__).resolve():
            continue
        for lineno, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            for match in CITATION.finditer(line):
                cited.setdefault(int(match.group(1)), []).append(f"{_rel(path)}:{lineno}")
    return cited


def _links(page: Path) -> list[str]:
    return _links_in(page.read_text(encoding="utf-8"))


def _links_in(text: str) -> list[str]:
    prose = _prose(text)
    found = [m.group(1) for m in INLINE_LINK.finditer(prose)]
    found += [m.group(1) for m in REFERENCE_LINK.finditer(prose)]
    found += [m.group(1) for m in HTML_LINK.finditer(prose)]
    found += [m.group(1) for m in AUTOLINK.finditer(prose)]
    return found


def _slug(heading: str) -> str:
    """The anchor GitHub (and most renderers) make of a heading."""
    text = re.sub(r"`([^`]*)`", r"\1", heading.strip()).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    anchors: set[str] = set()
    seen: dict[str, int] = {}
    for match in re.finditer(r"^#{1,6}\s+(.+?)\s*#*\s*$", FENCE.sub("", page.read_text(encoding="utf-8")),
                             re.MULTILINE):
        slug = _slug(match.group(1))
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


# -- the tests that the pages name --------------------------------------------------------------


def test_security_page_names_tests():
    named = [r for r in _test_references() if r[0] == SECURITY]
    assert len(named) > 50, "docs/security.md should point at the tests that show each requirement"


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_every_named_test_file_exists(page):
    missing = sorted({path for p, path, _ in _test_references() if p == page and not _exists_exactly(path)})
    assert not missing, f"{_rel(page)} names test files that do not exist: {missing}"


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_every_named_test_function_exists(page):
    wrong = []
    for p, path, name in _test_references():
        if p != page or name is None or not _exists_exactly(path):
            continue
        if name not in _defined_names(ROOT / path):
            wrong.append(f"{path}::{name}")
    assert not wrong, f"{_rel(page)} names tests that are not defined: {sorted(set(wrong))}"


# -- requirement numbers ------------------------------------------------------------------------


def test_security_page_defines_r1_to_r31_once_each_in_order():
    assert _definitions() == list(REQUIREMENTS)


def test_every_requirement_is_in_the_status_table():
    text = SECURITY.read_text(encoding="utf-8")
    rows = [int(n) for n in re.findall(r"^\| R(\d+) \|[^|]+\| [^|]+ \|$", text, re.MULTILINE)]
    assert rows == list(REQUIREMENTS)


def _sections() -> dict[int, str]:
    text = SECURITY.read_text(encoding="utf-8")
    parts = re.split(r"^### R(\d+) — ", text, flags=re.MULTILINE)
    sections = {}
    for number, body in zip(parts[1::2], parts[2::2], strict=True):
        sections[int(number)] = re.split(r"^#{1,3} ", body, maxsplit=1, flags=re.MULTILINE)[0]
    return sections


def _statuses() -> dict[int, str]:
    text = SECURITY.read_text(encoding="utf-8")
    return {int(n): status.strip()
            for n, status in re.findall(r"^\| R(\d+) \|[^|]+\| ([^|]+) \|$", text, re.MULTILINE)}


def test_each_requirement_says_honestly_how_it_is_shown():
    """'shown' names a test; 'not yet shown' or 'partly shown' says what is missing."""
    sections, statuses = _sections(), _statuses()
    problems = []
    for number, status in statuses.items():
        body = sections[number]
        tests = TEST_REF.findall(body)
        says_missing = "not yet shown" in body.lower()
        if status == "shown" and not tests:
            problems.append(f"R{number} is 'shown' but names no test")
        if "not yet shown" in status and not says_missing:
            problems.append(f"R{number} is 'not yet shown' in the table but its section does not say so")
        if "partly shown" in status and not (tests and says_missing):
            problems.append(f"R{number} is 'partly shown': name the tests and what is not yet shown")
        if "open work" in status and "open work" not in body.lower():
            problems.append(f"R{number} is open work in the table but its section does not say so")
    assert not problems, problems


def test_every_requirement_cited_in_the_code_is_defined():
    defined = set(_definitions())
    cited = _citations()
    assert cited, "the scan should find the citations in the code (R1, R9, R25, ...)"
    undefined = {f"R{n}": where for n, where in sorted(cited.items()) if n not in defined}
    assert not undefined, f"cited but not defined in docs/security.md: {undefined}"


def test_citation_scan_sees_ranges_and_code_comments():
    """The scan must not miss the forms the code uses (``R13–R15``, ``(R3)``, ``SECURITY.md R25``)
    nor mistake base64 or names for citations (``QR2``, ``R0hJ``)."""
    found = [int(m.group(1)) for m in CITATION.finditer("R13–R15, (R3) SECURITY.md R25; QR2 R0hJ")]
    assert found == [13, 15, 3, 25]


# -- links --------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_links_stay_inside_the_repository(page):
    bad = []
    for target in _links(page):
        path = target.split("#", 1)[0].split("?", 1)[0]
        name = Path(path).name
        if SCHEME.match(target) or target.startswith(("/", "\\", "//")):
            bad.append(f"{target} (leaves the repository)")
        elif ".." in Path(path).parts:
            bad.append(f"{target} (../)")
        elif name in ("SECURITY.md", "DESIGN.md"):
            bad.append(f"{target} (use docs/security.md or docs/design.md)")
    assert not bad, f"{_rel(page)}: {bad}"


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_relative_links_resolve(page):
    broken = []
    for target in _links(page):
        if SCHEME.match(target) or target.startswith(("/", "\\")) or ".." in Path(target).parts:
            continue  # reported by test_links_stay_inside_the_repository
        path, _, anchor = target.partition("#")
        dest = (page.parent / path) if path else page
        rel = _rel(dest.resolve()) if dest.resolve().is_relative_to(ROOT) else None
        if rel is None or not _exists_exactly(rel):
            broken.append(target)
        elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest):
            broken.append(f"{target} (no such heading)")
    assert not broken, f"{_rel(page)} has links that do not resolve: {broken}"


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_pages_do_not_send_readers_to_documents_outside_the_repository(page):
    """SECURITY.md and DESIGN.md live in docs/ as security.md and design.md."""
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"\b(SECURITY|DESIGN)\.md\b", text), (
        f"{_rel(page)} mentions SECURITY.md or DESIGN.md; link docs/security.md or docs/design.md")


def test_the_link_finder_finds_links():
    sample = ("See [a](docs/a.md), ![b](img.png \"t\"), <https://example.org>, "
              "<a href=\"x.md\">x</a>, `[not](a-link.md)`.\n\n[ref]: ../up.md\n")
    expected = ["docs/a.md", "img.png", "https://example.org", "x.md", "../up.md"]
    assert sorted(_links_in(sample)) == sorted(expected)


def test_slugs_match_the_headings_the_pages_use():
    assert _slug("R1 — No plaintext at rest") == "r1--no-plaintext-at-rest"
    assert _slug("Key handling (the store)") == "key-handling-the-store"
    assert _slug("`desktop/core/`: the core") == "desktopcore-the-core"
