"""A unit of work: one SQLAlchemy session, the keyring, the acting user and the clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from sylcollect.crypto import aead
from sylcollect.domain.audit import AuditAction
from sylcollect.storage.audit import AuditLog
from sylcollect.storage.keyring import Keyring

if TYPE_CHECKING:
    from sylcollect.storage.repo_attachments import Attachments
    from sylcollect.storage.repo_consents import Consents
    from sylcollect.storage.repo_observations import Observations
    from sylcollect.storage.repo_participants import Participants
    from sylcollect.storage.repo_records import Records

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Tx:
    """Repositories sharing one session; commit or roll back as a whole. One thread only."""

    def __init__(self, session: Session, keyring: Keyring, actor: str, clock: Clock) -> None:
        self.session = session
        self.keyring = keyring
        self.actor = actor
        self.clock = clock
        self.audit_log = AuditLog(session, keyring, actor)

    def now(self) -> datetime:
        return self.clock()

    def audit(
        self,
        action: AuditAction,
        entity: str,
        entity_uuid: str | None,
        details: dict[str, Any],
        key_id: str,
    ) -> None:
        self.audit_log.append(action, entity, entity_uuid, details, key_id, self.now())

    def seal(
        self, table: str, row: str, column: str, revision: int, key_id: str, value: Any
    ) -> bytes:
        return self.keyring.seal_json(aead.FieldAD(table, row, column, revision, key_id), value)

    def open(
        self, table: str, row: str, column: str, revision: int, key_id: str, blob: bytes
    ) -> Any:
        return self.keyring.open_json(aead.FieldAD(table, row, column, revision, key_id), blob)

    @cached_property
    def participants(self) -> Participants:
        from sylcollect.storage.repo_participants import Participants

        return Participants(self)

    @cached_property
    def consents(self) -> Consents:
        from sylcollect.storage.repo_consents import Consents

        return Consents(self)

    @cached_property
    def records(self) -> Records:
        from sylcollect.storage.repo_records import Records

        return Records(self)

    @cached_property
    def attachments(self) -> Attachments:
        from sylcollect.storage.repo_attachments import Attachments

        return Attachments(self)

    @cached_property
    def observations(self) -> Observations:
        from sylcollect.storage.repo_observations import Observations

        return Observations(self)
