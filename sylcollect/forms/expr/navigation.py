"""Moving through an instance: XPath axes, node tests and ODK's `${name}` resolution."""

from __future__ import annotations

from functools import lru_cache

from sylcollect.forms.expr.instance import DOCUMENT, Node, attribute_node, document_of
from sylcollect.forms.expr.values import NodeSet


@lru_cache(maxsize=8192)
def _steps(path: str) -> tuple[str, ...]:
    return tuple(p for p in path.split("/") if p)


def resolve_path(root: Node, origin: Node, path: str) -> NodeSet:
    """Nodes at absolute `path`, limited to the repeat instances `origin` is inside (ODK).

    Children are looked up through each node's index by name, so a reference costs the depth
    of the path, not the number of siblings.
    """
    target = _steps(path)
    here: list[Node] = []  # origin and its ancestors below the document, top element first
    top = origin
    node: Node | None = origin
    while node is not None:
        if node._name != DOCUMENT:
            here.append(node)
        top = node
        node = node.parent
    here.reverse()
    shared = 0
    limit = min(len(target), len(here))
    while shared < limit and here[shared]._name == target[shared]:
        shared += 1
    if shared == len(target) and here[shared - 1] is not origin:
        shared -= 1  # ${repeat} from inside the repeat: all its instances, not just this one
    document = root
    while document.parent is not None:
        document = document.parent
    if document._name != DOCUMENT:
        document = document_of(root)
    nodes: NodeSet
    if shared == 0 or top is not document:
        nodes = [document]
        rest = target
    else:
        nodes = [here[shared - 1]]
        rest = target[shared:]
    for name in rest:
        if len(nodes) == 1:
            nodes = nodes[0].children_named(name)
        else:
            nodes = [c for n in nodes for c in n.children_named(name)]
    return nodes


def is_name_test(test: str) -> bool:
    """Whether a node test selects by name (`q`, `jr:q`), not `*`, `jr:*` or `node()`."""
    return "(" not in test and not test.endswith("*")


def child_nodes(node: Node, test: str) -> list[Node]:
    """`child::test`: what `[c for c in node.children if matches(c, test)]` gives."""
    if is_name_test(test):
        return node.children_matching(test)
    return [c for c in node.children if matches(c, test)]


def axis_nodes(node: Node, axis: str) -> list[Node]:
    if axis == "child":
        return node.children
    if axis == "self":
        return [node]
    if axis == "parent":
        return [node.parent] if node.parent is not None else []
    if axis == "attribute":
        return [attribute_node(node, name) for name in node.attributes]
    if axis == "descendant":
        return list(node.descendants())
    if axis == "descendant-or-self":
        return [node, *node.descendants()]
    if axis == "ancestor":
        return list(node.ancestors())
    if axis == "ancestor-or-self":
        return [node, *node.ancestors()]
    if node.parent is None:
        return []
    siblings = node.parent.children
    index = next((i for i, c in enumerate(siblings) if c is node), -1)
    if axis == "following-sibling":
        return siblings[index + 1 :]
    if axis == "preceding-sibling":
        return siblings[:index][::-1] if index >= 0 else []
    if axis in ("following", "preceding"):
        return _following(node) if axis == "following" else _preceding(node)
    return []  # namespace axis: no namespace nodes


def _following(node: Node) -> list[Node]:
    """Nodes after `node` in document order, other than its descendants."""
    out: list[Node] = []
    for n in (node, *node.ancestors()):
        if n.parent is None:
            break
        siblings = n.parent.children
        index = next((i for i, c in enumerate(siblings) if c is n), -1)
        out.extend(d for s in siblings[index + 1 :] for d in (s, *s.descendants()))
    return sorted(out, key=lambda d: d.order_key())


def _preceding(node: Node) -> list[Node]:
    """Nodes before `node` in document order, other than its ancestors, nearest first."""
    out: list[Node] = []
    for n in (node, *node.ancestors()):
        if n.parent is None:
            break
        siblings = n.parent.children
        index = next((i for i, c in enumerate(siblings) if c is n), 0)
        out.extend(d for s in siblings[:index] for d in (s, *s.descendants()))
    return sorted(out, key=lambda d: d.order_key(), reverse=True)


def matches(node: Node, test: str) -> bool:
    if test == "node()":
        return True
    if node.is_document or test in ("comment()", "processing-instruction()"):
        return False
    if test == "text()":
        return False
    if test == "*" or test.endswith(":*"):
        return True
    return node._name.rpartition(":")[2] == test.rpartition(":")[2]
