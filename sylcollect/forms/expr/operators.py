"""XPath 1.0 comparison and arithmetic operators, with ODK's treatment of empty answers."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from types import MappingProxyType

from sylcollect.forms.expr.dates import looks_like_date
from sylcollect.forms.expr.values import (
    NodeSet,
    Value,
    string_to_number,
    to_boolean,
    to_number,
    to_string,
)

Test = Callable[[float, float], bool]
_RELATIONAL: dict[str, Test] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}
RELATIONAL: Mapping[str, Test] = MappingProxyType(_RELATIONAL)
"""< <= > >= and their tests on two numbers."""
COMPARISONS = frozenset({"=", "!=", *_RELATIONAL})
ARITHMETIC = frozenset({"+", "-", "*", "div", "mod"})


def compare(op: str, left: Value, right: Value) -> bool:
    """`left op right` for = != < <= > >=; comparisons with node-sets are existential."""
    if isinstance(left, list):
        if isinstance(right, list):
            return _compare_nodes(op, left, right)
        return _nodes_vs_atom(op, left, right, flipped=False)
    if isinstance(right, list):
        return _nodes_vs_atom(op, right, left, flipped=True)
    return _compare_atoms(op, left, right)


def _compare_atoms(op: str, a: str | float | bool, b: str | float | bool) -> bool:
    if op in _RELATIONAL:
        return _RELATIONAL[op](to_number(a), to_number(b))
    if isinstance(a, bool) or isinstance(b, bool):
        equal = to_boolean(a) == to_boolean(b)
    elif isinstance(a, float | int) or isinstance(b, float | int):
        equal = to_number(a) == to_number(b)
    elif isinstance(a, str) and isinstance(b, str) and looks_like_date(a) and looks_like_date(b):
        # two spellings of one date (2020-1-5, 2020-01-05) are equal, as in Enketo
        x, y = string_to_number(a), string_to_number(b)
        equal = x == y if not (math.isnan(x) or math.isnan(y)) else a == b
    else:
        equal = to_string(a) == to_string(b)
    return equal if op == "=" else not equal


def _compare_nodes(op: str, left: Value, right: Value) -> bool:
    if isinstance(left, list) and isinstance(right, list):
        if op in _RELATIONAL:
            rights = [to_number([n]) for n in right]
            return any(_RELATIONAL[op](to_number([n]), r) for n in left for r in rights)
        right_values = {n.value for n in right}
        if op == "=":
            return any(n.value in right_values for n in left)
        return any(n.value != r for n in left for r in right_values)
    if isinstance(left, list):
        return _nodes_vs_atom(op, left, right, flipped=False)  # type: ignore[arg-type]
    return _nodes_vs_atom(op, right, left, flipped=True)  # type: ignore[arg-type]


def _nodes_vs_atom(op: str, nodes: NodeSet, atom: str | float | bool, *, flipped: bool) -> bool:
    """Compare each node with an atom; `flipped` means the atom was on the left."""
    if isinstance(atom, bool):
        return _compare_atoms(op, *_order(to_boolean(nodes), atom, flipped))
    # numbers compared as numbers: what _compare_atoms gives, the atom converted once
    test = _RELATIONAL.get(op)
    if test is not None:
        b = to_number(atom)
        if len(nodes) == 1:
            a = string_to_number(nodes[0].value)
            return test(b, a) if flipped else test(a, b)
        if flipped:
            return any(test(b, string_to_number(n.value)) for n in nodes)
        return any(test(string_to_number(n.value), b) for n in nodes)
    if isinstance(atom, float | int):
        b = float(atom)
        if op == "=":
            return any(string_to_number(n.value) == b for n in nodes)
        return any(string_to_number(n.value) != b for n in nodes)
    return any(_compare_atoms(op, *_order(n.value, atom, flipped)) for n in nodes)


def _order(
    a: str | float | bool, b: str | float | bool, flipped: bool
) -> tuple[str | float | bool, str | float | bool]:
    return (b, a) if flipped else (a, b)


def arithmetic(op: str, left: Value, right: Value) -> float:
    """+ - * div mod on numbers; division by zero gives ±Infinity or NaN, as in XPath."""
    a, b = to_number(left), to_number(right)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "div":
        return divide(a, b)
    return modulo(a, b)


def divide(a: float, b: float) -> float:
    if b == 0:
        if a == 0 or math.isnan(a):
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, b)
    return a / b


def modulo(a: float, b: float) -> float:
    """XPath mod: the remainder of truncating division, with the sign of the dividend."""
    if b == 0 or math.isnan(a) or math.isnan(b) or math.isinf(a):
        return math.nan
    if math.isinf(b):
        return a
    return math.fmod(a, b)


def union(left: NodeSet, right: NodeSet) -> NodeSet:
    """The nodes of both sets, once each, in document order."""
    return sort_nodes(unique([*left, *right]))


def unique(nodes: NodeSet) -> NodeSet:
    seen: set[int] = set()
    out: NodeSet = []
    for n in nodes:
        if id(n) not in seen:
            seen.add(id(n))
            out.append(n)
    return out


def sort_nodes(nodes: NodeSet) -> NodeSet:
    if len(nodes) < 2:
        return nodes
    return sorted(nodes, key=lambda n: n.order_key())
