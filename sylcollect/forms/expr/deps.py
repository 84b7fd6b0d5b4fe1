"""What an expression reads: `${name}`s and absolute paths, and whether it is volatile."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

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


def dependencies(
    expr: Expr, context_path: str | None = None, paths: Mapping[str, str] | None = None
) -> frozenset[str]:
    """Names (`q`) and absolute paths (`/data/grp/q`) read by `expr`.

    Relative paths (`../q`, `current()/../q`) become absolute when `context_path` (the path of
    the node the expression is bound to) is given, and are left out otherwise. A path stands
    for its node and everything below it (`/data/rep` changes when a repeat is added).
    Secondary instances (`instance('list')`) never change, so they are not dependencies.

    With `paths` (`${name}` -> absolute path), what is read through a reference is followed
    too: `count(${kid}[kage >= 5])` reads `kid` and `/data/kid/kage`, `${kid}[1]/kname`
    reads `kid` and `/data/kid/kname`. Without it only the name is known.
    """
    found: set[str] = set()
    _Walker(found, context_path, paths or {}).walk(expr, context_path)
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
    """Collects dependencies; `origin` is the path of the node the expression is bound to."""

    def __init__(self, found: set[str], origin: str | None, paths: Mapping[str, str]) -> None:
        self.found = found
        self.origin = origin
        self.paths = paths

    def walk(self, expr: Expr, base: str | None) -> str | None:
        """Add what `expr` reads, relative paths starting at `base`.

        Returns the generic path of the nodes `expr` gives when that is known statically
        and in the primary instance (a path, a `${name}` with `paths`, `current()`), where
        predicates and steps applied to it start; None otherwise.
        """
        match expr:
            case Literal() | Number():
                return None
            case Ref(name=name):
                self.found.add(name)
                return self.paths.get(name)
            case Binary(left=left, right=right):
                self.walk(left, base)
                self.walk(right, base)
            case Negate(operand=operand):
                self.walk(operand, base)
            case Call(name="current"):
                return self.origin
            case Call(name=name, args=args):
                ends = [self.walk(arg, base) for arg in args]
                if name == "indexed-repeat":
                    return ends[0]  # the nodes at its first argument's path
            case Path(absolute=absolute, steps=steps):
                return self.steps("/" if absolute else base, steps, record=True)
            case Filter(primary=primary, predicates=predicates, steps=steps):
                start = self.walk(primary, base)
                for predicate in predicates:
                    self.walk(predicate, start)
                # `${name}[...]` alone reads the name's nodes, already added as the name
                record = bool(steps) or not isinstance(primary, Ref)
                return self.steps(start, steps, record)
        return None

    def steps(self, start: str | None, steps: tuple[Step, ...], record: bool) -> str | None:
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
        if record and path is not None and path != "/":
            self.found.add(path)
        return path


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
