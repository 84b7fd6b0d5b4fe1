# ruff: noqa: E501
"""Saving records through the form state: full validation, calculations and non-relevant
answers, scores, and form versions (a record shows with its own version's labels)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sylcollect.domain.record import RecordStatus
from sylcollect.domain.study import FormRef, Role, Site, Study, Wave
from sylcollect.errors import InvalidInput, NotFound
from sylcollect.forms.state_view import views
from sylcollect.services.records import (
    NewRecord,
    add_record,
    form_for,
    get_record,
    record_state,
)
from tests.conftest import PASSWORD

MOOD_V1 = """
| survey |
|  | type          | name  | label          | constraint | constraint_message |
|  | select_one ok | mood  | How are you?   |            |                    |
|  | integer       | score | Score (0-5)    | . <= 5     | At most 5          |
| choices |
|  | list_name | name | label |
|  | ok        | good | Good  |
|  | ok        | bad  | Bad   |
| settings |
|  | form_id | version |
|  | mood    | 1       |
"""

MOOD_V2 = """
| survey |
|  | type          | name  | label                  | required | relevant         | constraint | calculation     |
|  | select_one ok | mood  | How do you feel today? | yes      |                  |            |                 |
|  | text          | why   | Why is that?           |          | ${mood} = 'bad'  |            |                 |
|  | integer       | score | Score (0-10)           |          |                  | . <= 10    |                 |
|  | calculate     | dbl   |                        |          |                  |            | ${score} * 2    |
| choices |
|  | list_name | name | label     |
|  | ok        | good | Good      |
|  | ok        | bad  | Not good  |
| settings |
|  | form_id | version |
|  | mood    | 2       |
"""


@pytest.fixture
def study_ws(tmp_path: Path, cheap: None):  # type: ignore[no-untyped-def]
    from sylcollect.storage.workspace import Workspace

    study = Study(
        id="tiny",
        name="Tiny study",
        version=1,
        description="",
        sites=(Site("s1", "Site one", "P"),),
        waves=(Wave("baseline", "Baseline"),),
        milestones=(),
        forms=(
            FormRef("mood", "1", "Mood", "mood.md", "participant", MOOD_V1),
            FormRef("mood", "2", "Mood", "mood.md", "participant", MOOD_V2),
        ),
    )
    ws, _ = Workspace.create(tmp_path / "data", study, "ann", PASSWORD)
    with ws.transaction() as tx:
        tx.participants.add("P-1", "s1", Role.YOUNG_PERSON)
    yield ws
    if not ws.locked:
        ws.lock()
    ws.workspace.close()


def test_form_for_loads_the_named_version(study_ws) -> None:  # type: ignore[no-untyped-def]
    assert form_for(study_ws, "mood").version == "2"
    assert form_for(study_ws, "mood", "1").find("mood").label() == "How are you?"  # type: ignore[union-attr]
    with pytest.raises(NotFound, match="no version '7'"):
        form_for(study_ws, "mood", "7")


def test_records_keep_their_version_and_show_with_its_labels(study_ws) -> None:  # type: ignore[no-untyped-def]
    old = add_record(
        study_ws, NewRecord("mood", {"mood": "bad", "score": 4}, "P-1", form_version="1")
    )
    new = add_record(
        study_ws, NewRecord("mood", {"mood": "bad", "why": "tired", "score": 8}, "P-1")
    )
    assert (old.form_version, new.form_version) == ("1", "2")
    old_view = {v.name: v for v in views(record_state(study_ws, get_record(study_ws, old.uuid)))}
    new_view = {v.name: v for v in views(record_state(study_ws, get_record(study_ws, new.uuid)))}
    assert old_view["mood"].label == "How are you?" and "why" not in old_view
    assert dict(old_view["mood"].choices)["bad"] == "Bad"
    assert new_view["mood"].label == "How do you feel today?"
    assert dict(new_view["mood"].choices)["bad"] == "Not good"
    assert new_view["dbl"].value == "16"


def test_each_version_validates_with_its_own_rules(study_ws) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput, match="answer 'score': At most 5"):
        add_record(
            study_ws, NewRecord("mood", {"mood": "good", "score": 8}, "P-1", form_version="1")
        )
    add_record(study_ws, NewRecord("mood", {"mood": "good", "score": 8}, "P-1"))
    with pytest.raises(InvalidInput, match="answer 'why': is not a question"):
        add_record(study_ws, NewRecord("mood", {"why": "x"}, "P-1", form_version="1"))


def test_required_is_enforced_for_final_records_only(study_ws) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput, match=r"answer 'mood': This answer is required\."):
        add_record(study_ws, NewRecord("mood", {"score": 1}, "P-1"))
    draft = add_record(study_ws, NewRecord("mood", {"score": 1}, "P-1", status=RecordStatus.DRAFT))
    assert draft.status is RecordStatus.DRAFT
    with pytest.raises(InvalidInput, match="not allowed"):
        add_record(study_ws, NewRecord("mood", {"score": 11}, "P-1", status=RecordStatus.DRAFT))


def test_saved_answers_drop_non_relevant_and_add_calculations(study_ws) -> None:  # type: ignore[no-untyped-def]
    rec = add_record(
        study_ws, NewRecord("mood", {"mood": "good", "why": "kept?", "score": 3}, "P-1")
    )
    assert rec.answers == {"mood": "good", "score": 3, "dbl": "6"}
    assert get_record(study_ws, rec.uuid).answers == rec.answers


def test_built_in_form_scores_are_stored(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    with ws.transaction() as tx:
        tx.participants.add("DH-001", "durham-house", Role.YOUNG_PERSON)
    answers = {f"gad7_{i}": "2" for i in range(1, 8)}
    rec = add_record(ws, NewRecord("gad7", answers, "DH-001"))
    stored = get_record(ws, rec.uuid).scores["gad7"]
    assert stored["score"] == 14 and stored["band"] and stored["answered"] == 7
