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


PATHS = {
    "kid": "/data/kid",
    "kage": "/data/kid/kage",
    "toy": "/data/kid/toy",
    "n": "/data/n",
    "grp": "/data/grp",
    "rep": "/data/rep",
}


@pytest.mark.parametrize(
    ("expr", "context", "want"),
    [
        # the brief's case: a filter on a repeat reads the paths its predicate reaches
        ("count(${kid}[kage >= 5])", None, {"kid", "/data/kid/kage"}),
        ("${kid}/kage", None, {"kid", "/data/kid/kage"}),
        ("${kid}[2]/kage", None, {"kid", "/data/kid/kage"}),
        ("${kid}[position() = ${n}]/kage", None, {"kid", "n", "/data/kid/kage"}),
        ("sum(${kid}[kage > 5]/toy/price)", None, {"kid", "/data/kid/kage", "/data/kid/toy/price"}),
        (
            "${kid}/toy[colour = 'red']/price",
            None,
            {"kid", "/data/kid/toy/colour", "/data/kid/toy/price"},
        ),
        ("count(${kid}[../n > kage])", None, {"kid", "/data/n", "/data/kid/kage"}),
        ("${kid}/../n", None, {"kid", "/data/n"}),
        (
            "${kid}[kage > current()/../limit]",
            "/data/grp/q",
            {"kid", "/data/kid/kage", "/data/grp/limit"},
        ),
        # nested filters: the inner one starts where the outer one is
        (
            "count(${kid}[count(toy[colour = 'red']) > 1])",
            None,
            {"kid", "/data/kid/toy/colour", "/data/kid/toy"},
        ),
        # wildcards after a reference stop at the known prefix
        ("count(${grp}/*)", None, {"grp", "/data/grp"}),
        ("count(${grp}//q)", None, {"grp", "/data/grp"}),
        ("${kid}[@id = 'a']", None, {"kid", "/data/kid"}),
        # a parenthesised path and indexed-repeat() are followed like a reference
        ("count((/data/kid)[kage > 1])", None, {"/data/kid", "/data/kid/kage"}),
        (
            "indexed-repeat(${kid}, ${kid}, 1)[kage > 1]",
            None,
            {"kid", "/data/kid", "/data/kid/kage"},
        ),
        # secondary instances are still not dependencies, their predicates are item-relative
        ("instance('l')/root/item[name = ${kid}[1]/kage]/label", None, {"kid", "/data/kid/kage"}),
        # an unknown name, or no paths at all: only the name
        ("${nope}[x > 1]/y", None, {"nope"}),
        ("current()/../x", "/data/rep/q", {"/data/rep/x"}),
    ],
)
def test_dependencies_through_references(expr: str, context: str | None, want: set[str]) -> None:
    assert dependencies(parse(expr), context, PATHS) == frozenset(want)


@pytest.mark.parametrize(
    "expr",
    ["count(${kid}[kage >= 5])", "${kid}/kage", "${kid}[2]/toy[colour = 'red']/price"],
)
def test_without_paths_a_reference_reads_only_its_name(expr: str) -> None:
    assert dependencies(parse(expr)) == frozenset({"kid"})


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
