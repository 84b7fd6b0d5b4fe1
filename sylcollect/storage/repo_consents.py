"""Consent repository: details sealed under the participant's key."""

from __future__ import annotations

import uuid as uuidlib
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.consent import Consent
from sylcollect.errors import Conflict, NotFound
from sylcollect.storage.keyring import Shredded
from sylcollect.storage.schema import ConsentRow
from sylcollect.storage.tx import Tx

TABLE = "consent"


class Consents:
    """Records consent decisions and their withdrawal."""

    def __init__(self, tx: Tx) -> None:
        self._tx = tx
        self._s = tx.session

    def add(self, consent: Consent) -> Consent:
        participant = self._tx.participants.row_by_uuid(consent.participant_uuid)
        if participant.withdrawn_at:
            raise Conflict("this participant has withdrawn")
        now = self._tx.now().isoformat()
        uuid = consent.uuid or str(uuidlib.uuid4())
        row = ConsentRow(
            uuid=uuid,
            participant_uuid=participant.uuid,
            key_id=participant.key_id,
            revision=1,
            created_at=now,
            updated_at=now,
        )
        row.content_ct = self._tx.seal(TABLE, uuid, "content", 1, row.key_id, consent.to_json())
        self._s.add(row)
        self._tx.audit(
            AuditAction.CREATE, TABLE, uuid, {"scopes": sorted(consent.scopes)}, row.key_id
        )
        return self._to_domain(row)

    def withdraw_consent(self, uuid: str, on: date) -> Consent:
        """Marks one consent as withdrawn (the participant stays; see Participants.withdraw)."""
        row = self._s.get(ConsentRow, uuid)
        if row is None or row.content_ct is None:
            raise NotFound("no such consent")
        data = self._tx.open(TABLE, row.uuid, "content", row.revision, row.key_id, row.content_ct)
        data["withdrawn_on"] = on.isoformat()
        row.revision += 1
        row.updated_at = self._tx.now().isoformat()
        row.content_ct = self._tx.seal(TABLE, row.uuid, "content", row.revision, row.key_id, data)
        self._tx.audit(
            AuditAction.CHANGE, TABLE, row.uuid, {"withdrawn_on": data["withdrawn_on"]}, row.key_id
        )
        return self._to_domain(row)

    def for_participant(self, participant_uuid: str) -> list[Consent]:
        stmt = (
            select(ConsentRow)
            .where(ConsentRow.participant_uuid == participant_uuid)
            .order_by(ConsentRow.created_at)
        )
        out = []
        for row in self._s.scalars(stmt):
            try:
                out.append(self._to_domain(row))
            except (Shredded, NotFound):
                continue
        return out

    def by_participant(self) -> dict[str, list[Consent]]:
        """Every readable consent, grouped by participant uuid, in one query (bulk lists)."""
        stmt = select(*ConsentRow.__table__.c).order_by(ConsentRow.created_at)
        rows = self._s.execute(stmt).all()
        self._tx.participants.preload_keys([r.key_id for r in rows if r.content_ct is not None])
        out: dict[str, list[Consent]] = {}
        for row in rows:
            try:
                out.setdefault(row.participant_uuid, []).append(self._to_domain(row))
            except (Shredded, NotFound):
                continue
        return out

    def content(self, row: Any) -> dict[str, Any]:
        """The decrypted content of an ORM row or a plain result row with the same columns
        (NotFound when it was shredded; Shredded when its key is gone)."""
        if row.content_ct is None:
            raise NotFound("this consent was shredded")
        data: dict[str, Any] = self._tx.open(
            TABLE, row.uuid, "content", row.revision, row.key_id, row.content_ct
        )
        return data

    @staticmethod
    def from_row(row: Any, content: dict[str, Any]) -> Consent:
        """The Consent a row holds, given its decrypted `content`."""
        return Consent.from_json(
            row.uuid,
            row.participant_uuid,
            content,
            revision=row.revision,
            created_at=datetime.fromisoformat(row.created_at),
        )

    def _to_domain(self, row: Any) -> Consent:
        return self.from_row(row, self.content(row))
