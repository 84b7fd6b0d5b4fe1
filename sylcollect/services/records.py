"""Checking and saving records against the form version they were collected with."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sylcollect.domain.record import Record, RecordMode, RecordStatus, SubjectKind
from sylcollect.errors import InvalidInput, NotFound
from sylcollect.forms.answers import check_answers, normalise_answers
from sylcollect.forms.model import Form
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
        raise NotFound(f"no form '{form_id}' in this study (forms: {known})")
    return _parse(ref.source, ref.filename)


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


def add_record(ws: UnlockedWorkspace, new: NewRecord) -> Record:
    """Validates the answers against the form and saves an encrypted record."""
    study = ws.study
    ref = study.form(new.form_id)
    form = form_for(ws, new.form_id)
    assert ref is not None
    if new.wave_id is not None and study.wave(new.wave_id) is None:
        raise InvalidInput(
            f"unknown wave '{new.wave_id}' (waves: {', '.join(w.id for w in study.waves)})"
        )
    problems = check_answers(form, new.answers)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InvalidInput(f"answer '{first.question}': {first.message}{more}")
    answers = normalise_answers(form, new.answers)
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
                status=new.status,
                answers=answers,
                collected_by=ws.actor,
                started_at=tx.now(),
            )
        )
