"""Basic answer checks and normalisation for `record add`."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sylcollect.forms.answers import AnswerProblem, check_answers, normalise_answers
from sylcollect.forms.model import Form
from sylcollect.forms.xlsform import load_form_text

TEXT = """
| survey |
| | type | name | label | parameters | calculation | repeat_count |
| | text | nick | Nick | | | |
| | integer | age | Age | | | |
| | decimal | weight | Weight | | | |
| | range | mood | Mood | start=0 end=10 step=2 | | |
| | date | dob | Born | | | |
| | time | at | At | | | |
| | datetime | when | When | | | |
| | select_one yno or_other | ok | OK | | | |
| | select_one yn | plain | Plain | | | |
| | select_multiple yn | many | Many | | | |
| | rank yn | order | Order | | | |
| | geopoint | gp | Where | | | |
| | geotrace | line | Line | | | |
| | geoshape | area | Area | | | |
| | barcode | code | Code | | | |
| | acknowledge | ack | Ack | | | |
| | note | info | Info | | | |
| | calculate | twice | | | ${age} * 2 | |
| | start | started | | | | |
| | begin group | page | Page | | | |
| | text | in_page | In page | | | |
| | end group | | | | | |
| | begin repeat | kids | Kids | | | 2 |
| | text | kid | Kid | | | |
| | begin repeat | toys | Toys | | | |
| | integer | price | Price | | | |
| | end repeat | | | | | |
| | end repeat | | | | | |
| choices |
| | list_name | name | label |
| | yn | yes | Yes |
| | yn | no | No |
| | yno | yes | Yes |
| | yno | no | No |
"""


@pytest.fixture(scope="module")
def form() -> Form:
    return load_form_text(TEXT, "answers.md")


def problems(form: Form, answers: dict[str, Any]) -> dict[str, str]:
    return {p.question: p.message for p in check_answers(form, answers)}


def test_good_answers_pass(form: Form) -> None:
    answers = {
        "nick": "Sam",
        "age": 15,
        "weight": "52.5",
        "mood": 4,
        "dob": "2010-02-28",
        "at": "13:45",
        "when": "2025-01-02T10:11:12+01:00",
        "ok": "other",
        "ok_other": "maybe",
        "plain": "yes",
        "many": ["yes", "no"],
        "order": "no yes",
        "gp": "51.5 -0.12 30 5",
        "line": "51.5 -0.12;51.6 -0.13",
        "area": "1 1;1 2;2 2;1 1",
        "code": "ABC-123",
        "ack": "OK",
        "in_page": "x",
        "page": {"in_page": "y"},
        "kids": [{"kid": "A", "toys": [{"price": "3"}, {"price": None}]}, {"kid": ""}],
    }
    assert check_answers(form, answers) == []


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("nope", 1, "is not a question of this form"),
        ("age", "twelve", "expects a whole number"),
        ("age", 1.5, "expects a whole number"),
        ("age", True, "expects a whole number"),
        ("age", 2**40, "is too large for a whole number"),
        ("weight", "heavy", "expects a number"),
        ("weight", float("nan"), "expects a number"),
        ("mood", 11, "must be between 0 and 10"),
        ("mood", 3, "must be 0 plus a multiple of 2"),
        ("dob", "28/02/2010", "expects a date as YYYY-MM-DD"),
        ("dob", "2010-02-30", "expects a date as YYYY-MM-DD"),
        ("at", "25:00", "expects a time as HH:MM or HH:MM:SS"),
        ("when", "2025-01-02", "expects a date and time as YYYY-MM-DDTHH:MM[:SS]"),
        ("plain", "other", "is not one of the question's choices"),
        ("plain", ["yes"], "expects one choice name"),
        ("many", "yes maybe", "includes a name that is not one of the question's choices"),
        ("many", "yes yes", "names a choice more than once"),
        ("many", {"a": 1}, "expects choice names as a space-separated string or a list"),
        ("gp", "91 0", "latitude must be between -90 and 90"),
        ("gp", "0 181", "longitude must be between -180 and 180"),
        ("gp", "0", "expects 'latitude longitude [altitude [accuracy]]'"),
        ("gp", "0 0 0 -1", "accuracy must not be negative"),
        ("line", "1 1", "a geotrace needs at least 2 points separated by ';'"),
        ("area", "1 1;1 2;2 2;3 3", "a geoshape must end at its first point"),
        ("code", 5, "expects text"),
        ("ack", "yes", 'expects "OK"'),
        ("info", "x", "is a note, don't supply it"),
        ("twice", 4, "is calculated, don't supply it"),
        ("started", "2025-01-01", "is filled in automatically, don't supply it"),
        ("page", "x", "is a group: give an object of its questions"),
        ("kids", {"kid": "A"}, "is a repeat: give a list of objects"),
        ("kids", [{}, {}, {}], "has at most 2 entries"),
    ],
)
def test_bad_answers(form: Form, name: str, value: Any, message: str) -> None:
    assert problems(form, {name: value}) == {name: message}


def test_nested_problems_name_the_instance(form: Form) -> None:
    found = check_answers(form, {"kids": [{"kid": "A"}, {"toys": [{"price": "x"}, {"no": 1}]}]})
    assert found == [
        AnswerProblem("kids[2]/toys[1]/price", "expects a whole number"),
        AnswerProblem("kids[2]/toys[2]/no", "is not a question of this form"),
    ]


def test_messages_never_echo_values(form: Form) -> None:
    secret = "Jane Doe 1999"
    for name in ("age", "weight", "dob", "at", "when", "plain", "many", "gp", "ack", "mood"):
        for problem in check_answers(form, {name: secret}):
            assert "Jane" not in problem.message


def test_empty_values_are_accepted(form: Form) -> None:
    assert check_answers(form, {"age": None, "dob": "", "many": [], "kids": None}) == []
    assert check_answers(form, ["not", "a", "dict"]) == [  # type: ignore[arg-type]
        AnswerProblem("", "answers must be an object of question names")
    ]


def test_normalise(form: Form) -> None:
    answers = {
        "nick": " Sam ",
        "age": "15",
        "weight": "52.50",
        "mood": "4",
        "many": ["yes", "no"],
        "order": " no   yes ",
        "plain": "yes",
        "gp": [51.5, -0.12],
        "dob": " 2010-02-28 ",
        "kids": [{"kid": 7, "toys": [{"price": 3.0}]}],
        "page": {"in_page": ""},
        "unknown": {"kept": True},
    }
    assert normalise_answers(form, answers) == {
        "nick": " Sam ",
        "age": 15,
        "weight": 52.5,
        "mood": 4,
        "many": "yes no",
        "order": "no yes",
        "plain": "yes",
        "gp": "51.5 -0.12",
        "dob": "2010-02-28",
        "kids": [{"kid": "7", "toys": [{"price": 3}]}],
        "page": {"in_page": None},
        "unknown": {"kept": True},
    }


@given(st.lists(st.sampled_from(["yes", "no"]), unique=True))
def test_normalised_multi_select_still_checks(values: list[str]) -> None:
    form = load_form_text(TEXT, "answers.md")
    normal = normalise_answers(form, {"many": values})
    assert check_answers(form, normal) == []
    assert normal["many"] == (" ".join(values) or None)


@given(st.integers(min_value=-(2**31) + 1, max_value=2**31 - 1))
def test_integers_round_trip(value: int) -> None:
    form = load_form_text(TEXT, "answers.md")
    assert check_answers(form, {"age": str(value)}) == []
    assert normalise_answers(form, {"age": str(value)}) == {"age": value}
