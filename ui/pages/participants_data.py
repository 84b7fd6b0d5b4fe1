"""Worker-thread functions for the participant pages: each reads or writes in one transaction
and returns frozen dataclasses (never ORM rows) for the GUI thread."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sylcollect.domain.consent import Consent
from sylcollect.domain.participant import Identity, Participant
from sylcollect.domain.record import Alert, Record, RecordStatus
from sylcollect.domain.study import Role
from sylcollect.domain.waves import next_waves
from sylcollect.storage.workspace import UnlockedWorkspace
from ui.models.participants import ConsentState, ParticipantEntry


def consent_state(consents: list[Consent], withdrawn: bool) -> ConsentState:
    if withdrawn:
        return ConsentState.UNKNOWN
    if not consents:
        return ConsentState.NONE
    if any(c.withdrawn_on is None for c in consents):
        return ConsentState.GIVEN
    return ConsentState.WITHDRAWN


@dataclass(frozen=True)
class ParticipantsSnapshot:
    """Every participant with their consent state and next wave, and the study's site names."""

    entries: tuple[ParticipantEntry, ...]
    site_names: dict[str, str]


def load_participants(ws: UnlockedWorkspace, today: date | None = None) -> ParticipantsSnapshot:
    """Worker thread: every participant (no identifying details), their consent state and
    their next wave, due or not as of `today` (worked out here, once per load, never per
    filter keystroke). Only final records are read: drafts don't complete a wave."""
    with ws.transaction() as tx:
        people = tx.participants.list()
        consents = tx.consents.by_participant()
        finals = tx.records.list(status=RecordStatus.FINAL)
    nexts = next_waves(people, ws.study.waves, finals, today or date.today())
    entries = tuple(
        ParticipantEntry(
            p,
            consent_state([] if p.withdrawn else consents.get(p.uuid, []), p.withdrawn),
            nexts.get(p.uuid),
        )
        for p in people
    )
    return ParticipantsSnapshot(entries, {s.id: s.name for s in ws.study.sites})


@dataclass(frozen=True)
class ScoreLine:
    """One scale's score and band, as shown on a record."""

    scale: str
    score: str
    band: str


@dataclass(frozen=True)
class RecordLine:
    """One record about the participant, ready to show."""

    uuid: str
    form_title: str
    form_version: str
    wave_id: str
    status: RecordStatus
    when: str
    scores: tuple[ScoreLine, ...]
    alerts: tuple[Alert, ...]
    shredded: bool


@dataclass(frozen=True)
class ParticipantDetail:
    """What the detail page shows (identifying details are revealed separately)."""

    participant: Participant
    consents: tuple[Consent, ...]
    records: tuple[RecordLine, ...]

    def records_by_wave(self) -> dict[str, list[RecordLine]]:
        waves: dict[str, list[RecordLine]] = defaultdict(list)
        for r in self.records:
            if r.status == RecordStatus.FINAL:
                waves[r.wave_id].append(r)
        return dict(waves)

    @property
    def drafts(self) -> tuple[RecordLine, ...]:
        return tuple(r for r in self.records if r.status == RecordStatus.DRAFT)

    @property
    def open_alerts(self) -> tuple[tuple[RecordLine, Alert], ...]:
        return tuple((r, a) for r in self.records for a in r.alerts if not a.acknowledged)


def _scores(record: Record) -> tuple[ScoreLine, ...]:
    lines = []
    for scale, value in sorted(record.scores.items()):
        if not isinstance(value, dict):
            continue
        score = value.get("score")
        shown = "—" if score is None else f"{score:g}" if isinstance(score, float) else str(score)
        lines.append(ScoreLine(scale, shown, str(value.get("band") or "")))
    return tuple(lines)


def record_line(ws: UnlockedWorkspace, record: Record) -> RecordLine:
    form = ws.study.form(record.form_id, record.form_version)
    when = record.created_at.date().isoformat() if record.created_at else ""
    return RecordLine(
        uuid=record.uuid,
        form_title=form.title if form is not None else record.form_id,
        form_version=record.form_version,
        wave_id=record.wave_id or "",
        status=record.status,
        when=when,
        scores=_scores(record),
        alerts=record.alerts,
        shredded=record.shredded,
    )


def load_detail(ws: UnlockedWorkspace, code: str) -> ParticipantDetail:
    """Worker thread: the participant, their consent history and their records."""
    with ws.transaction() as tx:
        p = tx.participants.get(code)
        consents = () if p.withdrawn else tuple(tx.consents.for_participant(p.uuid))
        records = tx.records.list(participant_uuid=p.uuid, decrypt=not p.withdrawn)
    return ParticipantDetail(p, consents, tuple(record_line(ws, r) for r in records))


def reveal_identity(ws: UnlockedWorkspace, code: str) -> Identity:
    """Worker thread: the identifying details; the view is written to the audit log."""
    with ws.transaction() as tx:
        return tx.participants.reveal_identity(code).identity or Identity()


@dataclass(frozen=True)
class ParticipantInput:
    """What the add/edit dialog hands to the worker."""

    code: str
    site_id: str
    role: Role
    unit_id: str | None
    identity: Identity


def add_participant(ws: UnlockedWorkspace, data: ParticipantInput) -> Participant:
    with ws.transaction() as tx:
        return tx.participants.add(
            data.code, data.site_id, data.role, data.identity, unit_id=data.unit_id
        )


def change_participant(ws: UnlockedWorkspace, data: ParticipantInput) -> Participant:
    with ws.transaction() as tx:
        return tx.participants.change(
            data.code, role=data.role, unit_id=data.unit_id or "", identity=data.identity
        )


def add_consent(ws: UnlockedWorkspace, consent: Consent) -> Consent:
    with ws.transaction() as tx:
        return tx.consents.add(consent)


def withdraw_consent(ws: UnlockedWorkspace, consent_uuid: str, on: date) -> Consent:
    with ws.transaction() as tx:
        return tx.consents.withdraw_consent(consent_uuid, on)
