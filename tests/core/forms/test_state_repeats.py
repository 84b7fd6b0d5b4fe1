"""Repeats in the form state: repeat_count, answers as lists, relative references,
position(), adding and removing instances, defaults in new instances."""

from __future__ import annotations

import pytest

from sylcollect.errors import InvalidInput
from sylcollect.forms.inspect import inspect_form
from sylcollect.forms.state_view import views
from sylcollect.services.records import checked_state
from tests.core.forms.test_state_forms import REPEATS, compiled, state

KIDS = {
    "n_kids": 2,
    "kid": [{"kname": "Ann", "kage": 7}, {"kname": "Bo", "kage": 3}],
    "parent_age": 30,
}


def test_repeat_count_makes_the_instances_and_fills_them_from_answers() -> None:
    st = state(REPEATS, KIDS)
    assert [st.cell("kname", i).value for i in (1, 2)] == ["Ann", "Bo"]
    assert [st.cell("pos", i).value for i in (1, 2)] == ["1", "2"]
    assert [st.cell("older_sib", i).value for i in (1, 2)] == ["no", "yes"]
    assert st.cell("total_age").value == "10" and st.cell("n_school").value == "1"


def test_relative_references_stay_in_their_instance() -> None:
    st = state(REPEATS, KIDS)
    assert st.cell("school", 1).relevant and not st.cell("school", 2).relevant
    st.set_answer("kage", 6, 2)
    assert st.cell("school", 2).relevant and st.cell("n_school").value == "2"
    st.set_answer("kage", 31, 1)  # constraint `. < ../../parent_age` reaches outside
    assert st.cell("kage", 1).problem == "constraint" and st.cell("kage", 2).problem == ""
    st.set_answer("parent_age", 40)
    assert st.cell("kage", 1).problem == ""


def test_changing_the_count_adds_and_removes_instances_from_the_end() -> None:
    st = state(REPEATS, KIDS)
    changes = st.set_answer("n_kids", 3)
    assert len(st.nodes("kid")) == 3
    assert changes.items[("/data/kid", (3,))] >= {"added"}
    assert st.cell("pos", 3).value == "3" and st.cell("kname", 3).value == ""
    st.set_answer("kage", 9, 3)
    assert st.cell("total_age").value == "19"
    changes = st.set_answer("n_kids", 1)
    assert [k for k in changes.keys_with("removed") if k[0] == "/data/kid"] == [
        ("/data/kid", (3,)),
        ("/data/kid", (2,)),
    ]
    assert st.answers_to_save()["kid"] == [
        {"pos": "1", "kname": "Ann", "kage": 7, "older_sib": "no"}
    ]
    assert st.cell("total_age").value == "7"
    st.set_answer("n_kids", None)  # empty count: no instances
    assert st.nodes("kid") == [] and "kid" not in st.answers_to_save()


def test_answers_beyond_the_count_are_left_out_of_the_state_and_reported() -> None:
    st = state(REPEATS, {**KIDS, "n_kids": 1})
    assert len(st.nodes("kid")) == 1 and st.cell("kname", 1).value == "Ann"
    (extra,) = st.extra_entries()
    assert (extra.repeat, extra.given, extra.kept, extra.owner) == ("kid", 2, 1, "")
    with pytest.raises(InvalidInput, match=r"repeat 'kid': 2 entries given, but its "):
        st.check_entries()
    assert state(REPEATS, KIDS).extra_entries() == []
    state(REPEATS, {**KIDS, "n_kids": 3}).check_entries()  # fewer entries: blank ones added


HOUSES = """
| survey |
|  | type         | name   | label  | repeat_count |
|  | integer      | hh     | HH     |              |
|  | begin repeat | house  | House  | ${hh}        |
|  | text         | town   | Town   |              |
|  | integer      | n      | People |              |
|  | begin repeat | person | Person | ${n}         |
|  | text         | pname  | Name   |              |
|  | end repeat   | person |        |              |
|  | end repeat   | house  |        |              |
"""
TWO_HOUSES = {"hh": 1, "house": [{"town": "Leeds"}, {"town": "York"}]}


def test_form_inspect_refuses_more_entries_than_the_count() -> None:
    with pytest.raises(
        InvalidInput, match=r"^repeat 'house': 2 entries given, .*\(\$\{hh\}\) allows 1"
    ):
        inspect_form(compiled(HOUSES), TWO_HOUSES)
    people = {"hh": 2, "house": [{"n": 1, "person": [{"pname": "A"}, {"pname": "B"}]}, {}]}
    with pytest.raises(InvalidInput, match=r"^repeat 'person' inside house\[1\]: 2 entries"):
        inspect_form(compiled(HOUSES), people)
    data = inspect_form(compiled(HOUSES), {**TWO_HOUSES, "hh": 2})
    assert [q["value"] for q in data["questions"] if q["name"] == "town"] == ["Leeds", "York"]


def test_record_add_checks_answers_the_same_way() -> None:
    with pytest.raises(InvalidInput, match=r"^repeat 'house': 2 entries given"):
        checked_state(compiled(HOUSES), TWO_HOUSES, final=False)
    with pytest.raises(InvalidInput, match=r"^repeat 'house': 2 entries given"):
        checked_state(compiled(HOUSES), TWO_HOUSES, final=True, saved=True)
    checked_state(compiled(HOUSES), {**TWO_HOUSES, "hh": 2}, final=True)


def test_a_count_controlled_repeat_refuses_manual_changes() -> None:
    st = state(REPEATS, KIDS)
    with pytest.raises(InvalidInput, match="repeat_count"):
        st.add_repeat("kid")
    with pytest.raises(InvalidInput, match="not a repeat"):
        st.add_repeat("n_kids")


def test_add_and_remove_instances_with_defaults_evaluated_once() -> None:
    st = state(REPEATS)
    assert st.nodes("visit") == [] and st.cell("visits").value == "0"
    st.add_repeat("visit")
    changes = st.add_repeat("visit", {"note": "given"})
    assert st.cell("visits").value == "2"
    assert ("/data/visits", ()) in changes
    assert [st.cell("when", i).value for i in (1, 2)] == ["2025-03-14", "2025-03-14"]
    assert [st.cell("note", i).value for i in (1, 2)] == ["v1", "given"]
    st.add_repeat("visit")
    st.remove_repeat("visit", 1)  # the default stays as it was made ('v3' was at position 3)
    assert [st.cell("note", i).value for i in (1, 2)] == ["given", "v3"]
    assert st.answers_to_save()["visit"] == [
        {"when": "2025-03-14", "note": "given"},
        {"when": "2025-03-14", "note": "v3"},
    ]
    assert not st.recompute()


def test_views_have_one_entry_per_instance_with_interpolated_labels() -> None:
    st = state(REPEATS, KIDS)
    names = [(v.name, v.instance, v.label) for v in views(st) if v.name == "kname"]
    assert names == [("kname", (1,), "Name of #1"), ("kname", (2,), "Name of #2")]


def test_saved_repeats_reload() -> None:
    st = state(REPEATS, KIDS)
    again = state(REPEATS, st.answers_to_save())
    assert again.answers_to_save() == st.answers_to_save()


def test_a_filter_on_a_repeat_reads_the_paths_its_predicate_reaches() -> None:
    st = state(REPEATS, KIDS)
    bind = st.compiled.binds["/data/n_school"]["calculate"]
    assert bind.reads == frozenset({"/data/kid", "/data/kid/kage"})
    st.set_answer("kage", 9, 2)  # only the predicate's input changes
    assert st.cell("n_school").value == "2" and not st.recompute()
    st.set_answer("kage", 1, 1)
    assert st.cell("n_school").value == "1" and not st.recompute()
