"""Today's work for the Home page: waves due, open drafts, alerts to acknowledge, sync state.

`waves_due` and `add_months` (sylcollect.domain.waves, shared with the Participants page's
"wave due" filter) are pure; `load_today` runs on the worker thread, reads everything in one
transaction and returns frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sylcollect.domain.participant import Participant
from sylcollect.domain.record import Record, RecordStatus
from sylcollect.domain.study import Study
from sylcollect.domain.waves import WaveDue, add_months, waves_due  # noqa: F401 - re-exported
from sylcollect.forms.safeguarding import unacknowledged
from sylcollect.storage.workspace import UnlockedWorkspace

MAX_LISTED = 50  # per section; the Participants page filters the rest


@dataclass(frozen=True)
class DraftLine:
    """An open draft to resume (no answers)."""

    uuid: str
    form_title: str
    participant_code: str | None
    wave_name: str | None
    updated_at: datetime | None
    answered: int
    alerts_waiting: int


@dataclass(frozen=True)
class AlertLine:
    """A safeguarding alert still waiting for acknowledgement, on a record."""

    record_uuid: str
    form_title: str
    participant_code: str | None
    message: str
    holds: bool = True  # False: the answers changed after it was raised; still to be seen


@dataclass(frozen=True)
class SyncLine:
    """The outbox's state: changes waiting, the last sync and whether the target is there.

    `online` is the session's SyncWatch's check (None: not checked, `reachable` is a guess
    from here); `syncing` whether it is sending now."""

    changes_waiting: int
    last_sync_at: str | None
    target: str | None
    reachable: bool
    last_failure: str | None
    online: bool | None = None
    syncing: bool = False


@dataclass(frozen=True)
class TodaysWork:
    """What the Home page lists for today (each list capped at MAX_LISTED; totals beside)."""

    waves_due: tuple[WaveDue, ...]
    waves_due_total: int
    drafts: tuple[DraftLine, ...]
    drafts_total: int
    alerts: tuple[AlertLine, ...]
    sync: SyncLine | None


def _answered(value: object) -> int:
    if isinstance(value, dict):
        return sum(_answered(v) for v in value.values())
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return sum(_answered(v) for v in value)
    return 0 if value in (None, "", []) else 1


def sync_line(ws: UnlockedWorkspace) -> SyncLine | None:
    """Worker thread: the outbox status (None if this workspace can't sync: no package)."""
    from sylcollect.errors import SylError
    from sylcollect.sync import outbox

    try:
        st = outbox.status(ws)
    except SylError:
        return None
    if st.study_version is None:  # no study package: nothing to seal bundles to
        return None
    target = st.target
    # Honest about connectivity: only a folder we can see counts as reachable; a web address
    # is checked by the Sync page, never from here.
    reachable = bool(target) and "://" not in str(target) and Path(str(target)).is_dir()
    return SyncLine(st.waiting.changes, st.last_sync_at, target, reachable, st.last_failure)


def today_from(
    study: Study, people: list[Participant], records: list[Record], today: date
) -> TodaysWork:
    """Pure: today's work from what was read."""
    codes = {p.uuid: p.code for p in people}
    titles = {(f.id, f.version): f.title for f in study.forms}
    wave_names = {w.id: w.name for w in study.waves}
    due = waves_due(people, study.waves, records, today)
    drafts = sorted(
        (r for r in records if r.status is RecordStatus.DRAFT and not r.shredded),
        key=lambda r: r.updated_at or datetime.min,
        reverse=True,
    )
    draft_lines = tuple(
        DraftLine(
            r.uuid,
            titles.get((r.form_id, r.form_version), r.form_id),
            codes.get(r.participant_uuid or ""),
            wave_names.get(r.wave_id or ""),
            r.updated_at,
            _answered(r.answers),
            len(unacknowledged(r.alerts)),
        )
        for r in drafts[:MAX_LISTED]
    )
    alerts = tuple(
        AlertLine(
            r.uuid,
            titles.get((r.form_id, r.form_version), r.form_id),
            codes.get(r.participant_uuid or ""),
            a.message,
            a.holds,
        )
        for r in records
        if not r.shredded
        for a in unacknowledged(r.alerts)
    )
    return TodaysWork(
        tuple(due[:MAX_LISTED]), len(due), draft_lines, len(drafts), alerts[:MAX_LISTED], None
    )


def load_today(
    ws: UnlockedWorkspace, people: list[Participant], records: list[Record], today: date
) -> TodaysWork:
    """Worker thread: today's work, with the outbox's sync state."""
    work = today_from(ws.study, people, records, today)
    return TodaysWork(
        work.waves_due,
        work.waves_due_total,
        work.drafts,
        work.drafts_total,
        work.alerts,
        sync_line(ws),
    )
