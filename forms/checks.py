"""Semantic checks of a form whose files parsed: ids, choices, conditions, rules, header, the legal
route and the field markings. Every problem is a DefinitionError naming the file and JSON path."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

from forms import htcds, repeat
from forms import model as m
from forms.errors import DefinitionError, Origin
from forms.logic import validate

RESERVED_EXPORT_NAMES = frozenset({"form_id", "form_version", "consent_withdrawn"})


class Checker:
    def __init__(
        self,
        form: m.Form,
        origins: list[Origin],
        rule_origins: list[Origin],
        valuelists: dict[str, m.ValueList],
        file: str,
        errors: list[DefinitionError],
        cond_origins: list[Origin] | None = None,
    ) -> None:
        self.form = form
        self.origins = origins
        self.cond_origins = cond_origins if cond_origins is not None else origins
        self.rule_origins = rule_origins
        self.valuelists = valuelists
        self.file = file
        self.errors = errors
        self.fields: dict[str, Any] = {}
        self.field_path: dict[str, Origin] = {}

    def err(self, origin: Origin, sub: str, message: str) -> None:
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
        self.check_marks()
        self.check_legal()
        for fid, sub, message in [*htcds.check(self.form), *repeat.check(self.form)]:
            self.err(self.field_path[fid], sub, message)
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
                fo = Origin(origin.file, f"{origin.path}.fields[{fi}]")
                if f.id in self.fields:
                    self.err(fo, ".id", f"duplicate field id {f.id!r}")
                    continue
                self.fields[f.id] = f
                self.field_path[f.id] = fo
                if f.filled_by_signaal and not isinstance(f, m.ReferenceField):
                    self.err(fo, ".filled_by_signaal", "only a reference field can be filled by Signaal")
                if f.filled_by_signaal and (f.visible_when is not None or f.required):
                    self.err(fo, ".filled_by_signaal", "a field Signaal fills is not asked: it has no "
                             "visible_when and is not required")
                if isinstance(f, m.RepeatField):
                    self.check_items(f, fo)
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

    def check_items(self, group: m.RepeatField, fo: Origin) -> None:
        """The fields of a repeat group: unique within an item, registered as ``<group>.<id>`` so
        that their choices resolve and their markings are checked like any field's."""
        seen: set[str] = set()
        names: set[str] = set()
        for ii, inner in enumerate(group.fields):
            io = Origin(fo.file, f"{fo.path}.fields[{ii}]")
            if inner.id in seen:
                self.err(io, ".id", f"duplicate field id {inner.id!r} in the repeat group")
            if inner.export_name in names:
                self.err(io, ".export_name", f"export name {inner.export_name!r} is used twice")
            if inner.visible_when is not None or inner.coarse_to is not None:
                self.err(io, ".visible_when", "a field of a repeat group is asked for every item as it is")
            seen.add(inner.id)
            names.add(inner.export_name or "")
            self.fields[f"{group.id}.{inner.id}"] = inner
            self.field_path[f"{group.id}.{inner.id}"] = io

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

    def check_condition(self, cond: Any, origin: Origin, sub: str) -> None:
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
                self.check_condition(section.visible_when, self.cond_origins[si], ".visible_when")
            for f in section.fields:
                if f.visible_when is not None:
                    self.check_condition(f.visible_when, self.field_path[f.id], ".visible_when")
                for i, rule in enumerate(f.prefill) if isinstance(f, m.SingleChoiceField) else ():
                    self.check_condition(rule.when, self.field_path[f.id], f".prefill[{i}].when")
                    if rule.value not in f.codes():
                        self.err(self.field_path[f.id], f".prefill[{i}].value",
                                 f"{rule.value!r} is not a code of field {f.id!r}")

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
                    if position[comp.field] >= first and not self.fields[comp.field].filled_by_signaal:
                        self.err(
                            self.cond_origins[si],
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
        root = Origin(self.file, "$")
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

    def check_marks(self) -> None:
        """Field markings: health data and quasi-identifiers, and how the latter are coarsened."""
        for fid, f in self.fields.items():
            fo = self.field_path[fid]
            if isinstance(f, m.ReferenceField):
                self.check_reference(f, fo)
            if not f.answerable and (f.health or f.quasi_identifier):
                self.err(fo, ".health", "a notice holds no data to mark")
                continue
            if f.professional and (f.visible_when is None or f.health or f.quasi_identifier):
                self.err(fo, ".professional", "the reporter's own data must be shown only when they "
                         "tick that it may go (visible_when), and is no data about the person")
            if f.kind in m.TEXT_KINDS and f.quasi_identifier:
                self.err(fo, ".quasi_identifier", "text is free text; it cannot be a quasi-identifier")
            quasi = f.quasi_identifier
            if isinstance(f, m.IntegerField) and f.bands and quasi != "age":
                self.err(fo, ".bands", "bands are for a quasi-identifier of kind 'age'")
            if f.coarse_to is not None and quasi not in ("age", "municipality"):
                self.err(fo, ".coarse_to", "only an 'age' or 'municipality' quasi-identifier is coarsened")
                continue
            if quasi == "date" and f.kind != "date":
                self.err(fo, ".quasi_identifier", "a 'date' quasi-identifier must be a date field")
            elif quasi == "age":
                self.check_age(f, fo)
            elif quasi == "municipality":
                self.check_municipality(f, fo)

    def _coarse_target(self, f: Any, fo: Origin) -> Any:
        target = self.fields.get(f.coarse_to) if f.coarse_to else None
        if f.coarse_to is not None and (target is None or target.kind != "single_choice"):
            self.err(fo, ".coarse_to", f"coarse_to {f.coarse_to!r} is not a single choice of this form")
            return None
        if target is not None and (target.quasi_identifier or target.health):
            self.err(fo, ".coarse_to", "the coarse field may not itself be marked")
            return None
        return target

    def check_age(self, f: Any, fo: Origin) -> None:
        if not isinstance(f, m.IntegerField):
            self.err(fo, ".quasi_identifier", "an 'age' quasi-identifier must be an integer field")
            return
        target = self._coarse_target(f, fo)
        if target is None:
            return
        if not f.bands:
            self.err(fo, ".bands", "an age coarsened to a band needs bands")
            return
        bounds = [b.up_to for b in f.bands]
        if bounds != sorted(set(bounds)):
            self.err(fo, ".bands", "the bands must be ascending")
        if f.maximum is not None and bounds[-1] < f.maximum:
            self.err(fo, ".bands", "the last band must reach the maximum")
        for bi, band in enumerate(f.bands):
            if band.code not in target.codes():
                self.err(fo, f".bands[{bi}].code", f"{band.code!r} is not a code of {target.id!r}")

    def check_municipality(self, f: Any, fo: Origin) -> None:
        if f.kind != "single_choice":
            self.err(fo, ".quasi_identifier", "a 'municipality' quasi-identifier must be a single choice")
            return
        target = self._coarse_target(f, fo)
        if target is None:
            return
        for opt in f.choices():
            if opt.coarse is None or opt.coarse not in target.codes():
                self.err(fo, ".coarse_to", f"option {opt.code!r} has no coarse code of {target.id!r}")
                return

    def check_reference(self, f: m.ReferenceField, fo: Origin) -> None:
        try:
            pattern = re.compile(f.pattern)
        except re.error as exc:
            self.err(fo, ".pattern", f"the pattern is not a regular expression ({exc.msg})")
            return
        if not pattern.fullmatch(f.example) or len(f.example) > f.max_length:
            self.err(fo, ".example", "the example does not match the pattern and length")
        if not reference_pattern_is_closed(f.pattern):
            self.err(
                fo,
                ".pattern",
                "a reference may hold only letters, digits, '-', '_' and '/', never spaces or "
                "punctuation ('.', negated classes and \\s, \\S, \\W, \\D are refused): it would "
                "take free text",
            )

    def check_legal(self) -> None:
        route = self.form.legal
        if route is None:
            return
        root = Origin(self.file, "$.legal")
        allowed = m.ROLE_BASES[self.form.audience]
        codes: set[str] = set()
        for bi, basis in enumerate(route.bases):
            if basis.code in codes:
                self.err(root, f".bases[{bi}].code", f"duplicate basis {basis.code!r}")
            codes.add(basis.code)
            if basis.code not in allowed:
                self.err(
                    root,
                    f".bases[{bi}].code",
                    f"basis {basis.code!r} does not fit audience {self.form.audience!r} "
                    f"(it has {sorted(allowed)})",
                )
            if basis.needs_consent and self.form.consent_field is None:
                self.err(root, f".bases[{bi}].needs_consent", "the form has no consent_field")
            if basis.requires is not None:
                self.check_condition(basis.requires, root, f".bases[{bi}].requires")
        if route.default not in codes:
            self.err(root, ".default", f"the default basis {route.default!r} is not one of the bases")
        else:
            default = route.basis(route.default)
            if default is not None and (default.needs_consent or default.requires is not None):
                self.err(root, ".default", "the default basis must hold without consent or conditions")
        if route.basis_field is not None:
            f = self.fields.get(route.basis_field)
            if f is None or f.kind != "single_choice":
                self.err(root, ".basis_field", f"{route.basis_field!r} is not a single choice of this form")
            else:
                extra = sorted(set(f.codes()) - codes)
                if extra:
                    self.err(root, ".basis_field", f"options {extra} of {f.id!r} are no basis of this route")

    def check_defaults(self) -> None:
        root = Origin(self.file, "$.defaults")
        for key in self.form.defaults:
            if key not in self.fields:
                self.err(root, f".{key}", f"unknown field {key!r}")
                return
        for problem in validate(self.form, dict(self.form.defaults), "draft"):
            self.err(root, f".{problem.field_id}", f"invalid default ({problem.message.en.rstrip('.')})")


_REF_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_/")


def reference_pattern_is_closed(pattern: str) -> bool:
    """True when every string the pattern matches consists of letters, digits, '-', '_' and '/'.

    Decided on the parsed pattern: literals and ranges within those characters, the digit class,
    groups, alternatives and repeats; anything else (any character, negated classes, spaces,
    other categories, look-arounds, back references) makes it open.
    """
    parser: Any = importlib.import_module("re._parser")  # the stdlib's own regex parser
    try:
        parsed = parser.parse(pattern)
    except re.error:
        return False
    return _closed(list(parsed))


def _closed(items: list[Any]) -> bool:
    c: Any = importlib.import_module("re._constants")

    for op, arg in items:
        if op is c.LITERAL:
            if chr(arg) not in _REF_CHARS:
                return False
        elif op is c.IN:
            for sub_op, sub_arg in arg:
                if sub_op is c.LITERAL and chr(sub_arg) in _REF_CHARS:
                    continue
                if sub_op is c.RANGE and all(chr(x) in _REF_CHARS for x in range(sub_arg[0], sub_arg[1] + 1)):
                    continue
                if sub_op is c.CATEGORY and sub_arg is c.CATEGORY_DIGIT:
                    continue
                return False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            if not _closed(list(arg[2])):
                return False
        elif op is c.SUBPATTERN:
            if not _closed(list(arg[3])):
                return False
        elif op is c.BRANCH:
            if not all(_closed(list(branch)) for branch in arg[1]):
                return False
        elif op is c.AT:
            continue
        else:
            return False
    return True


def _walk(cond: Any, path: str) -> Iterator[tuple[m.Comparison, str]]:
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
            if f.filled_by_signaal:  # filled before the form opens: depends on no answer
                deps[f.id] = []
                continue
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
