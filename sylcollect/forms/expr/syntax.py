"""The immutable syntax tree of an expression, and its XPath serialisation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sylcollect.forms.expr.values import format_number


@dataclass(frozen=True, slots=True)
class Literal:
    """A string literal."""

    value: str
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Number:
    """A number literal."""

    value: float
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Ref:
    """An XLSForm `${name}` reference to a question, group or repeat."""

    name: str
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Binary:
    """A binary operator: or and = != < <= > >= + - * div mod |."""

    op: str
    left: Expr
    right: Expr
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Negate:
    """Unary minus."""

    operand: Expr
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Call:
    """A function call; the name keeps its prefix (`jr:choice-name`)."""

    name: str
    args: tuple[Expr, ...]
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Step:
    """One location step: axis, node test (name, `*`, `p:*`, `node()`, `text()`), predicates."""

    axis: str
    test: str
    predicates: tuple[Expr, ...] = ()
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Path:
    """A location path, absolute (`/data/q`) or relative to the context node (`../q`)."""

    absolute: bool
    steps: tuple[Step, ...]
    pos: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Filter:
    """A primary expression with predicates and an optional path after it (`current()/../q`)."""

    primary: Expr
    predicates: tuple[Expr, ...] = ()
    steps: tuple[Step, ...] = ()
    pos: int = field(default=0, compare=False)


Expr = Literal | Number | Ref | Binary | Negate | Call | Path | Filter

# Binding strength of binary operators (higher binds tighter), as in XPath 1.0.
PRECEDENCE: dict[str, int] = {
    "or": 1,
    "and": 2,
    "=": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "div": 6,
    "mod": 6,
    "|": 8,
}
UNARY_PRECEDENCE = 7


def children(expr: Expr) -> tuple[Expr, ...]:
    """The expressions directly inside `expr` (operands, arguments, predicates)."""
    match expr:
        case Binary(left=left, right=right):
            return (left, right)
        case Negate(operand=operand):
            return (operand,)
        case Call(args=args):
            return args
        case Path(steps=steps):
            return tuple(p for step in steps for p in step.predicates)
        case Filter(primary=primary, predicates=predicates, steps=steps):
            return (primary, *predicates, *(p for step in steps for p in step.predicates))
    return ()


def height(expr: Expr) -> int:
    """How deep the tree is (a single value: 1), found without recursion: a chain of 1,000
    `+` is 1,000 deep, too deep for the recursive walks that read the tree."""
    deepest = 0
    stack = [(expr, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children(node))
    return deepest


def to_xpath(expr: Expr, paths: Mapping[str, str] | None = None) -> str:
    """Serialise a tree back to XPath; with `paths`, `${name}` becomes its absolute path."""
    return _Writer(paths).write(expr, 0)


class _Writer:
    """Writes a syntax tree as XPath text with the fewest parentheses that keep its meaning."""

    def __init__(self, paths: Mapping[str, str] | None) -> None:
        self.paths = paths

    def write(self, expr: Expr, outer: int) -> str:
        match expr:
            case Literal(value=value):
                quote = "'" if "'" not in value else '"'
                return f"{quote}{value}{quote}"
            case Number(value=value):
                text = format_number(value)
                return text if value >= 0 else f"({text})"
            case Ref(name=name):
                if self.paths is not None and name in self.paths:
                    return self.paths[name]
                return "${" + name + "}"
            case Binary(op=op, left=left, right=right):
                level = PRECEDENCE[op]
                text = f"{self.write(left, level)} {op} {self.write(right, level + 1)}"
                return f"({text})" if level < outer else text
            case Negate(operand=operand):
                text = "-" + self.write(operand, UNARY_PRECEDENCE)
                return f"({text})" if outer > UNARY_PRECEDENCE else text
            case Call(name=name, args=args):
                return f"{name}({', '.join(self.write(a, 0) for a in args)})"
            case Path(absolute=absolute, steps=steps):
                body = "/".join(self.step(s) for s in steps)
                return "/" + body if absolute else body
            case Filter(primary=primary, predicates=predicates, steps=steps):
                head = self.write(primary, 9)
                if isinstance(primary, Binary | Negate) or (
                    isinstance(primary, Number) and primary.value < 0
                ):
                    head = f"({self.write(primary, 0)})"
                head += "".join(f"[{self.write(p, 0)}]" for p in predicates)
                return head + "".join("/" + self.step(s) for s in steps)
        raise AssertionError(expr)  # pragma: no cover

    def step(self, step: Step) -> str:
        preds = "".join(f"[{self.write(p, 0)}]" for p in step.predicates)
        if step.axis == "self" and step.test == "node()" and not preds:
            return "."
        if step.axis == "parent" and step.test == "node()" and not preds:
            return ".."
        if step.axis == "descendant-or-self" and step.test == "node()" and not preds:
            return ""  # joined with "/" on both sides this gives "//"
        if step.axis == "attribute":
            return f"@{step.test}{preds}"
        axis = "" if step.axis == "child" else f"{step.axis}::"
        return f"{axis}{step.test}{preds}"
