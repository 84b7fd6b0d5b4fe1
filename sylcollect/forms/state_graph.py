"""The dependency graph of a form's binds: who reads what, evaluation order, cycles.

A bind (a relevant, calculation, repeat_count, required, constraint, readonly or choice
filter of one question, group or repeat) reads paths and at most three kinds write one:
a calculation writes its question's value, a relevant writes its element's whole subtree
(non-relevant values read as empty), a repeat_count writes the repeat (its instances).

Reading a repeat's own path (`count(${rep})`, `position(..)`) is a read of its instances,
not of the values inside; reading a plain group or the root (`//`, `*`, `/`) reads all of
it. Everything else is exact paths. Binds are put in topological order so that one pass in
that order sees every input final; a cycle is a `FormError`.
"""

from __future__ import annotations

import heapq
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sylcollect.forms.expr import Expression
from sylcollect.forms.expr.syntax import Call
from sylcollect.forms.model import FormError

#: Kinds of bind that write something, in the order they run for one element.
WRITERS = ("repeat_count", "relevant", "calculate")
KINDS = (*WRITERS, "required", "constraint", "readonly", "choices")


@dataclass(frozen=True, eq=False)
class Bind:
    """One expression bound to an element; immutable, shared by every state of the form."""

    kind: str
    path: str
    expr: Expression
    reads: frozenset[str]
    name: str = ""
    row: int = 0

    @property
    def writes(self) -> bool:
        return self.kind in WRITERS

    @property
    def writes_subtree(self) -> bool:
        return self.kind in ("relevant", "repeat_count")


def _constant(bind: Bind) -> bool | None:
    tree = bind.expr.tree
    if isinstance(tree, Call) and not tree.args and tree.name in ("true", "false"):
        return tree.name == "true"
    return None


def ancestors(path: str) -> Iterable[str]:
    """`/data/a/b` -> `/data/a`, `/data`."""
    while True:
        path = posixpath.dirname(path)
        if path in ("/", ""):
            return
        yield path


class Graph:
    """Binds in evaluation order with reader lookups; immutable after construction."""

    def __init__(self, binds: Sequence[Bind], repeat_paths: frozenset[str], root: str) -> None:
        self.repeat_paths = repeat_paths
        self.root = root
        by_read: dict[str, set[int]] = {}
        for i, bind in enumerate(binds):
            for path in bind.reads:
                by_read.setdefault(path, set()).add(i)
        self._by_read = by_read
        self._under: dict[str, set[int]] = {}
        for path, ids in by_read.items():
            for parent in ancestors(path):
                self._under.setdefault(parent, set()).update(ids)
        self._inside: dict[str, set[int]] = {}  # repeat path -> binds on elements inside it
        for i, bind in enumerate(binds):
            if bind.path in repeat_paths and bind.kind != "repeat_count":
                self._inside.setdefault(bind.path, set()).add(i)
            for parent in ancestors(bind.path):
                if parent in repeat_paths:
                    self._inside.setdefault(parent, set()).add(i)
        order = _toposort(binds, self._edges(binds))
        rank = {old: new for new, old in enumerate(order)}
        self.binds: tuple[Bind, ...] = tuple(binds[i] for i in order)
        self.constants: tuple[bool | None, ...] = tuple(_constant(b) for b in self.binds)
        """By rank: the value of a bind that is `true()` or `false()` (pyxform's `yes` and
        `no`), which needs no evaluating; None for every other bind."""
        self._rank = rank
        self._cache: dict[tuple[str, bool], tuple[int, ...]] = {}

    # -- lookups in rank terms ----------------------------------------------------------
    def readers(self, path: str, subtree: bool = False) -> tuple[int, ...]:
        """Ranks of binds to re-run when the value at `path` (or its subtree) changes."""
        key = (path, subtree)
        found = self._cache.get(key)
        if found is None:
            found = tuple(sorted(self._rank[i] for i in self._raw_readers(path, subtree)))
            self._cache[key] = found
        return found

    def instance_readers(self, repeat: str) -> tuple[int, ...]:
        """Ranks of binds to re-run when instances of `repeat` are added or removed."""
        key = ("#instances" + repeat, True)
        found = self._cache.get(key)
        if found is None:
            ids = self._raw_readers(repeat, True) | self._inside.get(repeat, set())
            found = tuple(sorted(self._rank[i] for i in ids))
            self._cache[key] = found
        return found

    def _raw_readers(self, path: str, subtree: bool) -> set[int]:
        ids = set(self._by_read.get(path, ()))
        for parent in ancestors(path):
            if parent not in self.repeat_paths:
                ids |= self._by_read.get(parent, set())
        if subtree:
            ids |= self._under.get(path, set())
        return ids

    def _edges(self, binds: Sequence[Bind]) -> dict[int, set[int]]:
        edges: dict[int, set[int]] = {}
        for i, bind in enumerate(binds):
            if not bind.writes:
                continue
            targets = self._raw_readers(bind.path, bind.writes_subtree)
            if bind.kind == "repeat_count":
                targets |= self._inside.get(bind.path, set())
            if i in targets:
                targets.discard(i)
                if bind.path in bind.reads:
                    raise _self_reference(bind)
            edges[i] = targets
        return edges


def _self_reference(bind: Bind) -> FormError:
    column = "calculation" if bind.kind == "calculate" else bind.kind
    return FormError(f"row {bind.row} ('{bind.name}'): the {column} refers to its own value")


def _toposort(binds: Sequence[Bind], edges: Mapping[int, set[int]]) -> list[int]:
    """Kahn's algorithm, ties broken by form order (the binds' order)."""
    incoming = [0] * len(binds)
    for targets in edges.values():
        for t in targets:
            incoming[t] += 1
    ready = [i for i, n in enumerate(incoming) if n == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        i = heapq.heappop(ready)
        order.append(i)
        for t in edges.get(i, ()):
            incoming[t] -= 1
            if incoming[t] == 0:
                heapq.heappush(ready, t)
    if len(order) < len(binds):
        raise _cycle_error(binds, edges, set(range(len(binds))) - set(order))
    return order


def _cycle_error(binds: Sequence[Bind], edges: Mapping[int, set[int]], left: set[int]) -> FormError:
    """Name the questions of one cycle among the binds `left` unsorted."""
    before: dict[int, int] = {}  # every bind left has a predecessor that is left too
    for source, targets in sorted(edges.items()):
        for t in targets:
            if source in left and t in left:
                before.setdefault(t, source)
    node = min(left)
    seen: dict[int, int] = {}
    walk: list[int] = []
    while node not in seen:
        seen[node] = len(walk)
        walk.append(node)
        node = before[node]
    cycle = list(reversed(walk[seen[node] :]))
    first = cycle.index(min(cycle))
    cycle = cycle[first:] + cycle[:first]  # from the first in form order; each feeds the next
    names = " -> ".join(f"'{binds[i].name}' ({binds[i].kind})" for i in [*cycle, cycle[0]])
    return FormError(f"row {binds[cycle[0]].row}: the form's logic goes round in a circle: {names}")
