"""Observations of project activities, logged by a fieldworker."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Observation:
    """One observed activity. Everything but its ids and times is encrypted at rest."""

    uuid: str
    site_id: str
    activity_type: str
    started_at: datetime
    duration_minutes: int
    participant_codes: tuple[str, ...] = ()
    notes: str = field(default="", repr=False)
    tags: tuple[str, ...] = ()
    milestone_ids: tuple[str, ...] = ()
    observed_by: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    revision: int = 1

    def content_json(self) -> dict[str, object]:
        return {
            "activity_type": self.activity_type,
            "started_at": self.started_at.isoformat(),
            "duration_minutes": self.duration_minutes,
            "participant_codes": list(self.participant_codes),
            "notes": self.notes,
            "tags": list(self.tags),
            "milestone_ids": list(self.milestone_ids),
            "observed_by": self.observed_by,
        }
