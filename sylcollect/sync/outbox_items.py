"""What is waiting to be sent, as queries and as payload items (decrypted for sealing).

An item waits while `sync_sent` has no row for it at its current revision or higher. A
withdrawn participant waits as a tombstone only: their consents and records were shredded
(`content_ct` is NULL) and are never selected. Audit events wait while their `seq` is above
the meta row `sync_audit_sent_seq`.

A consent's signed document (e-consent PDF or scan, `services.econsent`) travels inside its
consent item's content, as the laptop seals it; one that would fail the importer's check
stays behind.

Attachments wait like the rest (entity `attachment`, revision 1; a shredded one never
travels). They go in the bundle of their record whenever the record waits too; a bundle
carries at most `ATTACHMENT_BUDGET` bytes of attachments (always at least one record's
files): `plan` defers the rest, *with their records*, to the next bundle of the same sync,
so a record and its files are never split and a receipt can't purge a record whose files
were not delivered. Attachment bytes are read and decrypted one at a time.

Thread contract: everything here runs inside the caller's Tx (one session, one thread).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, select

from sylcollect.crypto import aead
from sylcollect.domain.consent import Consent
from sylcollect.domain.participant import Identity
from sylcollect.storage.keyring import Shredded
from sylcollect.storage.repo_records import record_from_row
from sylcollect.storage.schema import (
    AttachmentRow,
    AuditRow,
    ConsentRow,
    Meta,
    ObservationRow,
    ParticipantRow,
    RecordRow,
    SyncSent,
)
from sylcollect.storage.tx import Tx
from sylcollect.sync.payload import (
    AttachmentItem,
    AuditItem,
    ConsentItem,
    Item,
    MetaItem,
    ObservationItem,
    ParticipantItem,
    RecordItem,
    TombstoneItem,
)
from sylcollect.sync.payload_items import CONSENT_DOCUMENT_KEY, check_consent_document

AUDIT_SENT = "sync_audit_sent_seq"
_BATCH = 500
ATTACHMENT_BUDGET = 256 * 1024 * 1024
"""Attachment bytes per bundle (base64 makes them a third larger in the bundle)."""
_SentModel = (
    type[ParticipantRow]
    | type[ConsentRow]
    | type[RecordRow]
    | type[ObservationRow]
    | type[AttachmentRow]
)


@dataclass(frozen=True)
class Waiting:
    """Counts of what the next bundle would carry. Immutable."""

    participants: int = 0
    consents: int = 0
    records: int = 0
    observations: int = 0
    tombstones: int = 0
    audit_events: int = 0
    attachments: int = 0

    @property
    def changes(self) -> int:
        """Data changes (audit events ride along with them but never make a bundle alone)."""
        return (
            self.participants
            + self.consents
            + self.records
            + self.observations
            + self.tombstones
            + self.attachments
        )

    def to_json(self) -> dict[str, int]:
        return {
            "changes": self.changes,
            "participants": self.participants,
            "consents": self.consents,
            "records": self.records,
            "observations": self.observations,
            "tombstones": self.tombstones,
            "audit_events": self.audit_events,
            "attachments": self.attachments,
        }


@dataclass
class SentList:
    """The ids and revisions a bundle carries (no values), to mark them sent on delivery."""

    items: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    audit_max: int = 0
    records: int = 0

    def add(self, entity: str, uuid: str, revision: int) -> None:
        self.items.setdefault(entity, []).append((uuid, revision))

    def count(self) -> int:
        return sum(len(v) for v in self.items.values()) + (1 if self.audit_max else 0)

    def to_json(self) -> dict[str, Any]:
        return {"items": self.items, "audit_max": self.audit_max}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SentList:
        items = {k: [(str(u), int(r)) for u, r in v] for k, v in data["items"].items()}
        return cls(items=items, audit_max=int(data["audit_max"]))


def _unsent(model: _SentModel, entity: str) -> ColumnElement[bool]:
    return ~exists().where(
        SyncSent.entity == entity,
        SyncSent.uuid == model.uuid,
        SyncSent.revision >= model.revision,
    )


def audit_sent(tx: Tx) -> int:
    meta = tx.session.get(Meta, AUDIT_SENT)
    return int(meta.value) if meta else 0


def _participants(withdrawn: bool) -> Select[ParticipantRow]:
    where = (
        ParticipantRow.withdrawn_at.is_not(None)
        if withdrawn
        else ParticipantRow.withdrawn_at.is_(None)
    )
    return (
        select(ParticipantRow)
        .where(where, _unsent(ParticipantRow, "participant"))
        .order_by(ParticipantRow.created_at, ParticipantRow.uuid)
    )


def _consents() -> Select[ConsentRow]:
    return (
        select(ConsentRow)
        .where(ConsentRow.content_ct.is_not(None), _unsent(ConsentRow, "consent"))
        .order_by(ConsentRow.created_at, ConsentRow.uuid)
    )


def _records() -> Select[RecordRow]:
    return (
        select(RecordRow)
        .where(RecordRow.content_ct.is_not(None), _unsent(RecordRow, "record"))
        .order_by(RecordRow.created_at, RecordRow.uuid)
    )


def _observations() -> Select[ObservationRow]:
    return (
        select(ObservationRow)
        .where(_unsent(ObservationRow, "observation"))
        .order_by(ObservationRow.created_at, ObservationRow.uuid)
    )


def _attachments() -> Select[str, str, int, int]:
    """Waiting attachments (uuid, record uuid, size, revision), by record then age; not
    shredded."""
    return (
        select(
            AttachmentRow.uuid,
            AttachmentRow.record_uuid,
            AttachmentRow.size,
            AttachmentRow.revision,
        )
        .join(RecordRow, RecordRow.uuid == AttachmentRow.record_uuid)
        .where(
            AttachmentRow.content_ct.is_not(None),
            RecordRow.content_ct.is_not(None),
            _unsent(AttachmentRow, "attachment"),
        )
        .order_by(
            RecordRow.created_at, RecordRow.uuid, AttachmentRow.created_at, AttachmentRow.uuid
        )
    )


def _document(content: dict[str, Any]) -> dict[str, Any] | None:
    """The consent's signed document as it travels, or None when it has none or it would
    not pass the importer's check (then the decision travels alone, as it did before)."""
    document = content.get(CONSENT_DOCUMENT_KEY)
    if document is None:
        return None
    try:
        check_consent_document(document)
    except ValueError:
        return None
    assert isinstance(document, dict)
    return document


@dataclass(frozen=True)
class Plan:
    """What the next bundle leaves for the bundle after it (attachment budget). Immutable."""

    records: frozenset[str] = frozenset()
    """Waiting records held back with their files."""
    attachments: frozenset[str] = frozenset()

    @property
    def deferred(self) -> bool:
        return bool(self.attachments)


def plan(tx: Tx, budget: int | None = None) -> Plan:
    """Which attachments (and their waiting records) exceed this bundle's budget: whole
    records' files are taken in order while they fit; the first always goes."""
    budget = ATTACHMENT_BUDGET if budget is None else budget
    by_record: dict[str, list[tuple[str, int]]] = {}
    for uuid, record_uuid, size, _ in tx.session.execute(_attachments()):
        by_record.setdefault(record_uuid, []).append((uuid, size))
    used, taken = 0, False
    late_records: set[str] = set()
    late: set[str] = set()
    for record_uuid, files in by_record.items():
        size = sum(s for _, s in files)
        if not taken or used + size <= budget:
            used, taken = used + size, True
            continue
        late_records.add(record_uuid)
        late.update(u for u, _ in files)
    waiting_records: set[str] = set()
    for part in _parts(sorted(late_records)):
        stmt = select(RecordRow.uuid).where(
            RecordRow.uuid.in_(part),
            RecordRow.content_ct.is_not(None),
            _unsent(RecordRow, "record"),
        )
        waiting_records.update(tx.session.scalars(stmt))
    return Plan(frozenset(waiting_records), frozenset(late))


def _parts(values: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(values), _BATCH):
        yield values[i : i + _BATCH]


def _count(tx: Tx, stmt: Select[Any] | Select[str, str, int, int]) -> int:
    return int(tx.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


def waiting(tx: Tx) -> Waiting:
    """Counts only: nothing is decrypted."""
    return Waiting(
        participants=_count(tx, _participants(False)),
        consents=_count(tx, _consents()),
        records=_count(tx, _records()),
        observations=_count(tx, _observations()),
        tombstones=_count(tx, _participants(True)),
        attachments=_count(tx, _attachments()),
        audit_events=int(
            tx.session.scalar(select(func.count()).where(AuditRow.seq > audit_sent(tx))) or 0
        ),
    )


def items(tx: Tx, meta: MetaItem, sent: SentList, later: Plan | None = None) -> Iterator[Item]:
    """The payload, streamed: meta, participants, tombstones, consents, records,
    observations, attachments, audit events; `sent` collects what went in as it goes;
    what `later` names waits for the next bundle."""
    later = later or Plan()
    yield meta
    s = tx.session
    for p in s.scalars(_participants(False).execution_options(yield_per=_BATCH)):
        assert p.profile_ct is not None and p.identity_ct is not None
        profile = tx.open("participant", p.uuid, "profile", p.revision, p.key_id, p.profile_ct)
        identity = tx.open("participant", p.uuid, "identity", p.revision, p.key_id, p.identity_ct)
        yield ParticipantItem(
            uuid=p.uuid,
            code=p.code,
            site_id=p.site_id,
            revision=p.revision,
            created_at=p.created_at,
            updated_at=p.updated_at,
            role=str(profile["role"]),
            unit_id=profile.get("unit_id"),
            identity=Identity.from_json(identity).to_json(),
        )
        sent.add("participant", p.uuid, p.revision)
    for p in s.scalars(_participants(True).execution_options(yield_per=_BATCH)):
        yield TombstoneItem(p.uuid, p.code, p.withdrawn_at or p.updated_at)
        sent.add("participant", p.uuid, p.revision)
    for c in s.scalars(_consents().execution_options(yield_per=_BATCH)):
        assert c.content_ct is not None
        data = tx.open("consent", c.uuid, "content", c.revision, c.key_id, c.content_ct)
        content = Consent.from_json(c.uuid, c.participant_uuid, data).to_json()
        document = _document(data)
        if document is not None:
            content[CONSENT_DOCUMENT_KEY] = document
        del data
        yield ConsentItem(
            c.uuid, c.participant_uuid, c.revision, c.created_at, c.updated_at, content
        )
        sent.add("consent", c.uuid, c.revision)
    for r in s.scalars(_records().execution_options(yield_per=_BATCH)):
        if r.uuid in later.records:
            continue
        assert r.content_ct is not None
        data = tx.open("record", r.uuid, "content", r.revision, r.key_id, r.content_ct)
        yield RecordItem(
            uuid=r.uuid,
            form_id=r.form_id,
            form_version=r.form_version,
            subject=r.subject,
            site_id=r.site_id,
            participant_uuid=r.participant_uuid,
            status=r.status,
            revision=r.revision,
            created_at=r.created_at,
            updated_at=r.updated_at,
            content=record_from_row(r, data, False).content_json(),
        )
        sent.add("record", r.uuid, r.revision)
        sent.records += 1
    for o in s.scalars(_observations().execution_options(yield_per=_BATCH)):
        data = tx.open("observation", o.uuid, "content", o.revision, o.key_id, o.content_ct)
        yield ObservationItem(o.uuid, o.site_id, o.revision, o.created_at, o.updated_at, data)
        sent.add("observation", o.uuid, o.revision)
    files = [(u, rev) for u, _, _, rev in s.execute(_attachments()) if u not in later.attachments]
    for uuid, revision in files:
        info, blob = tx.attachments.read_once(uuid)
        assert info.filename is not None
        yield AttachmentItem(
            uuid=info.uuid,
            record_uuid=info.record_uuid,
            question=info.question,
            revision=revision,
            created_at=info.created_at.isoformat(),
            media_type=info.media_type,
            size=info.size,
            filename=info.filename,
            content=blob,
        )
        del blob
        sent.add("attachment", info.uuid, revision)
    stmt = select(AuditRow).where(AuditRow.seq > audit_sent(tx)).order_by(AuditRow.seq)
    for a in s.scalars(stmt.execution_options(yield_per=_BATCH)):
        try:
            details = tx.keyring.open_json(
                aead.FieldAD("audit_event", a.uuid, "details", 1, a.key_id), a.details_ct
            )
        except Shredded:
            details = None
        yield AuditItem(a.seq, a.uuid, a.at, a.actor, a.action, a.entity, a.entity_uuid, details)
        sent.audit_max = max(sent.audit_max, a.seq)
