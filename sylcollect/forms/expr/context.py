"""What an evaluation runs against: instances, the bound node, names, clock and hooks."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sylcollect.forms.expr.instance import Node


def system_clock() -> datetime:
    """The current local time, timezone-aware."""
    return datetime.now().astimezone()


@dataclass(frozen=True)
class EvalContext:
    """Everything an expression may read; immutable (use `at()` to move to another node)."""

    root: Node
    """The primary instance's top element (`data`), or the document node above it."""
    context: Node | None = None
    """The node the expression is bound to (`.`, `current()`); the root when None."""
    instances: Mapping[str, Node] = field(default_factory=dict)
    """Secondary instances by id, each the document node above `root/item...`."""
    paths: Mapping[str, str] = field(default_factory=dict)
    """`${name}` -> absolute path (`/data/grp/q`)."""
    clock: Callable[[], datetime] = system_clock
    """now() and today(); its timezone is the local timezone for date formatting."""
    once: Callable[[Node], str] | None = None
    """The value `once()` keeps for a node; the node's current text when None."""
    choice_lists: Mapping[str, str] = field(default_factory=dict)
    """Select question path -> choice list (secondary instance) name, for jr:choice-name."""
    choice_label: Callable[[str, str, str | None], str] | None = None
    """(question path, choice name, language) -> label, for jr:choice-name; when None it
    reads the secondary instance's (default-language) labels."""
    language: str | None = None
    """The form language in use (jr:choice-name's labels); None: the default language."""
    resolved: dict[tuple[Node, str], list[Node]] | None = None
    """Where `${name}`s led, by (bound node, path): a cache for an owner that clears it
    whenever the structure of the instance changes (nodes added, removed or renamed)."""

    def at(self, node: Node) -> EvalContext:
        """The same context bound to another node."""
        return self.replaced(context=node)

    def replaced(self, **changes: object) -> EvalContext:
        """`dataclasses.replace(self, **changes)` without its per-call overhead (no field
        here has a default to recompute or a check to run)."""
        moved = object.__new__(type(self))
        fields = moved.__dict__
        fields.update(self.__dict__)
        for name, value in changes.items():
            if name not in fields:
                raise TypeError(f"EvalContext has no field '{name}'")
            fields[name] = value
        return moved
