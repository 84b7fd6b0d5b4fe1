"""Attachments repository: files of image/audio/video/file questions, sealed under the key of
the record they belong to (a participant's key, or the workspace data key).

The file's name and its bytes are two AES-256-GCM ciphertexts whose associated data binds
the attachment's uuid, its record's uuid and its question, so a ciphertext moved to another
attachment, record or question fails to open. Size and media type stay in clear (the size
shows in the ciphertext's length anyway; the media type follows from the question's type).
Attachments never change: a new file is a new attachment. Withdrawal NULLs both ciphertexts
(`Participants.withdraw`); deleting the record deletes its attachments (ON DELETE CASCADE).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from sylcollect.crypto import aead
from sylcollect.domain.audit import AuditAction
from sylcollect.errors import Conflict, InvalidInput, NotFound
from sylcollect.storage.keyring import Shredded
from sylcollect.storage.schema import AttachmentRow, RecordRow
from sylcollect.storage.tx import Tx

TABLE = "attachment"
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
"""The largest file that can be attached (50 MiB): it is kept in the database, encrypted."""


def too_large_message(size: int) -> str:
    """The refusal for a file of `size` bytes (no name: it could identify someone)."""
    return (
        f"the file is {size / 1024 / 1024:.1f} MB: an attachment can be at most "
        f"{MAX_ATTACHMENT_BYTES // 1024 // 1024} MB"
    )


@dataclass(frozen=True)
class NewAttachment:
    """A file to store with a record (its uuid chosen by the caller); immutable."""

    uuid: str
    question: str
    """The question's path in the form (`/data/photo`)."""
    filename: str = field(repr=False)
    media_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class AttachmentInfo:
    """A stored attachment without its bytes; `filename` is None once shredded. Immutable."""

    uuid: str
    record_uuid: str
    question: str
    media_type: str
    size: int
    created_at: datetime
    filename: str | None = field(default=None, repr=False)

    @property
    def shredded(self) -> bool:
        """True when the participant withdrew: name and bytes are gone."""
        return self.filename is None


class Attachments:
    """Adds and reads a record's attachments within one transaction; creation is audited."""

    def __init__(self, tx: Tx) -> None:
        self._tx = tx
        self._s = tx.session

    def add(self, record_uuid: str, new: NewAttachment) -> AttachmentInfo:
        """Seals and stores `new` with the record (which must exist, in this transaction too)."""
        size = len(new.data)
        if size > MAX_ATTACHMENT_BYTES:
            raise InvalidInput(too_large_message(size))
        self._s.flush()
        record = self._s.get(RecordRow, record_uuid)
        if record is None:
            raise NotFound("no such record")
        if record.content_ct is None:
            raise Conflict("this record belongs to a withdrawn participant")
        if self._s.get(AttachmentRow, new.uuid) is not None:
            raise Conflict("an attachment with this id already exists")
        row = AttachmentRow(
            uuid=new.uuid,
            record_uuid=record_uuid,
            question=new.question,
            key_id=record.key_id,
            revision=1,
            created_at=self._tx.now().isoformat(),
            size=size,
            media_type=new.media_type,
        )
        row.name_ct = self._tx.seal(TABLE, _bound(row), "name", 1, row.key_id, new.filename)
        row.content_ct = aead.Sealer(self._tx.keyring.data_key(row.key_id)).seal(
            new.data, _ad(row, "content")
        )
        self._s.add(row)
        self._tx.audit(
            AuditAction.CREATE,
            TABLE,
            row.uuid,
            {"record": record_uuid, "question": new.question, "size": size},
            row.key_id,
        )
        return self._info(row)

    def info(self, uuid: str) -> AttachmentInfo:
        """The attachment without its bytes (name decrypted); NotFound if there is none."""
        return self._info(self._row(uuid))

    def get(self, uuid: str) -> tuple[AttachmentInfo, bytes]:
        """The attachment and its bytes; Shredded if the participant withdrew."""
        row = self._row(uuid)
        info = self._info(row)
        if row.content_ct is None or info.filename is None:
            raise Shredded("this participant withdrew: the file can't be read")
        data = aead.Sealer(self._tx.keyring.data_key(row.key_id)).open(
            row.content_ct, _ad(row, "content")
        )
        return info, data

    def read_once(self, uuid: str) -> tuple[AttachmentInfo, bytes]:
        """Like `get`, but the row (its ciphertext) does not stay in the session afterwards:
        for streaming many attachments (the sync outbox) in bounded memory."""
        try:
            return self.get(uuid)
        finally:
            row = self._s.get(AttachmentRow, uuid)
            if row is not None and row not in self._s.dirty and row not in self._s.new:
                self._s.expunge(row)

    def insert_imported(self, row: AttachmentRow, filename: str | None, data: bytes | None) -> None:
        """Stores an attachment that arrived from a laptop (central import): `row` has every
        clear column set; the name and bytes are sealed here as `add` seals them, or left
        NULL (None given: the participant withdrew). Not audited (the import is); the row
        leaves the session once written, so its ciphertext is not kept in memory."""
        if filename is not None and data is not None:
            row.name_ct = self._tx.seal(
                TABLE, _bound(row), "name", row.revision, row.key_id, filename
            )
            row.content_ct = aead.Sealer(self._tx.keyring.data_key(row.key_id)).seal(
                data, _ad(row, "content")
            )
        self._s.add(row)
        self._s.flush()
        self._s.expunge(row)

    def list_for(self, record_uuid: str) -> list[AttachmentInfo]:
        """Every attachment of a record, oldest first."""
        stmt = (
            select(AttachmentRow)
            .where(AttachmentRow.record_uuid == record_uuid)
            .order_by(AttachmentRow.created_at, AttachmentRow.uuid)
        )
        return [self._info(r) for r in self._s.scalars(stmt)]

    def _row(self, uuid: str) -> AttachmentRow:
        row = self._s.get(AttachmentRow, uuid)
        if row is None:
            raise NotFound("no such attachment")
        return row

    def _info(self, row: AttachmentRow) -> AttachmentInfo:
        filename: str | None = None
        if row.name_ct is not None:
            try:
                filename = str(
                    self._tx.open(TABLE, _bound(row), "name", row.revision, row.key_id, row.name_ct)
                )
            except Shredded:
                filename = None
        return AttachmentInfo(
            uuid=row.uuid,
            record_uuid=row.record_uuid,
            question=row.question,
            media_type=row.media_type,
            size=row.size,
            created_at=datetime.fromisoformat(row.created_at),
            filename=filename,
        )


def _bound(row: AttachmentRow) -> str:
    """The `row` part of the associated data: attachment, record and question together."""
    return f"{row.uuid}\x00{row.record_uuid}\x00{row.question}"


def _ad(row: AttachmentRow, column: str) -> bytes:
    return aead.FieldAD(TABLE, _bound(row), column, row.revision, row.key_id).encode()
