"""Safeguarding: rules evaluated against the state, alerts stored encrypted with the record,
acknowledgement (who, when, action) required before a record can be final."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sylcollect.domain.record import Alert, RecordStatus
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
from sylcollect.services.records import (
    NewRecord,
    acknowledge_alerts,
    add_record,
    finalise_record,
    get_record,
)

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
    assert carry_over((Alert("a", "m"), Alert("z", "new")), both) == (both[0], Alert("z", "new"))


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
