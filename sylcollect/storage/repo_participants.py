"""Participants repository: encrypts profile and identity under each participant's own key."""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import delete, func, select, update

from sylcollect.crypto import aead
from sylcollect.domain.audit import AuditAction
from sylcollect.domain.participant import Identity, Participant, check_code
from sylcollect.domain.study import Role
from sylcollect.errors import Conflict, NotFound
from sylcollect.storage.keyring import Shredded
from sylcollect.storage.schema import (
    AttachmentRow,
    ConsentRow,
    ParticipantKey,
    ParticipantRow,
    RecordRow,
)
from sylcollect.storage.tx import Tx

TABLE = "participant"


class DirectoryEntry(NamedTuple):
    """A participant as the plain columns show them (see `Participants.directory`)."""

    uuid: str
    code: str
    key_id: str
    withdrawn: bool


class Participants:
    """Adds, reads, changes and withdraws participants within one transaction."""

    def __init__(self, tx: Tx) -> None:
        self._tx = tx
        self._s = tx.session

    def add(
        self,
        code: str,
        site_id: str,
        role: Role,
        identity: Identity | None = None,
        unit_id: str | None = None,
    ) -> Participant:
        check_code(code)
        if self._s.scalar(select(ParticipantRow.uuid).where(ParticipantRow.code == code)):
            raise Conflict(f"a participant with code {code} already exists")
        now = self._tx.now()
        uuid = str(uuidlib.uuid4())
        key_id = str(uuidlib.uuid4())
        wrapped = self._tx.keyring.wrap(key_id, uuid, aead.random_key())
        self._s.add(ParticipantKey(key_id=key_id, participant_uuid=uuid, wrapped=wrapped))
        row = ParticipantRow(
            uuid=uuid,
            code=code,
            site_id=site_id,
            key_id=key_id,
            revision=1,
            created_at=now.isoformat(),
            updated_at=now.isoformat(),
        )
        self._seal(row, role, unit_id, identity or Identity())
        self._s.add(row)
        self._s.flush()
        self._tx.audit(AuditAction.CREATE, TABLE, uuid, {"code": code, "role": role.value}, key_id)
        return self._to_domain(row, with_identity=False)

    def _seal(
        self, row: ParticipantRow, role: Role, unit_id: str | None, identity: Identity
    ) -> None:
        rev, key = row.revision, row.key_id
        row.profile_ct = self._tx.seal(
            TABLE, row.uuid, "profile", rev, key, {"role": role.value, "unit_id": unit_id}
        )
        row.identity_ct = self._tx.seal(TABLE, row.uuid, "identity", rev, key, identity.to_json())

    def _row(self, code: str) -> ParticipantRow:
        row = self._s.scalar(select(ParticipantRow).where(ParticipantRow.code == code))
        if row is None:
            raise NotFound(f"no participant with code {code}")
        return row

    def row_by_uuid(self, uuid: str) -> ParticipantRow:
        row = self._s.get(ParticipantRow, uuid)
        if row is None:
            raise NotFound("no such participant")
        return row

    def get(self, code: str) -> Participant:
        return self._to_domain(self._row(code), with_identity=False)

    def get_by_uuid(self, uuid: str) -> Participant:
        return self._to_domain(self.row_by_uuid(uuid), with_identity=False)

    def reveal_identity(self, code: str) -> Participant:
        """The participant with identifying details; the view is audited."""
        row = self._row(code)
        participant = self._to_domain(row, with_identity=True)
        self._tx.audit(AuditAction.VIEW_IDENTITY, TABLE, row.uuid, {"code": code}, row.key_id)
        return participant

    def list(self, site_id: str | None = None, include_withdrawn: bool = True) -> list[Participant]:
        stmt = select(ParticipantRow).order_by(ParticipantRow.code)
        if site_id is not None:
            stmt = stmt.where(ParticipantRow.site_id == site_id)
        if not include_withdrawn:
            stmt = stmt.where(ParticipantRow.withdrawn_at.is_(None))
        # Plain rows, not ORM objects: listing 50,000 participants is a bulk read.
        rows = self._s.execute(stmt.with_only_columns(*ParticipantRow.__table__.c)).all()
        self.preload_keys([r.key_id for r in rows if r.withdrawn_at is None])
        return [self._to_domain(r, with_identity=False) for r in rows]

    def preload_keys(self, key_ids: Iterable[str]) -> None:
        """Fetches and unwraps many participants' keys in one query (for bulk reads)."""
        wanted = set(key_ids)
        if not wanted:
            return
        stmt = select(
            ParticipantKey.key_id, ParticipantKey.participant_uuid, ParticipantKey.wrapped
        )
        if len(wanted) < 500:
            stmt = stmt.where(ParticipantKey.key_id.in_(wanted))
        self._tx.keyring.preload(
            {
                k.key_id: (k.participant_uuid, k.wrapped)
                for k in self._s.execute(stmt)
                if k.key_id in wanted
            }
        )

    def directory(self) -> tuple[DirectoryEntry, ...]:
        """Every participant's uuid, code, key id and whether they withdrew, sorted by code,
        from the plain columns: nothing is decrypted (code pickers, bulk exports)."""
        stmt = select(
            ParticipantRow.uuid,
            ParticipantRow.code,
            ParticipantRow.key_id,
            ParticipantRow.withdrawn_at.is_not(None),
        ).order_by(ParticipantRow.code)
        return tuple(DirectoryEntry(*row) for row in self._s.execute(stmt))

    def count(self, include_withdrawn: bool = True) -> int:
        """How many participants, without decrypting anything."""
        stmt = select(func.count()).select_from(ParticipantRow)
        if not include_withdrawn:
            stmt = stmt.where(ParticipantRow.withdrawn_at.is_(None))
        return int(self._s.scalar(stmt) or 0)

    def change(
        self,
        code: str,
        *,
        role: Role | None = None,
        unit_id: str | None = None,
        identity: Identity | None = None,
    ) -> Participant:
        row = self._row(code)
        if row.withdrawn_at:
            raise Conflict(f"participant {code} has withdrawn and can't be changed")
        current = self._to_domain(row, with_identity=True)
        row.revision += 1
        row.updated_at = self._tx.now().isoformat()
        self._seal(
            row,
            role or current.role or Role.YOUNG_PERSON,
            unit_id if unit_id is not None else current.unit_id,
            identity if identity is not None else (current.identity or Identity()),
        )
        changed = [n for n, v in (("role", role), ("unit", unit_id), ("identity", identity)) if v]
        self._tx.audit(AuditAction.CHANGE, TABLE, row.uuid, {"changed": changed}, row.key_id)
        return self._to_domain(row, with_identity=False)

    def withdraw(self, code: str) -> Participant:
        """Crypto-shreds the participant: their key and every ciphertext under it go."""
        row = self._row(code)
        if row.withdrawn_at:
            raise Conflict(f"participant {code} has already withdrawn")
        key_id = row.key_id
        self._s.execute(delete(ParticipantKey).where(ParticipantKey.key_id == key_id))
        self._s.execute(update(RecordRow).where(RecordRow.key_id == key_id).values(content_ct=None))
        self._s.execute(
            update(ConsentRow).where(ConsentRow.key_id == key_id).values(content_ct=None)
        )
        self._s.execute(
            update(AttachmentRow)
            .where(AttachmentRow.key_id == key_id)
            .values(name_ct=None, content_ct=None)
        )
        row.profile_ct = None
        row.identity_ct = None
        row.withdrawn_at = self._tx.now().isoformat()
        row.updated_at = row.withdrawn_at
        row.revision += 1
        self._tx.keyring.forget(key_id)
        self._tx.audit(AuditAction.WITHDRAW, TABLE, row.uuid, {"code": code}, "ws")
        return self._to_domain(row, with_identity=False)

    def _to_domain(self, row: Any, *, with_identity: bool) -> Participant:
        """A Participant from an ORM row or a plain result row with the same columns.

        A central placeholder (a participant named by a consent or record before their own
        item was imported) has no profile; one written by an older version also has empty
        dates, read as None rather than failing the whole list."""
        role: Role | None = None
        unit_id, identity = None, None
        withdrawn = datetime.fromisoformat(row.withdrawn_at) if row.withdrawn_at else None
        if withdrawn is None and row.profile_ct is not None:
            try:
                profile = self._tx.open(
                    TABLE, row.uuid, "profile", row.revision, row.key_id, row.profile_ct
                )
                role, unit_id = Role(profile["role"]), profile.get("unit_id")
                if with_identity and row.identity_ct is not None:
                    identity = Identity.from_json(
                        self._tx.open(
                            TABLE, row.uuid, "identity", row.revision, row.key_id, row.identity_ct
                        )
                    )
            except Shredded:
                withdrawn = withdrawn or _when(row.updated_at) or _when(row.created_at)
        return Participant(
            uuid=row.uuid,
            code=row.code,
            site_id=row.site_id,
            role=role,
            identity=identity,
            unit_id=unit_id,
            created_at=_when(row.created_at),
            updated_at=_when(row.updated_at),
            revision=row.revision,
            withdrawn_at=withdrawn,
        )


def _when(value: str | None) -> datetime | None:
    """A stored time, or None for an empty or unreadable one (never raises)."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
