"""XPath 1.0 core functions (strings, numbers, booleans, node-sets) and the registry."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from sylcollect.forms.expr.signatures import ARITY
from sylcollect.forms.expr.syntax import Expr
from sylcollect.forms.expr.values import (
    NodeSet,
    Value,
    string_to_number,
    to_boolean,
    to_number,
    to_string,
)

if TYPE_CHECKING:
    from sylcollect.forms.expr.evaluator import State

Args = tuple[Expr, ...]
Function = Callable[["State", Args], Value]
FUNCTIONS: dict[str, Function] = {}


def function(*names: str) -> Callable[[Function], Function]:
    """Register an implementation under one or more names; args arrive unevaluated (lazy)."""

    def register(fn: Function) -> Function:
        for name in names:
            FUNCTIONS[name] = fn
        return fn

    return register


def s(st: State, expr: Expr) -> str:
    return to_string(st.eval(expr))


def n(st: State, expr: Expr) -> float:
    return to_number(st.eval(expr))


def flat(st: State, args: Args) -> list[Value]:
    """Evaluated arguments with node-sets spread into one value (a one-node set) per node."""
    out: list[Value] = []
    for arg in args:
        value = st.eval(arg)
        if isinstance(value, list):
            out.extend([node] for node in value)
        else:
            out.append(value)
    return out


def context_or_arg(st: State, args: Args) -> str:
    return s(st, args[0]) if args else st.node.value


# -- node-sets ----------------------------------------------------------------------------
@function("last")
def _last(st: State, args: Args) -> Value:
    return float(st.size)


@function("position")
def _position(st: State, args: Args) -> Value:
    if not args:
        return float(st.position)
    nodes = st.nodes(args[0], "position()")
    if not nodes:
        raise st.fail("position() was given an empty node-set", args[0])
    return float(nodes[0].sibling_position())


@function("count")
def _count(st: State, args: Args) -> Value:
    return float(len(st.nodes(args[0], "count()")))


@function("count-non-empty")
def _count_non_empty(st: State, args: Args) -> Value:
    return float(sum(1 for node in st.nodes(args[0], "count-non-empty()") if node.value))


@function("name", "local-name")
def _name(st: State, args: Args) -> Value:
    nodes: NodeSet = st.nodes(args[0], "name()") if args else [st.node]
    return nodes[0].name if nodes and not nodes[0].is_document else ""


# -- strings ------------------------------------------------------------------------------
@function("string")
def _string(st: State, args: Args) -> Value:
    return context_or_arg(st, args)


@function("concat")
def _concat(st: State, args: Args) -> Value:
    return "".join(to_string(v) for v in flat(st, args))


@function("join")
def _join(st: State, args: Args) -> Value:
    return s(st, args[0]).join(to_string(v) for v in flat(st, args[1:]))


@function("starts-with")
def _starts_with(st: State, args: Args) -> Value:
    return s(st, args[0]).startswith(s(st, args[1]))


@function("ends-with")
def _ends_with(st: State, args: Args) -> Value:
    return s(st, args[0]).endswith(s(st, args[1]))


@function("contains")
def _contains(st: State, args: Args) -> Value:
    return s(st, args[1]) in s(st, args[0])


@function("substring-before")
def _substring_before(st: State, args: Args) -> Value:
    text, sep = s(st, args[0]), s(st, args[1])
    return text.partition(sep)[0] if sep in text else ""


@function("substring-after")
def _substring_after(st: State, args: Args) -> Value:
    text, sep = s(st, args[0]), s(st, args[1])
    return text.partition(sep)[2] if sep in text else ""


@function("substring")
def _substring(st: State, args: Args) -> Value:
    """XPath 1.0 substring(): 1-based, rounded start and length."""
    text = s(st, args[0])
    start = xpath_round(n(st, args[1]))
    end = start + xpath_round(n(st, args[2])) if len(args) > 2 else math.inf
    return "".join(c for i, c in enumerate(text, 1) if start <= i < end)


@function("substr")
def _substr(st: State, args: Args) -> Value:
    """ODK substr(): 0-based start, exclusive end; negatives count from the end."""
    text = s(st, args[0])
    start = _slice_index(n(st, args[1]))
    end = _slice_index(n(st, args[2])) if len(args) > 2 else None
    return text[start:end]


def _slice_index(x: float) -> int:
    if math.isnan(x):
        return 0
    if math.isinf(x):
        return 2**62 if x > 0 else -(2**62)
    return int(x)


@function("string-length")
def _string_length(st: State, args: Args) -> Value:
    return float(len(context_or_arg(st, args)))


@function("normalize-space")
def _normalize_space(st: State, args: Args) -> Value:
    return " ".join(p for p in re.split(r"[ \t\r\n]+", context_or_arg(st, args)) if p)


@function("translate")
def _translate(st: State, args: Args) -> Value:
    text, old, new = s(st, args[0]), s(st, args[1]), s(st, args[2])
    table: dict[int, int | None] = {}
    for i, ch in enumerate(old):
        table.setdefault(ord(ch), ord(new[i]) if i < len(new) else None)
    return text.translate(table)


@function("lower-case")
def _lower(st: State, args: Args) -> Value:
    return s(st, args[0]).lower()


@function("upper-case")
def _upper(st: State, args: Args) -> Value:
    return s(st, args[0]).upper()


@function("regex")
def _regex(st: State, args: Args) -> Value:
    value, pattern = s(st, args[0]), s(st, args[1])
    compiled = _compile(pattern)
    if compiled is None:
        raise st.fail("regex() was given an invalid regular expression", args[1])
    return compiled.search(value) is not None


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return None


@function("coalesce")
def _coalesce(st: State, args: Args) -> Value:
    return s(st, args[0]) or s(st, args[1])


# -- booleans -----------------------------------------------------------------------------
@function("boolean")
def _boolean(st: State, args: Args) -> Value:
    return to_boolean(st.eval(args[0]))


@function("not")
def _not(st: State, args: Args) -> Value:
    return not to_boolean(st.eval(args[0]))


@function("true")
def _true(st: State, args: Args) -> Value:
    return True


@function("false")
def _false(st: State, args: Args) -> Value:
    return False


@function("boolean-from-string")
def _boolean_from_string(st: State, args: Args) -> Value:
    return s(st, args[0]) in ("true", "1")


@function("if")
def _if(st: State, args: Args) -> Value:
    """Only the chosen branch is evaluated."""
    return st.eval(args[1] if to_boolean(st.eval(args[0])) else args[2])


# -- numbers ------------------------------------------------------------------------------
@function("number")
def _number(st: State, args: Args) -> Value:
    return to_number(st.eval(args[0])) if args else string_to_number(st.node.value)


@function("int")
def _int(st: State, args: Args) -> Value:
    x = n(st, args[0])
    return x if math.isnan(x) or math.isinf(x) else float(math.trunc(x))


@function("sum")
def _sum(st: State, args: Args) -> Value:
    return math.fsum(string_to_number(node.value) for node in st.nodes(args[0], "sum()"))


@function("floor")
def _floor(st: State, args: Args) -> Value:
    x = n(st, args[0])
    return x if math.isnan(x) or math.isinf(x) else float(math.floor(x))


@function("ceiling")
def _ceiling(st: State, args: Args) -> Value:
    x = n(st, args[0])
    return x if math.isnan(x) or math.isinf(x) else float(math.ceil(x))


def xpath_round(x: float) -> float:
    """XPath 1.0 round(): halves go up (towards +Infinity)."""
    return x if math.isnan(x) or math.isinf(x) else float(math.floor(x + 0.5))


_DECIMAL = Context(prec=800, rounding=ROUND_HALF_UP)


def round_half_away(x: float, digits: int = 0) -> float:
    """ODK round(): to `digits` decimals, halves away from zero, on the decimal value shown."""
    if math.isnan(x) or math.isinf(x) or digits > 350:
        return x
    if digits < -350:
        return math.copysign(0.0, x)
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(x)).quantize(quantum, context=_DECIMAL))


@function("round")
def _round(st: State, args: Args) -> Value:
    x = n(st, args[0])
    if len(args) == 1:
        return round_half_away(x)
    digits = n(st, args[1])
    if math.isnan(digits) or math.isinf(digits):
        return math.nan
    return round_half_away(x, math.trunc(digits))


@function("abs")
def _abs(st: State, args: Args) -> Value:
    return abs(n(st, args[0]))


@function("pow")
def _pow(st: State, args: Args) -> Value:
    return power(n(st, args[0]), n(st, args[1]))


def power(x: float, y: float) -> float:
    """x to the power y with JavaScript's edge cases (NaN exponent is NaN, overflow is inf)."""
    if math.isnan(y) or (math.isnan(x) and y != 0):
        return math.nan
    try:
        return math.pow(x, y)
    except OverflowError:
        return math.inf if x > 0 or y % 2 == 0 else -math.inf
    except ValueError:
        return math.inf if x == 0 else math.nan


def _unary(name: str, fn: Callable[[float], float]) -> None:
    def apply(st: State, args: Args) -> Value:
        x = n(st, args[0])
        try:
            return fn(x)
        except OverflowError:
            return math.inf
        except ValueError:
            return math.nan

    FUNCTIONS[name] = apply


def _log(x: float) -> float:
    return -math.inf if x == 0 else math.log(x)


def _log10(x: float) -> float:
    return -math.inf if x == 0 else math.log10(x)


for _name_, _fn in {
    "sqrt": math.sqrt,
    "exp": math.exp,
    "exp10": lambda x: power(10.0, x),
    "log": _log,
    "log10": _log10,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "asin": math.asin,
    "acos": math.acos,
    "atan": math.atan,
}.items():
    _unary(_name_, _fn)


@function("atan2")
def _atan2(st: State, args: Args) -> Value:
    return math.atan2(n(st, args[0]), n(st, args[1]))


@function("pi")
def _pi(st: State, args: Args) -> Value:
    return math.pi


def _numbers(st: State, args: Args) -> list[float] | None:
    """All arguments as numbers (node-sets spread); None if any is NaN or there are none."""
    numbers = [to_number(v) for v in flat(st, args)]
    if not numbers or any(math.isnan(x) for x in numbers):
        return None
    return numbers


@function("min")
def _min(st: State, args: Args) -> Value:
    numbers = _numbers(st, args)
    return math.nan if numbers is None else min(numbers)


@function("max")
def _max(st: State, args: Args) -> Value:
    numbers = _numbers(st, args)
    return math.nan if numbers is None else max(numbers)


# ODK's own functions register themselves on import.
from sylcollect.forms.expr import odk_functions  # noqa: E402

assert set(FUNCTIONS) == set(ARITY), set(FUNCTIONS) ^ set(ARITY)
del odk_functions
