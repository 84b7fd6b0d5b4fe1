"""The data the evaluator reads: a small XML-like tree of nodes, and builders for it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Self, SupportsIndex

DOCUMENT = "#document"


def local_name(name: str) -> str:
    """`q` for `q` and for `jr:q`: the part a node test compares."""
    return name.rpartition(":")[2]


class Children(list["Node"]):
    """A node's children: a list that keeps an index of its items by local name.

    The index is built on the first lookup and dropped by every change to the list (append,
    insert, remove, slicing, sorting, ...) and by renaming a child, so code that edits
    `node.children` in place stays correct. Each entry keeps document order, so same-named
    siblings (repeat instances) come out in the order they are in the list.
    """

    # no __init__ and no __slots__: making one costs what making a list costs; the index
    # is an instance attribute only once built (the class's None until then)
    _index: dict[str, list[Node]] | None = None

    def matching(self, name: str) -> list[Node]:
        """The children whose local name is `local_name(name)`, in order (do not modify)."""
        index = self._index
        if index is None:
            index = {}
            for child in self:
                index.setdefault(local_name(child._name), []).append(child)
            self._index = index
        return index.get(local_name(name), _NONE)

    def invalidate(self) -> None:
        if self._index is not None:
            self._index = None

    # every in-place change drops the index
    def append(self, item: Node) -> None:
        super().append(item)
        if self._index is not None:
            self._index = None

    def extend(self, items: Iterable[Node]) -> None:
        super().extend(items)
        self._index = None

    def insert(self, index: SupportsIndex, item: Node) -> None:
        super().insert(index, item)
        self._index = None

    def remove(self, item: Node) -> None:
        super().remove(item)
        self._index = None

    def pop(self, index: SupportsIndex = -1) -> Node:
        self._index = None
        return super().pop(index)

    def clear(self) -> None:
        super().clear()
        self._index = None

    def sort(self, *args: Any, **kwargs: Any) -> None:
        super().sort(*args, **kwargs)
        self._index = None

    def reverse(self) -> None:
        super().reverse()
        self._index = None

    def __setitem__(self, *args: Any) -> None:
        super().__setitem__(*args)
        self._index = None

    def __delitem__(self, *args: Any) -> None:
        super().__delitem__(*args)
        self._index = None

    def __iadd__(self, items: Iterable[Node]) -> Self:  # type: ignore[override,misc]
        super().__iadd__(items)
        self._index = None
        return self

    def __imul__(self, n: SupportsIndex) -> Self:
        super().__imul__(n)
        self._index = None
        return self


_NONE: list[Node] = []


class Node:
    """One element of an instance (or the document above its root); mutable, not thread-safe.

    `children` is a `Children` list indexed by name, so looking a child up by name does not
    scan its siblings; assigning a plain list to `children` is allowed (it is wrapped on the
    next lookup).
    """

    __slots__ = ("_name", "attributes", "children", "parent", "text")

    def __init__(
        self,
        name: str,
        text: str = "",
        children: Sequence[Node] = (),
        attributes: Mapping[str, str] | None = None,
    ) -> None:
        self.parent: Node | None = None
        self._name = name
        self.text = text
        self.children: list[Node] = Children()
        self.attributes: dict[str, str] = dict(attributes) if attributes else {}
        for child in children:
            self.append(child)

    @property
    def name(self) -> str:
        """The element's name (`q`, `jr:q`); renaming drops the parent's index of children."""
        return self._name

    @name.setter
    def name(self, value: str) -> None:
        self._name = value
        if self.parent is not None:
            self.parent._index_changed()

    def __repr__(self) -> str:
        return f"Node({self.path()!r})"

    def _children(self) -> Children:
        children = self.children
        if type(children) is not Children:
            children = Children(children)
            self.children = children
        return children

    def _index_changed(self) -> None:
        children = self.children
        if isinstance(children, Children):
            children.invalidate()

    def append(self, child: Node) -> Node:
        """Add `child` as the last child (detaching it from any former parent); returns it."""
        if child.parent is not None:
            child.parent.children.remove(child)
        child.parent = self
        self.children.append(child)
        return child

    def insert(self, index: int, child: Node) -> Node:
        """Add `child` before position `index` (detaching it from any former parent)."""
        if child.parent is not None:
            child.parent.children.remove(child)
        child.parent = self
        self.children.insert(index, child)
        return child

    def remove(self, child: Node) -> None:
        """Detach `child`."""
        self.children.remove(child)
        child.parent = None

    @property
    def is_document(self) -> bool:
        return self._name == DOCUMENT

    @property
    def value(self) -> str:
        """The XPath string-value: own text for a leaf, all descendant text for a group."""
        if not self.children:
            return self.text
        return self.text + "".join(c.value for c in self.children)

    def child(self, name: str) -> Node | None:
        """The first child called `name`."""
        return next((c for c in self._children().matching(name) if c._name == name), None)

    def children_named(self, name: str) -> list[Node]:
        """The children called `name`, in document order (a new list); no scan of siblings."""
        return [c for c in self._children().matching(name) if c._name == name]

    def children_matching(self, test: str) -> list[Node]:
        """The children a name test (`q`, `jr:q`: local names compared) selects, in order."""
        return list(self._children().matching(test))

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
        names = [n._name for n in (self, *self.ancestors()) if not n.is_document]
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
        same = self.parent.children_named(self._name)
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
            nodes = [c for n in nodes for c in n.children_named(name)]
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
