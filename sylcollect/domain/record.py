"""Records: one completed or draft form, about a participant, a site, or nobody."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class SubjectKind(enum.StrEnum):
    """What a record is about."""

    PARTICIPANT = "participant"
    SITE = "site"
    ANONYMOUS = "anonymous"


class RecordMode(enum.StrEnum):
    """How the answers were collected."""

    INTERVIEWER = "interviewer"
    SELF_COMPLETE = "self_complete"
    PAPER = "paper_transcription"


class RecordStatus(enum.StrEnum):
    """A draft can still change; a final record is complete and checked."""

    DRAFT = "draft"
    FINAL = "final"


@dataclass(frozen=True)
class Alert:
    """A safeguarding alert raised by a record; must be acknowledged before finalising."""

    id: str
    message: str
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None
    action_taken: str = ""

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_by is not None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "message": self.message,
            "acknowledged_by": self.acknowledged_by,
            "acknowledged_at": self.acknowledged_at.isoformat() if self.acknowledged_at else None,
            "action_taken": self.action_taken,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Alert:
        at = data.get("acknowledged_at")
        return cls(
            id=str(data["id"]),
            message=str(data["message"]),
            acknowledged_by=data.get("acknowledged_by"),
            acknowledged_at=datetime.fromisoformat(at) if at else None,
            action_taken=str(data.get("action_taken") or ""),
        )


@dataclass(frozen=True)
class Record:
    """A form filled in once. Answers, scores and alerts are encrypted at rest."""

    uuid: str
    form_id: str
    form_version: str
    subject: SubjectKind
    site_id: str
    participant_uuid: str | None = None
    wave_id: str | None = None
    mode: RecordMode = RecordMode.INTERVIEWER
    status: RecordStatus = RecordStatus.FINAL
    answers: dict[str, Any] = field(default_factory=dict, repr=False)
    scores: dict[str, Any] = field(default_factory=dict, repr=False)
    alerts: tuple[Alert, ...] = field(default=(), repr=False)
    collected_by: str = ""
    started_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    revision: int = 1
    shredded: bool = False  # content unreadable: the participant withdrew

    def content_json(self) -> dict[str, Any]:
        """What is encrypted: everything that is not needed to find and sync the record."""
        return {
            "wave_id": self.wave_id,
            "mode": self.mode.value,
            "answers": self.answers,
            "scores": self.scores,
            "alerts": [a.to_json() for a in self.alerts],
            "collected_by": self.collected_by,
            "started_at": self.started_at.isoformat() if self.started_at else None,
        }
