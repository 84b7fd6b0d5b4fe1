"""The signed consent document of a consent record: the e-consent PDF signed on screen, or a
scan of the signed paper form, stored encrypted with the consent record.

The document is sealed inside the consent's own encrypted content (under the participant's
key, bound to the consent's row, column and revision), so it is shredded with the
participant and needs no table of its own. It stays on this laptop: bundles carry the
consent's decision, not the document (see docs/paper.md, "In the app").
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.consent import Consent, ConsentMethod
from sylcollect.errors import InvalidInput, NotFound
from sylcollect.storage.repo_consents import TABLE
from sylcollect.storage.schema import ConsentRow
from sylcollect.storage.tx import Tx
from sylcollect.storage.workspace import UnlockedWorkspace

KEY = "attachment"
MAX_BYTES = 25 * 1024 * 1024
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
            raise InvalidInput("the file is larger than 25 MB: scan at a lower resolution")
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


def _attach(tx: Tx, consent_uuid: str, doc: ConsentDocument, *, new_revision: bool) -> None:
    row = tx.session.get(ConsentRow, consent_uuid)
    if row is None or row.content_ct is None:
        raise NotFound("no such consent (or it was shredded)")
    content = tx.open(TABLE, row.uuid, "content", row.revision, row.key_id, row.content_ct)
    content[KEY] = doc.to_json(tx.now())
    if new_revision:
        row.revision += 1
        row.updated_at = tx.now().isoformat()
    row.content_ct = tx.seal(TABLE, row.uuid, "content", row.revision, row.key_id, content)
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
        row = tx.session.get(ConsentRow, consent_uuid)
        if row is None or row.content_ct is None:
            raise NotFound("no such consent (or it was shredded)")
        content = tx.open(TABLE, row.uuid, "content", row.revision, row.key_id, row.content_ct)
    stored = content.get(KEY)
    return ConsentDocument.from_json(stored) if isinstance(stored, dict) else None
