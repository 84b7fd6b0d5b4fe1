"""The machinery under `FormState`: the instance's cells and indexes, evaluating binds,
propagating a change through the dependency graph, relevance, validity and repeats."""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sylcollect.forms.answers import value_problem
from sylcollect.forms.compiled import CompiledForm
from sylcollect.forms.expr import (
    EvalContext,
    Expression,
    ExpressionError,
    Node,
    Value,
    evaluate_at,
    new_document,
    to_boolean,
    to_number,
    to_string,
)
from sylcollect.forms.model import Group, Question
from sylcollect.forms.state_build import Builder, Cell, as_text, walk
from sylcollect.forms.state_graph import Bind
from sylcollect.forms.state_index import Key, index_as_built, index_tree

#: A repeat_count above this is an error in the form, not a request for a million nodes.
MAX_REPEAT_COUNT = 1000


@dataclass(frozen=True)
class Changes:
    """What one update changed, per node: some of value, relevant, required, valid,
    readonly, choices, added, removed. Immutable."""

    items: Mapping[Key, frozenset[str]]
    evaluations: int = 0

    def __bool__(self) -> bool:
        return bool(self.items)

    def __contains__(self, key: object) -> bool:
        return key in self.items

    def keys_with(self, what: str) -> list[Key]:
        """The nodes where `what` changed, in document order."""
        return [k for k, v in self.items.items() if what in v]


class Engine:
    """Cells, indexes and bind evaluation for one state; mutable, one thread at a time."""

    def __init__(
        self,
        compiled: CompiledForm,
        answers: Mapping[str, Any] | None,
        clock: Callable[[], datetime],
        lang: str | None = None,
    ) -> None:
        self.compiled = compiled
        self.form = compiled.form
        self._clock = clock
        self._now = clock()
        self._cells: dict[Node, Cell] = {}
        self._resolved: dict[tuple[Node, str], list[Node]] = {}  # cleared on any add/remove
        self._builder = Builder(compiled, self._cells)
        self.root = new_document(self._builder.group(self.form.root, [answers or {}]))
        self._ctx = compiled.context.replaced(
            root=self.root,
            clock=lambda: self._now,
            once=self._once,
            resolved=self._resolved,
            language=lang,
        )
        self._nodes: dict[str, list[Node]] = {}
        self._order: dict[Node, int] = {}
        self._keys: dict[Node, Key] = {}
        self._contexts: dict[Node, EvalContext] = {}
        self._changes: dict[Node, set[str]] = {}
        self._touched: set[Node] = set()
        self._removed: list[Key] = []
        self.evaluations = 0
        self._quiet = True  # while the state is made: nobody reads its changes
        self._index_as_built()
        for node, cell in self._cells.items():
            if cell.answered:  # a new cell has no type problem until it has an answer
                self._type_check(cell)
            if cell.value:  # else _show finds the node's text already ""
                self._show(node, cell)
        self._start_evaluations = 0

    def key(self, node: Node) -> Key:
        """The generic path and repeat instance numbers of `node`."""
        known = self._keys.get(node)
        if known is not None:
            return known
        indices: list[int] = []
        path = node.path()
        for n in (node, *node.ancestors()):
            if n in self._cells and n.path() in self.compiled.repeat_paths:
                indices.append(n.sibling_position())
        return path, tuple(reversed(indices))

    def context(self, node: Node | None = None) -> EvalContext:
        """An evaluation context on this state's instance, bound to `node` (the root if None)."""
        if node is None:
            return self._ctx
        found = self._contexts.get(node)
        if found is None:
            found = self._contexts[node] = self._ctx.at(node)
        return found

    # -- updates -------------------------------------------------------------------------
    def _store(self, node: Node, cell: Cell, value: Any) -> bool:
        cell.answered = True
        cell.answer = value
        cell.pending_default = False
        text = as_text(value)
        self._answer_problem(node)
        self._touched.add(node)
        if text == cell.value:
            return False
        cell.value = text
        self._show(node, cell)
        return True

    def _answer_problem(self, node: Node) -> None:
        self._type_check(self._cells[node])

    def _type_check(self, cell: Cell) -> None:
        element = cell.element
        if not isinstance(element, Question) or not cell.answered or element.is_calculated:
            cell.type_problem = ""
            return
        empty = cell.answer is None or cell.answer == "" or cell.answer == []
        problem = None if empty else value_problem(self.form, element, cell.answer)
        cell.type_problem = problem or ""

    def _fire_triggers(self, node: Node, path: str, dirty: list[int]) -> None:
        for target_path, expr in self.compiled.triggers.get(path, ()):
            for target in self._nodes.get(target_path, ()):
                if not _same_instances(node, target):
                    continue
                value = self._evaluate(expr, target, "calculation")
                if value is not None and self._store(target, self._cells[target], to_string(value)):
                    dirty.extend(self.compiled.graph.readers(target_path))

    def _add_instance(self, owner: Node, group: Group, answers: Mapping[str, Any]) -> Node:
        node = self._builder.group(group, [answers])
        same = owner.children_named(group.name)
        if same:
            at = owner.children.index(same[-1]) + 1
        else:
            order = [c.name for c in self._cells[owner].element.children]  # type: ignore[union-attr]
            mine = order.index(group.name)
            later = set(order[mine + 1 :])
            found = (i for i, c in enumerate(owner.children) if c.name in later)
            at = next(found, len(owner.children))
        node.parent = owner
        owner.children.insert(at, node)
        self._resolved.clear()
        self._cells[node].relevant = self._cells[owner].relevant
        for inner in walk(node):
            cell = self._cells[inner]
            cell.relevant = cell.own_relevant and self._cells[inner.parent].relevant  # type: ignore[index]
            self._answer_problem(inner)
            self._show(inner, cell)
            self._mark(inner, "added")
            self._touched.add(inner)
        return node

    def _remove_instance(self, node: Node) -> None:
        for inner in walk(node):
            self._removed.append(self.key(inner))
            self._touched.discard(inner)
            self._changes.pop(inner, None)
        assert node.parent is not None
        node.parent.remove(node)
        self._resolved.clear()
        self._builder.forget(node)

    def _after_instances(self, repeat_path: str) -> None:
        self._reindex()
        self._propagate(list(self.compiled.graph.instance_readers(repeat_path)))

    # -- evaluation -----------------------------------------------------------
    def _begin(self) -> None:
        self._changes = {}
        self._touched = set()
        self._removed = []
        self._start_evaluations = self.evaluations

    def _finish(self) -> Changes:
        self._settle()
        items: dict[Key, frozenset[str]] = {}
        last = len(self._order)
        for node, what in sorted(self._changes.items(), key=lambda i: self._order.get(i[0], last)):
            if node in self._cells and what:
                items[self.key(node)] = frozenset(what)
        for key in self._removed:
            items[key] = frozenset({"removed"})
        return Changes(items, self.evaluations - self._start_evaluations)

    def _settle(self) -> None:
        """Apply pending dynamic defaults, then check every touched question."""
        while self.compiled.dynamic_defaults:  # else no cell can have one pending
            pending = [n for n in self._touched if self._cells[n].pending_default]
            if not pending:
                break
            dirty: list[int] = []
            for node in sorted(pending, key=lambda n: self._order.get(n, len(self._order))):
                cell = self._cells[node]
                cell.pending_default = False
                expr = self.compiled.dynamic_defaults[cell.element.path]
                value = self._evaluate(expr, node, "default")
                if value is not None and to_string(value) != "":
                    self._store(node, cell, to_string(value))
                    cell.answered = False
                    dirty.extend(self.compiled.graph.readers(cell.element.path))
            self._propagate(dirty)
        for node in self._touched:
            if node in self._cells:
                self._check(node, self._cells[node])

    def _propagate(self, ranks: Sequence[int]) -> None:
        """Run the binds `ranks` and, transitively, those reading what they changed."""
        heap = list(set(ranks))
        heapq.heapify(heap)
        done: set[int] = set()
        while heap:
            rank = heapq.heappop(heap)
            if rank in done:
                continue
            done.add(rank)
            bind = self.compiled.graph.binds[rank]
            if self._run(rank, full=False) and bind.writes:
                graph = self.compiled.graph
                if bind.kind == "repeat_count":
                    later = graph.instance_readers(bind.path)
                else:
                    later = graph.readers(bind.path, subtree=bind.kind == "relevant")
                for other in later:
                    if other > rank and other not in done:
                        heapq.heappush(heap, other)

    def _run(self, rank: int, full: bool) -> bool:
        """Evaluate one bind on every instance of its element; True if its output changed."""
        graph = self.compiled.graph
        bind = graph.binds[rank]
        if bind.kind == "repeat_count":
            return self._run_count(bind)
        changed = False
        kind, tree, cells, ctx = bind.kind, bind.expr.tree, self._cells, self._ctx
        constant = graph.constants[rank]
        keep_volatile = full and bind.expr.volatile and kind == "calculate"
        failed = kind + ":"
        for node in self._nodes.get(bind.path, ()):
            cell = cells[node]
            if keep_volatile and cell.value:
                continue
            # what _evaluate does, inline: this loop is where a state spends its time
            self.evaluations += 1
            try:
                value: Value | None = evaluate_at(tree, ctx, node) if constant is None else constant
            except ExpressionError as exc:
                cell.error = f"{kind}: {exc}"
                value = None
            else:
                if cell.error and cell.error.startswith(failed):
                    cell.error = ""
            changed |= self._apply(kind, node, cell, value)
        return changed

    def _apply(self, kind: str, node: Node, cell: Cell, value: Value | None) -> bool:
        if kind in _FLAGS:  # required, constraint or readonly: the most common binds
            flag = False if value is None else to_boolean(value)
            if kind == "required":
                if cell.required == flag:
                    return False
                cell.required = flag
            elif kind == "constraint":
                if cell.constraint_ok == flag:
                    return False
                cell.constraint_ok = flag
                self._touched.add(node)
                return True
            else:
                if cell.readonly == flag:
                    return False
                cell.readonly = flag
            self._touched.add(node)
            self._mark(node, kind)
            return True
        if kind == "calculate":
            text = "" if value is None else to_string(value)
            if text == cell.value:
                return False
            cell.value = text
            self._touched.add(node)
            return self._show(node, cell)
        if kind == "relevant":
            relevant = True if value is None else to_boolean(value)
            if relevant == cell.own_relevant:
                return False
            cell.own_relevant = relevant
            return self._relevance_from(node)
        if kind != "choices":
            raise AssertionError(kind)  # pragma: no cover
        choices = _choice_names(value)
        if choices == cell.choices:
            return False
        cell.choices = choices
        self._touched.add(node)
        self._mark(node, kind)
        return True

    def _run_count(self, bind: Bind) -> bool:
        group = self.compiled.elements[bind.path]
        assert isinstance(group, Group)
        changed = False
        for owner in self._nodes.get(bind.path.rsplit("/", 1)[0], ()):
            value = self._evaluate(bind.expr, owner, bind.kind)
            number = 0.0 if value is None else to_number(value)
            wanted = 0 if math.isnan(number) or number < 0 else int(min(number, MAX_REPEAT_COUNT))
            have = owner.children_named(group.name)
            for _ in range(len(have), wanted):
                self._add_instance(owner, group, {})
            for extra in reversed(have[wanted:]):
                self._remove_instance(extra)
            changed |= wanted != len(have)
        if changed:
            self._reindex()
        return changed

    def _evaluate(self, expr: Expression, node: Node, kind: str) -> Value | None:
        """`expr` bound to `node`; None (and the cell's error set) if it fails."""
        self.evaluations += 1
        try:
            value = evaluate_at(expr.tree, self._ctx, node)
        except ExpressionError as exc:
            self._cells[node].error = f"{kind}: {exc}"
            return None
        cell = self._cells[node]
        if cell.error and cell.error.startswith(kind + ":"):
            cell.error = ""
        return value

    def _relevance_from(self, start: Node) -> bool:
        """Recompute the inherited relevance below `start`; True if any changed."""
        parent = self._cells.get(start.parent) if start.parent is not None else None
        stack = [(start, parent.relevant if parent is not None else True)]
        changed = False
        while stack:
            node, above = stack.pop()
            cell = self._cells[node]
            relevant = cell.own_relevant and above
            if relevant == cell.relevant:
                continue
            cell.relevant = relevant
            changed = True
            self._mark(node, "relevant")
            self._touched.add(node)
            self._show(node, cell)
            stack.extend((c, relevant) for c in node.children)
        return changed

    def _show(self, node: Node, cell: Cell) -> bool:
        """Put the cell's value (empty when not relevant) into its node; True if it changed."""
        if node.children or isinstance(cell.element, Group):
            return False
        text = cell.value if cell.relevant else ""
        if text == node.text:
            return False
        node.text = text
        self._mark(node, "value")
        return True

    def _check(self, node: Node, cell: Cell) -> None:
        element = cell.element
        if not isinstance(element, Question):
            return
        before = cell.problem
        if not cell.relevant:
            problem = ""
        elif cell.value == "":
            problem = "required" if cell.required else ""
        elif cell.type_problem:
            problem = "type:" + cell.type_problem
        elif cell.choices is not None and not _offered(element, cell):
            problem = "choice"
        elif not cell.constraint_ok:
            problem = "constraint"
        else:
            problem = ""
        cell.problem = problem
        if problem != before:
            self._mark(node, "valid")

    def _mark(self, node: Node, what: str) -> None:
        if self._quiet:
            return
        found = self._changes.get(node)
        if found is None:
            self._changes[node] = {what}
        else:
            found.add(what)

    def _once(self, node: Node) -> str:
        cell = self._cells.get(node)
        return cell.value if cell is not None else node.text

    def _index_as_built(self) -> None:
        """Index the cells as the builder made them (see `index_as_built`)."""
        self._nodes, self._order, self._keys = index_as_built(self._cells, self.compiled)
        self._contexts = {}

    def _reindex(self) -> None:
        """Index the nodes by path, document order and key (after instances change)."""
        self._resolved.clear()
        self._contexts = {}
        index = index_tree(self.root, self._cells, self.compiled.repeat_paths)
        self._nodes, self._order, self._keys = index


_FLAGS = frozenset({"required", "constraint", "readonly"})


def _choice_names(value: Value | None) -> tuple[str, ...] | None:
    if not isinstance(value, list):
        return None
    names = []
    for item in value:
        name = item.child("name")
        names.append(name.value if name is not None else "")
    return tuple(names)


def _offered(question: Question, cell: Cell) -> bool:
    offered = set(cell.choices or ())
    if question.or_other:
        offered.add("other")
    values = cell.value.split() if question.type in ("select_multiple", "rank") else [cell.value]
    return all(v in offered for v in values)


def _same_instances(a: Node, b: Node) -> bool:
    """True when `b` is in the same repeat instances as `a` (as far as they share repeats)."""
    mine = {id(n) for n in a.ancestors()}
    paths = {n.path() for n in a.ancestors()}
    return all(id(n) in mine for n in b.ancestors() if n.path() in paths)
