"""Load and check form definitions: one bad file never stops the others from loading."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import pydantic

from forms import model as m

PACKAGE_DIR = Path(__file__).resolve().parent
DEFINITIONS_DIR = PACKAGE_DIR / "definitions"
VALUELISTS_DIR = PACKAGE_DIR / "valuelists"
FILE_NAME = re.compile(r"^(?P<id>[a-z][a-z0-9_]*)\.v(?P<version>[0-9]+)\.json$")
RESERVED_EXPORT_NAMES = frozenset({"form_id", "form_version"})


class DefinitionError(Exception):
    """A problem in a definition or value list file: which file, where in it (JSON path), what."""

    def __init__(self, file: str, path: str, message: str) -> None:
        self.file = file
        self.path = path
        self.message = message.rstrip(".")
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.file}, at {self.path}: {self.message}."

    def __repr__(self) -> str:
        return f"DefinitionError({self.file!r}, {self.path!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DefinitionError) and (self.file, self.path, self.message) == (
            other.file,
            other.path,
            other.message,
        )

    def __hash__(self) -> int:
        return hash((self.file, self.path, self.message))


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

    def latest(self, audience: str | None = None) -> list[m.Form]:
        """The newest version of each form, optionally only for one audience; sorted by id."""
        out = [self.get(fid) for fid in sorted({fid for (fid, _) in self.forms})]
        if audience is not None:
            out = [f for f in out if f.audience == audience]
        return out

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
    return FormCatalog(forms, errors, valuelists)


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


def _pydantic_message(err: dict[str, Any]) -> str:
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


class _Origin:
    __slots__ = ("file", "path")

    def __init__(self, file: str, path: str) -> None:
        self.file = file
        self.path = path


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
        except Exception as exc:  # a loader bug must not stop the other forms
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
        origins: list[_Origin] = []
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
                sections.append(section.model_copy(deep=True))
                origins.append(_Origin(f"_{entry.include}.json", f"$.sections[{j}]"))
            else:
                sections.append(entry)
                origins.append(_Origin(file, f"$.sections[{i}]"))
        rules: list[Any] = []
        rule_origins: list[_Origin] = []
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
                    rule_origins.append(_Origin(f"_{entry.include}.json", f"$.rules[{j}]"))
            else:
                rules.append(entry)
                rule_origins.append(_Origin(file, f"$.rules[{i}]"))
        if errors:
            return None
        header = ff.model_dump(exclude={"sections", "rules", "schema_"})
        form = m.Form.model_validate({**header, "sections": [], "rules": [], "source": file})
        form.sections = sections
        form.rules = rules
        _Checker(form, origins, rule_origins, self.valuelists, file, errors).run()
        return None if errors else form


# ---------------------------------------------------------------- semantic checks


class _Checker:
    def __init__(self, form, origins, rule_origins, valuelists, file, errors) -> None:
        self.form = form
        self.origins = origins
        self.rule_origins = rule_origins
        self.valuelists = valuelists
        self.file = file
        self.errors = errors
        self.fields: dict[str, Any] = {}
        self.field_path: dict[str, _Origin] = {}

    def err(self, origin: _Origin, sub: str, message: str) -> None:
        self.errors.append(DefinitionError(origin.file, origin.path + sub, message))

    def run(self) -> None:
        self.check_ids()
        if self.errors:
            return
        self.form._build_index()
        self.resolve_choices()
        self.check_conditions()
        if self.errors:
            return
        self.check_cycles()
        if not self.errors:
            self.check_order()
        self.check_rules()
        self.check_header()
        if not self.errors:
            self.form._order = _visibility_order(self.form)
            self.check_defaults()

    def check_ids(self) -> None:
        sections: set[str] = set()
        indicators: set[str] = set()
        exports: dict[str, str] = {}
        for si, section in enumerate(self.form.sections):
            origin = self.origins[si]
            if section.id in sections:
                self.err(origin, ".id", f"duplicate section id {section.id!r}")
            sections.add(section.id)
            for fi, f in enumerate(section.fields):
                fo = _Origin(origin.file, f"{origin.path}.fields[{fi}]")
                if f.id in self.fields:
                    self.err(fo, ".id", f"duplicate field id {f.id!r}")
                    continue
                self.fields[f.id] = f
                self.field_path[f.id] = fo
                names = [f.export_name] if f.export_name else []
                if isinstance(f, m.ChecklistField):
                    cats = set()
                    for ci, cat in enumerate(f.categories):
                        if cat.id in cats:
                            self.err(fo, f".categories[{ci}].id", f"duplicate category id {cat.id!r}")
                        cats.add(cat.id)
                    for ii, ind in enumerate(f.indicators):
                        if ind.id in indicators:
                            self.err(fo, f".indicators[{ii}].id", f"duplicate indicator id {ind.id!r}")
                            continue
                        indicators.add(ind.id)
                        if ind.category is not None and ind.category not in cats:
                            self.err(fo, f".indicators[{ii}].category", f"unknown category {ind.category!r}")
                        names.append(f"ind_{ind.id}")
                        if f.notes:
                            names.append(f"ind_{ind.id}_note")
                for name in names:
                    if name in exports or name in RESERVED_EXPORT_NAMES:
                        self.err(fo, ".export_name", f"export name {name!r} is used twice")
                    exports[name] = f.id

    def resolve_choices(self) -> None:
        for fid, f in self.fields.items():
            fo = self.field_path[fid]
            options: list[m.Option] | None = None
            if isinstance(f, m.YesNoUnknownField):
                vl = self.valuelists.get("yes_no_unknown")
                if vl is None:
                    self.err(fo, ".kind", "the value list 'yes_no_unknown' is missing")
                    continue
                options = list(vl.items)
            elif isinstance(f, m.CountryField):
                vl = self.valuelists.get("countries")
                if vl is None:
                    self.err(fo, ".kind", "the value list 'countries' is missing")
                    continue
                options = [o for o in vl.items if f.allow_stateless or o.code != m.STATELESS]
            elif isinstance(f, m.SingleChoiceField | m.MultipleChoiceField):
                if f.valuelist is not None:
                    vl = self.valuelists.get(f.valuelist)
                    if vl is None:
                        self.err(fo, ".valuelist", f"unknown value list {f.valuelist!r}")
                        continue
                    options = list(vl.items)
                else:
                    options = list(f.options or [])
                    seen: set[str] = set()
                    for oi, opt in enumerate(options):
                        if opt.code in seen:
                            self.err(fo, f".options[{oi}].code", f"duplicate code {opt.code!r}")
                        seen.add(opt.code)
                if not options:
                    self.err(fo, ".options", "the choice list is empty")
                    continue
                if isinstance(f, m.MultipleChoiceField):
                    codes = {o.code for o in options}
                    for ei, code in enumerate(f.exclusive):
                        if code not in codes:
                            self.err(
                                fo, f".exclusive[{ei}]", f"exclusive code {code!r} is not one of the options"
                            )
            if options is not None:
                f._options = options
                f._codes = frozenset(o.code for o in options)
            elif isinstance(f, m.ChecklistField):
                f._codes = frozenset(i.id for i in f.indicators)

    def check_condition(self, cond: Any, origin: _Origin, sub: str) -> None:
        for comp, path in _walk(cond, sub):
            target = self.fields.get(comp.field)
            if target is None:
                self.err(origin, path + ".field", f"the condition refers to unknown field {comp.field!r}")
                continue
            if not target.answerable:
                self.err(
                    origin,
                    path + ".field",
                    f"the condition refers to notice {comp.field!r}, which has no answer",
                )
                continue
            op = comp.operator()
            kind = target.kind
            bad_op = (
                (op in ("at_least", "less_than") and kind != "integer")
                or (
                    op == "contains"
                    and not (
                        kind in ("multiple_choice", "checklist") or (kind == "country" and target.multiple)
                    )
                )
                or (op in ("equals", "in_") and kind in ("multiple_choice", "checklist"))
                or (op in ("equals", "in_") and kind == "country" and target.multiple)
            )
            if bad_op:
                name = "in" if op == "in_" else op
                self.err(
                    origin, path, f"operator {name!r} does not fit field {comp.field!r} of kind {kind!r}"
                )
                continue
            values: list[Any] = []
            if op == "equals":
                values = [comp.equals]
            elif op == "in_":
                values = list(comp.in_ or [])
            elif op == "contains":
                values = [comp.contains]
            if kind in m.CHOICE_KINDS or kind == "checklist":
                for v in values:
                    if v not in target.codes():
                        self.err(origin, path, f"{v!r} is not a code of field {comp.field!r}")
            elif kind == "integer":
                for v in values:
                    if not isinstance(v, int) or isinstance(v, bool):
                        self.err(origin, path, f"field {comp.field!r} is an integer; compare with a number")

    def check_conditions(self) -> None:
        for si, section in enumerate(self.form.sections):
            if section.visible_when is not None:
                self.check_condition(section.visible_when, self.origins[si], ".visible_when")
            for f in section.fields:
                if f.visible_when is not None:
                    self.check_condition(f.visible_when, self.field_path[f.id], ".visible_when")

    def check_cycles(self) -> None:
        deps = _dependencies(self.form)
        state: dict[str, int] = {}
        stack: list[str] = []

        def visit(node: str) -> list[str] | None:
            state[node] = 1
            stack.append(node)
            for dep in deps.get(node, ()):
                if state.get(dep) == 1:
                    return [*stack[stack.index(dep) :], dep]
                if state.get(dep) is None:
                    found = visit(dep)
                    if found:
                        return found
            stack.pop()
            state[node] = 2
            return None

        for fid in deps:
            if state.get(fid) is None:
                cycle = visit(fid)
                if cycle:
                    self.err(
                        self.field_path[cycle[0]],
                        ".visible_when",
                        "the visibility conditions form a cycle: " + " → ".join(cycle),
                    )
                    return

    def check_order(self) -> None:
        """A question is shown or hidden only by answers given above it: forms read top to bottom."""
        position = {f.id: i for i, f in enumerate(self.form.all_fields())}
        for si, section in enumerate(self.form.sections):
            first = position[section.fields[0].id]
            if section.visible_when is not None:
                for comp, path in _walk(section.visible_when, ".visible_when"):
                    if position[comp.field] >= first:
                        self.err(
                            self.origins[si],
                            path + ".field",
                            f"the condition refers to field {comp.field!r}, which is not above this section",
                        )
            for f in section.fields:
                if f.visible_when is None:
                    continue
                for comp, path in _walk(f.visible_when, ".visible_when"):
                    if position[comp.field] > position[f.id]:
                        self.err(
                            self.field_path[f.id],
                            path + ".field",
                            f"the condition refers to field {comp.field!r}, which comes later in the form; "
                            "move it above",
                        )

    def check_rules(self) -> None:
        for ri, rule in enumerate(self.form.rules):
            origin = self.rule_origins[ri]
            if isinstance(rule, m.DateOrderRule):
                for key in ("earlier", "later"):
                    fid = getattr(rule, key)
                    f = self.fields.get(fid)
                    if f is None:
                        self.err(origin, f".{key}", f"the rule refers to unknown field {fid!r}")
                    elif f.kind != "date":
                        self.err(origin, f".{key}", f"field {fid!r} is not a date")
            elif isinstance(rule, m.ForbidRule):
                f = self.fields.get(rule.field)
                if f is None or not f.answerable:
                    self.err(origin, ".field", f"the rule refers to unknown field {rule.field!r}")
                self.check_condition(rule.when, origin, ".when")

    def check_header(self) -> None:
        form = self.form
        root = _Origin(self.file, "$")
        if form.consent_field is not None:
            f = self.fields.get(form.consent_field)
            if f is None:
                self.err(root, ".consent_field", f"unknown field {form.consent_field!r}")
            elif f.kind != "single_choice" or "yes" not in f.codes():
                self.err(
                    root, ".consent_field", "the consent field must be a single choice with the code 'yes'"
                )
        for i, fid in enumerate(form.summary_fields):
            f = self.fields.get(fid)
            if f is None:
                self.err(root, f".summary_fields[{i}]", f"unknown field {fid!r}")
            elif f.kind in (*m.TEXT_KINDS, "checklist", "notice"):
                self.err(root, f".summary_fields[{i}]", f"field {fid!r} is text, a checklist or a notice")

    def check_defaults(self) -> None:
        from forms.logic import validate

        root = _Origin(self.file, "$.defaults")
        for key in self.form.defaults:
            if key not in self.fields:
                self.err(root, f".{key}", f"unknown field {key!r}")
                return
        for problem in validate(self.form, dict(self.form.defaults), "draft"):
            self.err(root, f".{problem.field_id}", f"invalid default ({problem.message.en.rstrip('.')})")


def _walk(cond: Any, path: str):
    if isinstance(cond, m.Comparison):
        yield cond, path
    elif isinstance(cond, m.AllOf):
        for i, c in enumerate(cond.all):
            yield from _walk(c, f"{path}.all[{i}]")
    elif isinstance(cond, m.AnyOf):
        for i, c in enumerate(cond.any):
            yield from _walk(c, f"{path}.any[{i}]")
    elif isinstance(cond, m.NotCond):
        yield from _walk(cond.not_, f"{path}.not")


def _dependencies(form: m.Form) -> dict[str, list[str]]:
    deps: dict[str, list[str]] = {}
    for section in form.sections:
        section_deps = m.condition_fields(section.visible_when) if section.visible_when else []
        for f in section.fields:
            own = m.condition_fields(f.visible_when) if f.visible_when else []
            deps[f.id] = list(dict.fromkeys([*section_deps, *own]))
    return deps


def _visibility_order(form: m.Form) -> list[Any]:
    """Fields ordered so that every field comes after the fields its visibility depends on."""
    deps = _dependencies(form)
    done: set[str] = set()
    order: list[Any] = []
    pending = [f.id for f in form.all_fields()]
    while pending:
        rest = []
        for fid in pending:
            if all(d in done for d in deps[fid]):
                done.add(fid)
                order.append(form.field(fid))
            else:
                rest.append(fid)
        if len(rest) == len(pending):  # cannot happen after the cycle check
            raise ValueError("cycle")
        pending = rest
    return order
