"""The signed consent document of a consent record: the e-consent PDF signed on screen, or a
scan of the signed paper form, stored encrypted with the consent record.

The document is sealed inside the consent's own encrypted content (under the participant's
key, bound to the consent's row, column and revision), so it is shredded with the
participant and needs no table of its own. It travels the same way: the consent's bundle
item carries it in its content (`payload_items.CONSENT_DOCUMENT_KEY`), the central importer
seals that content as it is, and `read_document` / `signed_document` read it back from the
central store exactly as from a laptop; a withdrawal tombstone shreds it there too. A
document already sent without it (older versions sent the decision only) gets a new
revision of its consent once, so it travels (`requeue_sent_documents`).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import exists, select

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.consent import Consent, ConsentMethod
from sylcollect.errors import InvalidInput, NotFound
from sylcollect.storage.keyring import Shredded
from sylcollect.storage.repo_consents import TABLE
from sylcollect.storage.schema import ConsentRow, Meta, SyncSent
from sylcollect.storage.tx import Tx
from sylcollect.storage.workspace import UnlockedWorkspace

KEY = "attachment"
MAX_BYTES = 10 * 1024 * 1024
"""The largest document: its base64 (under 14 MiB) keeps a consent's bundle line under the
importer's 16 MiB line cap."""
DOCUMENT_METHODS = (ConsentMethod.ON_SCREEN, ConsentMethod.PAPER)
REQUEUED = "sync_consent_documents_requeued"
"""Meta row: documents sent without them by an older version have been queued again."""
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
}
_MAGIC = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/tiff": (b"II*\x00", b"MM\x00*"),
}


@dataclass(frozen=True)
class ConsentDocument:
    """A signed consent document: the bytes, what they are, and how they were made."""

    data: bytes = field(repr=False)
    media_type: str
    method: ConsentMethod  # ON_SCREEN (the e-consent PDF) or PAPER (a scan)
    filename: str = ""
    added_at: datetime | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def check(self) -> None:
        """InvalidInput when the bytes are not what the media type says, or too large."""
        if not self.data:
            raise InvalidInput("the file is empty")
        if len(self.data) > MAX_BYTES:
            raise InvalidInput("the file is larger than 10 MB: scan at a lower resolution")
        magic = _MAGIC.get(self.media_type)
        if magic is None:
            raise InvalidInput("attach a PDF, PNG, JPEG or TIFF file")
        if not self.data.startswith(magic):
            raise InvalidInput("the file is not the PDF or image its name says it is")

    def to_json(self, now: datetime) -> dict[str, Any]:
        return {
            "media_type": self.media_type,
            "method": self.method.value,
            "filename": self.filename,
            "sha256": self.sha256,
            "size": len(self.data),
            "added_at": now.isoformat(),
            "data": base64.b64encode(self.data).decode("ascii"),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ConsentDocument:
        raw = base64.b64decode(str(data["data"]))
        if hashlib.sha256(raw).hexdigest() != data.get("sha256"):
            raise InvalidInput("the stored consent document is damaged")
        added = data.get("added_at")
        return cls(
            raw,
            str(data["media_type"]),
            ConsentMethod(str(data["method"])),
            str(data.get("filename") or ""),
            datetime.fromisoformat(str(added)) if added else None,
        )


def media_type_for(filename: str) -> str:
    """The media type of a scan from its file name (InvalidInput for other kinds)."""
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    try:
        return MEDIA_TYPES[suffix]
    except KeyError:
        raise InvalidInput("attach a PDF, PNG, JPEG or TIFF file") from None


def _row(tx: Tx, consent_uuid: str) -> ConsentRow:
    row = tx.session.get(ConsentRow, consent_uuid)
    if row is None or row.content_ct is None:
        raise NotFound("no such consent (or it was shredded)")
    return row


def _reseal(tx: Tx, row: ConsentRow, content: dict[str, Any], *, new_revision: bool) -> None:
    """Seals `content` back into the row, as a new revision (it travels again) if asked."""
    if new_revision:
        row.revision += 1
        row.updated_at = tx.now().isoformat()
    row.content_ct = tx.seal(TABLE, row.uuid, "content", row.revision, row.key_id, content)


def _attach(tx: Tx, consent_uuid: str, doc: ConsentDocument, *, new_revision: bool) -> None:
    row = _row(tx, consent_uuid)
    content = tx.consents.content(row)
    content[KEY] = doc.to_json(tx.now())
    _reseal(tx, row, content, new_revision=new_revision)
    tx.audit(
        AuditAction.CHANGE,
        TABLE,
        row.uuid,
        {"document": doc.media_type, "method": doc.method.value, "bytes": len(doc.data)},
        row.key_id,
    )


def record_signed_consent(
    ws: UnlockedWorkspace, consent: Consent, document: ConsentDocument
) -> Consent:
    """Records `consent` and its signed document in one transaction (both or neither)."""
    document.check()
    consent = replace(consent, method=document.method)
    with ws.transaction() as tx:
        saved = tx.consents.add(consent)
        _attach(tx, saved.uuid, document, new_revision=False)
    return saved


def attach_document(ws: UnlockedWorkspace, consent_uuid: str, document: ConsentDocument) -> None:
    """Attaches (or replaces) the signed document of an existing consent record."""
    document.check()
    with ws.transaction() as tx:
        _attach(tx, consent_uuid, document, new_revision=True)


def read_document(ws: UnlockedWorkspace, consent_uuid: str) -> ConsentDocument | None:
    """The consent's signed document, decrypted; None when it has none."""
    with ws.transaction() as tx:
        content = tx.consents.content(_row(tx, consent_uuid))
    stored = content.get(KEY)
    return ConsentDocument.from_json(stored) if isinstance(stored, dict) else None


def _documents(
    tx: Tx, person_uuid: str, consent_uuid: str | None = None
) -> Iterator[tuple[ConsentRow, Consent, ConsentDocument]]:
    """The participant's consents that hold a signed document (all, or the one named),
    newest first, each decrypted once; shredded ones are passed over."""
    stmt = select(ConsentRow).where(ConsentRow.participant_uuid == person_uuid)
    if consent_uuid is not None:
        stmt = stmt.where(ConsentRow.uuid == consent_uuid)
    rows = tx.session.scalars(
        stmt.order_by(ConsentRow.created_at.desc(), ConsentRow.uuid.desc())
    ).all()
    for row in rows:
        if row.content_ct is None:
            continue
        try:
            content = tx.consents.content(row)
        except Shredded:
            continue
        stored = content.get(KEY)
        if isinstance(stored, dict):
            yield row, tx.consents.from_row(row, content), ConsentDocument.from_json(stored)


def _person(tx: Tx, code: str) -> str:
    person = tx.participants.get(code)
    if person.withdrawn:
        raise InvalidInput(f"participant {code} has withdrawn: their signed consent was destroyed")
    return person.uuid


def signed_consents(ws: UnlockedWorkspace, code: str) -> list[tuple[Consent, ConsentDocument]]:
    """Every consent of the participant that holds a signed document, newest first, for a
    supervisor to choose which one to open (a re-consent, a parent's consent beside the young
    person's assent). Nothing leaves the process, so nothing is audited here: opening one
    with `signed_document` is. NotFound / InvalidInput as `signed_document`."""
    with ws.transaction() as tx:
        return [(consent, document) for _, consent, document in _documents(tx, _person(tx, code))]


def signed_document(
    ws: UnlockedWorkspace,
    code: str,
    consent_uuid: str | None = None,
    *,
    deliver: Callable[[ConsentDocument], None] | None = None,
) -> tuple[Consent, ConsentDocument]:
    """A participant's signed consent document, for a supervisor to open or print (from the
    central store or a laptop): the newest consent holding one, or the consent named.

    NotFound names what is missing (participant, consent or document); InvalidInput says
    the participant has withdrawn (their documents were crypto-shredded). The reading is
    audited (`export`, under the participant's key, so it is shredded with them); `deliver`
    (e.g. writing the file) runs inside the same transaction, so a failed write leaves no
    audit event of an export that did not happen."""
    with ws.transaction() as tx:
        person_uuid = _person(tx, code)
        for row, consent, document in _documents(tx, person_uuid, consent_uuid):
            tx.audit(
                AuditAction.EXPORT,
                TABLE,
                row.uuid,
                {"document": document.media_type, "bytes": len(document.data)},
                row.key_id,
            )
            if deliver is not None:
                deliver(document)
            return consent, document
        named = tx.session.get(ConsentRow, consent_uuid) if consent_uuid is not None else None
        if consent_uuid is not None and (named is None or named.participant_uuid != person_uuid):
            raise NotFound(f"participant {code} has no consent {consent_uuid}")
    raise NotFound(f"no signed consent document of participant {code} is stored here")


def requeue_sent_documents(ws: UnlockedWorkspace) -> int:
    """Once per workspace: gives every consent whose document was already sent without it
    (versions that sent the decision only) a new revision, so the next bundle carries the
    document. Returns how many; audited per consent."""
    with ws.transaction() as tx:
        if tx.session.get(Meta, REQUEUED) is not None:
            return 0
        sent = exists().where(
            SyncSent.entity == "consent",
            SyncSent.uuid == ConsentRow.uuid,
            SyncSent.revision >= ConsentRow.revision,
        )
        rows = tx.session.scalars(
            select(ConsentRow).where(ConsentRow.content_ct.is_not(None), sent)
        ).all()
        count = 0
        for row in rows:
            try:
                content = tx.consents.content(row)
            except Shredded:
                continue
            if not isinstance(content.get(KEY), dict):
                continue
            _reseal(tx, row, content, new_revision=True)
            tx.audit(AuditAction.CHANGE, TABLE, row.uuid, {"document": "sent again"}, row.key_id)
            count += 1
        tx.session.add(Meta(key=REQUEUED, value=tx.now().isoformat()))
    return count
