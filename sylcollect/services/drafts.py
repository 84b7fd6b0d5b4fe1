"""Drafts: a record being filled in, saved as a new encrypted revision after every change.

The form filler calls `save_draft` on the worker thread each time an answer changes: the
first save creates a DRAFT record, later saves update it (answers, scores, alerts; alerts
are carried over by id and never dropped, see `safeguarding.carry_over`). Drafts are saved
as they are, with answers that may still break a constraint or leave a required question
empty; `finish_draft` checks everything when the record is made final. `open_drafts` lists
drafts to resume.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.record import Alert, Record, RecordMode, RecordStatus, SubjectKind
from sylcollect.errors import InvalidInput, NotFound
from sylcollect.forms.safeguarding import acknowledge, carry_over, unacknowledged
from sylcollect.forms.state import FormState
from sylcollect.forms.state_save import outcome
from sylcollect.services.records import check_paper_date, compiled_for, finalise_record
from sylcollect.storage.schema import RecordRow, SyncSent
from sylcollect.storage.workspace import UnlockedWorkspace


@dataclass(frozen=True)
class DraftSave:
    """What the filler hands to the worker to save: who/what the record is about, answers."""

    form_id: str
    form_version: str
    answers: dict[str, Any]
    uuid: str | None = None
    participant_code: str | None = None
    site_id: str | None = None
    wave_id: str | None = None
    mode: RecordMode = RecordMode.INTERVIEWER
    paper_date: date | None = None  # a paper transcription's date on the paper form


@dataclass(frozen=True)
class DraftSaved:
    """The outcome of one save: the record's id and revision, and its alerts."""

    uuid: str
    revision: int
    alerts: tuple[Alert, ...]
    saved_at: datetime | None


@dataclass(frozen=True)
class DraftInfo:
    """One open draft, as listed for resuming (no answers)."""

    uuid: str
    form_id: str
    form_version: str
    form_title: str
    subject: SubjectKind
    participant_code: str | None
    site_id: str
    wave_id: str | None
    mode: RecordMode
    answered: int
    alerts_waiting: int
    updated_at: datetime | None
    collected_by: str


def _record_for(ws: UnlockedWorkspace, draft: DraftSave, tx: Any) -> Record:
    """A new DRAFT record for `draft` (subject checked as `add_record` does)."""
    ref = ws.study.form(draft.form_id, draft.form_version)
    if ref is None:
        raise NotFound(f"no form '{draft.form_id}' version '{draft.form_version}' in this study")
    participant_uuid = None
    site_id = draft.site_id
    if ref.subject == "participant":
        if not draft.participant_code:
            raise InvalidInput(f"form '{ref.id}' is about a participant: choose one")
        person = tx.participants.get(draft.participant_code)
        participant_uuid, site_id = person.uuid, person.site_id
        subject = SubjectKind.PARTICIPANT
    else:
        subject = SubjectKind.SITE if ref.subject == "site" else SubjectKind.ANONYMOUS
    if not site_id or ws.study.site(site_id) is None:
        raise InvalidInput("choose the site this record belongs to")
    if draft.wave_id is not None and ws.study.wave(draft.wave_id) is None:
        raise InvalidInput(f"unknown wave '{draft.wave_id}'")
    check_paper_date(draft.mode, draft.paper_date, tx.now())
    return Record(
        uuid="",
        form_id=ref.id,
        form_version=ref.version,
        subject=subject,
        site_id=site_id,
        participant_uuid=participant_uuid,
        wave_id=draft.wave_id,
        mode=draft.mode,
        paper_date=draft.paper_date,
        status=RecordStatus.DRAFT,
        collected_by=ws.actor,
        started_at=tx.now(),
    )


def save_draft(ws: UnlockedWorkspace, draft: DraftSave) -> DraftSaved:
    """Worker thread: saves the answers as a new revision of the draft (created if new)."""
    compiled = compiled_for(ws, draft.form_id, draft.form_version)
    state = FormState(compiled, draft.answers)  # as the filler's state saved them
    result = outcome(state)
    with ws.transaction() as tx:
        if draft.uuid is None:
            record = _record_for(ws, draft, tx)
            alerts = result.alerts
        else:
            record = tx.records.get(draft.uuid)
            if record.shredded:
                raise InvalidInput("this record belongs to a withdrawn participant")
            if record.status is not RecordStatus.DRAFT:
                raise InvalidInput("this record is final: it can't be changed here")
            alerts = carry_over(result.alerts, record.alerts, tx.now())
        record = replace(record, answers=result.answers, scores=result.scores_json(), alerts=alerts)
        saved = tx.records.update(record) if draft.uuid else tx.records.add(record)
    return DraftSaved(saved.uuid, saved.revision, saved.alerts, saved.updated_at)


def acknowledge_draft_alerts(
    ws: UnlockedWorkspace, uuid: str, action_taken: str, ids: list[str] | None = None
) -> tuple[Alert, ...]:
    """Worker thread: acknowledges alerts of a draft (by this user, now); returns them all."""
    with ws.transaction() as tx:
        record = tx.records.get(uuid)
        alerts = acknowledge(record.alerts, ws.actor, action_taken, tx.now(), ids)
        return tx.records.update(replace(record, alerts=alerts)).alerts


def finish_draft(ws: UnlockedWorkspace, draft: DraftSave) -> Record:
    """Worker thread: saves the last answers, then makes the record final.

    InvalidInput names what still stops it: an unacknowledged safeguarding alert, a
    required question left empty, an answer a constraint refuses.
    """
    saved = save_draft(ws, draft)
    waiting = unacknowledged(saved.alerts)
    if waiting:
        raise InvalidInput(
            "a safeguarding alert needs acknowledging (with the action taken) before finishing"
        )
    return finalise_record(ws, saved.uuid)


def discard_draft(ws: UnlockedWorkspace, uuid: str) -> bool:
    """Worker thread: deletes a draft's answers. True if the record itself is gone.

    A draft never sent in a bundle is deleted outright; one already sent keeps its row with
    empty answers (a new revision), so the next bundle replaces the central copy too.
    """
    with ws.transaction() as tx:
        record = tx.records.get(uuid)
        if record.status is not RecordStatus.DRAFT:
            raise InvalidInput("only a draft can be deleted")
        sent = tx.session.scalar(
            select(SyncSent).where(SyncSent.entity == "record", SyncSent.uuid == uuid)
        )
        if sent is None:
            row = tx.session.get(RecordRow, uuid)
            if row is None:
                raise NotFound("no such record")
            tx.session.delete(row)
            tx.audit(AuditAction.CHANGE, "record", uuid, {"discarded": "draft"}, row.key_id)
            return True
        tx.records.update(replace(record, answers={}, scores={}, alerts=()))
        return False


def _count_answers(value: Any) -> int:
    if isinstance(value, dict):
        return sum(_count_answers(v) for v in value.values())
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return sum(_count_answers(v) for v in value)
    return 0 if value in (None, "", []) else 1


def open_drafts(ws: UnlockedWorkspace) -> list[DraftInfo]:
    """Worker thread: every readable draft on this laptop, most recently changed first."""
    titles = {(f.id, f.version): f.title for f in ws.study.forms}
    with ws.transaction() as tx:
        codes = {p.uuid: p.code for p in tx.participants.list()}
        drafts = tx.records.list(status=RecordStatus.DRAFT)
    out = [
        DraftInfo(
            uuid=r.uuid,
            form_id=r.form_id,
            form_version=r.form_version,
            form_title=titles.get((r.form_id, r.form_version), r.form_id),
            subject=r.subject,
            participant_code=codes.get(r.participant_uuid or ""),
            site_id=r.site_id,
            wave_id=r.wave_id,
            mode=r.mode,
            answered=_count_answers(r.answers),
            alerts_waiting=len(unacknowledged(r.alerts)),
            updated_at=r.updated_at,
            collected_by=r.collected_by,
        )
        for r in drafts
        if not r.shredded
    ]
    out.sort(key=lambda d: d.updated_at or datetime.min, reverse=True)
    return out


def load_draft(ws: UnlockedWorkspace, uuid: str) -> Record:
    """Worker thread: one draft with its answers (NotFound / InvalidInput otherwise)."""
    with ws.transaction() as tx:
        record = tx.records.get(uuid)
    if record.shredded:
        raise InvalidInput("this record belongs to a withdrawn participant")
    return record
