"""What the observation log offers and checks, and the save task (no widgets).

`load_choices` and `save_observation` run on the TaskRunner's worker thread; everything
they return is frozen. `check_observation` is pure and runs on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication

from sylcollect.domain.observation import Observation
from sylcollect.domain.participant import CODE_PATTERN
from sylcollect.domain.study import Milestone
from sylcollect.errors import InvalidInput, SylError
from sylcollect.storage.workspace import UnlockedWorkspace

ACTIVITY_FORM = "activity_observation"
RECENT_MAX = 6
FUTURE_GRACE = timedelta(minutes=5)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ObservationLog", text)


@dataclass(frozen=True)
class ObservationChoices:
    """Sites, milestones, codes and suggestions for the log form; read on the worker."""

    sites: tuple[tuple[str, str], ...]
    milestones: tuple[Milestone, ...] = ()
    codes_by_site: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    withdrawn: frozenset[str] = frozenset()
    activity_types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    last_site: str | None = None

    def site_name(self, site_id: str) -> str:
        return dict(self.sites).get(site_id, site_id)

    def milestones_for(self, site_id: str) -> tuple[Milestone, ...]:
        """The site's milestones, early ones first."""
        order = {"early": 0, "medium": 1}
        found = [m for m in self.milestones if m.site_id == site_id]
        return tuple(sorted(found, key=lambda m: (order.get(m.stage, 2), m.id)))

    @property
    def known_codes(self) -> frozenset[str]:
        return frozenset(c for codes in self.codes_by_site.values() for c in codes)


def _dedupe(items: Sequence[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return tuple(out)


def form_choice_labels(ws: UnlockedWorkspace, list_name: str) -> tuple[str, ...]:
    """The labels of a choice list of the study's activity observation form (if it has one)."""
    from sylcollect.services.records import form_for

    try:
        form = form_for(ws, ACTIVITY_FORM)
    except SylError:
        return ()
    choices = form.choice_lists.get(list_name, ())
    labels = [c.labels.get("default") or next(iter(c.labels.values()), c.name) for c in choices]
    return tuple(label for label in labels if label and label.casefold() != "other")


def build_choices(
    ws: UnlockedWorkspace, observations: Sequence[Observation], participants: Sequence
) -> ObservationChoices:
    """Worker thread: suggestions from the study plus this laptop's recent observations."""
    study = ws.study
    newest = sorted(observations, key=lambda o: o.created_at or o.started_at, reverse=True)
    recent_types = [o.activity_type for o in newest][: RECENT_MAX * 4]
    recent_tags = [t for o in newest for t in o.tags]
    codes: dict[str, list[str]] = {}
    withdrawn = set()
    for p in participants:
        if p.withdrawn:
            withdrawn.add(p.code)
        else:
            codes.setdefault(p.site_id, []).append(p.code)
    return ObservationChoices(
        sites=tuple((s.id, s.name) for s in study.sites),
        milestones=tuple(study.milestones),
        codes_by_site={site: tuple(sorted(c)) for site, c in codes.items()},
        withdrawn=frozenset(withdrawn),
        activity_types=_dedupe(
            [*_dedupe(recent_types)[:RECENT_MAX], *form_choice_labels(ws, "act_type")]
        ),
        tags=_dedupe([*recent_tags, *form_choice_labels(ws, "tags")]),
        last_site=newest[0].site_id if newest else None,
    )


# --- checks -------------------------------------------------------------------------------
SITE, ACTIVITY, START, DURATION, CODES, NOTES, TAGS, MILESTONES = (
    "site",
    "activity",
    "start",
    "duration",
    "codes",
    "notes",
    "tags",
    "milestones",
)


def check_observation(
    obs: Observation, choices: ObservationChoices, now: datetime | None = None
) -> list[tuple[str, str]]:
    """Problems as (field, words saying how to fix it); empty when the log can be saved."""
    now = now or datetime.now()
    problems: list[tuple[str, str]] = []
    if obs.site_id not in dict(choices.sites):
        problems.append((SITE, _tr("Choose the site where the activity took place.")))
    if not obs.activity_type.strip():
        problems.append((ACTIVITY, _tr("Choose or type the activity, like Group work.")))
    if obs.started_at > now + FUTURE_GRACE:
        problems.append(
            (START, _tr("The start time is in the future. Choose a time that has passed."))
        )
    if not 1 <= obs.duration_minutes <= 1440:
        problems.append((DURATION, _tr("Type the length in minutes, from 1 to 1440.")))
    problem = code_problem(obs.participant_codes, choices)
    if problem:
        problems.append((CODES, problem))
    site_milestones = {m.id for m in choices.milestones_for(obs.site_id)}
    if any(m not in site_milestones for m in obs.milestone_ids):
        problems.append((MILESTONES, _tr("Choose only this site's milestones.")))
    return problems


def code_problem(codes: Sequence[str], choices: ObservationChoices) -> str:
    """Words for the first code that is withdrawn or not a participant code ('' if none)."""
    known = choices.known_codes
    for code in codes:
        if code in choices.withdrawn:
            return _tr("{code} has withdrawn from the study: leave them out.").format(code=code)
        if not CODE_PATTERN.match(code) or code not in known:
            return _tr(
                "“{code}” is not a participant code here. Type codes only, like YP-001, "
                "never names."
            ).format(code=code[:40])
    return ""


def save_observation(ws: UnlockedWorkspace, obs: Observation) -> Observation:
    """Worker thread: checks codes and milestones against the workspace, then saves."""
    study = ws.study
    site_milestones = {m.id for m in study.milestones if m.site_id == obs.site_id}
    if study.site(obs.site_id) is None:
        raise InvalidInput("choose one of the study's sites")
    if any(m not in site_milestones for m in obs.milestone_ids):
        raise InvalidInput("a chosen milestone is not one of this site's milestones")
    with ws.transaction() as tx:
        active = {p.code for p in tx.participants.list(include_withdrawn=False)}
        unknown = [c for c in obs.participant_codes if c not in active]
        if unknown:
            raise InvalidInput(f"“{unknown[0][:40]}” is not the code of anyone taking part")
        return tx.observations.add(obs)
