"""Checking and saving records against the form version they were collected with.

Saving runs the answers through the form's state: relevance, required answers,
constraints, choice filters and repeats are checked; calculations are added; non-relevant
answers are dropped (as ODK does); scores and safeguarding alerts are computed and sealed
with the record. A record with an unacknowledged alert is kept as a DRAFT until someone
acknowledges it with the action taken.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from sylcollect.domain.record import Alert, Record, RecordMode, RecordStatus, SubjectKind
from sylcollect.errors import InvalidInput, NotFound
from sylcollect.forms.answers import check_answers, normalise_answers
from sylcollect.forms.compiled import CompiledForm, compile_form
from sylcollect.forms.inspect import answer_problem_message
from sylcollect.forms.model import Form
from sylcollect.forms.safeguarding import acknowledge, carry_over, finalise, unacknowledged
from sylcollect.forms.state import FormState
from sylcollect.forms.state_save import Outcome, outcome
from sylcollect.forms.xlsform import load_form_text
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


def checked_state(
    compiled: CompiledForm, answers: dict[str, Any], final: bool, saved: bool = False
) -> FormState:
    """The state of `answers`, InvalidInput on the first problem (required only if final).

    `saved` answers come from a record (canonical, with calculations): not re-checked.
    """
    if not saved:
        problems = check_answers(compiled.form, answers)
        if problems:
            raise InvalidInput(answer_problem_message(problems))
        answers = normalise_answers(compiled.form, answers)
    state = FormState(compiled, answers)
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
    state = checked_state(compiled, new.answers, final=new.status is RecordStatus.FINAL)
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
        return tx.records.add(
            Record(
                uuid="",
                form_id=form.id,
                form_version=form.version,
                subject=subject,
                site_id=site_id,
                participant_uuid=participant_uuid,
                wave_id=new.wave_id,
                mode=new.mode,
                status=status,
                answers=result.answers,
                scores=_scores(result),
                alerts=alerts,
                collected_by=ws.actor,
                started_at=tx.now(),
            )
        )


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
    with ws.transaction() as tx:
        record = tx.records.get(uuid)
        if record.shredded:
            raise InvalidInput("this record belongs to a withdrawn participant")
        if record.status is RecordStatus.FINAL:
            return record
        compiled = compiled_for(ws, record.form_id, record.form_version)
        state = checked_state(compiled, record.answers, final=True, saved=True)
        result = outcome(state)
        alerts: tuple[Alert, ...] = carry_over(result.alerts, record.alerts)
        if ack_action is not None and unacknowledged(alerts):
            alerts = acknowledge(alerts, ws.actor, ack_action, tx.now())
        updated = finalise(
            replace(record, answers=result.answers, scores=_scores(result), alerts=alerts)
        )
        return tx.records.update(updated)
