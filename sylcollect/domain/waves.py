"""Which wave each participant takes next, and when it is due (pure, no storage, no Qt).

A participant's next wave is the first of the study's waves, in order of `months_from_start`,
without a final record about them; it is due `months_from_start` months after the day they
were enrolled. Withdrawn participants take no more waves. Home lists the waves due (by today);
the Participants page shows everyone's next wave and filters on it. Both compute it once per
load, here.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sylcollect.domain.participant import Participant
from sylcollect.domain.record import Record, RecordStatus
from sylcollect.domain.study import Wave


def add_months(start: date, months: int) -> date:
    """`start` plus whole months, on the same day or the month's last day (31 Jan + 1 → 28 Feb)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class NextWave:
    """A participant's next wave and the day it is due, as of the day it was computed."""

    wave_id: str
    wave_name: str
    due_on: date
    days_overdue: int  # 0: due today; negative: days until it is due

    @property
    def due(self) -> bool:
        """Due today or overdue."""
        return self.days_overdue >= 0


def _record_keys(records: Iterable[Record]) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(participant uuid, wave id) pairs with a final record, and with a draft only."""
    final: set[tuple[str, str]] = set()
    drafts: set[tuple[str, str]] = set()
    for r in records:
        if r.participant_uuid is None or r.wave_id is None or r.shredded:
            continue
        key = (r.participant_uuid, r.wave_id)
        (final if r.status is RecordStatus.FINAL else drafts).add(key)
    return final, drafts


def _next_waves(
    participants: Iterable[Participant],
    waves: Sequence[Wave],
    final: set[tuple[str, str]],
    today: date,
) -> dict[str, NextWave]:
    ordered = sorted(waves, key=lambda w: w.months_from_start)
    out: dict[str, NextWave] = {}
    for p in participants:
        if p.withdrawn or p.created_at is None:
            continue
        wave = next((w for w in ordered if (p.uuid, w.id) not in final), None)
        if wave is None:
            continue
        due_on = add_months(p.created_at.date(), wave.months_from_start)
        out[p.uuid] = NextWave(wave.id, wave.name, due_on, (today - due_on).days)
    return out


def next_waves(
    participants: Iterable[Participant],
    waves: Sequence[Wave],
    records: Iterable[Record],
    today: date,
) -> dict[str, NextWave]:
    """Participant uuid → their next wave, for everyone still taking part who has one left
    (records without a wave, drafts and shredded records count for none)."""
    final, _drafts = _record_keys(records)
    return _next_waves(participants, waves, final, today)


@dataclass(frozen=True)
class WaveDue:
    """A participant whose next wave is due (or overdue) and has no final record yet."""

    participant_code: str
    participant_uuid: str
    site_id: str
    wave_id: str
    wave_name: str
    due_on: date
    days_overdue: int
    draft_started: bool


def waves_due(
    participants: Iterable[Participant],
    waves: Sequence[Wave],
    records: Iterable[Record],
    today: date,
) -> list[WaveDue]:
    """For each participant still taking part, their next wave (the first, in order of
    `months_from_start`, without a final record) if it is due by today, counted from the
    day they were enrolled. Most overdue first. Records without a wave count for none."""
    people = list(participants)
    final, drafts = _record_keys(records)
    nexts = _next_waves(people, waves, final, today)
    due = [
        WaveDue(
            p.code,
            p.uuid,
            p.site_id,
            n.wave_id,
            n.wave_name,
            n.due_on,
            n.days_overdue,
            (p.uuid, n.wave_id) in drafts,
        )
        for p in people
        if (n := nexts.get(p.uuid)) is not None and n.due
    ]
    due.sort(key=lambda d: (-d.days_overdue, d.participant_code))
    return due
