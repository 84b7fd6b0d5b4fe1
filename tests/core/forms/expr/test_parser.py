"""Parsing: precedence, paths, errors with positions, unknown functions, serialisation."""

from __future__ import annotations

import pytest

from sylcollect.forms.expr import ExpressionError, dependencies, parse, to_xpath
from sylcollect.forms.expr.parser import MAX_HEIGHT
from sylcollect.forms.expr.syntax import (
    Binary,
    Call,
    Filter,
    Literal,
    Negate,
    Number,
    Path,
    Ref,
    Step,
)


def test_precedence_follows_xpath() -> None:
    tree = parse("1 + 2 * 3 = 7 or false() and true()")
    assert isinstance(tree, Binary) and tree.op == "or"
    left = tree.left
    assert isinstance(left, Binary) and left.op == "="
    assert left.left == Binary("+", Number(1), Binary("*", Number(2), Number(3)))
    assert tree.right == Binary("and", Call("false", ()), Call("true", ()))


def test_left_associative_and_unary() -> None:
    assert parse("8 - 2 - 1") == Binary("-", Binary("-", Number(8), Number(2)), Number(1))
    assert parse("-2 * 3") == Binary("*", Negate(Number(2)), Number(3))
    assert parse("--1") == Negate(Negate(Number(1)))
    assert parse("- ${a} | ${b}") == Negate(Binary("|", Ref("a"), Ref("b")))


def test_references_and_paths() -> None:
    assert parse("${age}") == Ref("age")
    assert parse("${ age }") == Ref("age")
    assert parse("/data/grp/q") == Path(
        True, (Step("child", "data"), Step("child", "grp"), Step("child", "q"))
    )
    assert parse("../x") == Path(False, (Step("parent", "node()"), Step("child", "x")))
    assert parse(".") == Path(False, (Step("self", "node()"),))
    assert parse("/") == Path(True, ())
    tree = parse("current()/../x")
    assert tree == Filter(Call("current", ()), (), (Step("parent", "node()"), Step("child", "x")))
    desc = parse("//item")
    assert isinstance(desc, Path) and desc.steps[0].axis == "descendant-or-self"
    assert parse("@id") == Path(False, (Step("attribute", "id"),))
    assert parse("child::a/parent::node()") == Path(
        False, (Step("child", "a"), Step("parent", "node()"))
    )


def test_predicates_and_instances() -> None:
    tree = parse("instance('list')/root/item[name = ${x}]/label")
    assert isinstance(tree, Filter)
    assert tree.primary == Call("instance", (Literal("list"),))
    item = tree.steps[1]
    assert item.test == "item"
    assert item.predicates == (Binary("=", Path(False, (Step("child", "name"),)), Ref("x")),)
    assert parse("${rep}[2]") == Filter(Ref("rep"), (Number(2),), ())


def test_operator_names_depend_on_position() -> None:
    # after a value `div`, `mod`, `and`, `or` and `*` are operators; elsewhere names
    assert parse("div div div") == Binary(
        "div", Path(False, (Step("child", "div"),)), Path(False, (Step("child", "div"),))
    )
    assert parse("* * *") == Binary(
        "*", Path(False, (Step("child", "*"),)), Path(False, (Step("child", "*"),))
    )
    assert parse("a-b") == Path(False, (Step("child", "a-b"),))
    assert parse("5-3") == Binary("-", Number(5), Number(3))
    assert parse("${a}-1") == Binary("-", Ref("a"), Number(1))


def test_strings_both_quotes_and_pyxform_spacing() -> None:
    assert parse("'a\"b'") == Literal('a"b')
    assert parse('"it\'s"') == Literal("it's")
    tree = parse(" jr:choice-name( /data/q , ' /data/q ')")
    assert tree == Call(
        "jr:choice-name",
        (Path(True, (Step("child", "data"), Step("child", "q"))), Literal(" /data/q ")),
    )


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("", "empty expression", None),
        ("1 +", "unexpected end of expression", 4),
        ("(1 + 2", "expected ')' but found the end", 7),
        ("'abc", "unterminated string", 1),
        ("foo(1)", "unknown function 'foo'", 1),
        ("1 + bar()", "unknown function 'bar'", 5),
        ("concat('a') + jr:nope(1)", "unknown function 'jr:nope'", 15),
        ("round()", "function 'round' takes 1 to 2 arguments, not 0", 1),
        ("if(1, 2)", "function 'if' takes 3 arguments, not 2", 1),
        ("true(1)", "function 'true' takes 0 arguments, not 1", 1),
        ("1 2", "unexpected number '2'", 3),
        ("a b", "expected an operator, found 'b'", 3),
        ("$x", "expected ${name}", 1),
        ("${}", "expected ${name}", 1),
        ("1 # 2", "unexpected character '#'", 3),
        ("/data/", "unexpected end of expression", 7),
        ("a[1", "expected ']'", 4),
        ("bogus::x", "unknown axis 'bogus'", 1),
        ("1 = = 2", "unexpected operator '='", 5),
        ("because pyxform doesn't know", "expected an operator, found 'pyxform'", 9),
    ],
)
def test_errors_name_the_position(text: str, message: str, position: int | None) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert message in str(info.value)
    assert info.value.position == (None if position is None else position - 1)
    if position is not None:
        assert f"at position {position}" in str(info.value)


def test_unknown_function_message_starts_with_its_name() -> None:
    with pytest.raises(ExpressionError, match=r"^unknown function 'foo' "):
        parse("foo()")


def test_deep_nesting_is_an_expression_error() -> None:
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse("(" * 500 + "1" + ")" * 500)
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse("-" * 500 + "1")


def test_a_long_chain_of_operators_is_refused_before_anything_recurses_on_it() -> None:
    ok = " + ".join(["${a}"] * MAX_HEIGHT)
    assert dependencies(parse(ok)) == {"a"}
    with pytest.raises(ExpressionError, match="too deeply nested: more than 250 operators"):
        parse(" + ".join(["${a}"] * 1000))
    with pytest.raises(ExpressionError, match="too deeply nested"):
        parse(" and ".join(["${a} = 1"] * 300))


@pytest.mark.parametrize(
    "text",
    [
        "1 + 2 * 3",
        "(1 + 2) * 3",
        "8 - (2 - 1)",
        "-(1 + 2)",
        "not(${a} = 'x') and ${b} > 3 or ${c}",
        "/data/rep[position() = 2]/q",
        "instance('l')/root/item[name = current()/../x]/label",
        "../../a | //b",
        "@id",
        "ancestor-or-self::*[1]",
        "${rep}[2]/q",
        "(-1)[1]",
        "concat('it''s', \"q\")".replace("'it''s'", '"it\'s"'),
        "a - -1",
    ],
)
def test_to_xpath_round_trips(text: str) -> None:
    tree = parse(text)
    assert parse(to_xpath(tree)) == tree


def test_to_xpath_replaces_names_with_paths() -> None:
    tree = parse("${a} + sum(${b})")
    assert to_xpath(tree, {"a": "/data/a", "b": "/data/rep/b"}) == "/data/a + sum(/data/rep/b)"
