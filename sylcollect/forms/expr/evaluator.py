"""Evaluates a syntax tree against an instance with ODK semantics."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sylcollect.forms.expr.context import EvalContext
from sylcollect.forms.expr.errors import ExpressionError
from sylcollect.forms.expr.functions import FUNCTIONS
from sylcollect.forms.expr.instance import Node, document_of
from sylcollect.forms.expr.navigation import axis_nodes, child_nodes, matches, resolve_path
from sylcollect.forms.expr.operators import (
    ARITHMETIC,
    COMPARISONS,
    arithmetic,
    compare,
    sort_nodes,
    union,
    unique,
)
from sylcollect.forms.expr.parser import parse
from sylcollect.forms.expr.syntax import (
    Binary,
    Call,
    Expr,
    Filter,
    Literal,
    Negate,
    Number,
    Path,
    Ref,
    Step,
)
from sylcollect.forms.expr.values import NodeSet, Value, to_boolean, to_number

_REVERSE_AXES = frozenset(
    {"parent", "ancestor", "ancestor-or-self", "preceding", "preceding-sibling"}
)


def evaluate(expr: Expr | str, ctx: EvalContext) -> Value:
    """The value of `expr` (text or tree): str, float, bool or a node-set (list of Node)."""
    if isinstance(expr, str):
        tree, source = parse(expr), expr
    else:
        tree, source = expr, ""
    return evaluate_at(tree, ctx, ctx.context if ctx.context is not None else ctx.root, source)


def evaluate_at(tree: Expr, ctx: EvalContext, node: Node, source: str = "") -> Value:
    """`evaluate(tree, ctx.at(node))` without making the moved context."""
    state = State(ctx, node, 1, 1, node, source)
    try:
        return state.eval(tree)
    except RecursionError:
        raise state.fail("expression too deeply nested to evaluate") from None
    except (ArithmeticError, ValueError) as exc:
        raise state.fail(f"could not evaluate ({type(exc).__name__})") from None


class State:
    """One evaluation's position: context node, position and size, and `current()`."""

    __slots__ = ("ctx", "node", "origin", "position", "size", "source")

    def __init__(
        self, ctx: EvalContext, node: Node, position: int, size: int, origin: Node, source: str
    ) -> None:
        self.ctx = ctx
        self.node = node
        self.position = position
        self.size = size
        self.origin = origin
        self.source = source

    def fail(self, message: str, expr: Expr | None = None) -> ExpressionError:
        pos = expr.pos if expr is not None and self.source else None
        return ExpressionError(message, position=pos, source=self.source)

    def moved(self, node: Node, position: int, size: int) -> State:
        return State(self.ctx, node, position, size, self.origin, self.source)

    def nodes(self, expr: Expr, what: str) -> NodeSet:
        """Evaluate `expr`, which must give a node-set."""
        value = self.eval(expr)
        if not isinstance(value, list):
            raise self.fail(f"{what} needs a node-set, not a {_type_name(value)}", expr)
        return value

    def eval(self, expr: Expr) -> Value:
        method = _EVAL.get(type(expr))
        if method is None:
            raise AssertionError(expr)  # pragma: no cover
        return method(self, expr)

    # one method per kind of syntax node, chosen by its type (see _EVAL)
    def _literal(self, expr: Literal | Number) -> Value:
        return expr.value

    def _ref(self, expr: Ref) -> Value:
        return self.reference(expr, expr.name)

    def _binary(self, expr: Binary) -> Value:
        return self.binary(expr.op, expr.left, expr.right)

    def _negate(self, expr: Negate) -> Value:
        return -to_number(self.eval(expr.operand))

    def _call(self, expr: Call) -> Value:
        return FUNCTIONS[expr.name](self, expr.args)

    def _path(self, expr: Path) -> Value:
        start = [document_of(self.ctx.root)] if expr.absolute else [self.node]
        return self.steps(start, expr.steps)

    def _filter(self, expr: Filter) -> Value:
        nodes = self.nodes(expr.primary, "a path or predicate")
        for predicate in expr.predicates:
            nodes = self.filter(nodes, predicate)
        return self.steps(nodes, expr.steps)

    def binary(self, op: str, left: Expr, right: Expr) -> Value:
        if op == "or":
            return to_boolean(self.eval(left)) or to_boolean(self.eval(right))
        if op == "and":
            return to_boolean(self.eval(left)) and to_boolean(self.eval(right))
        a, b = self.eval(left), self.eval(right)
        if op in COMPARISONS:
            return compare(op, a, b)
        if op in ARITHMETIC:
            return arithmetic(op, a, b)
        if not isinstance(a, list) or not isinstance(b, list):
            raise self.fail("'|' joins node-sets only")
        return union(a, b)

    # -- references and paths -----------------------------------------------------------
    def reference(self, expr: Ref, name: str) -> NodeSet:
        """`${name}`: the instance(s) in the current repeat if shared, else all of them."""
        path = self.ctx.paths.get(name)
        if path is None:
            raise self.fail(f"unknown name '${{{name}}}'", expr)
        return resolve_path(self.ctx.root, self.origin, path)

    def steps(self, nodes: NodeSet, steps: tuple[Step, ...]) -> NodeSet:
        for step in steps:
            nodes = self.step(nodes, step)
        return nodes

    def step(self, nodes: NodeSet, step: Step) -> NodeSet:
        if len(nodes) == 1 and not step.predicates:  # the common cases, without the loop
            axis, test = step.axis, step.test
            if axis == "child":
                return child_nodes(nodes[0], test)
            if test == "node()":
                if axis == "self":
                    return [nodes[0]]
                if axis == "parent":
                    parent = nodes[0].parent
                    return [parent] if parent is not None else []
        out: NodeSet = []
        for node in nodes:
            if step.axis == "child":
                found = child_nodes(node, step.test)
            else:
                found = [n for n in axis_nodes(node, step.axis) if matches(n, step.test)]
            for predicate in step.predicates:
                found = self.filter(found, predicate)
            out.extend(found)
        if len(nodes) > 1 or step.axis in _REVERSE_AXES or step.axis.startswith("desc"):
            return sort_nodes(unique(out))
        return out

    def filter(self, nodes: NodeSet, predicate: Expr) -> NodeSet:
        kept: NodeSet = []
        size = len(nodes)
        for i, node in enumerate(nodes, 1):
            value = self.moved(node, i, size).eval(predicate)
            if isinstance(value, float) and not isinstance(value, bool):
                if value == i:
                    kept.append(node)
            elif to_boolean(value):
                kept.append(node)
        return kept


_EVAL: dict[type, Callable[[State, Any], Value]] = {
    Literal: State._literal,
    Number: State._literal,
    Ref: State._ref,
    Binary: State._binary,
    Negate: State._negate,
    Call: State._call,
    Path: State._path,
    Filter: State._filter,
}


def _type_name(value: Value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, float | int):
        return "number"
    return "string" if isinstance(value, str) else "node-set"
