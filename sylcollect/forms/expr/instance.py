"""The data the evaluator reads: a small XML-like tree of nodes, and builders for it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

DOCUMENT = "#document"


class Node:
    """One element of an instance (or the document above its root); mutable, not thread-safe."""

    __slots__ = ("attributes", "children", "name", "parent", "text")

    def __init__(
        self,
        name: str,
        text: str = "",
        children: Sequence[Node] = (),
        attributes: Mapping[str, str] | None = None,
    ) -> None:
        self.name = name
        self.text = text
        self.parent: Node | None = None
        self.children: list[Node] = []
        self.attributes: dict[str, str] = dict(attributes or {})
        for child in children:
            self.append(child)

    def __repr__(self) -> str:
        return f"Node({self.path()!r})"

    def append(self, child: Node) -> Node:
        """Add `child` as the last child (detaching it from any former parent); returns it."""
        if child.parent is not None:
            child.parent.children.remove(child)
        child.parent = self
        self.children.append(child)
        return child

    def remove(self, child: Node) -> None:
        """Detach `child`."""
        self.children.remove(child)
        child.parent = None

    @property
    def is_document(self) -> bool:
        return self.name == DOCUMENT

    @property
    def value(self) -> str:
        """The XPath string-value: own text for a leaf, all descendant text for a group."""
        if not self.children:
            return self.text
        return self.text + "".join(c.value for c in self.children)

    def child(self, name: str) -> Node | None:
        """The first child called `name`."""
        return next((c for c in self.children if c.name == name), None)

    def children_named(self, name: str) -> list[Node]:
        return [c for c in self.children if c.name == name]

    def ancestors(self) -> Iterator[Node]:
        """Parent, grandparent, ... up to the top."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def descendants(self) -> Iterator[Node]:
        """All nodes below this one, in document order."""
        for c in self.children:
            yield c
            yield from c.descendants()

    def top(self) -> Node:
        node = self
        while node.parent is not None:
            node = node.parent
        return node

    def path(self) -> str:
        """The generic absolute path (`/data/rep/q`), without repeat positions."""
        names = [n.name for n in (self, *self.ancestors()) if not n.is_document]
        return "/" + "/".join(reversed(names))

    def indexed_path(self) -> str:
        """The absolute path with a position on every step (`/data[1]/rep[2]/q[1]`)."""
        parts = []
        for n in (self, *self.ancestors()):
            if not n.is_document:
                parts.append(f"{n.name}[{n.sibling_position()}]")
        return "/" + "/".join(reversed(parts))

    def sibling_position(self) -> int:
        """1-based position among the siblings with the same name (a repeat's instance number)."""
        if self.parent is None:
            return 1
        same = [c for c in self.parent.children if c.name == self.name]
        return next((i for i, c in enumerate(same, 1) if c is self), 1)

    def order_key(self) -> tuple[int, ...]:
        """A key that sorts nodes of one tree into document order."""
        key: list[int] = []
        node = self
        while node.parent is not None:
            siblings = node.parent.children
            # -1 for a node outside its parent's children: an attribute, or a text node
            key.append(next((i for i, c in enumerate(siblings) if c is node), -1))
            node = node.parent
        key.append(id(node))
        return tuple(reversed(key))

    def find(self, path: str) -> list[Node]:
        """Nodes at a simple slash path (`rep/q`, or absolute `/data/rep/q`), all instances."""
        nodes = [document_of(self)] if path.startswith("/") else [self]
        for name in (p for p in path.strip("/").split("/") if p):
            nodes = [c for n in nodes for c in n.children if c.name == name]
        return nodes

    def copy(self) -> Node:
        """A deep copy without a parent."""
        return Node(self.name, self.text, [c.copy() for c in self.children], self.attributes)


def document_of(node: Node) -> Node:
    """The document node above `node`'s tree, adding one above the top element if missing."""
    top = node.top()
    if top.is_document:
        return top
    doc = Node(DOCUMENT)
    doc.append(top)
    return doc


def new_document(root: Node) -> Node:
    """Put `root` (the instance's top element, e.g. `data`) under a fresh document node."""
    doc = Node(DOCUMENT)
    doc.append(root)
    return root


def attribute_node(owner: Node, name: str) -> Node:
    """A detached node standing for attribute `name` of `owner` (parent set, not a child)."""
    node = Node(name, owner.attributes.get(name, ""))
    node.parent = owner
    return node


def secondary_instance(items: Sequence[Mapping[str, object]]) -> Node:
    """`<root><item><name/><label/>...</item></root>` for one choice list; returns the document."""
    root = Node("root")
    for row in items:
        item = root.append(Node("item"))
        for key, val in row.items():
            if isinstance(val, Mapping):
                continue  # translated labels are resolved by the caller
            item.append(Node(str(key), "" if val is None else str(val)))
    doc = Node(DOCUMENT)
    doc.append(root)
    return doc


def secondary_instances(lists: Mapping[str, Sequence[Mapping[str, object]]]) -> dict[str, Node]:
    """Secondary instances, addressable as `instance('list')/root/item`, from choice lists."""
    return {name: secondary_instance(rows) for name, rows in lists.items()}
