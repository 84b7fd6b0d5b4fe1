"""Consent records: who consented, to what, on which information sheet, how and when."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class ConsentWho(enum.StrEnum):
    """Whose agreement the record holds."""

    SELF = "self"  # the participant's own consent (16+, or Gillick-competent)
    ASSENT_PARENT = "assent_parent"  # young person's assent + parent/carer consent
    ASSENT_LA = "assent_la"  # young person's assent + local authority consent


class ConsentScope(enum.StrEnum):
    """What the participant agreed to (one initial box each on the paper form)."""

    TAKING_PART = "taking_part"
    QUESTIONNAIRES = "questionnaires"
    INTERVIEW = "interview"
    AUDIO_RECORDING = "audio_recording"
    ANONYMISED_QUOTES = "anonymised_quotes"
    RECORDS_ACCESS = "records_access"
    FUTURE_CONTACT = "future_contact"


class ConsentMethod(enum.StrEnum):
    """How the consent was given."""

    PAPER = "paper"
    ON_SCREEN = "on_screen_signature"
    VERBAL = "verbal"


@dataclass(frozen=True)
class Consent:
    """One consent (or assent) decision. Its details are encrypted under the participant key."""

    uuid: str
    participant_uuid: str
    who: ConsentWho
    scopes: frozenset[ConsentScope]
    info_sheet_version: str
    method: ConsentMethod
    given_on: date
    taken_by: str = ""
    notes: str = field(default="", repr=False)
    withdrawn_on: date | None = None
    revision: int = 1
    created_at: datetime | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "who": self.who.value,
            "scopes": sorted(s.value for s in self.scopes),
            "info_sheet_version": self.info_sheet_version,
            "method": self.method.value,
            "given_on": self.given_on.isoformat(),
            "taken_by": self.taken_by,
            "notes": self.notes,
            "withdrawn_on": self.withdrawn_on.isoformat() if self.withdrawn_on else None,
        }

    @classmethod
    def from_json(
        cls, uuid: str, participant_uuid: str, data: dict[str, object], **meta: object
    ) -> Consent:
        scopes = data.get("scopes") or []
        assert isinstance(scopes, list)
        withdrawn = data.get("withdrawn_on")
        return cls(
            uuid=uuid,
            participant_uuid=participant_uuid,
            who=ConsentWho(str(data["who"])),
            scopes=frozenset(ConsentScope(str(s)) for s in scopes),
            info_sheet_version=str(data["info_sheet_version"]),
            method=ConsentMethod(str(data["method"])),
            given_on=date.fromisoformat(str(data["given_on"])),
            taken_by=str(data.get("taken_by") or ""),
            notes=str(data.get("notes") or ""),
            withdrawn_on=date.fromisoformat(str(withdrawn)) if withdrawn else None,
            **meta,  # type: ignore[arg-type]
        )
