"""FormState semantics: relevance (chains, groups), required, constraints and their messages
in two languages, calculation chains, defaults, choice filters, saved answers, errors."""

from __future__ import annotations

import pytest

from sylcollect.errors import InvalidInput
from sylcollect.forms.compiled import compile_form
from sylcollect.forms.model import FormError
from sylcollect.forms.state_view import views
from sylcollect.forms.xlsform import load_form_text
from tests.core.forms.test_state_forms import BRANCHES, FIXED_NOW, LANG, compiled, state


def _view(st, name, lang=None):  # type: ignore[no-untyped-def]
    return next(v for v in views(st, lang) if v.name == name)


# -- relevance ---------------------------------------------------------------------------
def test_relevance_chain_follows_each_answer() -> None:
    st = state(BRANCHES)
    assert not st.cell("b").relevant and not st.cell("c").relevant
    st.set_answer("a", "yes")
    assert st.cell("b").relevant and not st.cell("c").relevant
    st.set_answer("b", "yes")
    assert st.cell("c").relevant
    st.set_answer("a", "no")  # b goes, so c (which reads b) goes too
    assert not st.cell("b").relevant and not st.cell("c").relevant


def test_non_relevant_answer_reads_as_empty_and_comes_back() -> None:
    st = state(BRANCHES, {"a": "yes", "b": "yes", "c": 7})
    assert st.cell("s1").value == "7"
    st.set_answer("a", "no")
    assert st.node("c").text == "" and st.cell("s1").value == "0"
    assert "c" not in st.answers_to_save() and "b" not in st.answers_to_save()
    st.set_answer("a", "yes")  # the kept answer is relevant again
    assert st.cell("s1").value == "7" and st.answers_to_save()["c"] == 7


def test_group_relevance_is_inherited_by_everything_inside() -> None:
    st = state(BRANCHES, {"d": 9, "e": "yes", "f": 4})
    assert st.cell("g").relevant and st.cell("h").relevant and st.cell("f").relevant
    assert st.cell("s1").value == "4"
    st.set_answer("d", 1)  # g goes, and e, h and f with it
    for name in ("g", "e", "h", "f"):
        assert not st.cell(name).relevant, name
    assert not st.cell("h").own_relevant  # h reads e, which reads as empty now
    assert st.cell("s1").value == "0"
    saved = st.answers_to_save()
    assert "e" not in saved and "f" not in saved and saved["d"] == 1
    st.set_answer("d", 6)
    assert st.cell("f").relevant and st.cell("s1").value == "4"


# -- required and constraints ------------------------------------------------------------
def test_required_only_when_relevant_and_dynamic() -> None:
    st = state(BRANCHES)
    assert st.valid  # b is required but not relevant
    st.set_answer("a", "yes")
    assert st.cell("b").required and st.cell("b").problem == "required"
    assert st.cell("c").required  # required: ${a} = 'yes'
    assert not st.valid
    st.set_answer("b", "no")
    assert st.valid


def test_constraint_uses_dot_and_other_questions() -> None:
    st = state(BRANCHES, {"a": "yes", "b": "yes", "c": 3, "d": 5})
    assert st.cell("c").problem == "constraint"
    changes = st.set_answer("d", 2)  # the constraint reads d too
    assert st.cell("c").problem == ""
    assert "valid" in changes.items[("/data/c", ())]


def test_empty_answer_skips_the_constraint() -> None:
    st = state(LANG, {"age": None})
    assert st.cell("age").problem == "required"
    st.set_answer("age", 40)
    assert st.cell("age").problem == "constraint"


@pytest.mark.parametrize(
    ("lang", "required", "constraint"),
    [
        ("English (en)", "Age is needed", "Between 10 and 25"),
        ("Français (fr)", "L'âge est requis", "Entre 10 et 25"),
        (None, "Age is needed", "Between 10 and 25"),
        ("Deutsch (de)", "Age is needed", "Between 10 and 25"),  # falls back to the default
    ],
)
def test_messages_in_the_chosen_language(lang, required, constraint) -> None:  # type: ignore[no-untyped-def]
    st = state(LANG)
    assert _view(st, "age", lang).message == required
    st.set_answer("age", 30)
    assert _view(st, "age", lang).message == constraint
    st.set_answer("age", 20)
    assert _view(st, "age", lang).message is None and _view(st, "age", lang).valid


def test_default_messages_when_the_form_has_none() -> None:
    st = state(LANG, {"age": 30, "why": "x"})
    assert _view(st, "detail").message == "This answer is required."


def test_wrong_type_is_invalid_with_a_message() -> None:
    st = state(LANG)
    st.set_answer("age", "twelve")
    assert st.cell("age").problem.startswith("type:")
    assert _view(st, "age").message == "This answer expects a whole number."


# -- calculations ------------------------------------------------------------------------
def test_calculation_chain_and_labels() -> None:
    st = state(LANG, {"age": 12})
    assert [st.cell(n).value for n in ("age2", "age4", "older")] == ["24", "48", "no"]
    changes = st.set_answer("age", 16)
    assert [st.cell(n).value for n in ("age2", "age4", "older")] == ["32", "64", "yes"]
    assert changes.keys_with("value") == [
        ("/data/age", ()),
        ("/data/age2", ()),
        ("/data/age4", ()),
        ("/data/older", ()),
    ]
    assert changes.keys_with("relevant") == [("/data/why", ())]
    assert _view(st, "why", "Français (fr)").label == "Pourquoi, à 16 ?"
    assert _view(st, "why").label == "Why, at 16?"


def test_saved_answers_include_calculations_and_drop_non_relevant() -> None:
    st = state(LANG, {"age": 16, "why": "because", "detail": "d", "region": "north"})
    assert st.answers_to_save() == {
        "age": 16,
        "age2": "32",
        "age4": "64",
        "older": "yes",
        "why": "because",
        "detail": "d",
        "count": 3,
        "region": "north",
    }
    st.set_answer("age", 12)  # why goes, so the group `more` goes
    assert st.answers_to_save() == {
        "age": 12,
        "age2": "24",
        "age4": "48",
        "older": "no",
        "region": "north",
    }


def test_once_keeps_its_first_value() -> None:
    st = state(BRANCHES)
    assert st.cell("stamp").value == "2025-03-14"
    st._now = FIXED_NOW.replace(day=20)
    st.recompute()
    assert st.cell("stamp").value == "2025-03-14"
    reloaded = state(BRANCHES, st.answers_to_save())
    assert reloaded.cell("stamp").value == "2025-03-14"


def test_clock_is_read_once_and_refreshed_on_request() -> None:
    times = iter([FIXED_NOW, FIXED_NOW.replace(day=15)])
    from sylcollect.forms.state import FormState

    text = BRANCHES.replace("once(today())", "today()")
    st = FormState(compiled(text, "today.md"), clock=lambda: next(times))
    assert st.cell("stamp").value == "2025-03-14"
    st.set_answer("a", "yes")
    assert st.cell("stamp").value == "2025-03-14"
    changes = st.refresh_clock()
    assert st.cell("stamp").value == "2025-03-15"
    assert ("/data/stamp", ()) in changes


# -- defaults ------------------------------------------------------------------------------
def test_static_default_applies_when_the_question_is_not_given() -> None:
    st = state(LANG, {"age": 30, "why": "x"})
    assert st.cell("count").answer == 3 and st.node("count").text == "3"
    st2 = state(LANG, {"age": 30, "why": "x", "count": None})  # given as empty: cleared
    assert st2.cell("count").value == ""


# -- choice filters ------------------------------------------------------------------------
def test_choice_filter_follows_the_answer_it_reads() -> None:
    st = state(LANG)
    assert st.cell("town").choices == ()
    changes = st.set_answer("region", "north")
    assert st.cell("town").choices == ("durham", "leeds")
    assert "choices" in changes.items[("/data/town", ())]
    assert [c for c, _ in _view(st, "town", "Français (fr)").choices] == ["durham", "leeds"]
    st.set_answer("town", "leeds")
    assert st.cell("town").problem == ""
    st.set_answer("region", "south")
    assert st.cell("town").problem == "choice"
    assert [label for _, label in _view(st, "region", "Français (fr)").choices] == ["Nord", "Sud"]


# -- compile-time checks -------------------------------------------------------------------
CYCLE = """
| survey |
|  | type      | name | label | calculation |
|  | calculate | x    |       | ${y} + 1    |
|  | calculate | y    |       | ${z} + 1    |
|  | calculate | z    |       | ${x} + 1    |
|  | integer   | q    | Q     |             |
"""


def test_a_cycle_is_a_form_error_naming_the_questions() -> None:
    with pytest.raises(
        FormError, match=r"cycle.md: row 2: .*circle: 'x' .* -> 'z' .* -> 'y' .* -> 'x'"
    ):
        compile_form(load_form_text(CYCLE, "cycle.md"), "cycle.md")


def test_a_calculation_reading_itself_is_a_form_error() -> None:
    text = CYCLE.replace("${y} + 1", "${x} + 1")
    with pytest.raises(FormError, match="refers to its own value"):
        compile_form(load_form_text(text, "self.md"), "self.md")


def test_a_relevance_cycle_through_a_group_is_found() -> None:
    text = """
| survey |
|  | type        | name | label | relevant     | calculation |
|  | begin group | g    | G     | ${c} = 1     |             |
|  | integer     | q    | Q     |              |             |
|  | end group   | g    |       |              |             |
|  | calculate   | c    |       |              | ${q}        |
"""
    with pytest.raises(FormError, match="circle"):
        compiled(text, "groupcycle.md")


def test_a_bad_expression_names_the_row_and_column() -> None:
    text = CYCLE.replace("${z} + 1", "${z} +* 1")
    with pytest.raises(FormError, match=r"bad.md: row 3 \('y'\), calculation: "):
        compiled(text, "bad.md")


def test_set_answer_refuses_groups_and_unknown_names() -> None:
    st = state(BRANCHES)
    with pytest.raises(InvalidInput, match="is a group"):
        st.set_answer("g", "x")
    with pytest.raises(KeyError):
        st.set_answer("nope", "x")


def test_compiled_forms_are_cached_by_source() -> None:
    a = compiled(BRANCHES, "cached.md")
    assert compiled(BRANCHES, "cached.md") is a


def test_incremental_update_touches_only_dependents() -> None:
    st = state(BRANCHES, {"a": "yes", "b": "yes", "c": 4, "d": 2})
    full = st.recompute().evaluations
    changes = st.set_answer("f", 3)
    assert 0 < changes.evaluations < full / 2
    assert not st.recompute()  # and nothing was left stale


TRIGGER = """
| survey |
|  | type    | name    | label   | calculation       | trigger   |
|  | integer | weight  | Weight  |                   |           |
|  | decimal | kilos   | Kilos   | ${weight} div 10  | ${weight} |
|  | text    | echo    | Echo    | concat('w', ${weight}) |      |
"""


def test_a_triggered_calculation_runs_when_its_trigger_is_answered() -> None:
    st = state(TRIGGER)
    assert st.cell("kilos").value == ""
    st.set_answer("weight", 25)
    assert st.cell("kilos").value == "2.5" and st.cell("echo").value == "w25"
    assert st.answers_to_save()["kilos"] == "2.5"
    assert not st.recompute()  # a triggered value is an answer, not a calculation
