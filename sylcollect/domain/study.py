"""The study: sites and their units, waves, theory-of-change milestones, roles, forms."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Role(enum.StrEnum):
    """Who a participant is in the evaluation."""

    YOUNG_PERSON = "young_person"
    PARENT_CARER = "parent_carer"
    STAFF = "staff"
    MANAGER = "manager"
    LA_INFORMANT = "la_informant"
    STAKEHOLDER = "stakeholder"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.YOUNG_PERSON: "Young person",
    Role.PARENT_CARER: "Parent or carer",
    Role.STAFF: "Staff member",
    Role.MANAGER: "Manager",
    Role.LA_INFORMANT: "Local-authority informant",
    Role.STAKEHOLDER: "Other stakeholder",
}


@dataclass(frozen=True)
class Unit:
    """A place within a site (a home, a locality, a wing)."""

    id: str
    name: str


@dataclass(frozen=True)
class Site:
    """A project site of the study, with the evidence collected there."""

    id: str
    name: str
    project: str
    description: str = ""
    partner: str = ""
    units: tuple[Unit, ...] = ()
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Wave:
    """A data-collection time point (baseline, early milestone, ...)."""

    id: str
    name: str
    months_from_start: int = 0


@dataclass(frozen=True)
class Milestone:
    """A theory-of-change milestone of one site's project."""

    id: str
    site_id: str
    stage: str  # "early" | "medium"
    title: str
    description: str = ""


@dataclass(frozen=True)
class FormRef:
    """A form the study uses: its id, version, title and XLSForm source text."""

    id: str
    version: str
    title: str
    filename: str
    subject: str = "participant"  # participant | site | anonymous
    source: str = field(repr=False, default="")


EVIDENCE_TYPES = (
    "questionnaire",
    "interview",
    "staff_survey",
    "observation",
    "indicators",
)

MILESTONE_STAGES = ("early", "medium")


@dataclass(frozen=True)
class Study:
    """A whole study definition as a laptop holds it."""

    id: str
    name: str
    version: int
    description: str
    sites: tuple[Site, ...]
    waves: tuple[Wave, ...]
    milestones: tuple[Milestone, ...]
    forms: tuple[FormRef, ...]
    roles: tuple[Role, ...] = tuple(Role)

    def site(self, site_id: str) -> Site | None:
        return next((s for s in self.sites if s.id == site_id), None)

    def wave(self, wave_id: str) -> Wave | None:
        return next((w for w in self.waves if w.id == wave_id), None)

    def form(self, form_id: str, version: str | None = None) -> FormRef | None:
        matches = [f for f in self.forms if f.id == form_id]
        if version is not None:
            matches = [f for f in matches if f.version == version]
        return max(matches, key=lambda f: _version_key(f.version), default=None)


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Orders form versions: numeric parts numerically, others as text."""
    parts = version.replace("-", ".").split(".")
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts)
