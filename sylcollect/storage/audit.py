"""The append-only audit log: HMAC-chained events with encrypted details."""

from __future__ import annotations

import hashlib
import uuid as uuidlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sylcollect.crypto import aead
from sylcollect.domain.audit import AuditAction, AuditEvent
from sylcollect.storage.keyring import Keyring, Shredded
from sylcollect.storage.schema import AuditRow, Meta

HEAD_KEY = "audit_head"
GENESIS = "0" * 64


def _canonical(row: AuditRow) -> bytes:
    parts = (
        str(row.seq),
        row.uuid,
        row.at,
        row.actor,
        row.action,
        row.entity,
        row.entity_uuid or "",
        row.key_id,
        hashlib.sha256(row.details_ct).hexdigest(),
    )
    return "\x00".join(parts).encode()


def _link(key: bytes, prev: str, row: AuditRow) -> str:
    return aead.mac(key, prev.encode() + b"\x00" + _canonical(row)).hex()


class AuditLog:
    """Appends and reads audit events inside the caller's transaction."""

    def __init__(self, session: Session, keyring: Keyring, actor: str) -> None:
        self._s = session
        self._k = keyring
        self._actor = actor

    def _head(self) -> tuple[int, str]:
        meta = self._s.get(Meta, HEAD_KEY)
        if meta is None:
            return 0, GENESIS
        seq, chain = meta.value.split(":", 1)
        return int(seq), chain

    def append(
        self,
        action: AuditAction,
        entity: str,
        entity_uuid: str | None,
        details: dict[str, Any],
        key_id: str,
        at: datetime,
    ) -> None:
        seq, prev = self._head()
        row = AuditRow(
            seq=seq + 1,
            uuid=str(uuidlib.uuid4()),
            at=at.isoformat(),
            actor=self._actor,
            action=action.value,
            entity=entity,
            entity_uuid=entity_uuid,
            key_id=key_id,
        )
        row.details_ct = self._k.seal_json(
            aead.FieldAD("audit_event", row.uuid, "details", 1, key_id), details
        )
        row.chain = _link(self._k.audit_key(), prev, row)
        self._s.add(row)
        self._s.merge(Meta(key=HEAD_KEY, value=f"{row.seq}:{row.chain}"))

    def events(self, entity_uuid: str | None = None, limit: int | None = None) -> list[AuditEvent]:
        stmt = select(AuditRow).order_by(AuditRow.seq.desc())
        if entity_uuid is not None:
            stmt = stmt.where(AuditRow.entity_uuid == entity_uuid)
        if limit is not None:
            stmt = stmt.limit(limit)
        out = []
        for row in self._s.scalars(stmt):
            try:
                details: dict[str, Any] | None = self._k.open_json(
                    aead.FieldAD("audit_event", row.uuid, "details", 1, row.key_id),
                    row.details_ct,
                )
            except Shredded:
                details = None
            out.append(
                AuditEvent(
                    seq=row.seq,
                    uuid=row.uuid,
                    at=datetime.fromisoformat(row.at),
                    actor=row.actor,
                    action=AuditAction(row.action),
                    entity=row.entity,
                    entity_uuid=row.entity_uuid,
                    details=details,
                )
            )
        return out


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of checking the chain: how many links, and the first broken one."""

    events: int
    broken_at: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify(session: Session, audit_key: bytes) -> VerifyResult:
    """Walks the chain in order; names the first link that was edited, deleted or moved."""
    prev = GENESIS
    expected = 1
    count = 0
    for row in session.scalars(select(AuditRow).order_by(AuditRow.seq)):
        if row.seq != expected:
            return VerifyResult(
                count, expected, f"event #{expected} is missing: it was deleted or renumbered"
            )
        if not aead.mac_equal(bytes.fromhex(row.chain), bytes.fromhex(_link(audit_key, prev, row))):
            return VerifyResult(
                count, row.seq, f"event #{row.seq} does not match the chain: it was edited or moved"
            )
        prev = row.chain
        expected += 1
        count += 1
    head = session.get(Meta, HEAD_KEY)
    head_seq, head_chain = head.value.split(":", 1) if head else ("0", GENESIS)
    if int(head_seq) != count or head_chain != prev:
        return VerifyResult(
            count,
            count + 1,
            f"the log ends at event #{count} but #{head_seq} was written: newest events removed",
        )
    return VerifyResult(count)
