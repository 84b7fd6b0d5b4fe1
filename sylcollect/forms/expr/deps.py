"""What an expression reads: `${name}`s and absolute paths, and whether it is volatile."""

from __future__ import annotations

import posixpath

from sylcollect.forms.expr.signatures import VOLATILE
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


def dependencies(expr: Expr, context_path: str | None = None) -> frozenset[str]:
    """Names (`q`) and absolute paths (`/data/grp/q`) read by `expr`.

    Relative paths (`../q`, `current()/../q`) become absolute when `context_path` (the path of
    the node the expression is bound to) is given, and are left out otherwise. A path stands
    for its node and everything below it (`/data/rep` changes when a repeat is added).
    Secondary instances (`instance('list')`) never change, so they are not dependencies.
    """
    found: set[str] = set()
    _Walker(found, context_path).walk(expr, context_path)
    return frozenset(found)


def is_volatile(expr: Expr) -> bool:
    """Whether `expr` calls now(), today() or uuid(): its value changes on its own."""
    match expr:
        case Call(name=name, args=args):
            return name in VOLATILE or any(is_volatile(a) for a in args)
        case Binary(left=left, right=right):
            return is_volatile(left) or is_volatile(right)
        case Negate(operand=operand):
            return is_volatile(operand)
        case Path(steps=steps):
            return any(is_volatile(p) for step in steps for p in step.predicates)
        case Filter(primary=primary, predicates=predicates, steps=steps):
            inner = [*predicates, *(p for step in steps for p in step.predicates)]
            return is_volatile(primary) or any(is_volatile(p) for p in inner)
    return False


class _Walker:
    """Collects dependencies; `base` is the path of the node relative paths start from."""

    def __init__(self, found: set[str], origin: str | None) -> None:
        self.found = found
        self.origin = origin

    def walk(self, expr: Expr, base: str | None) -> None:
        match expr:
            case Literal() | Number():
                return
            case Ref(name=name):
                self.found.add(name)
            case Binary(left=left, right=right):
                self.walk(left, base)
                self.walk(right, base)
            case Negate(operand=operand):
                self.walk(operand, base)
            case Call(args=args):
                for arg in args:
                    self.walk(arg, base)
            case Path(absolute=absolute, steps=steps):
                self.steps("/" if absolute else base, steps, base)
            case Filter(primary=primary, predicates=predicates, steps=steps):
                self.walk(primary, base)
                start = self.filter_start(primary)
                for predicate in predicates:
                    self.walk(predicate, start)
                self.steps(start, steps, base)

    def filter_start(self, primary: Expr) -> str | None:
        """Where a filter expression's own path starts, if it is in the primary instance."""
        if isinstance(primary, Call) and primary.name == "current":
            return self.origin
        return None  # instance('x'), ${name} (added as a name) or another value

    def steps(self, start: str | None, steps: tuple[Step, ...], base: str | None) -> None:
        """Add the path the steps reach; a `*`, `//` or axis stops it at the known prefix."""
        path = start
        known = path
        for step in steps:
            path = _advance(path, step)
            if path is not None:
                known = path
            elif known is not None:
                self.found.add(known)  # "/" here means: anything in the instance
                known = None
            for predicate in step.predicates:
                self.walk(predicate, path)
        if path is not None and path != "/":
            self.found.add(path)
        del base


def _advance(path: str | None, step: Step) -> str | None:
    """The generic path after one step; None once it can't be known statically."""
    if path is None:
        return None
    if step.axis == "self":
        return path
    if step.axis == "parent":
        return posixpath.dirname(path) if path != "/" else None
    if (
        step.axis == "child"
        and step.test not in ("*", "node()", "text()")
        and ":*" not in step.test
    ):
        return posixpath.join(path, step.test.rpartition(":")[2])
    if step.axis == "attribute":
        return path
    return None
