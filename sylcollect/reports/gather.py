"""Reads what a participant or site summary shows from an unlocked workspace.

The result is plain frozen data (no ORM rows, no keys), so rendering can be tested and
timed without a workspace. Scores come from the records as saved; scale labels, ranges and
bands from the form version each record was collected with.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sylcollect.domain.consent import Consent
from sylcollect.domain.observation import Observation
from sylcollect.domain.record import Acknowledgement, Record, RecordStatus
from sylcollect.domain.study import FormRef, Milestone, Site, Study
from sylcollect.errors import InvalidInput, NotFound
from sylcollect.forms.scoring import Band
from sylcollect.services.records import compiled_for
from sylcollect.storage.workspace import UnlockedWorkspace

NO_WAVE = "Not linked to a wave"
EVIDENCE_LABELS = {
    "questionnaire": "Questionnaires",
    "interview": "Interviews",
    "observation": "Observations",
    "staff_survey": "Staff surveys",
    "indicators": "Indicator returns",
}
INDICATORS = (
    ("incidents", "Incidents"),
    ("missing_episodes", "Missing episodes"),
    ("restraints", "Restraints"),
    ("staff_absence_days", "Staff absence days"),
    ("staff_leavers", "Staff leavers"),
    ("staff_joiners", "Staff joiners"),
)
INDICATOR_FORM = "site_indicators"


def evidence_type(ref: FormRef) -> str:
    """Which kind of evidence a form's records are (see docs/paper.md)."""
    if ref.id == INDICATOR_FORM or "indicator" in ref.id:
        return "indicators"
    if "interview" in ref.id:
        return "interview"
    if "observation" in ref.id:
        return "observation"
    if ref.subject == "anonymous" or "staff" in ref.id:
        return "staff_survey"
    return "questionnaire"


@dataclass(frozen=True)
class ScorePoint:
    """One wave's score of one scale (None when it couldn't be scored)."""

    wave: str
    score: float | None
    band: str | None
    on: date | None
    note: str = ""


@dataclass(frozen=True)
class ScaleSeries:
    """A scale's scores across the study's waves."""

    form_title: str
    scale: str
    label: str
    score_min: float
    score_max: float
    bands: tuple[Band, ...]
    points: tuple[ScorePoint, ...]


@dataclass(frozen=True)
class AlertLine:
    """A safeguarding alert raised by one of the participant's records: `holds` False (since
    `cleared_at`) once the answers changed so that it no longer applies; `history` the
    earlier acknowledgements that no longer cover it (an audit trail: always printed)."""

    raised_on: date | None
    form_title: str
    message: str
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    action_taken: str
    holds: bool = True
    cleared_at: datetime | None = None
    history: tuple[Acknowledgement, ...] = ()


@dataclass(frozen=True)
class ParticipantSummary:
    """Everything the participant summary prints."""

    study_name: str
    code: str
    site_name: str
    role: str
    unit: str
    enrolled_on: date | None
    waves: tuple[str, ...]
    consents: tuple[Consent, ...]
    series: tuple[ScaleSeries, ...]
    alerts: tuple[AlertLine, ...]
    records: tuple[tuple[str, str, int], ...]  # form title, wave, count
    drafts: int
    printed_on: date
    printed_by: str


@dataclass(frozen=True)
class MilestoneEvidence:
    """A theory-of-change milestone and the evidence linked to it."""

    milestone: Milestone
    observations: int = 0
    interviews: int = 0
    last_on: date | None = None
    activities: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteSummary:
    """Everything the site summary prints."""

    study_name: str
    site: Site
    waves: tuple[str, ...]
    status: tuple[tuple[str, int, int], ...]  # role, consent recorded, awaiting consent
    withdrawn: int
    evidence: dict[str, dict[str, int]]  # type -> wave -> count
    months: tuple[tuple[date, dict[str, float]], ...]
    milestones: tuple[MilestoneEvidence, ...]
    unreadable: int
    printed_on: date
    printed_by: str
    notes: tuple[str, ...] = field(default=())
    drafts: int = 0  # records still in draft: not counted as evidence or in the trends


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _record_day(record: Record) -> date | None:
    """The day the record is about (an interview's date), else the day it was saved."""
    try:
        return date.fromisoformat(str(record.answers.get("interview_date"))[:10])
    except ValueError:
        return _day(record.created_at)


def _wave_names(study: Study) -> tuple[str, ...]:
    return tuple(w.name for w in study.waves)


def _wave_of(study: Study, record: Record) -> str:
    wave = study.wave(record.wave_id) if record.wave_id else None
    return wave.name if wave else NO_WAVE


def _form_title(study: Study, form_id: str, version: str) -> str:
    ref = study.form(form_id, version) or study.form(form_id)
    return ref.title if ref else form_id


def _number(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        return None


def _series(ws: UnlockedWorkspace, records: list[Record]) -> tuple[ScaleSeries, ...]:
    study = ws.study
    latest: dict[tuple[str, str, str], tuple[Record, dict[str, object]]] = {}
    order: list[tuple[str, str]] = []
    for record in records:
        for name, result in record.scores.items():
            if not isinstance(result, dict):
                continue
            if (record.form_id, name) not in order:
                order.append((record.form_id, name))
            latest[(record.form_id, name, _wave_of(study, record))] = (record, result)
    waves = [*_wave_names(study), NO_WAVE]
    out: list[ScaleSeries] = []
    for form_id, scale_name in order:
        keyed = [(w, latest.get((form_id, scale_name, w))) for w in waves]
        first = next(r for _, r in keyed if r)[0]
        try:
            scale = compiled_for(ws, form_id, first.form_version).scoring[scale_name]
        except (KeyError, NotFound, InvalidInput):
            continue
        points = tuple(
            ScorePoint(
                wave,
                _number(found[1].get("score")),
                str(found[1]["band"]) if found[1].get("band") else None,
                _day(found[0].created_at),
                str(found[1].get("reason") or ""),
            )
            for wave, found in keyed
            if found
        )
        out.append(
            ScaleSeries(
                _form_title(study, form_id, first.form_version),
                scale_name,
                scale.label or scale_name,
                float(scale.score_min),
                float(scale.score_max),
                scale.bands,
                points,
            )
        )
    return tuple(out)


def participant_summary(ws: UnlockedWorkspace, code: str) -> ParticipantSummary:
    """Reads one participant's summary; InvalidInput if they have withdrawn."""
    study = ws.study
    with ws.transaction() as tx:
        p = tx.participants.get(code)
        if p.withdrawn:
            raise InvalidInput(f"participant {code} has withdrawn: their data can't be read")
        consents = tuple(tx.consents.for_participant(p.uuid))
        records = [r for r in tx.records.list(participant_uuid=p.uuid) if not r.shredded]
    final = [r for r in records if r.status is RecordStatus.FINAL]
    site = study.site(p.site_id)
    unit = next((u.name for u in site.units if u.id == p.unit_id), "") if site else ""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for r in final:
        counts[(_form_title(study, r.form_id, r.form_version), _wave_of(study, r))] += 1
    alerts = tuple(
        AlertLine(
            _day(r.created_at),
            _form_title(study, r.form_id, r.form_version),
            a.message,
            a.acknowledged_by,
            a.acknowledged_at,
            a.action_taken,
            holds=a.holds,
            cleared_at=a.cleared_at,
            history=a.history,
        )
        for r in records
        for a in r.alerts
    )
    return ParticipantSummary(
        study_name=study.name,
        code=p.code,
        site_name=site.name if site else p.site_id,
        role=p.role.label if p.role else "",
        unit=unit,
        enrolled_on=_day(p.created_at),
        waves=_wave_names(study),
        consents=consents,
        series=_series(ws, final),
        alerts=alerts,
        records=tuple((form, wave, n) for (form, wave), n in counts.items()),
        drafts=len(records) - len(final),
        printed_on=date.today(),
        printed_by=ws.actor,
    )


def _consented(consents: list[Consent]) -> bool:
    return any(c.withdrawn_on is None for c in consents)


def _milestones(
    study: Study, site_id: str, observations: list[Observation], interviews: list[Record]
) -> tuple[MilestoneEvidence, ...]:
    out = []
    for m in (m for m in study.milestones if m.site_id == site_id):
        obs = [o for o in observations if m.id in o.milestone_ids]
        ivs = [r for r in interviews if m.id in str(r.answers.get("milestone_ids") or "").split()]
        days = [o.started_at.date() for o in obs] + [d for r in ivs if (d := _record_day(r))]
        out.append(
            MilestoneEvidence(
                m,
                len(obs),
                len(ivs),
                max(days, default=None),
                tuple(sorted({o.activity_type for o in obs})),
            )
        )
    return tuple(out)


def _months(records: list[Record]) -> tuple[tuple[date, dict[str, float]], ...]:
    by_month: dict[date, dict[str, float]] = {}
    for r in sorted(records, key=lambda r: r.created_at or datetime.min):
        try:
            month = date.fromisoformat(str(r.answers.get("month"))[:10]).replace(day=1)
        except ValueError:
            continue
        values = {k: v for k, _ in INDICATORS if (v := _number(r.answers.get(k))) is not None}
        by_month[month] = values  # a later return for the same month replaces the earlier
    return tuple(sorted(by_month.items()))


def site_summary(ws: UnlockedWorkspace, site_id: str) -> SiteSummary:
    """Reads one site's summary: status counts, evidence, indicator months, milestones."""
    study = ws.study
    site = study.site(site_id)
    if site is None:
        raise NotFound(f"unknown site '{site_id}' (sites: {', '.join(s.id for s in study.sites)})")
    with ws.transaction() as tx:
        people = tx.participants.list(site_id=site_id)
        consents = {p.uuid: tx.consents.for_participant(p.uuid) for p in people if not p.withdrawn}
        records = [r for r in tx.records.list() if r.site_id == site_id]
        observations = tx.observations.list(site_id)
    status: dict[str, list[int]] = {}
    for p in people:
        if p.withdrawn or p.role is None:
            continue
        row = status.setdefault(p.role.label, [0, 0])
        row[0 if _consented(consents[p.uuid]) else 1] += 1
    readable = [r for r in records if not r.shredded]
    final = [r for r in readable if r.status is RecordStatus.FINAL]  # drafts may still change
    evidence: dict[str, dict[str, int]] = {k: defaultdict(int) for k in EVIDENCE_LABELS}
    for r in final:
        ref = study.form(r.form_id, r.form_version) or study.form(r.form_id)
        if ref is not None:
            evidence[evidence_type(ref)][_wave_of(study, r)] += 1
    evidence["observation"][NO_WAVE] += len(observations)
    interviews = [r for r in final if "interview" in r.form_id]
    return SiteSummary(
        study_name=study.name,
        site=site,
        waves=_wave_names(study),
        status=tuple((role, c[0], c[1]) for role, c in sorted(status.items())),
        withdrawn=sum(1 for p in people if p.withdrawn),
        evidence={k: dict(v) for k, v in evidence.items()},
        months=_months([r for r in final if r.form_id == INDICATOR_FORM]),
        milestones=_milestones(study, site_id, observations, interviews),
        unreadable=len(records) - len(readable),
        printed_on=date.today(),
        printed_by=ws.actor,
        drafts=len(readable) - len(final),
    )
