"""ODK semantics, table-driven: empty answers, numeric strings, selects, NaN, rounding."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from sylcollect.forms.expr import (
    EvalContext,
    ExpressionError,
    evaluate,
    format_number,
    round_half_away,
    to_boolean,
    to_number,
    to_string,
)

NAN = object()

ANSWERS = {
    "empty": "",
    "three": "3",
    "three_dec": "3.0",
    "ten": "10",
    "word": "abc",
    "padded": " 12 ",
    "multi": "red amber",
    "one": "blue",
    "neg": "-2.5",
    "d": "2020-01-01",
}

CASES: list[tuple[str, object]] = [
    # empty answers: "" as a string, NaN as a number
    ("${empty} > 3", False),
    ("${empty} < 3", False),
    ("${empty} = ''", True),
    ("${empty} != ''", False),
    ("${empty} + 1", NAN),
    ("${empty} * 0", NAN),
    ("string(${empty})", ""),
    ("number(${empty})", NAN),
    ("string-length(${empty})", 0.0),
    ("boolean(${empty})", True),  # a node-set with one node, as in XPath
    ("boolean(string(${empty}))", False),
    ("${empty} = 0", False),
    ("not(${empty} = 0)", True),
    ("count(${empty})", 1.0),
    ("coalesce(${empty}, 'x')", "x"),
    ("coalesce(${word}, 'x')", "abc"),
    # numeric strings
    ("${three} = 3", True),
    ("${three_dec} = 3", True),
    ("${three_dec} = '3'", False),
    ("${three} = '3'", True),
    ("${three} < ${ten}", True),  # numeric, not string, comparison
    ("'3' < '10'", True),
    ("${three} + ${ten}", 13.0),
    ("${padded} + 0", 12.0),
    ("${word} + 1", NAN),
    ("${neg} * 2", -5.0),
    ("'1e3' + 0", NAN),
    ("' -4 ' + 1", -3.0),
    ("'.5' + 0", 0.5),
    ("'+5' + 0", NAN),
    ("${word} = 'abc'", True),
    ("${word} > 1", False),
    ("true() = 'x'", True),
    ("false() = ''", True),
    ("1 = true()", True),
    ("0 = ''", False),
    ("2 = '2.0'", True),
    # arithmetic, division by zero, NaN
    ("1 div 0", math.inf),
    ("-1 div 0", -math.inf),
    ("0 div 0", NAN),
    ("1 div -0", -math.inf),
    ("5 mod 3", 2.0),
    ("-5 mod 3", -2.0),
    ("5 mod -3", 2.0),
    ("5 mod 0", NAN),
    ("5.5 mod 2", 1.5),
    ("1 + 2 * 3", 7.0),
    ("(1 + 2) * 3", 9.0),
    ("10 - 2 - 3", 5.0),
    ("12 div 2 div 3", 2.0),
    ("- - 3", 3.0),
    ("-${three}", -3.0),
    ("0.1 + 0.2", 0.30000000000000004),
    ("string(1 div 0)", "Infinity"),
    ("string(-1 div 0)", "-Infinity"),
    ("string(0 div 0)", "NaN"),
    ("string(2.0)", "2"),
    ("string(-0)", "0"),
    ("string(0.000001)", "0.000001"),
    ("string(1000000 * 1000000 * 1000000 * 1000)", "1000000000000000000000"),
    ("concat(1.50, '|', 3 div 2, '|', 7)", "1.5|1.5|7"),
    ("(0 div 0) = (0 div 0)", False),
    ("(0 div 0) != (0 div 0)", True),
    ("1 < 2 = true()", True),
    ("1 = 1 and 2 = 2 or 1 = 2", True),
    ("1 = 2 and (1 div 0) or true()", True),
    # round: half away from zero, never banker's
    ("round(2.5)", 3.0),
    ("round(3.5)", 4.0),
    ("round(-2.5)", -3.0),
    ("round(0.5)", 1.0),
    ("round(-0.5)", -1.0),
    ("round(1.005, 2)", 1.01),
    ("round(2.675, 2)", 2.68),
    ("round(-2.675, 2)", -2.68),
    ("round(1234.5678, -2)", 1200.0),
    ("round(1250, -2)", 1300.0),
    ("round(12.3456, 1.9)", 12.3),
    ("round(${empty})", NAN),
    ("round(1 div 0)", math.inf),
    ("int(3.9)", 3.0),
    ("int(-3.9)", -3.0),
    ("int('7.2')", 7.0),
    ("floor(-1.5)", -2.0),
    ("ceiling(-1.5)", -1.0),
    ("abs(-4)", 4.0),
    ("pow(2, 10)", 1024.0),
    ("pow(2, 0.5)", math.sqrt(2)),
    ("sqrt(16)", 4.0),
    ("sqrt(-1)", NAN),
    ("log(0)", -math.inf),
    ("log(-1)", NAN),
    ("exp(0)", 1.0),
    ("exp(1000)", math.inf),
    ("min(3, 1, 2)", 1.0),
    ("max(3, ${ten}, 2)", 10.0),
    ("max(3, ${empty})", NAN),
    ("number('12')", 12.0),
    ("number(true())", 1.0),
    # strings
    ("concat('a', ${three}, 'b')", "a3b"),
    ("join('-', 'a', 'b', 'c')", "a-b-c"),
    ("substr('abcdef', 1, 3)", "bc"),
    ("substr('abcdef', 2)", "cdef"),
    ("substr('abcdef', -2)", "ef"),
    ("substring('12345', 1.5, 2.6)", "234"),
    ("substring('12345', 0, 3)", "12"),
    ("substring('12345', 0 div 0, 3)", ""),
    ("substring('12345', -42, 1 div 0)", "12345"),
    ("substring('12345', -1 div 0, 1 div 0)", ""),
    ("substring-before('1999/04/01', '/')", "1999"),
    ("substring-after('1999/04/01', '/')", "04/01"),
    ("string-length('héllo')", 5.0),
    ("contains('banana', 'nan')", True),
    ("starts-with('banana', 'ban')", True),
    ("ends-with('banana', 'na')", True),
    ("ends-with('banana', 'x')", False),
    ("normalize-space('  a \t b\n c ')", "a b c"),
    ("translate('bar', 'abc', 'ABC')", "BAr"),
    ("translate('--aaa--', 'abc-', 'ABC')", "AAA"),
    ("lower-case('ÀB')", "àb"),
    ("upper-case('ab')", "AB"),
    ("regex('abc123', '^[a-z]+[0-9]+$')", True),
    ("regex('abc', '[0-9]')", False),
    ("regex(${empty}, '^$')", True),
    ("boolean-from-string('true')", True),
    ("boolean-from-string('1')", True),
    ("boolean-from-string('yes')", False),
    ("string(true())", "true"),
    ("boolean('false')", True),
    ("boolean(0)", False),
    ("boolean(0 div 0)", False),
    ("not('')", True),
    ('"it\'s"', "it's"),
    # multi-select answers
    ("selected(${multi}, 'red')", True),
    ("selected(${multi}, 'amber')", True),
    ("selected(${multi}, 'blue')", False),
    ("selected(${multi}, ' red ')", True),
    ("selected(${multi}, 're')", False),
    ("selected(${empty}, 'red')", False),
    ("count-selected(${multi})", 2.0),
    ("count-selected(${empty})", 0.0),
    ("count-selected('  a  b   c ')", 3.0),
    ("selected-at(${multi}, 0)", "red"),
    ("selected-at(${multi}, 1)", "amber"),
    ("selected-at(${multi}, 2)", ""),
    ("selected-at(${multi}, -1)", ""),
    ("${one} = 'blue'", True),
    ("jr:choice-name(${one}, '${colour}')", ""),  # no such question: no label
    # checklists
    ("checklist(2, 3, 'a', '', 'b', true(), false())", True),
    ("checklist(-1, 1, 'a', 'b')", False),
    ("checklist(1, -1, ${multi}, ${empty})", True),
    ("weighted-checklist(5, -1, 'a', 2, '', 10, 'b', 3)", True),
    ("weighted-checklist(6, -1, 'a', 2, '', 10, 'b', 3)", False),
    # if() is lazy: the untaken branch would fail
    ("if(true(), 'yes', instance('nope')/x)", "yes"),
    ("if(false(), instance('nope')/x, 'no')", "no"),
    ("if(${empty} = '', 0, ${word})", 0.0),
    ("if(${three} > 2, 'big', 'small')", "big"),
    ("true() or instance('nope')", True),
    ("false() and instance('nope')", False),
    ("once('new')", "new"),
    # secondary instances and predicates
    ("instance('colours')/root/item[name = 'blue']/label", "Blue"),
    ("count(instance('colours')/root/item[warm = 'yes'])", 2.0),
    ("instance('colours')/root/item[2]/name", "blue"),
    ("instance('colours')/root/item[position() = 3]/label", "Amber"),
    ("instance('colours')/root/item[last()]/name", "amber"),
    ("instance('colours')/root/item[selected(${multi}, name)][2]/label", "Amber"),
    ("join(',', instance('colours')/root/item[warm = 'yes']/name)", "red,amber"),
    ("instance('fruits')/root/item[name = 'mango']/price * 2", 10.0),
    ("sum(instance('fruits')/root/item/price)", 8.0),
    ("pulldata('fruits', 'price', 'name', 'apple')", "3"),
    ("pulldata('fruits', 'price', 'name', 'kiwi')", ""),
    ("instance('colours')/root/item[name = 'zzz']/label", ""),
    ("instance('colours')/root/item/name = 'amber'", True),
    ("instance('colours')/root/item/name != 'amber'", True),
    ("instance('fruits')/root/item/price > 4", True),
    ("instance('fruits')/root/item/price > 5", False),
    ("count(instance('colours')/root/item | instance('fruits')/root/item)", 5.0),
    ("count(instance('colours')//name)", 3.0),
    ("count(instance('colours')/root/item[1]/following-sibling::item)", 2.0),
    ("count(instance('colours')/root/item[3]/preceding-sibling::item)", 2.0),
    ("instance('colours')/root/item[3]/preceding-sibling::item[1]/name", "blue"),
    ("name(instance('colours')/root/*[1])", "item"),
    # absolute paths in the XPath form
    ("/data/three + /data/ten", 13.0),
    ("/data/three = ../data/three", True),
    ("count(/data/*)", float(len(ANSWERS))),
    ("count(/data/nothing)", 0.0),
    ("/data/nothing = ''", False),
    ("string(/data/nothing)", ""),
    ("/data/nothing + 1", NAN),
]


def _same(got: object, want: object) -> bool:
    if want is NAN:
        return isinstance(got, float) and math.isnan(got)
    if isinstance(want, float) and isinstance(got, float) and not isinstance(got, bool):
        return got == want or math.isclose(got, want, rel_tol=1e-12)
    return type(got) is type(want) and got == want


@pytest.mark.parametrize(("expr", "want"), CASES, ids=[c[0] for c in CASES])
def test_semantics(flat: Callable[..., EvalContext], expr: str, want: object) -> None:
    got = evaluate(expr, flat(ANSWERS))
    if isinstance(got, list):
        got = to_string(got)
    assert _same(got, want), f"{expr!r} gave {got!r}, wanted {want!r}"


def test_choice_name_uses_the_question_list(flat: Callable[..., EvalContext]) -> None:
    ctx = flat({"colour": "amber", "colours": "red blue"})
    assert evaluate("jr:choice-name(${colour}, '${colour}')", ctx) == "Amber"
    assert evaluate("jr:choice-name( /data/colour , ' /data/colour ')", ctx) == "Amber"
    assert evaluate("jr:choice-name(selected-at(${colours}, 1), '${colours}')", ctx) == "Blue"
    assert evaluate("jr:choice-name('nope', '${colour}')", ctx) == ""
    labelled = flat(
        {"colour": "red"},
        choice_label=lambda path, value, lang: f"{path}:{value}:{lang}",
        language="fr",
    )
    assert evaluate("jr:choice-name(${colour}, '${colour}')", labelled) == "/data/colour:red:fr"


def test_once_keeps_an_existing_value(flat: Callable[..., EvalContext]) -> None:
    ctx = flat({"id": "kept", "other": ""})
    node = ctx.root.find("/data/id")[0]
    assert evaluate("once(concat('a', 'b'))", ctx.at(node)) == "kept"
    empty = ctx.root.find("/data/other")[0]
    assert evaluate("once(concat('a', 'b'))", ctx.at(empty)) == "ab"
    hooked = flat({"id": ""}, once=lambda n: "from-hook")
    assert evaluate("once('x')", hooked.at(hooked.root.find("/data/id")[0])) == "from-hook"


def test_uuid_is_random_and_sized(flat: Callable[..., EvalContext]) -> None:
    ctx = flat({})
    first, second = evaluate("uuid()", ctx), evaluate("uuid()", ctx)
    assert isinstance(first, str) and len(first) == 36 and first != second
    token = evaluate("uuid(12)", ctx)
    assert isinstance(token, str) and len(token) == 12 and token.isalnum()


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("count('a')", "count() needs a node-set"),
        ("instance('nope')/root", "unknown instance 'nope'"),
        ("${missing} + 1", "unknown name '${missing}'"),
        ("regex('a', '(')", "invalid regular expression"),
        ("'a' | 'b'", "'|' joins node-sets only"),
        ("date('not a date')", "not a date"),
        ("format-date('2020-01-01', '%Q')", "unsupported date format"),
        ("sum(3)", "sum() needs a node-set"),
        ("position(/data/nothing)", "empty node-set"),
        ("indexed-repeat(${three}, ${three})", "takes at least 3 arguments"),
    ],
)
def test_evaluation_errors_are_expression_errors(
    flat: Callable[..., EvalContext], expr: str, message: str
) -> None:
    with pytest.raises(ExpressionError, match=None) as info:
        evaluate(expr, flat(ANSWERS))
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("value", "text", "number", "truth"),
    [
        ("", "", NAN, False),
        ("0", "0", 0.0, True),
        ("abc", "abc", NAN, True),
        (0.0, "0", 0.0, False),
        (2.5, "2.5", 2.5, True),
        (math.nan, "NaN", NAN, False),
        (True, "true", 1.0, True),
        (False, "false", 0.0, False),
        ([], "", NAN, False),
    ],
)
def test_conversions(value: object, text: str, number: object, truth: bool) -> None:
    assert to_string(value) == text  # type: ignore[arg-type]
    assert _same(to_number(value), number)  # type: ignore[arg-type]
    assert to_boolean(value) is truth  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (1.0, "1"),
        (-0.0, "0"),
        (0.5, "0.5"),
        (1e-7, "0.0000001"),
        (1.5e300, "15" + "0" * 299),
        (123456789.125, "123456789.125"),
        (math.inf, "Infinity"),
        (-math.inf, "-Infinity"),
    ],
)
def test_format_number(x: float, text: str) -> None:
    assert format_number(x) == text


@pytest.mark.parametrize(
    ("x", "digits", "want"),
    [
        (0.5, 0, 1.0),
        (1.5, 0, 2.0),
        (2.5, 0, 3.0),
        (-1.5, 0, -2.0),
        (0.125, 2, 0.13),
        (0.285, 2, 0.29),
        (-0.285, 2, -0.29),
        (15, -1, 20.0),
        (-15, -1, -20.0),
        (1e300, 2, 1e300),
    ],
)
def test_round_half_away_from_zero(x: float, digits: int, want: float) -> None:
    assert round_half_away(x, digits) == want
