"""Load and check form definitions: one bad file never stops the others from loading."""

from __future__ import annotations

import functools
import json
import logging
import re
from pathlib import Path
from typing import Any

import pydantic
from pydantic_core import ErrorDetails

from forms import model as m
from forms.checks import Checker
from forms.errors import DefinitionError, Origin

PACKAGE_DIR = Path(__file__).resolve().parent
DEFINITIONS_DIR = PACKAGE_DIR / "definitions"
VALUELISTS_DIR = PACKAGE_DIR / "valuelists"
FILE_NAME = re.compile(r"^(?P<id>[a-z][a-z0-9_]*)\.v(?P<version>[0-9]+)\.json$")

_log = logging.getLogger(__name__)


class FormCatalog:
    """Every form version that loaded, the errors of those that did not, and the value lists."""

    def __init__(
        self,
        forms: dict[tuple[str, int], m.Form],
        errors: list[DefinitionError],
        valuelists: dict[str, m.ValueList],
    ) -> None:
        self.forms = forms
        self.errors = errors
        self.valuelists = valuelists

    def get(self, form_id: str, version: int | None = None) -> m.Form:
        """The form at this version, or its newest version when None; KeyError if unknown."""
        if version is None:
            versions = self.versions(form_id)
            if not versions:
                raise KeyError(form_id)
            version = versions[-1]
        return self.forms[(form_id, version)]

    def versions(self, form_id: str) -> list[int]:
        return sorted(v for (fid, v) in self.forms if fid == form_id)

    def latest(self, audience: str | None = None, *, follow_ups: bool = False) -> list[m.Form]:
        """The newest version of each form, optionally only for one audience; sorted by id.

        Follow-up forms (a withdrawal of consent) are left out unless ``follow_ups``.
        """
        out = [self.get(fid) for fid in sorted({fid for (fid, _) in self.forms})]
        if not follow_ups:
            out = [f for f in out if not f.follow_up]
        if audience is not None:
            out = [f for f in out if f.audience == audience]
        return out

    def follow_ups(self) -> list[m.Form]:
        """The newest version of each follow-up form (e.g. ``withdrawal``)."""
        return [f for f in self.latest(follow_ups=True) if f.follow_up]

    def __repr__(self) -> str:
        return f"FormCatalog(forms={sorted(self.forms)}, errors={len(self.errors)})"


@functools.cache
def catalog() -> FormCatalog:
    """The shipped definitions, loaded once per process."""
    return load_catalog(DEFINITIONS_DIR)


def load_catalog(directory: str | Path, valuelists_dir: str | Path | None = None) -> FormCatalog:
    """Load every ``<id>.v<n>.json`` in ``directory``.

    Shared files (``_<name>.v<n>.json``) are read when a form includes them. Value lists come from
    ``valuelists_dir``, else ``directory/../valuelists`` when ``directory`` is the shipped folder or
    has a ``valuelists`` sibling or child, else the shipped value lists.
    """
    directory = Path(directory)
    if valuelists_dir is None:
        for candidate in (directory / "valuelists", directory.parent / "valuelists"):
            if candidate.is_dir():
                valuelists_dir = candidate
                break
        else:
            valuelists_dir = VALUELISTS_DIR
    errors: list[DefinitionError] = []
    valuelists = _load_valuelists(Path(valuelists_dir), errors)
    loader = _Loader(directory, valuelists, errors)
    forms: dict[tuple[str, int], m.Form] = {}
    for path in sorted(directory.glob("*.json")):
        if path.name.startswith("_") or path.name.endswith(".schema.json"):
            continue
        form = loader.load_form(path)
        if form is not None:
            forms[form.key] = form
    _attach_routes(forms)
    return FormCatalog(forms, errors, valuelists)


def _attach_routes(forms: dict[tuple[str, int], m.Form]) -> None:
    """Give every version the legal route (and field markings) it is minimised under: its own, or
    that of the newest version of the same form that has one (old drafts keep their version, the
    law they are sent under is today's)."""
    for (form_id, _), form in forms.items():
        if form.legal is not None:
            form._route_source = form
            continue
        newer = sorted(
            (f for (fid, _v), f in forms.items() if fid == form_id and f.legal is not None),
            key=lambda f: f.version,
        )
        form._route_source = newer[-1] if newer else None


# ---------------------------------------------------------------- helpers


_TAGS = frozenset({*m.FIELD_KINDS, "all", "any", "not", "compare", "include", "own", "date_order", "forbid"})


def _json_path(loc: tuple[Any, ...], raw: Any) -> str:
    """A JSON path for a pydantic error location, skipping union tags that are not keys."""
    out = "$"
    node = raw
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
        else:
            if isinstance(node, dict) and part in node:
                out += f".{part}" if re.match(r"^[A-Za-z_$][A-Za-z0-9_$]*$", str(part)) else f"[{part!r}]"
                node = node[part]
            elif part in _TAGS and isinstance(node, dict):
                continue  # a union tag (model or kind name) that pydantic adds to the location
            elif last or not isinstance(node, dict):
                if part == "in_":
                    part = "in"
                out += f".{part}"
                node = None
            # else: a union tag (model or kind name) that pydantic adds to the location; skip it
    return out


def _pydantic_message(err: ErrorDetails) -> str:
    kind = err.get("type")
    ctx = err.get("ctx") or {}
    if kind == "union_tag_invalid":
        return (
            f"unknown {ctx.get('discriminator', 'kind').strip(chr(39))} {ctx.get('tag')!r} "
            f"(expected one of {ctx.get('expected_tags')})"
        )
    if kind == "union_tag_not_found":
        return f"the entry has no {ctx.get('discriminator', 'kind').strip(chr(39))}"
    if kind == "missing":
        return "a required entry is missing"
    if kind == "extra_forbidden":
        return "this key is not part of the definition language"
    msg = str(err.get("msg", "invalid value"))
    msg = msg.removeprefix("Value error, ")
    return msg[0].lower() + msg[1:] if msg else "invalid value"


def _read_json(path: Path, errors: list[DefinitionError]) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        errors.append(DefinitionError(path.name, "$", f"the file cannot be read ({exc.__class__.__name__})"))
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        errors.append(
            DefinitionError(
                path.name, "$", f"invalid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})"
            )
        )
        return None


def _parse(model: type[pydantic.BaseModel], raw: Any, file: str, errors: list[DefinitionError]) -> Any:
    try:
        return model.model_validate(raw)
    except pydantic.ValidationError as exc:
        # Report the first problem: one sentence that points at the spot.
        err = exc.errors()[0]
        errors.append(DefinitionError(file, _json_path(tuple(err["loc"]), raw), _pydantic_message(err)))
        return None


def _load_valuelists(directory: Path, errors: list[DefinitionError]) -> dict[str, m.ValueList]:
    lists: dict[str, m.ValueList] = {}
    for path in sorted(directory.glob("*.json")):
        raw = _read_json(path, errors)
        if raw is None:
            continue
        vl = _parse(m.ValueListFile, raw, path.name, errors)
        if vl is None:
            continue
        if vl.name != path.stem:
            errors.append(
                DefinitionError(path.name, "$.name", f"name {vl.name!r} differs from the file name")
            )
            continue
        if not vl.items:
            errors.append(DefinitionError(path.name, "$.items", "the value list is empty"))
            continue
        seen: set[str] = set()
        bad = False
        for i, item in enumerate(vl.items):
            if item.code in seen:
                errors.append(
                    DefinitionError(path.name, f"$.items[{i}].code", f"duplicate code {item.code!r}")
                )
                bad = True
                break
            seen.add(item.code)
        if not bad:
            lists[vl.name] = vl
    return lists


class _Loader:
    def __init__(self, directory: Path, valuelists: dict[str, m.ValueList], errors: list[DefinitionError]):
        self.directory = directory
        self.valuelists = valuelists
        self.errors = errors
        self._shared: dict[str, m.SharedFile | None] = {}

    def shared(self, name: str) -> m.SharedFile | None:
        if name not in self._shared:
            path = self.directory / f"_{name}.json"
            result = None
            if path.is_file():
                raw = _read_json(path, self.errors)
                if raw is not None:
                    result = _parse(m.SharedFile, raw, path.name, self.errors)
                    if result is not None and f"{result.id}.v{result.version}" != name:
                        self.errors.append(
                            DefinitionError(path.name, "$.id", "id and version differ from the file name")
                        )
                        result = None
            self._shared[name] = result
        return self._shared[name]

    def load_form(self, path: Path) -> m.Form | None:
        file = path.name
        errors: list[DefinitionError] = []
        try:
            form = self._load_form(path, file, errors)
        except Exception as exc:  # a loader bug must not stop the other forms; it is reported, not hidden
            _log.exception("checking definition file %s failed", file)  # definitions only, no answers
            errors.append(
                DefinitionError(file, "$", f"the file could not be checked ({exc.__class__.__name__})")
            )
            form = None
        self.errors.extend(errors)
        return form if not errors else None

    def _load_form(self, path: Path, file: str, errors: list[DefinitionError]) -> m.Form | None:
        raw = _read_json(path, errors)
        if raw is None:
            return None
        ff = _parse(m.FormFile, raw, file, errors)
        if ff is None:
            return None
        name = FILE_NAME.match(file)
        if not name or name["id"] != ff.id or int(name["version"]) != ff.version:
            errors.append(
                DefinitionError(
                    file, "$.id", f"id {ff.id!r} and version {ff.version} do not match the file name"
                )
            )
            return None
        sections: list[m.Section] = []
        origins: list[Origin] = []
        cond_origins: list[Origin] = []
        for i, entry in enumerate(ff.sections):
            if isinstance(entry, m.Include):
                shared = self.shared(entry.include)
                if shared is None:
                    errors.append(
                        DefinitionError(
                            file,
                            f"$.sections[{i}].include",
                            f"shared file {entry.include!r} is missing or did not load",
                        )
                    )
                    continue
                if entry.section is None:
                    errors.append(
                        DefinitionError(file, f"$.sections[{i}]", "an included section needs 'section'")
                    )
                    continue
                found = [(j, s) for j, s in enumerate(shared.sections) if s.id == entry.section]
                if not found:
                    errors.append(
                        DefinitionError(
                            file,
                            f"$.sections[{i}].section",
                            f"shared file {entry.include!r} has no section {entry.section!r}",
                        )
                    )
                    continue
                j, section = found[0]
                section = section.model_copy(deep=True)
                cond_origins.append(Origin(f"_{entry.include}.json", f"$.sections[{j}]"))
                if entry.visible_when is not None:
                    section.visible_when = entry.visible_when
                    cond_origins[-1] = Origin(file, f"$.sections[{i}]")
                sections.append(section)
                origins.append(Origin(f"_{entry.include}.json", f"$.sections[{j}]"))
            else:
                sections.append(entry)
                origins.append(Origin(file, f"$.sections[{i}]"))
                cond_origins.append(origins[-1])
        rules: list[Any] = []
        rule_origins: list[Origin] = []
        for i, entry in enumerate(ff.rules):
            if isinstance(entry, m.Include):
                shared = self.shared(entry.include)
                if shared is None:
                    errors.append(
                        DefinitionError(
                            file,
                            f"$.rules[{i}].include",
                            f"shared file {entry.include!r} is missing or did not load",
                        )
                    )
                    continue
                for j, rule in enumerate(shared.rules):
                    rules.append(rule)
                    rule_origins.append(Origin(f"_{entry.include}.json", f"$.rules[{j}]"))
            else:
                rules.append(entry)
                rule_origins.append(Origin(file, f"$.rules[{i}]"))
        if errors:
            return None
        header = ff.model_dump(exclude={"sections", "rules", "schema_"})
        form = m.Form.model_validate({**header, "sections": [], "rules": [], "source": file})
        form.sections = sections
        form.rules = rules
        Checker(form, origins, rule_origins, self.valuelists, file, errors, cond_origins).run()
        return None if errors else form


