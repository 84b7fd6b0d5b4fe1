"""Worker-thread loaders: a new filling-in session, or one resumed from a saved draft."""

from __future__ import annotations

from sylcollect.domain.record import RecordMode, SubjectKind
from sylcollect.services.drafts import DraftSave, load_draft
from sylcollect.services.records import compiled_for
from sylcollect.storage.workspace import UnlockedWorkspace
from ui.filler.controller import FillSession


def subject_text(ws: UnlockedWorkspace, draft: DraftSave) -> str:
    """'YP-001 · Baseline', 'Durham House · Staff survey (anonymous)' — never a name."""
    parts = []
    if draft.participant_code:
        parts.append(draft.participant_code)
    elif draft.site_id:
        site = ws.study.site(draft.site_id)
        parts.append(site.project or site.name if site else draft.site_id)
    if draft.wave_id:
        wave = ws.study.wave(draft.wave_id)
        parts.append(wave.name if wave else draft.wave_id)
    labels = {
        RecordMode.SELF_COMPLETE: "Self-complete",
        RecordMode.PAPER: "Typed in from paper",
        RecordMode.INTERVIEWER: "",
    }
    if labels[draft.mode]:
        parts.append(labels[draft.mode])
    return " · ".join(parts)


def new_session(ws: UnlockedWorkspace, draft: DraftSave) -> FillSession:
    """Worker thread: compiles the form (cached) for a new record."""
    compiled = compiled_for(ws, draft.form_id, draft.form_version or None)
    ref = ws.study.form(draft.form_id, draft.form_version or None)
    version = ref.version if ref is not None else compiled.form.version
    fixed = DraftSave(
        form_id=draft.form_id,
        form_version=version,
        answers=dict(draft.answers),
        uuid=None,
        participant_code=draft.participant_code,
        site_id=draft.site_id,
        wave_id=draft.wave_id,
        mode=draft.mode,
        paper_date=draft.paper_date,
    )
    return FillSession(compiled, fixed, subject_text(ws, fixed))


def resume_session(ws: UnlockedWorkspace, uuid: str) -> FillSession:
    """Worker thread: a saved draft's answers with the form version it was started with."""
    record = load_draft(ws, uuid)
    compiled = compiled_for(ws, record.form_id, record.form_version)
    code = None
    if record.subject is SubjectKind.PARTICIPANT and record.participant_uuid:
        with ws.transaction() as tx:
            code = tx.participants.get_by_uuid(record.participant_uuid).code
    draft = DraftSave(
        form_id=record.form_id,
        form_version=record.form_version,
        answers=record.answers,
        uuid=record.uuid,
        participant_code=code,
        site_id=record.site_id,
        wave_id=record.wave_id,
        mode=record.mode,
        paper_date=record.paper_date,
    )
    return FillSession(compiled, draft, subject_text(ws, draft), record.alerts)
