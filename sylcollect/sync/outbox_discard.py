"""Staged bundles that must not go out any more: voided after a withdrawal.

A bundle is *staged* when it is written to `DATA_DIR/outbox/` but not yet delivered (the
target was missing or full). If a participant it carries withdraws meanwhile, delivering it
would send their data after the withdrawal; so such a bundle is **voided**: its file is
deleted and its row kept with state `void`. Nothing it carried was marked sent (items are
marked only on delivery), so everything in it waits again and goes in the next bundle,
without the withdrawn participant (they now travel as a tombstone only). The sequence number
is not reused: the next bundle takes the one after, so the central store reports the voided
number as a gap (documented in `docs/sync-format.md`).

Two entry points, for the layering (storage can't import sync):

* `discard_withdrawn(ws)` runs after a withdrawal: `sylcollect.sync.withdrawal` calls it
  right after `UnlockedWorkspace.withdraw`, so the file goes at once;
* `outbox.sync` calls it before delivering anything, so a bundle is never delivered after a
  withdrawal of someone in it, whoever did the withdrawal and however.

Thread contract: call from the workspace's writer thread.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from sqlalchemy import select

from sylcollect.domain.audit import AuditAction
from sylcollect.storage.files import fsync_dir
from sylcollect.storage.keyring import WORKSPACE_KEY_ID
from sylcollect.storage.schema import (
    AttachmentRow,
    ConsentRow,
    ParticipantRow,
    RecordRow,
    SyncBundle,
)
from sylcollect.storage.tx import Tx
from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync.importer_rows import chunks
from sylcollect.sync.outbox_items import SentList

OUTBOX_DIR = "outbox"
STAGED, SENT, VOID = "staged", "sent", "void"


def carries_withdrawn(tx: Tx, sent: SentList) -> bool:
    """True when the bundle's items include a participant who has withdrawn since (their
    row is withdrawn, or a consent, record or attachment of theirs was shredded)."""
    s = tx.session
    checks = (
        ("participant", ParticipantRow, ParticipantRow.withdrawn_at.is_not(None)),
        ("consent", ConsentRow, ConsentRow.content_ct.is_(None)),
        ("record", RecordRow, RecordRow.content_ct.is_(None)),
        ("attachment", AttachmentRow, AttachmentRow.content_ct.is_(None)),
    )
    for entity, table, gone in checks:
        uuids = sorted({uuid for uuid, _ in sent.items.get(entity, [])})
        for part in chunks(uuids):
            if s.scalar(select(table.uuid).where(table.uuid.in_(part), gone).limit(1)):
                return True
    return False


def discard_withdrawn(ws: UnlockedWorkspace) -> list[int]:
    """Voids every staged bundle carrying a now-withdrawn participant; their sequences."""
    folder = ws.workspace.data_dir / OUTBOX_DIR
    voided: list[tuple[int, str]] = []
    with ws.transaction() as tx:
        rows = tx.session.scalars(
            select(SyncBundle).where(SyncBundle.state == STAGED).order_by(SyncBundle.sequence)
        ).all()
        for row in rows:
            if carries_withdrawn(tx, SentList.from_json(json.loads(row.items))):
                row.state = VOID
                voided.append((row.sequence, row.file_name))
        if voided:
            tx.audit(
                AuditAction.CHANGE,
                "sync_bundle",
                None,
                {"voided": [seq for seq, _ in voided], "reason": "withdrawal"},
                WORKSPACE_KEY_ID,
            )
    _delete(folder, [name for _, name in voided])
    return [seq for seq, _ in voided]


def _delete(folder: Path, names: list[str]) -> None:
    for name in names:
        with contextlib.suppress(OSError):
            (folder / name).unlink()
    if names and folder.is_dir():
        with contextlib.suppress(OSError):
            fsync_dir(folder)
