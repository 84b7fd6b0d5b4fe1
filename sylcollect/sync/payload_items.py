"""The item kinds of a bundle payload (see `sylcollect.sync.payload`): frozen dataclasses.

Each has `to_json()` (its line in the payload) and, where a domain type exists, a
`to_<domain>()` converter for the importer. Immutable, safe to share across threads.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar, Final, Literal, TypeAlias

from sylcollect.domain.consent import Consent, ConsentMethod
from sylcollect.domain.observation import Observation
from sylcollect.domain.participant import Identity
from sylcollect.domain.record import Alert, Record, RecordMode, RecordStatus, SubjectKind
from sylcollect.domain.study import Role
from sylcollect.errors import InvalidInput
from sylcollect.services import econsent
from sylcollect.storage.repo_attachments import MAX_ATTACHMENT_BYTES

FORMAT: Final = 1
ATTACHMENT_PREFIX: Final = b'{"kind":"attachment",'
"""How every attachment line starts (`AttachmentItem.to_json` puts `kind` first)."""
ATTACHMENT_CONTENT_CHARS: Final = 4 * ((MAX_ATTACHMENT_BYTES + 2) // 3)
"""The longest `content` (base64 of the largest attachment, padded)."""
ATTACHMENT_LINE_BYTES: Final = ATTACHMENT_CONTENT_CHARS + 64 * 1024
"""The line cap of an attachment line: its content plus 64 KiB for the other fields (the
file name and question are at most 255 characters, 6 bytes each when escaped)."""

CONSENT_DOCUMENT_KEY: Final = econsent.KEY
"""The optional key of a consent's `content` holding its signed document (the e-consent PDF
or a scan): exactly the object the laptop seals inside the consent (`ConsentDocument.
to_json`), so the central store seals the same content and reads it the same way."""
CONSENT_DOCUMENT_FIELDS: Final = frozenset(
    {"media_type", "method", "filename", "sha256", "size", "added_at", "data"}
)


def check_consent_document(value: object) -> None:
    """Checks a consent's travelling document strictly; ValueError (no values quoted) if it
    is not exactly what `ConsentDocument.to_json` makes of a valid document: the seven
    fields, a PDF, PNG, JPEG or TIFF of at most `econsent.MAX_BYTES` whose first bytes match
    its media type, canonical base64, and the size and SHA-256 it states. The base64 of the
    largest document is under 14 MiB, so a consent line stays under the 16 MiB line cap."""
    if not isinstance(value, dict) or value.keys() != CONSENT_DOCUMENT_FIELDS:
        raise ValueError("has missing or unknown fields in the consent document")
    media_type, method, filename = value["media_type"], value["method"], value["filename"]
    size, digest, added_at, text = value["size"], value["sha256"], value["added_at"], value["data"]
    if media_type not in econsent.MEDIA_TYPES.values():
        raise ValueError("has a consent document of a kind that can't be stored")
    if method not in (m.value for m in econsent.DOCUMENT_METHODS):
        raise ValueError("has a bad consent document method")
    if not isinstance(filename, str) or len(filename) > 255 or {"/", "\x00"} & set(filename):
        raise ValueError("has a bad consent document file name")
    if not isinstance(added_at, str) or len(added_at) > 40:
        raise ValueError("has a bad consent document time")
    datetime.fromisoformat(added_at)
    if type(size) is not int or not 0 < size <= econsent.MAX_BYTES:
        raise ValueError("has a bad consent document size")
    if not isinstance(digest, str) or len(digest) != 64:
        raise ValueError("has a bad consent document hash")
    if not isinstance(text, str) or len(text) > 4 * ((econsent.MAX_BYTES + 2) // 3):
        raise ValueError("has a bad consent document content")
    try:
        raw = text.encode("ascii")
        data = base64.b64decode(raw, validate=True)
    except (UnicodeEncodeError, binascii.Error):
        raise ValueError("has a consent document that is not base64") from None
    if base64.b64encode(data) != raw or len(data) != size:
        raise ValueError("has a consent document that does not match its size")
    if hashlib.sha256(data).hexdigest() != digest:
        raise ValueError("has a consent document that does not match its hash")
    try:
        econsent.ConsentDocument(data, media_type, ConsentMethod(method)).check()
    except InvalidInput:
        raise ValueError("has a consent document that is not the file its type says") from None


@dataclass(frozen=True)
class MetaItem:
    """The first line: which study, device and bundle sequence the payload belongs to."""

    study_id: str
    study_version: int
    device_id: str
    sequence: int
    created_at: str
    format: int = FORMAT
    kind: ClassVar[Literal["meta"]] = "meta"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "format": self.format,
            "study_id": self.study_id,
            "study_version": self.study_version,
            "device_id": self.device_id,
            "sequence": self.sequence,
            "created_at": self.created_at,
        }


@dataclass(frozen=True)
class ParticipantItem:
    """A participant's current revision, identity included (it is encrypted in the bundle)."""

    uuid: str
    code: str
    site_id: str
    revision: int
    created_at: str
    updated_at: str
    role: str
    unit_id: str | None
    identity: dict[str, Any]
    kind: ClassVar[Literal["participant"]] = "participant"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "uuid": self.uuid,
            "code": self.code,
            "site_id": self.site_id,
            "revision": self.revision,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "role": self.role,
            "unit_id": self.unit_id,
            "identity": self.identity,
        }

    def to_identity(self) -> Identity:
        return Identity.from_json(self.identity)

    def to_role(self) -> Role:
        return Role(self.role)


@dataclass(frozen=True)
class ConsentItem:
    """A consent decision's current revision (withdrawal of consent is a new revision)."""

    uuid: str
    participant_uuid: str
    revision: int
    created_at: str
    updated_at: str
    content: dict[str, Any]
    kind: ClassVar[Literal["consent"]] = "consent"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "uuid": self.uuid,
            "participant_uuid": self.participant_uuid,
            "revision": self.revision,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "content": self.content,
        }

    def to_consent(self) -> Consent:
        return Consent.from_json(
            self.uuid,
            self.participant_uuid,
            self.content,
            revision=self.revision,
            created_at=datetime.fromisoformat(self.created_at),
        )


@dataclass(frozen=True)
class RecordItem:
    """A record's current revision: answers, scores and alerts (with acknowledgements)."""

    uuid: str
    form_id: str
    form_version: str
    subject: str
    site_id: str
    participant_uuid: str | None
    status: str
    revision: int
    created_at: str
    updated_at: str
    content: dict[str, Any]
    kind: ClassVar[Literal["record"]] = "record"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "uuid": self.uuid,
            "form_id": self.form_id,
            "form_version": self.form_version,
            "subject": self.subject,
            "site_id": self.site_id,
            "participant_uuid": self.participant_uuid,
            "status": self.status,
            "revision": self.revision,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "content": self.content,
        }

    def to_record(self) -> Record:
        c = self.content
        return Record(
            uuid=self.uuid,
            form_id=self.form_id,
            form_version=self.form_version,
            subject=SubjectKind(self.subject),
            site_id=self.site_id,
            participant_uuid=self.participant_uuid,
            wave_id=c["wave_id"],
            mode=RecordMode(c["mode"]),
            status=RecordStatus(self.status),
            answers=c["answers"],
            scores=c["scores"],
            alerts=tuple(Alert.from_json(a) for a in c["alerts"]),
            collected_by=c["collected_by"],
            started_at=datetime.fromisoformat(c["started_at"]) if c["started_at"] else None,
            created_at=datetime.fromisoformat(self.created_at),
            updated_at=datetime.fromisoformat(self.updated_at),
            revision=self.revision,
            paper_date=date.fromisoformat(c["paper_date"]) if c.get("paper_date") else None,
        )


@dataclass(frozen=True)
class ObservationItem:
    """An observation of a project activity (current revision)."""

    uuid: str
    site_id: str
    revision: int
    created_at: str
    updated_at: str
    content: dict[str, Any]
    kind: ClassVar[Literal["observation"]] = "observation"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "uuid": self.uuid,
            "site_id": self.site_id,
            "revision": self.revision,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "content": self.content,
        }

    def to_observation(self) -> Observation:
        c = self.content
        return Observation(
            uuid=self.uuid,
            site_id=self.site_id,
            activity_type=c["activity_type"],
            started_at=datetime.fromisoformat(c["started_at"]),
            duration_minutes=c["duration_minutes"],
            participant_codes=tuple(c["participant_codes"]),
            notes=c["notes"],
            tags=tuple(c["tags"]),
            milestone_ids=tuple(c["milestone_ids"]),
            observed_by=c["observed_by"],
            created_at=datetime.fromisoformat(self.created_at),
            updated_at=datetime.fromisoformat(self.updated_at),
            revision=self.revision,
        )


@dataclass(frozen=True)
class TombstoneItem:
    """A participant withdrew: the central store must crypto-shred everything about them."""

    participant_uuid: str
    code: str
    withdrawn_at: str
    kind: ClassVar[Literal["tombstone"]] = "tombstone"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "participant_uuid": self.participant_uuid,
            "code": self.code,
            "withdrawn_at": self.withdrawn_at,
        }


@dataclass(frozen=True)
class AuditItem:
    """One audit event of the device (details None when shredded by a withdrawal)."""

    seq: int
    uuid: str
    at: str
    actor: str
    action: str
    entity: str
    entity_uuid: str | None
    details: dict[str, Any] | None
    kind: ClassVar[Literal["audit"]] = "audit"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "seq": self.seq,
            "uuid": self.uuid,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "entity": self.entity,
            "entity_uuid": self.entity_uuid,
            "details": self.details,
        }


@dataclass(frozen=True)
class AttachmentItem:
    """A file of an image/audio/video/file question of a record: its bytes travel as base64
    (the whole line is encrypted in the bundle). Attachments never change (revision 1)."""

    uuid: str
    record_uuid: str
    question: str
    revision: int
    created_at: str
    media_type: str
    size: int
    filename: str = field(repr=False)
    content: bytes = field(repr=False)
    kind: ClassVar[Literal["attachment"]] = "attachment"

    def to_json(self) -> dict[str, Any]:
        # "kind" first: the decoder recognises an attachment line by its first bytes
        # (`ATTACHMENT_PREFIX`) to allow it the larger line cap.
        return {
            "kind": self.kind,
            "uuid": self.uuid,
            "record_uuid": self.record_uuid,
            "question": self.question,
            "revision": self.revision,
            "created_at": self.created_at,
            "media_type": self.media_type,
            "size": self.size,
            "filename": self.filename,
            "content": base64.b64encode(self.content).decode("ascii"),
        }


Item: TypeAlias = (
    MetaItem
    | ParticipantItem
    | ConsentItem
    | RecordItem
    | ObservationItem
    | TombstoneItem
    | AuditItem
    | AttachmentItem
)
