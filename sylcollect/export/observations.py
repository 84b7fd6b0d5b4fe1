"""The `observations` table: activities logged on the Observations page, one row each.

An observation is not a form record: it is logged on its own page (`domain.observation`), so
it gets its own table with fixed variables. Participants appear by code only; the notes (and
the activity type and tags, which may be typed) are free text, flagged in the codebook; who
logged it (a user name) is an identifier, only with `include_identifiers`. The source leaves
out the codes of participants who withdrew (`ExportSource.observations`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sylcollect.domain.observation import Observation
from sylcollect.domain.study import Study
from sylcollect.export.schema import Table, Variable, VarKind, VarRole

#: The table's name, and what `--form` names to choose it.
OBSERVATIONS = "observations"
#: Its name if a form of the study is already called `observations`.
OBSERVATIONS_ELSEWHERE = "observations_log"
TAG_SEPARATOR = "; "
_SOURCE = "observation log"


def table_name(form_ids: Collection[str]) -> str:
    """The observation table's name in a study with these forms (never a form's name)."""
    return OBSERVATIONS_ELSEWHERE if OBSERVATIONS in form_ids else OBSERVATIONS


def _var(name: str, label: str, kind: VarKind = VarKind.TEXT, note: str = "",
         role: VarRole = VarRole.ANSWER, free_text: bool = False) -> Variable:  # fmt: skip
    return Variable(name, label, kind, role, _SOURCE, free_text=free_text, note=note)


def _milestones(study: Study) -> str:
    listed = "; ".join(f"{m.id} = {m.title}" for m in study.milestones)
    return f"the study's milestones: {listed}" if listed else ""


def observation_table(study: Study, name: str, identifiers: bool) -> Table:
    """The table's variables (the same in every export of the study)."""
    typed = "chosen from the suggestions or typed: review typed ones before sharing"
    variables = [
        _var("observation_uuid", "Observation id", role=VarRole.META),
        _var("site_id", "Site", role=VarRole.META),
        _var("activity_type", "Type of activity", note=typed, free_text=True),
        _var("started_at", "When the activity started (local time, as logged)", VarKind.DATETIME),
        _var("duration_minutes", "Duration (minutes)", VarKind.NUMBER),
        _var(
            "participant_codes",
            "Participants involved (codes, space separated)",
            note="codes of participants who withdrew are left out",
        ),
        _var("n_participants", "Number of participant codes listed", VarKind.NUMBER),
        _var("tags", f"Tags (separated by '{TAG_SEPARATOR}')", note=typed, free_text=True),
        _var(
            "milestone_ids",
            "Milestones it is evidence for (ids, space separated)",
            note=_milestones(study),
        ),
        _var("notes", "Observation notes", free_text=True),
    ]
    if identifiers:
        variables.append(
            _var(
                "observed_by",
                "Who logged it (user name; identifier)",
                role=VarRole.IDENTIFIER,
                note="the user name of the fieldworker",
            )
        )
    variables.append(
        _var(
            "created_at",
            "When the observation was logged (UTC)",
            VarKind.DATETIME,
            role=VarRole.META,
        )
    )
    return Table(name, name, "Observations of project activities", tuple(variables))


def observation_rows(observations: Sequence[Observation], identifiers: bool) -> list[list[Any]]:
    """One row per observation, oldest logged first, in `observation_table`'s order."""
    rows: list[list[Any]] = []
    for o in sorted(observations, key=lambda o: (o.created_at is None, o.created_at, o.uuid)):
        row: list[Any] = [
            o.uuid,
            o.site_id,
            o.activity_type or None,
            o.started_at.isoformat(),
            o.duration_minutes,
            " ".join(o.participant_codes) or None,
            len(o.participant_codes),
            TAG_SEPARATOR.join(o.tags) or None,
            " ".join(o.milestone_ids) or None,
            o.notes or None,
        ]
        if identifiers:
            row.append(o.observed_by or None)
        row.append(o.created_at.isoformat() if o.created_at else None)
        rows.append(row)
    return rows
