"""Property tests: whatever the text, parsing either succeeds or raises ExpressionError."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from sylcollect.forms.expr import EvalContext, ExpressionError, evaluate, parse, to_xpath
from sylcollect.forms.expr.signatures import ARITY

TOKENS = [
    *"()[],.@/|+-*=<>!$'\"{}:",
    "..", "//", "::", "!=", "<=", ">=", " ", "and", "or", "div", "mod",
    "${a}", "${b}", "${", "}", "1", "2.5", ".5", "0", "'x'", '"y"', "'", "a", "b", "data",
    "/data/a", "../b", "current()", "instance('l')", "*", "node()", "text()", "child::",
    "ancestor::", "position()", "last()", "-", "[1]", "[a = 1]",
    *(f"{name}(" for name in ARITY), "foo(", "jr:", "jr:choice-name",
]  # fmt: skip


def _ctx() -> EvalContext:
    from sylcollect.forms.expr import Node, new_document

    root = new_document(Node("data", children=[Node("a", "1"), Node("b", "x")]))
    return EvalContext(root, paths={"a": "/data/a", "b": "/data/b"})


CTX = _ctx()


def _check(text: str) -> None:
    try:
        tree = parse(text)
    except ExpressionError:
        return
    assert parse(to_xpath(tree)) == tree
    with contextlib.suppress(ExpressionError):
        evaluate(tree, CTX)


@settings(max_examples=1500, deadline=None)
@given(st.text(max_size=60))
def test_random_text_only_raises_expression_error(text: str) -> None:
    _check(text)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=25))
def test_token_soup_only_raises_expression_error(tokens: list[str]) -> None:
    _check("".join(tokens))
    _check(" ".join(tokens))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="()-[]", max_size=400))
def test_bracket_storms_only_raise_expression_error(text: str) -> None:
    _check(text)


def test_non_text_is_an_expression_error() -> None:
    for bad in (None, 3, b"1 + 1", ["1"]):
        try:
            parse(bad)  # type: ignore[arg-type]
        except ExpressionError:
            continue
        raise AssertionError(f"{bad!r} was accepted")
