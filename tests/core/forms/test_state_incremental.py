"""Incremental updates give exactly what a full recompute gives: property-based, over random
answer sequences (and repeat additions/removals) on test forms and the built-in forms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sylcollect.forms.compiled import CompiledForm, compile_form
from sylcollect.forms.model import Group, Question
from sylcollect.forms.state import FormState
from sylcollect.forms.xlsform import load_form
from tests.core.forms.test_state_forms import (
    BRANCHES,
    FIXED_NOW,
    LANG,
    REPEATS,
    compiled,
    snapshot,
)

BUILT_IN = Path(__file__).resolve().parents[3] / "resources" / "forms"
FORMS: dict[str, CompiledForm] = {
    "lang": compiled(LANG, "lang.md"),
    "branches": compiled(BRANCHES, "branches.md"),
    "repeats": compiled(REPEATS, "repeats.md"),
}
for _name in ("yp_checkin", "phq9", "staff_survey", "interview_record", "k10", "rses"):
    _path = BUILT_IN / f"{_name}.md"
    FORMS[_name] = compile_form(load_form(_path), _path.name)

_TEXTS = ["", "x", "yes", "no", "7"]
_DATES = ["2024-02-29", "2025-01-01", "1999-12-31"]


def _values(compiled: CompiledForm, question: Question) -> st.SearchStrategy[Any]:
    kind = question.type
    if question.is_select:
        names = [c.name for c in compiled.form.choices(question)] or ["a"]
        one = st.sampled_from(names)
        if kind == "select_one":
            return st.one_of(st.none(), one)
        return st.one_of(st.none(), st.lists(one, max_size=3, unique=True).map(" ".join))
    if kind in ("integer", "range"):
        return st.one_of(st.none(), st.integers(-3, 30))
    if kind == "decimal":
        return st.one_of(st.none(), st.sampled_from([0.5, 2.25, 10.0, -1.5]))
    if kind == "date":
        return st.one_of(st.none(), st.sampled_from(_DATES))
    return st.one_of(st.none(), st.sampled_from(_TEXTS))


def _answerable(compiled: CompiledForm) -> list[Question]:
    return [
        q for q in compiled.form.questions() if q.takes_answer and q.type not in ("acknowledge",)
    ]


def _repeats(compiled: CompiledForm) -> list[Group]:
    return [g for g in compiled.form.groups() if g.repeat and not g.repeat_count]


def _step(state: FormState, data: st.DataObject) -> None:
    compiled = state.compiled
    repeats = _repeats(compiled)
    action = data.draw(st.sampled_from(["answer"] * 4 + (["add", "remove"] if repeats else [])))
    if action == "add":
        group = data.draw(st.sampled_from(repeats))
        parents = state.nodes(group.path.rsplit("/", 1)[0])
        if parents:
            owner = data.draw(st.sampled_from(parents))
            state.add_repeat(group.path, parent=state.key(owner)[1])
        return
    if action == "remove":
        group = data.draw(st.sampled_from(repeats))
        instances = state.nodes(group.path)
        if instances:
            node = data.draw(st.sampled_from(instances))
            state.remove_repeat(group.path, state.key(node)[1])
        return
    question = data.draw(st.sampled_from(_answerable(compiled)))
    nodes = state.nodes(question.path)
    if not nodes:
        return
    node = data.draw(st.sampled_from(nodes))
    value = data.draw(_values(compiled, question))
    state.set_answer(question.path, value, state.key(node)[1])


@pytest.mark.parametrize("name", sorted(FORMS))
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_incremental_equals_full_recompute(name: str, data: st.DataObject) -> None:
    state = FormState(FORMS[name], clock=lambda: FIXED_NOW)
    steps = data.draw(st.integers(1, 12))
    for _ in range(steps):
        _step(state, data)
        before = snapshot(state)
        saved = state.answers_to_save()
        changes = state.recompute()
        assert not changes, changes.items
        assert snapshot(state) == before
        assert state.answers_to_save() == saved


@pytest.mark.parametrize("name", sorted(FORMS))
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_saved_answers_rebuild_the_same_state(name: str, data: st.DataObject) -> None:
    """A state made again from its saved answers saves the same answers (a record reopened).

    Calculations may differ, as in ODK: one can count a repeat instance that is not
    relevant, so not saved; defaults come back where they were cleared.
    """
    state = FormState(FORMS[name], clock=lambda: FIXED_NOW)
    for _ in range(data.draw(st.integers(1, 10))):
        _step(state, data)
    saved = state.answers_to_save()
    again = FormState(FORMS[name], saved, clock=lambda: FIXED_NOW)
    assert _without_defaults(again.answers_to_save(), FORMS[name]) == _without_defaults(
        saved, FORMS[name]
    )


def _without_defaults(answers: dict[str, Any], compiled: CompiledForm) -> dict[str, Any]:
    """Answers minus calculations and questions with defaults."""
    names = {compiled.elements[p].name for p in (*compiled.defaults, *compiled.dynamic_defaults)}
    names |= {q.name for q in compiled.form.questions() if q.is_calculated}
    out: dict[str, Any] = {}
    for key, value in answers.items():
        if key in names:
            continue
        if isinstance(value, list):
            out[key] = [_without_defaults(v, compiled) for v in value]
        else:
            out[key] = value
    return out


def test_incremental_does_less_work_than_full_on_a_built_in_form() -> None:
    state = FormState(FORMS["yp_checkin"], clock=lambda: FIXED_NOW)
    full = state.recompute().evaluations
    changes = state.set_answer("school_now", "yes")
    assert 0 < changes.evaluations < full
