"""Checking and saving records against the form version they were collected with.

Saving runs the answers through the form's state: relevance, required answers,
constraints, choice filters and repeats are checked; calculations are added; non-relevant
answers are dropped (as ODK does); scores and safeguarding alerts are computed and sealed
with the record. A record with an unacknowledged alert is kept as a DRAFT until someone
acknowledges it with the action taken.

Metadata questions (start, end, today, deviceid, username, instanceID) are filled in on
every save (`record_metadata`): start stays the record's `started_at` across revisions, end
and today follow the save. Files for image/audio/video/file questions are stored encrypted
beside the record (`NewRecord.attachments`, see `sylcollect.services.attachments`); their
answers are references `<attachment uuid>/<file name>`.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sylcollect.domain.record import Alert, Record, RecordMode, RecordStatus, SubjectKind
from sylcollect.errors import InvalidInput, NotFound
from sylcollect.forms.answers import check_answers, normalise_answers
from sylcollect.forms.compiled import CompiledForm, compile_form
from sylcollect.forms.inspect import answer_problem_message
from sylcollect.forms.metadata import Metadata, supplied_metadata
from sylcollect.forms.model import Form, Question
from sylcollect.forms.safeguarding import acknowledge, carry_over, finalise, unacknowledged
from sylcollect.forms.state import FormState
from sylcollect.forms.state_save import Outcome, outcome
from sylcollect.forms.xlsform import load_form_text
from sylcollect.storage.repo_attachments import NewAttachment
from sylcollect.storage.workspace import UnlockedWorkspace


@lru_cache(maxsize=64)
def _parse(source: str, filename: str) -> Form:
    return load_form_text(source, filename)


def form_for(ws: UnlockedWorkspace, form_id: str, version: str | None = None) -> Form:
    """The loaded form (newest version unless one is named) from the workspace."""
    ref = ws.study.form(form_id, version)
    if ref is None:
        known = ", ".join(sorted({f.id for f in ws.study.forms}))
        if version is not None and ws.study.form(form_id) is not None:
            raise NotFound(f"form '{form_id}' has no version '{version}' in this study")
        raise NotFound(f"no form '{form_id}' in this study (forms: {known})")
    return _parse(ref.source, ref.filename)


def compiled_for(ws: UnlockedWorkspace, form_id: str, version: str | None = None) -> CompiledForm:
    """The compiled form (cached) of that version."""
    ref = ws.study.form(form_id, version)
    form = form_for(ws, form_id, version)
    return compile_form(form, ref.filename if ref is not None else None)


@dataclass(frozen=True)
class NewRecord:
    """What a caller supplies to save a record."""

    form_id: str
    answers: dict[str, Any]
    participant_code: str | None = None
    site_id: str | None = None
    wave_id: str | None = None
    mode: RecordMode = RecordMode.INTERVIEWER
    status: RecordStatus = RecordStatus.FINAL
    ack_action: str | None = None
    """When given, the user saving acknowledges every alert now, with this action taken."""
    form_version: str | None = None
    """The form version the answers were collected with (default: the newest)."""
    attachments: tuple[NewAttachment, ...] = ()
    """Files for file questions, whose answers refer to them (`attachments.stage_files`)."""
    paper_date: date | None = None
    """A paper transcription only: the date written on the paper form (optional)."""


def check_paper_date(mode: RecordMode, paper_date: date | None, now: datetime) -> None:
    """InvalidInput unless `paper_date` is None, or the date on the paper form of a paper
    transcription that is not after today (this laptop's date at `now`)."""
    if paper_date is None:
        return
    if mode is not RecordMode.PAPER:
        raise InvalidInput("a date on the paper form is only for a record typed in from paper")
    if paper_date > now.astimezone().date():
        raise InvalidInput("the date on the paper form can't be in the future")


#: Question types whose answer is a file, stored as an attachment.
FILE_TYPES = frozenset({"image", "audio", "video", "file"})


def answer_value(uuid: str, filename: str) -> str:
    """The answer of a file question: a reference to its attachment."""
    return f"{uuid}/{filename}"


def attachment_uuid(value: Any) -> str | None:
    """The attachment uuid an answer refers to, or None if it isn't a reference."""
    if not isinstance(value, str) or "/" not in value:
        return None
    try:
        return str(uuidlib.UUID(value.split("/", 1)[0]))
    except ValueError:
        return None


def record_metadata(
    ws: UnlockedWorkspace,
    record_uuid: str,
    started_at: datetime | None,
    saved_at: datetime,
    device_id: str | None = None,
) -> Metadata:
    """The metadata of a save of a record by the workspace's user, on this laptop.

    Give it to `FormState(..., metadata=...)` (see `checked_state`) whenever a record's
    answers are saved: new records, drafts, finalising.
    """
    device = ws.device_id() if device_id is None else device_id
    return Metadata.for_record(record_uuid, started_at, saved_at, device, ws.actor)


def checked_state(
    compiled: CompiledForm,
    answers: dict[str, Any],
    final: bool,
    saved: bool = False,
    metadata: Metadata | None = None,
) -> FormState:
    """The state of `answers`, InvalidInput on the first problem (required only if final).

    `saved` answers come from a record (canonical, with calculations): not re-checked.
    `metadata` fills in the metadata questions (see `record_metadata`).
    """
    if not saved:
        problems = check_answers(compiled.form, answers)
        if problems:
            raise InvalidInput(answer_problem_message(problems))
        answers = normalise_answers(compiled.form, answers)
    state = FormState(compiled, answers, metadata=metadata)
    state.check_entries()  # more repeat entries than a repeat_count keeps: never dropped
    for (path, instance), problem in state.problems():
        if problem == "required" and not final:
            continue
        cell = state.cell(path, instance)
        where = cell.element.name + "".join(f"[{i}]" for i in instance)
        message = state.message(cell) or problem
        raise InvalidInput(f"answer '{where}': {message}")
    return state


def _scores(result: Outcome) -> dict[str, Any]:
    return result.scores_json()


def _files_to_store(state: FormState, staged: tuple[NewAttachment, ...]) -> list[NewAttachment]:
    """The staged attachments the answers refer to; InvalidInput for a file answer that
    refers to none of them (a file question takes a file)."""
    by_uuid = {a.uuid: a for a in staged}
    used: dict[str, NewAttachment] = {}
    for node, cell in state.questions():
        element = cell.element
        if not isinstance(element, Question) or element.type not in FILE_TYPES:
            continue
        if not cell.relevant or not cell.value:
            continue
        found = by_uuid.get(attachment_uuid(cell.value) or "")
        if found is None or found.question != element.path:
            where = element.name + "".join(f"[{i}]" for i in state.key(node)[1])
            raise InvalidInput(
                f"answer '{where}': a {element.type} question takes a file "
                '(in an answers file: "@/path/to/file")'
            )
        used[found.uuid] = found
    return list(used.values())


def add_record(ws: UnlockedWorkspace, new: NewRecord) -> Record:
    """Validates the answers fully and saves an encrypted record with scores and alerts.

    The record is FINAL unless a DRAFT was asked for or a safeguarding alert is not
    acknowledged (`new.ack_action` acknowledges them all, by the current user, now).
    """
    study = ws.study
    compiled = compiled_for(ws, new.form_id, new.form_version)
    form = compiled.form
    ref = study.form(new.form_id, new.form_version)
    assert ref is not None
    if new.wave_id is not None and study.wave(new.wave_id) is None:
        raise InvalidInput(
            f"unknown wave '{new.wave_id}' (waves: {', '.join(w.id for w in study.waves)})"
        )
    if isinstance(new.answers, Mapping):
        supplied = supplied_metadata(form, new.answers)
        if supplied:
            raise InvalidInput(
                f"answer '{supplied[0]}': is filled in automatically, don't supply it"
            )
    record_uuid = str(uuidlib.uuid4())
    now = ws.workspace.clock()
    check_paper_date(new.mode, new.paper_date, now)
    state = checked_state(
        compiled,
        new.answers,
        final=new.status is RecordStatus.FINAL,
        metadata=record_metadata(ws, record_uuid, now, now),
    )
    files = _files_to_store(state, new.attachments)
    result = outcome(state)
    with ws.transaction() as tx:
        participant_uuid = None
        site_id = new.site_id
        if ref.subject == "participant":
            if not new.participant_code:
                raise InvalidInput(f"form '{form.id}' is about a participant: give --participant")
            p = tx.participants.get(new.participant_code)
            participant_uuid, site_id = p.uuid, p.site_id
            subject = SubjectKind.PARTICIPANT
        else:
            if new.participant_code:
                raise InvalidInput(f"form '{form.id}' is not about a participant")
            if not site_id:
                raise InvalidInput(f"form '{form.id}' needs a site: give --site")
            subject = SubjectKind.SITE if ref.subject == "site" else SubjectKind.ANONYMOUS
        if study.site(site_id) is None:
            raise InvalidInput(
                f"unknown site '{site_id}' (sites: {', '.join(s.id for s in study.sites)})"
            )
        alerts = result.alerts
        if alerts and new.ack_action is not None:
            alerts = acknowledge(alerts, ws.actor, new.ack_action, tx.now())
        status = new.status
        if unacknowledged(alerts):
            status = RecordStatus.DRAFT
        saved = tx.records.add(
            Record(
                uuid=record_uuid,
                form_id=form.id,
                form_version=form.version,
                subject=subject,
                site_id=site_id,
                participant_uuid=participant_uuid,
                wave_id=new.wave_id,
                mode=new.mode,
                paper_date=new.paper_date,
                status=status,
                answers=result.answers,
                scores=_scores(result),
                alerts=alerts,
                collected_by=ws.actor,
                started_at=now,
            )
        )
        for attachment in files:
            tx.attachments.add(saved.uuid, attachment)
        return saved


def get_record(ws: UnlockedWorkspace, uuid: str) -> Record:
    """One record, decrypted; NotFound if there is none."""
    with ws.transaction() as tx:
        return tx.records.get(uuid)


def record_state(ws: UnlockedWorkspace, record: Record) -> FormState:
    """A state of the record's answers with the form version it was collected with."""
    return FormState(compiled_for(ws, record.form_id, record.form_version), record.answers)


def acknowledge_alerts(
    ws: UnlockedWorkspace, uuid: str, action_taken: str, ids: list[str] | None = None
) -> Record:
    """Acknowledge a record's alerts (all unacknowledged ones by default) as the current user."""
    with ws.transaction() as tx:
        record = tx.records.get(uuid)
        if record.shredded:
            raise InvalidInput("this record belongs to a withdrawn participant")
        alerts = acknowledge(record.alerts, ws.actor, action_taken, tx.now(), ids)
        return tx.records.update(replace(record, alerts=alerts))


def finalise_record(ws: UnlockedWorkspace, uuid: str, ack_action: str | None = None) -> Record:
    """Make a draft final: answers re-checked in full, every alert acknowledged first."""
    device_id = ws.device_id()
    with ws.transaction() as tx:
        record = tx.records.get(uuid)
        if record.shredded:
            raise InvalidInput("this record belongs to a withdrawn participant")
        if record.status is RecordStatus.FINAL:
            return record
        compiled = compiled_for(ws, record.form_id, record.form_version)
        metadata = record_metadata(ws, record.uuid, record.started_at, tx.now(), device_id)
        state = checked_state(compiled, record.answers, final=True, saved=True, metadata=metadata)
        result = outcome(state)
        alerts: tuple[Alert, ...] = carry_over(result.alerts, record.alerts, tx.now())
        if ack_action is not None and unacknowledged(alerts):
            alerts = acknowledge(alerts, ws.actor, ack_action, tx.now())
        updated = finalise(
            replace(record, answers=result.answers, scores=_scores(result), alerts=alerts)
        )
        return tx.records.update(updated)
