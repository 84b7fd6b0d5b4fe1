"""What the Sync page reads and does, on the workspace's worker thread (no Qt here).

The outbox API gives the status (`outbox.status`); it has no call that lists the bundles
written, so `load_sync` reads the `sync_bundle` table read-only for sequence, times and
state (never the ids it carried).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from sylcollect.storage.schema import SyncBundle
from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync import device, outbox
from sylcollect.sync.outbox import SyncStatus

MAX_BUNDLES = 500  # newest first; older ones are history


@dataclass(frozen=True)
class BundleRow:
    """One bundle this laptop wrote. Immutable; no personal data."""

    sequence: int
    created_at: str
    sent_at: str | None
    state: str  # "staged" (written, not delivered yet) or "sent"
    records: int
    items: int
    target: str | None


@dataclass(frozen=True)
class SyncData:
    """The outbox status and the bundles written, read in one go."""

    status: SyncStatus
    bundles: tuple[BundleRow, ...]


def load_sync(ws: UnlockedWorkspace) -> SyncData:
    status = outbox.status(ws)
    with ws.transaction() as tx:
        rows = tx.session.scalars(
            select(SyncBundle).order_by(SyncBundle.sequence.desc()).limit(MAX_BUNDLES)
        )
        bundles = tuple(
            BundleRow(
                r.sequence, r.created_at, r.sent_at, r.state, r.record_count, r.item_count, r.target
            )
            for r in rows
        )
    return SyncData(status, bundles)


@dataclass(frozen=True)
class PackageUpdate:
    """A study package that was installed: its version and study."""

    study_id: str
    version: int


def update_package(ws: UnlockedWorkspace, path: Path) -> PackageUpdate:
    """Installs a newer package from a file (PackageRefused, code 'older', for an older one)."""
    package = device.update_from_package(ws, path)
    return PackageUpdate(package.study_id, package.version)
