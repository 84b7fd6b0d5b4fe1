"""A form ready to fill in: its expressions compiled, their dependency graph, its scoring
spec and safeguarding rules. Compiling is done once per form source and cached.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sylcollect.forms.answers import canonical_value
from sylcollect.forms.expr import (
    EvalContext,
    Expression,
    ExpressionError,
    Node,
    compile_expression,
    dependencies,
    secondary_instances,
)
from sylcollect.forms.model import Form, FormError, Group, Question, text_in
from sylcollect.forms.safeguarding_rules import (
    SafeguardingRule,
    SafeguardingSheetError,
    check_references,
    parse_safeguarding_sheet,
)
from sylcollect.forms.scoring import (
    ScoringSheetError,
    ScoringSpec,
    check_items,
    parse_scoring_sheet,
)
from sylcollect.forms.scoring_items import check_scorable
from sylcollect.forms.state_graph import Bind, Graph

_CACHE_SIZE = 32
_cache: OrderedDict[tuple[str, str, str, str], CompiledForm] = OrderedDict()
_lock = threading.Lock()


@dataclass(frozen=True)
class CompiledRule:
    """A safeguarding rule with its compiled expression; immutable."""

    rule: SafeguardingRule
    expr: Expression


@dataclass(frozen=True, eq=False)
class CompiledForm:
    """A form plus everything compiled from it; immutable and safe to share between threads."""

    form: Form
    paths: Mapping[str, str]
    """`${name}` -> path (the first element of that name in form order)."""
    elements: Mapping[str, Question | Group]
    """Path -> question or group, form order (the root group included)."""
    repeat_paths: frozenset[str]
    graph: Graph
    binds: Mapping[str, Mapping[str, Bind]]
    """Path -> kind -> bind (relevant, calculate, required, constraint, ...)."""
    defaults: Mapping[str, Any]
    """Path -> static default value (canonical, like a supplied answer)."""
    dynamic_defaults: Mapping[str, Expression]
    """Path -> default expression, evaluated once when the question's instance is created."""
    triggers: Mapping[str, tuple[tuple[str, Expression], ...]]
    """Trigger path -> (question path, calculation) set when the trigger's answer changes."""
    instances: Mapping[str, Node] = field(default_factory=dict)
    """Secondary instances of the choice lists (read only)."""
    choice_lists: Mapping[str, str] = field(default_factory=dict)
    """Select question path -> its choice list name."""
    scoring: ScoringSpec = field(default_factory=ScoringSpec)
    rules: tuple[CompiledRule, ...] = ()

    @property
    def id(self) -> str:
        return self.form.id

    @cached_property
    def context(self) -> EvalContext:
        """An evaluation context with this form's names, choice lists and secondary
        instances, on an empty instance: states copy it with their own (`replaced`)."""
        return EvalContext(
            Node("data"),
            paths=self.paths,
            instances=self.instances,
            choice_lists=self.choice_lists,
            choice_label=self.choice_label,
        )

    @cached_property
    def _choice_labels(self) -> Mapping[str, Mapping[str, Mapping[str, str]]]:
        """Choice list -> choice name -> labels by language (the first choice of a name)."""
        out: dict[str, dict[str, Mapping[str, str]]] = {}
        form = self.form
        for name, choices in (*form.choice_lists.items(), *form.external_choices.items()):
            labels = out.setdefault(name, {})
            for choice in choices:
                labels.setdefault(choice.name, choice.labels)
        return out

    def choice_label(self, path: str, value: str, language: str | None) -> str:
        """jr:choice-name: the label of choice `value` of the select at `path` in
        `language`, else the default language; "" when the select has no such choice."""
        labels = self._choice_labels.get(self.choice_lists.get(path, ""), {}).get(value)
        return "" if labels is None else text_in(labels, language, self.form.default_language)

    @cached_property
    def plain_keys(self) -> Mapping[str, tuple[str, tuple[int, ...]]]:
        """Path -> `(path, ())`, the key of an element's node outside any repeat (made once
        for every state of the form)."""
        return {path: (path, ()) for path in self.elements}

    def element(self, name_or_path: str) -> Question | Group:
        """The element at a path, or named `name`; KeyError if there is none."""
        path = name_or_path if name_or_path.startswith("/") else self.paths[name_or_path]
        return self.elements[path]

    def path_of(self, name_or_path: str) -> str:
        """The path of a question, group or repeat given by name or path; KeyError if none."""
        if name_or_path.startswith("/"):
            if name_or_path not in self.elements:
                raise KeyError(name_or_path)
            return name_or_path
        return self.paths[name_or_path]


def compile_form(form: Form, source_name: str | None = None) -> CompiledForm:
    """The compiled form, cached by source hash; FormError names the row of a bad expression."""
    key = (form.source_sha256, form.id, form.version, source_name or "")
    if form.source_sha256:
        with _lock:
            found = _cache.get(key)
            if found is not None:
                _cache.move_to_end(key)
                return found
    compiled = _Compiler(form, source_name or form.id).build()
    if form.source_sha256:
        with _lock:
            _cache[key] = compiled
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    return compiled


_COLUMNS = {
    "relevant": "relevant",
    "calculate": "calculation",
    "repeat_count": "repeat_count",
    "required": "required",
    "constraint": "constraint",
    "readonly": "read_only",
    "choices": "choice_filter",
}


class _Compiler:
    """Builds one CompiledForm; single use, not thread-safe."""

    def __init__(self, form: Form, source_name: str) -> None:
        self.form = form
        self.source = source_name
        self.elements: dict[str, Question | Group] = {form.root.path: form.root}
        self.paths: dict[str, str] = {}
        for element in form.root.elements():
            self.elements[element.path] = element
            self.paths.setdefault(element.name, element.path)
        self.repeats = frozenset(
            p for p, e in self.elements.items() if isinstance(e, Group) and e.repeat
        )

    def fail(self, element: Question | Group, column: str, problem: str) -> FormError:
        return FormError(
            f"{self.source}: row {element.row} ('{element.name}'), {column}: {problem}"
        )

    def expression(self, element: Question | Group, column: str, source: str) -> Expression:
        try:
            return compile_expression(source, element.path)
        except ExpressionError as exc:
            raise self.fail(element, column, str(exc)) from None

    def reads(self, element: Question | Group, column: str, expr: Expression) -> frozenset[str]:
        found: set[str] = set()
        for item in dependencies(expr.tree, element.path, self.paths):
            if item == "/":
                found.add(self.form.root.path)
            elif item.startswith("/"):
                found.add(item)
            elif item in self.paths:
                found.add(self.paths[item])
            else:
                raise self.fail(element, column, f"no question named '{item}'")
        return frozenset(found)

    def bind(self, element: Question | Group, kind: str, source: str) -> Bind:
        column = _COLUMNS[kind]
        expr = self.expression(element, column, source)
        return Bind(
            kind, element.path, expr, self.reads(element, column, expr), element.name, element.row
        )

    def build(self) -> CompiledForm:
        binds: list[Bind] = []
        defaults: dict[str, Any] = {}
        dynamic: dict[str, Expression] = {}
        triggers: dict[str, list[tuple[str, Expression]]] = {}
        choice_lists: dict[str, str] = {}
        for path, element in self.elements.items():
            if isinstance(element, Group):
                if element.repeat_count:
                    binds.append(self.bind(element, "repeat_count", element.repeat_count))
                if element.relevant:
                    binds.append(self.bind(element, "relevant", element.relevant))
                continue
            if element.relevant:
                binds.append(self.bind(element, "relevant", element.relevant))
            if element.calculation and element.trigger:
                expr = self.expression(element, "calculation", element.calculation)
                for trigger in self.trigger_paths(element):
                    triggers.setdefault(trigger, []).append((path, expr))
            elif element.calculation:
                binds.append(self.bind(element, "calculate", element.calculation))
            for kind, source in (
                ("required", element.required),
                ("constraint", element.constraint),
                ("readonly", element.readonly),
            ):
                if source:
                    binds.append(self.bind(element, kind, source))
            if element.is_select and element.choice_list:
                choice_lists[path] = element.choice_list
                if element.choice_filter:
                    self.expression(element, "choice_filter", element.choice_filter)
                    source = f"instance('{element.choice_list}')/root/item[{element.choice_filter}]"
                    binds.append(self.bind(element, "choices", source))
            if element.default:
                self.default(element, defaults, dynamic)
        return CompiledForm(
            form=self.form,
            paths=self.paths,
            elements=self.elements,
            repeat_paths=self.repeats,
            graph=self.graph(binds),
            binds=_by_path(binds),
            defaults=defaults,
            dynamic_defaults=dynamic,
            triggers={k: tuple(v) for k, v in triggers.items()},
            instances=self.secondary(),
            choice_lists=choice_lists,
            scoring=self.scoring(),
            rules=self.rules(),
        )

    def graph(self, binds: list[Bind]) -> Graph:
        try:
            return Graph(binds, self.repeats, self.form.root.path)
        except FormError as exc:
            raise FormError(f"{self.source}: {exc}") from None

    def trigger_paths(self, question: Question) -> list[str]:
        """The questions whose answer sets this one (`${a}`, or pyxform's `('a', 'b')`)."""
        text = question.trigger.strip()
        names = re.findall(r"'([^']+)'", text) or re.findall(r"\$\{([^}]+)\}", text) or [text]
        for name in names:
            if name not in self.paths:
                raise self.fail(question, "trigger", f"no question named '{name}'")
        return [self.paths[name] for name in names]

    def default(
        self, question: Question, static: dict[str, Any], dynamic: dict[str, Expression]
    ) -> None:
        from pyxform.utils import default_is_dynamic

        xls_type = "dateTime" if question.type == "datetime" else question.type
        if default_is_dynamic(question.default, xls_type):
            dynamic[question.path] = self.expression(question, "default", question.default)
        else:
            static[question.path] = canonical_value(self.form, question, question.default)

    def secondary(self) -> dict[str, Node]:
        lists: dict[str, list[dict[str, object]]] = {}
        default = self.form.default_language
        for name, choices in (*self.form.choice_lists.items(), *self.form.external_choices.items()):
            lists.setdefault(name, [])
            for choice in choices:
                lists[name].append(
                    {**choice.extras, "name": choice.name, "label": text_in(choice.labels, default)}
                )
        return secondary_instances(lists)

    def scoring(self) -> ScoringSpec:
        """The `scoring` sheet checked against the form; its errors name the file."""
        try:
            spec = parse_scoring_sheet(self.form.extra_sheets.get("scoring", []))
            check_items(spec, frozenset(self.paths))
            check_scorable(spec, self.form)
        except ScoringSheetError as exc:
            raise ScoringSheetError(f"{self.source}: {exc}") from None
        return spec

    def rules(self) -> tuple[CompiledRule, ...]:
        """The `safeguarding` sheet's rules, compiled; errors name the file and the row."""
        try:
            rules = parse_safeguarding_sheet(self.form.extra_sheets.get("safeguarding", []))
            check_references(rules, frozenset(self.paths))
        except SafeguardingSheetError as exc:
            raise SafeguardingSheetError(f"{self.source}: {exc}") from None
        out = []
        for rule in rules:
            try:
                expr = compile_expression(rule.expression)
            except ExpressionError as exc:
                raise FormError(
                    f"{self.source}: safeguarding sheet, row {rule.row}: {exc}"
                ) from None
            out.append(CompiledRule(rule, expr))
        return tuple(out)


def _by_path(binds: list[Bind]) -> dict[str, dict[str, Bind]]:
    out: dict[str, dict[str, Bind]] = {}
    for bind in binds:
        out.setdefault(bind.path, {})[bind.kind] = bind
    return out
