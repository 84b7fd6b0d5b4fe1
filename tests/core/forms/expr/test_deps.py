"""Dependencies and volatility."""

from __future__ import annotations

import pytest

from sylcollect.forms.expr import compile_expression, dependencies, is_volatile, parse


@pytest.mark.parametrize(
    ("expr", "context", "want"),
    [
        ("${a} + ${b}", None, {"a", "b"}),
        ("if(${a} = 1, ${b}, ${c})", None, {"a", "b", "c"}),
        ("/data/grp/q > 3", None, {"/data/grp/q"}),
        ("/data/rep[2]/q", None, {"/data/rep/q"}),
        ("/data/rep[position() = ${n}]/q", None, {"/data/rep/q", "n"}),
        ("../x = 'y'", "/data/grp/q", {"/data/grp/x"}),
        ("../x = 'y'", None, set()),
        (". > 3", "/data/q", {"/data/q"}),
        ("current()/../x", "/data/rep/q", {"/data/rep/x"}),
        ("position(..)", "/data/rep/q", {"/data/rep"}),
        ("instance('l')/root/item[name = current()/../x]/label", "/data/q", {"/data/x"}),
        ("instance('l')/root/item[name = 'a']/label", "/data/q", set()),
        ("count(${rep})", None, {"rep"}),
        ("${rep}[2]/q", None, {"rep"}),
        ("count(/data/rep/*)", None, {"/data/rep"}),
        ("sum(//q)", None, {"/"}),
        ("count(/data/grp//q)", None, {"/data/grp"}),
        ("'a' = \"b\"", None, set()),
        ("jr:choice-name(${s}, '${s}')", None, {"s"}),
    ],
)
def test_dependencies(expr: str, context: str | None, want: set[str]) -> None:
    assert dependencies(parse(expr), context) == frozenset(want)


@pytest.mark.parametrize(
    ("expr", "volatile"),
    [
        ("now()", True),
        ("today() - ${dob}", True),
        ("if(${a}, uuid(), 'x')", True),
        ("/data/rep[today() > 0]", True),
        ("instance('l')/root/item[name = now()]", True),
        ("${a} + 1", False),
        ("once(${a})", False),
    ],
)
def test_volatile(expr: str, volatile: bool) -> None:
    assert is_volatile(parse(expr)) is volatile


def test_compiled_expression_carries_its_reads() -> None:
    compiled = compile_expression("${a} > ../b", "/data/g/c")
    assert compiled.reads == frozenset({"a", "/data/g/b"})
    assert compiled.volatile is False
    assert compile_expression("${a} > ../b", "/data/g/c") is compiled
