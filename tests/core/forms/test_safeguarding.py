"""Safeguarding: rules evaluated against the state, alerts stored encrypted with the record,
acknowledgement (who, when, action) required before a record can be final."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sylcollect.domain.record import Acknowledgement, Alert, Record, RecordStatus, SubjectKind
from sylcollect.domain.study import Role
from sylcollect.errors import InvalidInput
from sylcollect.forms.compiled import compile_form
from sylcollect.forms.safeguarding import (
    acknowledge,
    carry_over,
    check_can_finalise,
    evaluate_alerts,
    finalise,
)
from sylcollect.forms.state import FormState
from sylcollect.forms.xlsform import load_form
from sylcollect.services.drafts import (
    DraftSave,
    acknowledge_draft_alerts,
    finish_draft,
    save_draft,
)
from sylcollect.services.records import (
    NewRecord,
    acknowledge_alerts,
    add_record,
    finalise_record,
    get_record,
)
from sylcollect.sync.payload import MetaItem, RecordItem, decode_payload, encode_payload

FORMS = Path(__file__).resolve().parents[3] / "resources" / "forms"
PHQ9 = compile_form(load_form(FORMS / "phq9.md"), "phq9.md")
YP = compile_form(load_form(FORMS / "yp_checkin.md"), "yp_checkin.md")
WHEN = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)
ACTION = "Talked with DH-001 privately; DSL told at 14:05 (canary-action-7f3e)"


def _phq(item9: str | None, **more: str) -> dict[str, str | None]:
    answers: dict[str, str | None] = {f"phq9_{i}": "0" for i in range(1, 9)}
    answers["phq9_9"] = item9
    return {**answers, **more}


@pytest.mark.parametrize("item9", ["1", "2", "3"])
def test_phq9_item9_at_least_1_fires(item9: str) -> None:
    alerts = evaluate_alerts(FormState(PHQ9, _phq(item9)))
    assert [a.id for a in alerts] == ["phq9_item9"]
    assert "Question 9" in alerts[0].message and not alerts[0].acknowledged


@pytest.mark.parametrize("item9", ["0", "pnts", None])
def test_phq9_item9_not_at_all_declined_or_skipped_does_not_fire(item9: str | None) -> None:
    assert evaluate_alerts(FormState(PHQ9, _phq(item9))) == ()


def test_rules_see_only_relevant_answers() -> None:
    answers = {"safety_go": "yes", "safe_home": "no"}
    assert [a.id for a in evaluate_alerts(FormState(YP, answers))] == ["yp_unsafe_home"]
    state = FormState(YP, answers)
    state.set_answer("safety_go", "skip")  # the safety group is skipped: its answer is not used
    assert evaluate_alerts(state) == ()


def test_acknowledging_needs_an_action_and_a_name() -> None:
    alerts = (Alert("a", "m"), Alert("b", "n"))
    with pytest.raises(InvalidInput, match="action taken"):
        acknowledge(alerts, "ann", "  ", WHEN)
    with pytest.raises(InvalidInput, match="who"):
        acknowledge(alerts, "", "called DSL", WHEN)
    with pytest.raises(InvalidInput, match="no alert c"):
        acknowledge(alerts, "ann", "called DSL", WHEN, ["c"])
    one = acknowledge(alerts, "ann", "called DSL", WHEN, ["a"])
    assert one[0].acknowledged_by == "ann" and one[0].acknowledged_at == WHEN
    assert one[0].action_taken == "called DSL" and not one[1].acknowledged
    with pytest.raises(InvalidInput, match=r"1 safeguarding alert not acknowledged \(b\)"):
        check_can_finalise(one)
    both = acknowledge(one, "bob", "spoke to manager", WHEN)
    assert both[0].acknowledged_by == "ann" and both[1].acknowledged_by == "bob"
    check_can_finalise(both)
    again = carry_over((Alert("a", "m"), Alert("z", "new")), both, WHEN)
    # b no longer holds: it stays, acknowledgement and all, marked as cleared
    assert again == (both[0], replace(both[1], holds=False, cleared_at=WHEN), Alert("z", "new"))


def test_finalise_refuses_while_alerts_are_unacknowledged(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    with ws.transaction() as tx:
        tx.participants.add("DH-001", "durham-house", Role.YOUNG_PERSON)
    rec = add_record(ws, NewRecord("phq9", _phq("2"), participant_code="DH-001"))
    assert rec.status is RecordStatus.DRAFT and rec.form_version == "1"
    assert [a.id for a in rec.alerts] == ["phq9_item9"]
    assert rec.scores["phq9"]["score"] == 2 and rec.scores["phq9"]["band"] == "None/minimal"
    with pytest.raises(InvalidInput, match=r"can't finalise: 1 safeguarding alert .*phq9_item9"):
        finalise(rec)
    with pytest.raises(InvalidInput, match="phq9_item9"):
        finalise_record(ws, rec.uuid)
    assert get_record(ws, rec.uuid).status is RecordStatus.DRAFT
    acknowledged = acknowledge_alerts(ws, rec.uuid, ACTION)
    assert acknowledged.alerts[0].acknowledged_by == "ann"
    assert acknowledged.status is RecordStatus.DRAFT
    final = finalise_record(ws, rec.uuid)
    assert final.status is RecordStatus.FINAL
    stored = get_record(ws, rec.uuid)
    assert stored.status is RecordStatus.FINAL and stored.alerts[0].action_taken == ACTION
    assert stored.alerts[0].acknowledged_at is not None


def test_ack_when_saving_makes_the_record_final(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    with ws.transaction() as tx:
        tx.participants.add("DH-002", "durham-house", Role.YOUNG_PERSON)
    rec = add_record(ws, NewRecord("phq9", _phq("3"), participant_code="DH-002", ack_action=ACTION))
    assert rec.status is RecordStatus.FINAL
    assert rec.alerts[0].acknowledged_by == "ann" and rec.alerts[0].action_taken == ACTION
    quiet = add_record(ws, NewRecord("phq9", _phq("0"), participant_code="DH-002"))
    assert quiet.status is RecordStatus.FINAL and quiet.alerts == ()


def test_alerts_are_stored_encrypted(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    with ws.transaction() as tx:
        tx.participants.add("DH-003", "durham-house", Role.YOUNG_PERSON)
    rec = add_record(ws, NewRecord("phq9", _phq("1"), participant_code="DH-003", ack_action=ACTION))
    message = rec.alerts[0].message
    db_path = ws.workspace.db_path
    ws.lock()
    ws.workspace.close()
    raw = b"".join(p.read_bytes() for p in db_path.parent.glob("workspace.db*"))
    assert ACTION.encode() not in raw  # the free-text action is nowhere on disk
    assert rec.alerts[0].trigger == "phq9_9='1'"
    assert b"phq9_9='1'" not in raw  # nor what triggered the alert
    db = sqlite3.connect(db_path)
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        if table in ("study", "form_version"):  # the form itself holds the rule's message
            continue
        for row in db.execute(f"SELECT * FROM {table}"):
            text = repr(row)
            assert message[:40] not in text, table
            assert "phq9_item9" not in text, table
            assert "canary-action" not in text, table
    db.close()


# --- an alert never leaves its record ------------------------------------------------------

LATER = WHEN + timedelta(hours=1)


def _raised(item9: str | None) -> tuple[Alert, ...]:
    return evaluate_alerts(FormState(PHQ9, _phq(item9)))


def test_an_alert_records_what_triggered_it() -> None:
    assert [a.trigger for a in _raised("1")] == ["phq9_9='1'"]
    assert [
        a.trigger for a in evaluate_alerts(FormState(YP, {"safety_go": "yes", "safe_home": "no"}))
    ] == ["safe_home='no'"]


@pytest.mark.parametrize("item9", ["0", "pnts", None])
def test_an_acknowledged_alert_whose_answer_changed_stays_with_its_acknowledgement(
    item9: str | None,
) -> None:
    acked = acknowledge(_raised("1"), "ann", ACTION, WHEN)
    kept = carry_over(_raised(item9), acked, LATER)
    assert len(kept) == 1
    alert = kept[0]
    assert alert.id == "phq9_item9" and not alert.holds and alert.cleared_at == LATER
    assert alert.acknowledged_by == "ann" and alert.acknowledged_at == WHEN
    assert alert.action_taken == ACTION and alert.trigger == "phq9_9='1'"
    check_can_finalise(kept)
    # saved again, still cleared: nothing moves (it was cleared at LATER, not now)
    assert carry_over(_raised(item9), kept, LATER + timedelta(hours=1)) == kept


def test_an_unacknowledged_alert_that_stopped_holding_still_blocks_finalising() -> None:
    kept = carry_over(_raised("0"), _raised("2"), LATER)
    assert [(a.id, a.holds, a.acknowledged) for a in kept] == [("phq9_item9", False, False)]
    with pytest.raises(InvalidInput, match=r"phq9_item9: no longer holds"):
        check_can_finalise(kept)
    done = acknowledge(kept, "ann", "Checked with the young person: a mis-tap", LATER)
    check_can_finalise(done)
    assert not done[0].holds and done[0].acknowledged


def test_same_answer_keeps_the_acknowledgement() -> None:
    acked = acknowledge(_raised("2"), "ann", ACTION, WHEN)
    assert carry_over(_raised("2"), acked, LATER) == acked


def test_a_changed_trigger_needs_acknowledging_again_and_keeps_the_earlier_one() -> None:
    acked = acknowledge(_raised("1"), "ann", ACTION, WHEN)
    again = carry_over(_raised("3"), acked, LATER)
    alert = again[0]
    assert alert.holds and not alert.acknowledged and alert.trigger == "phq9_9='3'"
    assert alert.history == (Acknowledgement("ann", WHEN, ACTION, alert.message, "phq9_9='1'"),)
    with pytest.raises(InvalidInput, match="phq9_item9"):
        check_can_finalise(again)
    twice = acknowledge(again, "bob", "DSL told again", LATER)
    assert twice[0].acknowledged_by == "bob" and twice[0].history == alert.history


def test_holding_again_after_clearing_needs_acknowledging_again() -> None:
    acked = acknowledge(_raised("1"), "ann", ACTION, WHEN)
    cleared = carry_over(_raised("0"), acked, LATER)
    back = carry_over(_raised("1"), cleared, LATER + timedelta(hours=1))
    alert = back[0]
    assert alert.holds and alert.cleared_at is None and not alert.acknowledged
    assert [h.by for h in alert.history] == ["ann"]


def test_an_unacknowledged_alert_holding_again_just_holds() -> None:
    cleared = carry_over(_raised("0"), _raised("1"), LATER)
    back = carry_over(_raised("3"), cleared, LATER)
    assert back == _raised("3")


def test_a_changed_message_needs_acknowledging_again() -> None:
    acked = acknowledge((Alert("a", "old words", trigger="x='1'"),), "ann", "rang DSL", WHEN)
    again = carry_over((Alert("a", "new words", trigger="x='1'"),), acked, LATER)
    assert again[0].message == "new words" and not again[0].acknowledged
    assert again[0].history[0].message == "old words"


def test_an_alert_saved_before_triggers_were_kept_adopts_one_without_re_acknowledging() -> None:
    legacy = (Alert("phq9_item9", _raised("1")[0].message, "ann", WHEN, ACTION),)
    kept = carry_over(_raised("3"), legacy, LATER)
    assert kept[0].acknowledged_by == "ann" and kept[0].trigger == "phq9_9='3'"
    assert kept[0].history == ()


def test_alert_json_is_backward_compatible() -> None:
    old_json = {
        "id": "a",
        "message": "m",
        "acknowledged_by": "ann",
        "acknowledged_at": WHEN.isoformat(),
        "action_taken": "rang DSL",
    }
    old = Alert.from_json(old_json)
    assert old == Alert("a", "m", "ann", WHEN, "rang DSL")
    assert old.holds and old.trigger is None and old.history == ()
    assert old.to_json() == old_json  # an alert that never changed is stored as before
    full = Alert(
        "a",
        "m",
        holds=False,
        cleared_at=LATER,
        trigger="x='1'",
        history=(Acknowledgement("ann", WHEN, "rang DSL", "m", None),),
    )
    assert Alert.from_json(full.to_json()) == full


def test_cleared_alerts_and_their_history_travel_in_bundles() -> None:
    alert = Alert(
        "phq9_item9",
        "m",
        holds=False,
        cleared_at=LATER,
        trigger="phq9_9='1'",
        history=(Acknowledgement("ann", WHEN, ACTION, "m", "phq9_9='3'"),),
    )
    record = Record(
        uuid="0b5e1c9a-2222-4000-8000-000000000002",
        form_id="phq9",
        form_version="1",
        subject=SubjectKind.PARTICIPANT,
        site_id="durham-house",
        participant_uuid="0b5e1c9a-1111-4000-8000-000000000001",
        answers={"phq9_9": "0"},
        alerts=(Alert("old", "no new fields"), alert),
        collected_by="ann",
    )
    item = RecordItem(
        record.uuid,
        record.form_id,
        record.form_version,
        record.subject.value,
        record.site_id,
        record.participant_uuid,
        record.status.value,
        1,
        WHEN.isoformat(),
        WHEN.isoformat(),
        record.content_json(),
    )
    meta = MetaItem("demo-study", 2, "dev-1", 7, WHEN.isoformat())
    data = b"".join(encode_payload([meta, item]))
    decoded = list(decode_payload([data], max_items=10, max_line_bytes=1 << 20))
    back = next(i for i in decoded if isinstance(i, RecordItem)).to_record()
    assert back.alerts == record.alerts


def _draft(item9: str, uuid: str | None = None) -> DraftSave:
    return DraftSave("phq9", "1", _phq(item9), uuid=uuid, participant_code="DH-009")


def test_a_draft_keeps_its_alert_through_re_saves(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    with ws.transaction() as tx:
        tx.participants.add("DH-009", "durham-house", Role.YOUNG_PERSON)
    first = save_draft(ws, _draft("1"))
    acknowledge_draft_alerts(ws, first.uuid, ACTION)
    declined = save_draft(ws, _draft("pnts", first.uuid))
    (alert,) = declined.alerts
    assert not alert.holds and alert.cleared_at is not None
    assert alert.acknowledged_by == "ann" and alert.action_taken == ACTION
    risen = save_draft(ws, _draft("3", first.uuid))
    (alert,) = risen.alerts
    assert alert.holds and not alert.acknowledged and alert.history[0].action_taken == ACTION
    with pytest.raises(InvalidInput, match="safeguarding alert"):
        finish_draft(ws, _draft("3", first.uuid))
    stored = get_record(ws, first.uuid)
    assert stored.status is RecordStatus.DRAFT and stored.alerts[0].history[0].by == "ann"
    acknowledge_draft_alerts(ws, first.uuid, "DSL told again")
    final = finish_draft(ws, _draft("3", first.uuid))
    assert final.status is RecordStatus.FINAL
    assert [h.action_taken for h in final.alerts[0].history] == [ACTION]


def test_a_draft_whose_disclosure_was_changed_still_needs_acknowledging(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    with ws.transaction() as tx:
        tx.participants.add("DH-009", "durham-house", Role.YOUNG_PERSON)
    first = save_draft(ws, _draft("2"))
    changed = save_draft(ws, _draft("0", first.uuid))
    assert [(a.id, a.holds) for a in changed.alerts] == [("phq9_item9", False)]
    with pytest.raises(InvalidInput, match="safeguarding alert"):
        finish_draft(ws, _draft("0", first.uuid))
    with pytest.raises(InvalidInput, match="phq9_item9: no longer holds"):
        finalise_record(ws, first.uuid)
    final = finalise_record(ws, first.uuid, ack_action="Asked again: answered 0, DSL told")
    assert final.status is RecordStatus.FINAL and not final.alerts[0].holds
    assert final.alerts[0].acknowledged_by == "ann"
