"""Evaluates a syntax tree against an instance with ODK semantics.

Each tree is turned once into nested Python closures (`runner`, kept by tree identity), one
per syntax node, which the evaluation state runs; functions get their arguments unevaluated
and evaluate them through `State.eval`, which runs the same closures.
"""

from __future__ import annotations

from collections.abc import Callable

from sylcollect.forms.expr.context import EvalContext
from sylcollect.forms.expr.dates import looks_like_date
from sylcollect.forms.expr.errors import ExpressionError
from sylcollect.forms.expr.functions import FUNCTIONS
from sylcollect.forms.expr.instance import Node, document_of
from sylcollect.forms.expr.navigation import axis_nodes, child_nodes, matches, resolve_path
from sylcollect.forms.expr.operators import (
    ARITHMETIC,
    COMPARISONS,
    RELATIONAL,
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
from sylcollect.forms.expr.values import (
    NodeSet,
    Value,
    string_to_number,
    to_boolean,
    to_number,
)

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
        return runner(tree)(state)
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
        value = runner(expr)(self)
        if not isinstance(value, list):
            raise self.fail(f"{what} needs a node-set, not a {_type_name(value)}", expr)
        return value

    def eval(self, expr: Expr) -> Value:
        return runner(expr)(self)

    # -- paths ----------------------------------------------------------------------------
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
        run = runner(predicate)
        for i, node in enumerate(nodes, 1):
            value = run(self.moved(node, i, size))
            if isinstance(value, float) and not isinstance(value, bool):
                if value == i:
                    kept.append(node)
            elif to_boolean(value):
                kept.append(node)
        return kept


# -- syntax trees as Python closures ---------------------------------------------------------
Runner = Callable[[State], Value]
"""A syntax tree made into one function of the evaluation state (see `runner`)."""

_RUNNERS: dict[int, tuple[Expr, Runner]] = {}
_MAX_RUNNERS = 16384


def runner(expr: Expr) -> Runner:
    """The function evaluating `expr`, made once per tree (the tree is kept alive with it,
    so its id is not reused while the entry stands)."""
    found = _RUNNERS.get(id(expr))
    if found is not None and found[0] is expr:
        return found[1]
    run = _make(expr)
    if len(_RUNNERS) >= _MAX_RUNNERS:
        _RUNNERS.clear()
    _RUNNERS[id(expr)] = (expr, run)
    return run


def _make(expr: Expr) -> Runner:
    """One closure per syntax node; XPath semantics as in the helpers they call."""
    match expr:
        case Literal(value=value) | Number(value=value):
            return lambda st: value
        case Ref(name=name):
            return _make_ref(expr, name)
        case Binary(op=op, left=left, right=Number(value=float() as number)) if op in RELATIONAL:
            return _make_relational(op, _make(left), number)
        case Binary(op="=" | "!=" as op, left=left, right=Literal(value=str() as text)) if (
            not looks_like_date(text)
        ):
            return _make_equality(op, _make(left), text)
        case Binary(op=op, left=left, right=right):
            return _make_binary(op, _make(left), _make(right))
        case Negate(operand=operand):
            inner = _make(operand)
            return lambda st: -to_number(inner(st))
        case Call(name=name, args=args):
            return _make_call(name, args)
        case Path(absolute=absolute, steps=steps):
            return _make_path(absolute, steps)
        case Filter(primary=primary, predicates=predicates, steps=steps):
            return _make_filter(primary, _make(primary), predicates, steps)
    raise AssertionError(expr)  # pragma: no cover


def _make_ref(expr: Ref, name: str) -> Runner:
    def ref(st: State) -> Value:
        """`${name}`: the instance(s) in the current repeat if shared, else all of them."""
        ctx = st.ctx
        path = ctx.paths.get(name)
        if path is None:
            raise st.fail(f"unknown name '${{{name}}}'", expr)
        cache = ctx.resolved
        if cache is None:
            return resolve_path(ctx.root, st.origin, path)
        key = (st.origin, path)
        found = cache.get(key)
        if found is None:
            found = cache[key] = resolve_path(ctx.root, st.origin, path)
        return list(found)  # a list of its own: the caller may change it

    return ref


def _make_binary(op: str, left: Runner, right: Runner) -> Runner:
    if op == "or":
        return lambda st: to_boolean(left(st)) or to_boolean(right(st))
    if op == "and":
        return lambda st: to_boolean(left(st)) and to_boolean(right(st))
    if op in COMPARISONS:
        return lambda st: compare(op, left(st), right(st))
    if op in ARITHMETIC:
        return lambda st: arithmetic(op, left(st), right(st))

    def join(st: State) -> Value:
        a, b = left(st), right(st)
        if not isinstance(a, list) or not isinstance(b, list):
            raise st.fail("'|' joins node-sets only")
        return union(a, b)

    return join


def _make_relational(op: str, left: Runner, number: float) -> Runner:
    """`left < 3` and the like: what compare() gives, for a literal number on the right."""
    test = RELATIONAL[op]

    def relational(st: State) -> Value:
        a = left(st)
        if isinstance(a, list):  # as compare() -> _nodes_vs_atom(op, a, number)
            if len(a) == 1:
                return test(string_to_number(a[0].value), number)
            return any(test(string_to_number(n.value), number) for n in a)
        return compare(op, a, number)

    return relational


def _make_equality(op: str, left: Runner, text: str) -> Runner:
    """`left = 'yes'` and `!=`: what compare() gives for a literal that is not a date (so
    a node's value is compared as text, never as a date)."""
    equal = op == "="

    def equality(st: State) -> Value:
        a = left(st)
        if isinstance(a, list):  # as compare() -> _nodes_vs_atom(op, a, text)
            if equal:
                return any(n.value == text for n in a)
            return any(n.value != text for n in a)
        return compare(op, a, text)

    return equality


def _make_call(name: str, args: tuple[Expr, ...]) -> Runner:
    fn = FUNCTIONS.get(name)
    if fn is None:  # not a known function: fail as a lookup would, when evaluated
        return lambda st: FUNCTIONS[name](st, args)
    return lambda st: fn(st, args)


def _make_path(absolute: bool, steps: tuple[Step, ...]) -> Runner:
    if absolute:
        return lambda st: st.steps([document_of(st.ctx.root)], steps)
    if steps == (_SELF,):  # `.`
        return lambda st: [st.node]
    return lambda st: st.steps([st.node], steps)


def _make_filter(
    primary: Expr, first: Runner, predicates: tuple[Expr, ...], steps: tuple[Step, ...]
) -> Runner:
    def filtered(st: State) -> Value:
        nodes = first(st)
        if not isinstance(nodes, list):
            raise st.fail(
                f"a path or predicate needs a node-set, not a {_type_name(nodes)}", primary
            )
        for predicate in predicates:
            nodes = st.filter(nodes, predicate)
        return st.steps(nodes, steps)

    return filtered


_SELF = Step("self", "node()")


def _type_name(value: Value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, float | int):
        return "number"
    return "string" if isinstance(value, str) else "node-set"
