"""Metadata questions: filled in when a record is saved (start kept across revisions, end
and today following each save, device id, user, instanceID) and seen by expressions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sylcollect.domain.record import RecordStatus
from sylcollect.domain.study import FormRef, Role, Site, Study, Wave
from sylcollect.errors import InvalidInput
from sylcollect.forms.compiled import compile_form
from sylcollect.forms.metadata import Metadata, odk_datetime, supplied_metadata
from sylcollect.forms.state import FormState
from sylcollect.forms.state_view import views
from sylcollect.forms.xlsform import load_form_text
from sylcollect.services.records import (
    NewRecord,
    add_record,
    finalise_record,
    record_metadata,
    record_state,
)
from tests.conftest import PASSWORD

META_FORM = """
| survey |
|  | type         | name    | label                | calculation                        | required |
|  | start        | started |                      |                                    |          |
|  | end          | ended   |                      |                                    |          |
|  | today        | day     |                      |                                    |          |
|  | deviceid     | device  |                      |                                    |          |
|  | username     | user    |                      |                                    |          |
|  | phonenumber  | phone   |                      |                                    |          |
|  | simserial    | sim     |                      |                                    |          |
|  | subscriberid | sub     |                      |                                    |          |
|  | text         | mood    | Hello ${user}, how?  |                                    | yes      |
|  | calculate    | by      |                      | concat('by ', ${user})             |          |
|  | calculate    | iid     |                      | /data/meta/instanceID              |          |
|  | calculate    | empty   |                      | string-length(${phone})            |          |
| settings |
|  | form_id | version |
|  | metaform | 1     |
"""

T0 = datetime(2025, 3, 4, 9, 15, 30, 250000, tzinfo=UTC)


class Clock:
    """A settable clock for the workspace."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def meta_ws(tmp_path: Path, cheap: None):  # type: ignore[no-untyped-def]
    from sylcollect.storage.workspace import Workspace

    study = Study(
        id="meta",
        name="Metadata study",
        version=1,
        description="",
        sites=(Site("s1", "Site one", "P"),),
        waves=(Wave("baseline", "Baseline"),),
        milestones=(),
        forms=(FormRef("metaform", "1", "Meta", "metaform.md", "participant", META_FORM),),
    )
    clock = Clock(T0)
    ws, _ = Workspace.create(tmp_path / "data", study, "ann", PASSWORD, clock=clock)
    with ws.transaction() as tx:
        tx.participants.add("P-1", "s1", Role.YOUNG_PERSON)
    yield ws, clock
    if not ws.locked:
        ws.lock()
    ws.workspace.close()


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text)


# --- the value object ---------------------------------------------------------------------


def test_metadata_values_as_odk_writes_them() -> None:
    meta = Metadata.for_record("abc", T0, T0 + timedelta(minutes=5), "dev-1", "ann")
    start, end = meta.value("start"), meta.value("end")
    assert start is not None and end is not None
    assert _when(start) == T0 and _when(end) == T0 + timedelta(minutes=5)
    assert start[19:23] == ".250"  # milliseconds, then the UTC offset
    assert _when(start).utcoffset() is not None
    assert meta.value("today") == (T0 + timedelta(minutes=5)).astimezone().date().isoformat()
    assert meta.value("deviceid") == "dev-1"
    assert meta.value("username") == "ann"
    assert meta.value("instanceid") == "uuid:abc"
    for kind in ("phonenumber", "simserial", "subscriberid", "email"):
        assert meta.value(kind) == ""
    assert meta.value("text") is None


def test_start_defaults_to_the_save_and_today_is_local() -> None:
    meta = Metadata.for_record("u", None, T0, "d", "ann")
    assert meta.start == T0
    east = datetime(2025, 1, 1, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert Metadata(end=east).today == east.astimezone().date()
    assert Metadata().value("start") == "" and Metadata().value("today") == ""
    assert odk_datetime(datetime(2025, 1, 2, 3, 4, 5)) == "2025-01-02T03:04:05.000"


# --- the form state ----------------------------------------------------------------------


def test_expressions_and_labels_see_metadata() -> None:
    compiled = compile_form(load_form_text(META_FORM, "metaform.md"))
    meta = Metadata.for_record("r-1", T0, T0, "dev-9", "ben")
    state = FormState(compiled, {"mood": "fine"}, metadata=meta)
    assert state.cell("by").value == "by ben"
    assert state.cell("iid").value == "uuid:r-1"
    assert state.cell("empty").value == "0"
    label = next(v.label for v in views(state) if v.name == "mood")
    assert label == "Hello ben, how?"
    saved = state.answers_to_save()
    assert saved["user"] == "ben" and saved["device"] == "dev-9"
    assert _when(saved["started"]) == T0 and saved["day"] == T0.astimezone().date().isoformat()
    assert "instanceID" not in saved and "meta" not in saved  # the record's own uuid
    assert not {"phone", "sim", "sub"} & set(saved)


def test_metadata_overrides_values_in_the_answers() -> None:
    compiled = compile_form(load_form_text(META_FORM, "metaform.md"))
    old = {"mood": "x", "user": "someone", "device": "elsewhere"}
    state = FormState(compiled, old, metadata=Metadata(username="ann", deviceid="here"))
    assert state.cell("user").value == "ann" and state.cell("device").value == "here"
    # Without metadata, a saved record's values stay as they were.
    kept = FormState(compiled, old)
    assert kept.cell("user").value == "someone"
    assert kept.answers_to_save()["device"] == "elsewhere"


def test_without_metadata_they_are_empty_and_not_saved() -> None:
    compiled = compile_form(load_form_text(META_FORM, "metaform.md"))
    state = FormState(compiled, {"mood": "ok"})
    assert state.cell("by").value == "by "
    assert state.answers_to_save() == {"mood": "ok", "by": "by ", "empty": "0"}


def test_supplied_metadata_is_found_in_groups_and_repeats() -> None:
    form = load_form_text(META_FORM, "metaform.md")
    assert supplied_metadata(form, {"mood": "x", "user": "u", "started": "t"}) == [
        "user",
        "started",
    ]
    assert supplied_metadata(form, {"mood": "x"}) == []


# --- saving records ----------------------------------------------------------------------


def test_add_record_fills_metadata(meta_ws) -> None:  # type: ignore[no-untyped-def]
    ws, _clock = meta_ws
    rec = add_record(ws, NewRecord("metaform", {"mood": "fine"}, "P-1"))
    answers = rec.answers
    assert _when(answers["started"]) == T0 == rec.started_at
    assert _when(answers["ended"]) == T0
    assert answers["day"] == T0.astimezone().date().isoformat()
    assert answers["device"] == ws.device_id() and len(ws.device_id()) >= 32
    assert answers["user"] == "ann" and answers["by"] == "by ann"
    assert answers["iid"] == f"uuid:{rec.uuid}"
    assert not {"phone", "sim", "sub", "instanceID"} & set(answers)
    # The record's state (for showing it) keeps what was saved.
    assert record_state(ws, rec).cell("user").value == "ann"


def test_start_is_kept_and_end_follows_each_save(meta_ws) -> None:  # type: ignore[no-untyped-def]
    ws, clock = meta_ws
    draft = add_record(
        ws, NewRecord("metaform", {}, "P-1", status=RecordStatus.DRAFT, wave_id="baseline")
    )
    assert draft.status is RecordStatus.DRAFT
    assert _when(draft.answers["started"]) == T0
    clock.now = T0 + timedelta(days=1, hours=2)
    with pytest.raises(InvalidInput, match="mood"):
        finalise_record(ws, draft.uuid)  # the required answer is still missing
    ws.add_user("ben", PASSWORD + " ben", role="fieldworker")
    with ws.transaction() as tx:
        record = tx.records.get(draft.uuid)
        from dataclasses import replace

        tx.records.update(replace(record, answers={**record.answers, "mood": "better"}))
    ben = ws.workspace.unlock("ben", PASSWORD + " ben")
    try:
        final = finalise_record(ben, draft.uuid)
    finally:
        ben.lock()
    assert final.status is RecordStatus.FINAL
    assert _when(final.answers["started"]) == T0  # when collecting began
    assert _when(final.answers["ended"]) == clock.now  # this save
    assert final.answers["day"] == clock.now.astimezone().date().isoformat()
    assert final.answers["user"] == "ben" and final.answers["by"] == "by ben"
    assert final.answers["iid"] == f"uuid:{draft.uuid}"


def test_supplied_metadata_is_refused(meta_ws) -> None:  # type: ignore[no-untyped-def]
    ws, _ = meta_ws
    with pytest.raises(InvalidInput, match="answer 'user': is filled in automatically"):
        add_record(ws, NewRecord("metaform", {"mood": "x", "user": "mallory"}, "P-1"))


def test_record_metadata_helper(meta_ws) -> None:  # type: ignore[no-untyped-def]
    ws, _ = meta_ws
    later = T0 + timedelta(hours=1)
    meta = record_metadata(ws, "abc", T0, later)
    assert meta == Metadata(T0, later, ws.device_id(), "ann", "uuid:abc")
    assert meta.today == later.astimezone().date()
    assert isinstance(meta.today, date)
