"""The indexes of a state's instance: its nodes by generic path, in document order, and
each node's key (generic path and repeat instance numbers)."""

from __future__ import annotations

from collections.abc import Mapping

from sylcollect.forms.compiled import CompiledForm
from sylcollect.forms.expr import Node
from sylcollect.forms.state_build import Cell

Key = tuple[str, tuple[int, ...]]
"""A node: its generic path and the 1-based instance number of each repeat around it."""

Index = tuple[dict[str, list[Node]], dict[Node, int], dict[Node, Key]]
"""Nodes by path (document order), each node's position in document order, its key."""


def index_tree(root: Node, cells: Mapping[Node, Cell], repeats: frozenset[str]) -> Index:
    """Index every node below `root` (itself included) that has a cell."""
    nodes: dict[str, list[Node]] = {}
    order: dict[Node, int] = {}
    keys: dict[Node, Key] = {}
    stack: list[tuple[Node, tuple[int, ...]]] = [(root, ())]
    counts: dict[tuple[int, str], int] = {}
    while stack:
        node, indices = stack.pop()
        cell = cells.get(node)
        if cell is not None:
            path = cell.element.path
            if path in repeats:
                parent = id(node.parent)
                counts[(parent, path)] = counts.get((parent, path), 0) + 1
                indices = (*indices, counts[(parent, path)])
            nodes.setdefault(path, []).append(node)
            order[node] = len(order)
            keys[node] = (path, indices)
        stack.extend((c, indices) for c in reversed(node.children))
    return nodes, order, keys


def index_as_built(cells: Mapping[Node, Cell], compiled: CompiledForm) -> Index:
    """What `index_tree` gives, for cells still in the order the builder made them
    (document order: every node after its parent and its earlier siblings)."""
    if not compiled.repeat_paths:  # one node per element, none inside a repeat
        plain = compiled.plain_keys
        known = {node: plain[cell.element.path] for node, cell in cells.items()}
        by_path = {key[0]: [node] for node, key in known.items()}
        return by_path, {node: i for i, node in enumerate(cells)}, known
    nodes: dict[str, list[Node]] = {}
    order: dict[Node, int] = {}
    keys: dict[Node, Key] = {}
    repeats = compiled.repeat_paths
    counts: dict[tuple[int, str], int] = {}
    for node, cell in cells.items():
        path = cell.element.path
        above = keys.get(node.parent) if node.parent is not None else None
        indices = above[1] if above is not None else ()
        if path in repeats:
            parent = id(node.parent)
            counts[(parent, path)] = counts.get((parent, path), 0) + 1
            indices = (*indices, counts[(parent, path)])
        found = nodes.get(path)
        if found is None:
            nodes[path] = [node]
        else:
            found.append(node)
        order[node] = len(order)
        keys[node] = (path, indices)
    return nodes, order, keys
