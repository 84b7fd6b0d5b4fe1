"""Audit events: who did what to which entity, when. Values are encrypted at rest."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class AuditAction(enum.StrEnum):
    """Kinds of audited event."""

    CREATE = "create"
    CHANGE = "change"
    VIEW_IDENTITY = "view_identity"
    EXPORT = "export"
    WITHDRAW = "withdraw"
    USER_ADDED = "user_added"
    USER_REMOVED = "user_removed"
    PASSWORD_CHANGED = "password_changed"
    UNLOCK = "unlock"
    UNLOCK_FAILED = "unlock_failed"
    RECOVERY_USED = "recovery_used"


@dataclass(frozen=True)
class AuditEvent:
    """One link of the hash-chained audit log, decrypted for display."""

    seq: int
    uuid: str
    at: datetime
    actor: str
    action: AuditAction
    entity: str
    entity_uuid: str | None
    details: dict[str, Any] | None = field(default=None, repr=False)  # None: shredded
