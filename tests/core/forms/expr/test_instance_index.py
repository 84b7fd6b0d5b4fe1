"""The index of a node's children by name: lookups agree with a scan of the children after
any change (append, insert, remove, direct edits of `children`, renames, repeat instances)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sylcollect.forms.expr import EvalContext, Node, evaluate, new_document
from sylcollect.forms.expr.instance import Children
from sylcollect.forms.expr.navigation import resolve_path

NAMES = ["a", "b", "rep", "jr:a"]


def _scan(node: Node, name: str) -> list[Node]:
    return [c for c in node.children if c.name == name]


def _local_scan(node: Node, name: str) -> list[Node]:
    return [c for c in node.children if c.name.rpartition(":")[2] == name.rpartition(":")[2]]


def _agrees(node: Node) -> bool:
    return all(
        node.children_named(n) == _scan(node, n)
        and node.children_matching(n) == _local_scan(node, n)
        and node.child(n) is next(iter(_scan(node, n)), None)
        for n in [*NAMES, "zzz"]
    )


def test_same_named_siblings_keep_document_order() -> None:
    data = new_document(Node("data", children=[Node("rep", "1"), Node("x"), Node("rep", "2")]))
    assert [n.text for n in data.children_named("rep")] == ["1", "2"]
    third = data.insert(1, Node("rep", "0"))
    assert [n.text for n in data.children_named("rep")] == ["1", "0", "2"]
    assert third.sibling_position() == 2 and data.children[3].sibling_position() == 3
    data.remove(data.children[0])
    assert [n.text for n in data.children_named("rep")] == ["0", "2"]
    assert third.sibling_position() == 1


def test_direct_edits_of_children_are_seen() -> None:
    data = Node("data", children=[Node("a"), Node("b")])
    assert data.child("a") is data.children[0]
    late = Node("a", "late")
    late.parent = data
    data.children.insert(0, late)  # what the form state does when it adds a repeat instance
    assert data.child("a") is late
    del data.children[0]
    assert data.child("a") is not late
    data.children[0] = Node("b", "new")
    assert [n.text for n in data.children_named("b")] == ["new", ""]
    data.children += [Node("a", "end")]
    assert data.children_named("a")[-1].text == "end"
    data.children = [Node("b", "plain list")]  # replaced by a plain list: wrapped on lookup
    assert data.child("b") is not None and data.child("b").text == "plain list"  # type: ignore[union-attr]
    assert isinstance(data.children, Children) and data.child("a") is None


def test_renaming_a_child_moves_it_in_the_index() -> None:
    data = Node("data", children=[Node("a"), Node("b")])
    assert data.child("b") is data.children[1]
    data.children[1].name = "a"
    assert data.child("b") is None and data.children_named("a") == data.children


def test_text_changes_need_no_reindexing() -> None:
    data = new_document(Node("data", children=[Node("q", "1")]))
    ctx = EvalContext(data, context=data, paths={"q": "/data/q"})
    assert evaluate("${q} + 1", ctx) == 2.0
    data.children[0].text = "5"
    assert evaluate("${q} + 1", ctx) == 6.0
    assert evaluate("/data/q * 2", ctx) == 10.0


def test_references_in_a_wide_group_find_the_right_instances() -> None:
    data = new_document(Node("data", children=[Node(f"q{i}", str(i)) for i in range(400)]))
    for k in range(3):
        data.append(Node("rep", children=[Node("x", str(k))]))
    rep2 = data.children_named("rep")[1]
    assert [n.text for n in resolve_path(data, data, "/data/q399")] == ["399"]
    assert [n.text for n in resolve_path(data, data, "/data/rep/x")] == ["0", "1", "2"]
    assert [n.text for n in resolve_path(data, rep2.children[0], "/data/rep/x")] == ["1"]
    assert len(resolve_path(data, rep2.children[0], "/data/rep")) == 3


_ops = st.lists(
    st.tuples(
        st.sampled_from(["append", "insert", "remove", "rename", "setitem", "delitem", "sort"]),
        st.sampled_from(NAMES),
        st.integers(0, 10),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(ops=_ops)
def test_index_agrees_with_a_scan_after_any_changes(ops: list[tuple[str, str, int]]) -> None:
    data = Node("data", children=[Node("a", "0"), Node("rep", "1")])
    for op, name, i in ops:
        kids = data.children
        at = i % len(kids) if kids else 0
        if op == "append":
            data.append(Node(name, str(i)))
        elif op == "insert":
            data.insert(at, Node(name, str(i)))
        elif op == "remove" and kids:
            data.remove(kids[at])
        elif op == "rename" and kids:
            kids[at].name = name
        elif op == "setitem" and kids:
            new = Node(name, str(i))
            new.parent = data  # a direct edit keeps the tree consistent itself
            kids[at] = new
        elif op == "delitem" and kids:
            del kids[at]
        elif op == "sort":
            kids.sort(key=lambda n: n.name)
        assert _agrees(data)
