"""Next wave and waves due (sylcollect.domain.waves): pure functions, no workspace."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sylcollect.domain.participant import Participant
from sylcollect.domain.record import Record, RecordStatus, SubjectKind
from sylcollect.domain.study import Role, Wave
from sylcollect.domain.waves import add_months, next_waves, waves_due

WAVES = (Wave("w12", "Month 12", 12), Wave("base", "Baseline", 0), Wave("w6", "Month 6", 6))
TODAY = date(2026, 9, 1)


def person(code: str, enrolled: date, withdrawn: bool = False) -> Participant:
    at = datetime(enrolled.year, enrolled.month, enrolled.day, 10, tzinfo=UTC)
    return Participant(
        uuid=f"uuid-{code}",
        code=code,
        site_id="s1",
        role=None if withdrawn else Role.YOUNG_PERSON,
        created_at=at,
        withdrawn_at=at if withdrawn else None,
    )


def record(code: str, wave: str | None, status: RecordStatus = RecordStatus.FINAL) -> Record:
    return Record(
        f"r-{code}-{wave}-{status.value}",
        "phq9",
        "1",
        SubjectKind.PARTICIPANT,
        "s1",
        participant_uuid=f"uuid-{code}",
        wave_id=wave,
        status=status,
    )


PEOPLE = [
    person("A", date(2026, 9, 1)),  # baseline due today
    person("B", date(2026, 1, 10)),  # baseline done, month 6 due 10 Jul
    person("C", date(2026, 6, 1)),  # baseline done, month 6 not due until December
    person("D", date(2025, 6, 1)),  # every wave done
    person("E", date(2025, 1, 1), withdrawn=True),  # withdrawn: never due
    person("F", date(2026, 8, 30)),  # baseline: a draft only
]
RECORDS = [
    record("B", "base"),
    record("C", "base"),
    *(record("D", w.id) for w in WAVES),
    record("F", "base", RecordStatus.DRAFT),
    record("A", None),  # a record without a wave counts for none
]


def test_add_months_keeps_the_day_or_the_months_last() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)
    assert add_months(date(2026, 3, 1), 0) == date(2026, 3, 1)


def test_next_waves_for_everyone_still_taking_part() -> None:
    nexts = next_waves(PEOPLE, WAVES, RECORDS, TODAY)
    assert sorted(nexts) == ["uuid-A", "uuid-B", "uuid-C", "uuid-F"]  # D done, E withdrawn
    a, b, c, f = (nexts[f"uuid-{k}"] for k in "ABCF")
    assert (a.wave_id, a.due_on, a.days_overdue, a.due) == ("base", TODAY, 0, True)
    assert (b.wave_id, b.wave_name, b.days_overdue, b.due) == ("w6", "Month 6", 53, True)
    assert (c.wave_id, c.due_on, c.due) == ("w6", date(2026, 12, 1), False)
    assert c.days_overdue == -91
    assert (f.wave_id, f.days_overdue) == ("base", 2)  # a draft is not a final record


def test_a_shredded_final_record_counts_for_none() -> None:
    gone = Record(**{**record("C", "base").__dict__, "shredded": True})
    assert next_waves([PEOPLE[2]], WAVES, [gone], TODAY)["uuid-C"].wave_id == "base"


def test_waves_due_are_the_next_waves_due_by_today() -> None:
    due = waves_due(PEOPLE, WAVES, RECORDS, TODAY)
    assert [(d.participant_code, d.wave_id, d.days_overdue, d.draft_started) for d in due] == [
        ("B", "w6", 53, False),
        ("F", "base", 2, True),
        ("A", "base", 0, False),
    ]
    assert due[0].due_on == date(2026, 7, 10) and due[0].wave_name == "Month 6"
