"""Repeats: ${name} scoping, relative paths, position(..), indexed-repeat, current()."""

from __future__ import annotations

import pytest

from sylcollect.forms.expr import EvalContext, Node, evaluate, to_string


def _at(ctx: EvalContext, path: str, index: int = 0) -> EvalContext:
    return ctx.at(ctx.root.find(path)[index])


def test_name_inside_the_same_repeat_means_this_instance(house: tuple[EvalContext, Node]) -> None:
    ctx, _ = house
    for i, name in enumerate(("Ann", "Bob", "Cy")):
        here = _at(ctx, "/data/person/age", i)
        assert evaluate("${name}", here) == here.context.parent.find("name")  # type: ignore[union-attr]
        assert to_string(evaluate("${name}", here)) == name
        assert evaluate("concat(${name}, ':', position(..))", here) == f"{name}:{i + 1}"


def test_name_outside_a_repeat_means_every_instance(house: tuple[EvalContext, Node]) -> None:
    ctx, _ = house
    total = _at(ctx, "/data/total")
    assert evaluate("count(${person})", total) == 3.0
    assert evaluate("count(${name})", total) == 3.0
    assert evaluate("join(' ', ${name})", total) == "Ann Bob Cy"
    assert evaluate("sum(${age})", total) != evaluate("sum(${age})", total)  # Bob's empty: NaN
    assert evaluate("${age} > 30", total) is True  # existential over all instances
    assert evaluate("${age} > 40", total) is False
    assert evaluate("${name} = 'Cy'", total) is True
    assert evaluate("count(${cname})", total) == 3.0


def test_repeat_itself_from_inside_means_all_instances(house: tuple[EvalContext, Node]) -> None:
    ctx, _ = house
    assert evaluate("count(${person})", _at(ctx, "/data/person/name", 1)) == 3.0


def test_nested_repeats_scope_to_the_enclosing_instances(house: tuple[EvalContext, Node]) -> None:
    ctx, _ = house
    kid = _at(ctx, "/data/person/child/cname", 1)  # Ann's second child
    assert evaluate("${name}", kid)[0].text == "Ann"  # type: ignore[index]
    assert evaluate("count(${cname})", kid) == 1.0  # this child's own name
    assert evaluate("count(../../child)", kid) == 2.0
    assert evaluate("position(..)", kid) == 2.0
    assert evaluate("count(${child})", kid) == 2.0  # Ann's children, not everyone's
    cy_kid = _at(ctx, "/data/person/child/cname", 2)
    assert evaluate("concat(${name}, '-', position(../..), '-', position(..))", cy_kid) == "Cy-3-1"


def test_relative_paths_and_current(house: tuple[EvalContext, Node]) -> None:
    ctx, _ = house
    bob_age = _at(ctx, "/data/person/age", 1)
    assert evaluate("../name", bob_age)[0].text == "Bob"  # type: ignore[index]
    assert evaluate(". = ''", bob_age) is True
    assert evaluate(". > 3", bob_age) is False
    assert evaluate("current()/../name = 'Bob'", bob_age) is True
    assert evaluate("/data/person[current()/../name = name]/age = ''", bob_age) is True
    assert evaluate("count(/data/person[age > 5])", bob_age) == 2.0
    assert evaluate("/data/person[3]/name", bob_age)[0].text == "Cy"  # type: ignore[index]
    assert evaluate("/data/person[position() = 1]/age + 1", bob_age) == 35.0
    assert evaluate("../../hh_size", bob_age)[0].text == "3"  # type: ignore[index]
    assert evaluate("count(../preceding-sibling::person)", bob_age) == 1.0
    assert evaluate("name(..)", bob_age) == "person"


@pytest.mark.parametrize(
    ("expr", "want"),
    [
        ("indexed-repeat(${name}, ${person}, 1)", "Ann"),
        ("indexed-repeat(${name}, ${person}, 3)", "Cy"),
        ("indexed-repeat(${name}, ${person}, 4)", ""),
        ("indexed-repeat(${name}, ${person}, 0)", ""),
        ("indexed-repeat(/data/person/name, /data/person, 2)", "Bob"),
        ("indexed-repeat(${cname}, ${person}, 1, ${child}, 2)", "a2"),
        ("indexed-repeat(${cname}, ${person}, 3, ${child}, 1)", "c1"),
        ("indexed-repeat(${cname}, ${person}, 2, ${child}, 1)", ""),
        ("indexed-repeat(${name}, ${person}, ${hh_size} - 1)", "Bob"),
        ("indexed-repeat(${name}, ${person}, position(..))", "Ann"),
    ],
)
def test_indexed_repeat(house: tuple[EvalContext, Node], expr: str, want: str) -> None:
    ctx, _ = house
    assert to_string(evaluate(expr, _at(ctx, "/data/person/age", 0))) == want


def test_indexed_repeat_relative_path(house: tuple[EvalContext, Node]) -> None:
    ctx, _ = house
    here = _at(ctx, "/data/total")
    assert to_string(evaluate("indexed-repeat(../person/age, ../person, 3)", here)) == "7"


def test_position_counts_same_named_siblings_only(house: tuple[EvalContext, Node]) -> None:
    ctx, _ = house
    cy = _at(ctx, "/data/person/name", 2)
    assert evaluate("position(..)", cy) == 3.0  # not 4 (hh_size comes first)
    assert evaluate("position(.)", cy) == 1.0
    assert evaluate("position()", cy) == 1.0


def test_label_interpolation_follows_repeat_scoping(house: tuple[EvalContext, Node]) -> None:
    from sylcollect.forms.expr import interpolate, label_names

    ctx, _ = house
    here = _at(ctx, "/data/person/age", 2)
    label = "How old is ${name} (household of ${ hh_size })? ${nope}"
    assert interpolate(label, here) == "How old is Cy (household of 3)? "
    assert label_names(label) == frozenset({"name", "hh_size", "nope"})
