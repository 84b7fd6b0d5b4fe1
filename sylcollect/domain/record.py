"""Records: one completed or draft form, about a participant, a site, or nobody."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
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
class Acknowledgement:
    """An earlier acknowledgement of an alert, kept when the alert had to be acknowledged
    again (its message or what triggered it changed, or it held again after clearing)."""

    by: str
    at: datetime | None
    action_taken: str
    message: str  # the message that was acknowledged
    trigger: str | None = None  # what the rule had seen then (see Alert.trigger)

    def to_json(self) -> dict[str, object]:
        return {
            "by": self.by,
            "at": self.at.isoformat() if self.at else None,
            "action_taken": self.action_taken,
            "message": self.message,
            "trigger": self.trigger,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Acknowledgement:
        at = data.get("at")
        trigger = data.get("trigger")
        return cls(
            by=str(data["by"]),
            at=datetime.fromisoformat(at) if at else None,
            action_taken=str(data.get("action_taken") or ""),
            message=str(data.get("message") or ""),
            trigger=None if trigger is None else str(trigger),
        )


@dataclass(frozen=True)
class Alert:
    """A safeguarding alert raised by a record; must be acknowledged before finalising.

    Once raised, an alert stays on its record. `holds` is False (and `cleared_at` says
    since when) once a later save no longer meets the rule; an unacknowledged alert still
    needs acknowledging then. `trigger` is what the rule read when it last held (e.g.
    `phq9_9=3`; None on records saved before it was kept); `history` keeps earlier
    acknowledgements that no longer cover the alert.
    """

    id: str
    message: str
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None
    action_taken: str = ""
    holds: bool = True
    cleared_at: datetime | None = None
    trigger: str | None = None
    history: tuple[Acknowledgement, ...] = ()

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_by is not None

    def to_json(self) -> dict[str, object]:
        """The stored form; the later fields only when set, so an alert that never changed
        reads exactly as before they existed."""
        out: dict[str, object] = {
            "id": self.id,
            "message": self.message,
            "acknowledged_by": self.acknowledged_by,
            "acknowledged_at": self.acknowledged_at.isoformat() if self.acknowledged_at else None,
            "action_taken": self.action_taken,
        }
        if not self.holds:
            out["holds"] = False
            out["cleared_at"] = self.cleared_at.isoformat() if self.cleared_at else None
        if self.trigger is not None:
            out["trigger"] = self.trigger
        if self.history:
            out["history"] = [h.to_json() for h in self.history]
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Alert:
        at = data.get("acknowledged_at")
        cleared = data.get("cleared_at")
        trigger = data.get("trigger")
        return cls(
            id=str(data["id"]),
            message=str(data["message"]),
            acknowledged_by=data.get("acknowledged_by"),
            acknowledged_at=datetime.fromisoformat(at) if at else None,
            action_taken=str(data.get("action_taken") or ""),
            holds=data.get("holds", True) is not False,
            cleared_at=datetime.fromisoformat(cleared) if cleared else None,
            trigger=None if trigger is None else str(trigger),
            history=tuple(Acknowledgement.from_json(h) for h in data.get("history") or ()),
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
    paper_date: date | None = None
    """A paper transcription's date written on the paper form (None: not given). The
    record's own dates (started_at, created_at) are when it was typed in."""

    def content_json(self) -> dict[str, Any]:
        """What is encrypted: everything that is not needed to find and sync the record.
        `paper_date` only when set, so other records read exactly as before it existed."""
        out: dict[str, Any] = {
            "wave_id": self.wave_id,
            "mode": self.mode.value,
            "answers": self.answers,
            "scores": self.scores,
            "alerts": [a.to_json() for a in self.alerts],
            "collected_by": self.collected_by,
            "started_at": self.started_at.isoformat() if self.started_at else None,
        }
        if self.paper_date is not None:
            out["paper_date"] = self.paper_date.isoformat()
        return out
