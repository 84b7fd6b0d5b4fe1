"""The outbox: everything changed since the last bundle, sealed into the next bundle and
delivered to an export target.

How a sync runs (`sync(ws, target)`):

1. Old leftovers in `DATA_DIR/outbox/` that no staged bundle owns (temp files of a write
   that was killed) are deleted.
2. Bundles already *staged* (written, not yet delivered, e.g. the target was full last
   time) are delivered first, in sequence order, byte for byte the same; a staged bundle
   carrying a participant who has withdrawn since is voided instead (`outbox_discard`):
   deleted, its items waiting again, its sequence number not reused.
3. If data changed, the next bundle (sequence + 1, previous bundle's hash) is written
   atomically to `DATA_DIR/outbox/` from one consistent read of the workspace, and recorded
   as staged together with the ids and revisions it carries (no values). When the waiting
   attachments exceed one bundle's budget (`outbox_items.ATTACHMENT_BUDGET`), the records
   over it wait, with their files, for another bundle written and delivered right after.
4. Delivery copies it to the target (folder: temp file, fsync, rename; HTTPS: PUT). Only
   then, in one transaction, are its items marked sent and the bundle marked 'sent'; the
   staged copy is deleted.

So a process killed at any point leaves no partial `.sylb` at the target and marks nothing
sent that was not delivered; a failed delivery (target missing, not writable, full,
unreachable) leaves the outbox intact and is remembered as the last failure. A delivered
bundle may be delivered again after a crash between steps 4's copy and commit: the central
importer ignores duplicates. Audit events travel with data changes but never make a bundle
on their own (every unlock is audited, so they would make one each time).

Thread contract: call from the workspace's writer thread (the app's single worker).
"""

from __future__ import annotations

import contextlib
import json
import uuid as uuidlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sylcollect.errors import SylError
from sylcollect.services.econsent import requeue_sent_documents
from sylcollect.storage.files import ensure_private_dir, fsync_dir
from sylcollect.storage.schema import Meta, SyncBundle
from sylcollect.storage.tx import Tx
from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync import device
from sylcollect.sync.bundle import write_bundle
from sylcollect.sync.bundle_header import BundleHeader
from sylcollect.sync.outbox_discard import OUTBOX_DIR, discard_withdrawn
from sylcollect.sync.outbox_items import AUDIT_SENT, SentList, Waiting, items, plan, waiting
from sylcollect.sync.payload import MetaItem, encode_payload
from sylcollect.sync.targets import Target

LAST_SYNC = "sync_last_at"
LAST_FAILURE = "sync_last_failure"

__all__ = ["SyncNotPossible", "SyncResult", "SyncStatus", "Waiting", "status", "sync"]


class SyncNotPossible(SylError):
    """This laptop can't make bundles (no study package installed, or it was revoked)."""


@dataclass(frozen=True)
class SyncResult:
    """What one sync did: where bundles went (in order) and their sequence numbers."""

    delivered: tuple[str, ...]
    sequences: tuple[int, ...]
    new_bundle: bool
    waiting_before: Waiting

    @property
    def nothing_to_do(self) -> bool:
        return not self.delivered


@dataclass(frozen=True)
class SyncStatus:
    """What `sync status` and the app's sync indicator show. Immutable."""

    device_id: str
    waiting: Waiting
    staged: int
    last_sequence: int
    last_sync_at: str | None
    last_failure_at: str | None
    last_failure: str | None
    target: str | None
    study_version: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "device_id": self.device_id,
            "waiting": self.waiting.to_json(),
            "staged_bundles": self.staged,
            "last_sequence": self.last_sequence,
            "last_sync_at": self.last_sync_at,
            "last_failure_at": self.last_failure_at,
            "last_failure": self.last_failure,
            "target": self.target,
            "study_version": self.study_version,
        }


def outbox_dir(ws: UnlockedWorkspace) -> Path:
    return ensure_private_dir(ws.workspace.data_dir / OUTBOX_DIR)


@contextlib.contextmanager
def _snapshot(ws: UnlockedWorkspace) -> Iterator[Tx]:
    """A read-only Tx on one consistent snapshot (SQLite: an explicit read transaction)."""
    keyring = ws.keyring
    with Session(ws.workspace.engine) as s:
        conn = s.connection()
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN")
        try:
            yield Tx(s, keyring, ws.actor, ws.workspace.clock)
        finally:
            s.rollback()


# ---------------------------------------------------------------------------- status


def status(ws: UnlockedWorkspace) -> SyncStatus:
    with _snapshot(ws) as tx:
        s = tx.session
        rows = list(s.scalars(select(SyncBundle).order_by(SyncBundle.sequence)))
        failure = s.get(Meta, LAST_FAILURE)
        fail = json.loads(failure.value) if failure else {}
        last = s.get(Meta, LAST_SYNC)
        package = device.package_state(tx)
        return SyncStatus(
            device_id=device.device_id(tx),
            waiting=waiting(tx),
            staged=sum(1 for r in rows if r.state == "staged"),
            last_sequence=rows[-1].sequence if rows else 0,
            last_sync_at=last.value if last else None,
            last_failure_at=fail.get("at"),
            last_failure=fail.get("message"),
            target=device.remembered_target(tx),
            study_version=package.version if package else None,
        )


# ---------------------------------------------------------------------------- sync


def sync(ws: UnlockedWorkspace, target: Target, *, remember_as: str | None = None) -> SyncResult:
    """Delivers staged bundles, then writes and delivers one for the changes waiting.

    Raises SyncNotPossible (no package, revoked), TargetError (the target can't take it)
    or StorageError (the laptop's own disk); the latter two are recorded as the last
    failure and leave the outbox intact.
    """
    with ws.transaction() as tx:
        package = device.package_state(tx)
        if package is None:
            raise SyncNotPossible(
                "this laptop was not set up from a study package, so there is no study key "
                "to seal bundles to: set it up with 'sylcollect init --package'"
            )
        ident = device.ensure_device_key(tx)
        if package.is_revoked(ident.device_id):
            raise SyncNotPossible(
                "the research team has revoked this laptop: its bundles would be refused; "
                "contact your supervisor"
            )
    try:
        target.check()
        folder = outbox_dir(ws)
        discard_withdrawn(ws)  # never deliver data of someone who withdrew after staging
        _clean_leftovers(ws, folder)
        delivered: list[str] = []
        sequences: list[int] = []
        for staged in _staged(ws):
            _deliver_one(ws, target, folder, staged, delivered, sequences)
        requeue_sent_documents(ws)  # once: documents sent without them before
        before, row, more = _write_next(ws, folder)
        new_bundle = row is not None
        while row is not None:
            _deliver_one(ws, target, folder, row, delivered, sequences)
            if not more:
                break
            _, row, more = _write_next(ws, folder)  # attachments over the budget
    except SylError as exc:  # target trouble, a full local disk, data changed meanwhile
        _remember_failure(ws, str(exc))
        raise
    with ws.transaction() as tx:
        tx.session.merge(Meta(key=LAST_SYNC, value=tx.now().isoformat()))
        failure = tx.session.get(Meta, LAST_FAILURE)
        if failure is not None:
            tx.session.delete(failure)
        if remember_as:
            device.remember_target(tx, remember_as)
    return SyncResult(tuple(delivered), tuple(sequences), new_bundle, before)


def _remember_failure(ws: UnlockedWorkspace, message: str) -> None:
    with contextlib.suppress(SylError), ws.transaction() as tx:
        value = json.dumps({"at": tx.now().isoformat(), "message": message})
        tx.session.merge(Meta(key=LAST_FAILURE, value=value))


def _staged(ws: UnlockedWorkspace) -> list[SyncBundle]:
    with ws.transaction() as tx:
        stmt = select(SyncBundle).where(SyncBundle.state == "staged")
        return list(tx.session.scalars(stmt.order_by(SyncBundle.sequence)))


def _clean_leftovers(ws: UnlockedWorkspace, folder: Path) -> None:
    """Deletes files in the outbox folder that no staged bundle owns (killed writes)."""
    keep = {r.file_name for r in _staged(ws)}
    removed = False
    for path in folder.iterdir():
        if path.name not in keep and path.is_file():
            with contextlib.suppress(OSError):
                path.unlink()
                removed = True
    if removed:
        fsync_dir(folder)


def _write_next(ws: UnlockedWorkspace, folder: Path) -> tuple[Waiting, SyncBundle | None, bool]:
    """Writes the next bundle to the outbox folder and records it as staged (or None);
    True when attachments over the budget wait for another bundle."""
    with _snapshot(ws) as tx:
        before = waiting(tx)
        if before.changes == 0:
            return before, None, False
        later = plan(tx)
        record_count = before.records - len(later.records)
        package = device.package_state(tx)
        assert package is not None
        ident = device.ensure_device_key(tx)
        last = tx.session.scalars(
            select(SyncBundle).order_by(SyncBundle.sequence.desc()).limit(1)
        ).first()
        sequence = last.sequence + 1 if last else 1
        now = tx.now()
        bundle_id = str(uuidlib.uuid4())
        header = BundleHeader(
            study_id=package.study_id,
            device_id=ident.device_id,
            device_public_key=ident.public_key,
            fieldworker=ws.actor,
            sequence=sequence,
            previous_bundle_hash=last.bundle_hash if last else None,
            record_count=record_count,
            bundle_id=bundle_id,
            created_at=now,
        )
        meta = MetaItem(
            package.study_id, package.version, ident.device_id, sequence, now.isoformat()
        )
        name = f"{package.study_id}-{ident.device_id}-{sequence:06d}-{bundle_id[:8]}.sylb"
        sent = SentList()
        path = folder / name
        bundle_hash = write_bundle(
            path,
            header,
            encode_payload(_checked(items(tx, meta, sent, later), sent, record_count)),
            package.hpke_public_key,
            device.device_signing_key(tx),
        )
    row = SyncBundle(
        sequence=sequence,
        bundle_id=bundle_id,
        file_name=name,
        bundle_hash=bundle_hash,
        state="staged",
        created_at=now.isoformat(),
        record_count=sent.records,
        item_count=sent.count(),
        items=json.dumps(sent.to_json(), separators=(",", ":")),
    )
    try:
        with ws.transaction() as wtx:
            wtx.session.add(row)
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    return before, row, later.deferred


def _checked(stream: Iterator[Any], sent: SentList, expected_records: int) -> Iterator[Any]:
    """Passes the items through; fails the write if the record count differs from the header."""
    yield from stream
    if sent.records != expected_records:
        raise SylError("the data changed while the bundle was being written: sync again")


def _deliver_one(
    ws: UnlockedWorkspace,
    target: Target,
    folder: Path,
    row: SyncBundle,
    delivered: list[str],
    sequences: list[int],
) -> None:
    path = folder / row.file_name
    if not path.is_file():
        # The staged copy vanished before delivery: forget it; its items are still waiting.
        with ws.transaction() as tx:
            gone = tx.session.get(SyncBundle, row.sequence)
            if gone is not None:
                tx.session.delete(gone)
        return
    location = target.deliver(path, row.file_name)
    sent = SentList.from_json(json.loads(row.items))
    with ws.transaction() as tx:
        _mark_sent(tx, sent)
        stored = tx.session.get(SyncBundle, row.sequence)
        assert stored is not None
        stored.state = "sent"
        stored.sent_at = tx.now().isoformat()
        stored.target = target.description
    with contextlib.suppress(OSError):
        path.unlink()
        fsync_dir(folder)
    delivered.append(location)
    sequences.append(row.sequence)


def _mark_sent(tx: Tx, sent: SentList) -> None:
    rows = [
        (entity, uuid, revision) for entity, pairs in sent.items.items() for uuid, revision in pairs
    ]
    if rows:
        tx.session.connection().exec_driver_sql(
            "INSERT INTO sync_sent (entity, uuid, revision) VALUES (?, ?, ?) "
            "ON CONFLICT (entity, uuid) DO UPDATE SET revision = max(revision, excluded.revision)",
            rows,
        )
    if sent.audit_max:
        current = tx.session.get(Meta, AUDIT_SENT)
        value = max(int(current.value) if current else 0, sent.audit_max)
        tx.session.merge(Meta(key=AUDIT_SENT, value=str(value)))


def pending_files(ws: UnlockedWorkspace) -> list[Path]:
    """Staged bundle files waiting for delivery (for display)."""
    folder = ws.workspace.data_dir / OUTBOX_DIR
    return [folder / r.file_name for r in _staged(ws) if (folder / r.file_name).is_file()]
