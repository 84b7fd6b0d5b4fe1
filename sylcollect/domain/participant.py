"""Participants: a pseudonymous code in clear, identifying details only ever encrypted."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sylcollect.domain.study import Role
from sylcollect.errors import InvalidInput

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$")


def check_code(code: str) -> str:
    """Returns a valid pseudonymous participant code or raises InvalidInput."""
    if not CODE_PATTERN.match(code):
        raise InvalidInput(
            "participant code must be 2-32 letters, digits, '-' or '_' and start with a "
            "letter or digit"
        )
    return code


@dataclass(frozen=True)
class Identity:
    """Identifying details. Never stored or logged in clear."""

    name: str = ""
    date_of_birth: date | None = None
    contact: str = ""
    notes: str = ""

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "date_of_birth": self.date_of_birth.isoformat() if self.date_of_birth else None,
            "contact": self.contact,
            "notes": self.notes,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Identity:
        dob = data.get("date_of_birth")
        return cls(
            name=str(data.get("name") or ""),
            date_of_birth=date.fromisoformat(str(dob)) if dob else None,
            contact=str(data.get("contact") or ""),
            notes=str(data.get("notes") or ""),
        )


@dataclass(frozen=True)
class Participant:
    """A person taking part, known in the clear only by their pseudonymous code."""

    uuid: str
    code: str
    site_id: str
    role: Role | None  # None once withdrawn: the profile was shredded
    identity: Identity | None = field(default=None, repr=False)
    unit_id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    revision: int = 1
    withdrawn_at: datetime | None = None

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None
