"""Plain dataclasses and enums of the study domain, and the rules on them."""

from sylcollect.domain.audit import AuditAction, AuditEvent
from sylcollect.domain.consent import Consent, ConsentMethod, ConsentScope, ConsentWho
from sylcollect.domain.observation import Observation
from sylcollect.domain.participant import Identity, Participant
from sylcollect.domain.record import Alert, Record, RecordMode, RecordStatus, SubjectKind
from sylcollect.domain.study import FormRef, Milestone, Role, Site, Study, Unit, Wave

__all__ = [
    "Alert",
    "AuditAction",
    "AuditEvent",
    "Consent",
    "ConsentMethod",
    "ConsentScope",
    "ConsentWho",
    "FormRef",
    "Identity",
    "Milestone",
    "Observation",
    "Participant",
    "Record",
    "RecordMode",
    "RecordStatus",
    "Role",
    "Site",
    "Study",
    "SubjectKind",
    "Unit",
    "Wave",
]
