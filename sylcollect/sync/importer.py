"""Central import of `.sylb` bundles, in the order DESIGN.md §5 fixes.

size caps → signature (`verify_bundle`) → study → device known and not revoked (an unknown
or not yet approved device: the bundle goes to quarantine) → the device's registered key →
duplicate check (ledger by bundle hash; a reused sequence or bundle id is refused) → decrypt
(`iter_payload`) and parse (`decode_payload`), acted on only once both finished → validate
→ ONE transaction (items upserted by uuid and revision, conflicts kept, tombstones
crypto-shred, ledger row, device seen, sequence gaps, an audit event). After the commit the
bundle file is deleted: only its hash stays, in the ledger.

A refused bundle raises `BundleRefused` (stable `code`, plain message) and leaves the central
database exactly as it was; the file stays where it was for a person to look at.

Thread contract: one Importer per thread (it uses the store's writer path).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from sylcollect.domain.audit import AuditAction
from sylcollect.storage.files import fsync_dir
from sylcollect.storage.schema import (
    CentralDevice,
    CentralEvent,
    CentralGap,
    CentralImport,
    CentralQuarantine,
)
from sylcollect.storage.tx import Tx
from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync import central
from sylcollect.sync.bundle import VerifiedBundle, check_device_key, check_study, iter_payload
from sylcollect.sync.bundle import verify_bundle as _verify
from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.bundle_header import BundleHeader
from sylcollect.sync.importer_apply import Applier
from sylcollect.sync.importer_spool import Spool
from sylcollect.sync.importer_validate import NEEDS_EARLIER, validate
from sylcollect.sync.package import StudyPackage
from sylcollect.sync.payload import ATTACHMENT_LINE_BYTES, AttachmentItem, Item, decode_payload

MAX_GAPS = 1000  # reported per device; more than that is one long hole
VOID_EVENT_ENTITY = "sync_bundle"  # the device's audit event listing bundles it voided


@dataclass(frozen=True)
class Limits:
    """Caps checked before anything is read or allocated."""

    max_bundle_bytes: int = 2 * 1024**3
    max_payload_bytes: int = 4 * 1024**3
    max_items: int = 5_000_000
    max_line_bytes: int = 16 * 1024**2
    max_attachment_line_bytes: int = ATTACHMENT_LINE_BYTES
    """An attachment line: base64 of a 50 MiB file plus its other fields."""


@dataclass(frozen=True)
class ImportResult:
    """What happened to one bundle: imported, duplicate (already imported), quarantined (its
    laptop is not approved yet) or waiting (held for an earlier bundle of its laptop)."""

    name: str
    status: str
    device_id: str
    sequence: int
    bundle_hash: str
    counts: dict[str, int] = field(default_factory=dict)
    gaps: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.name,
            "status": self.status,
            "device_id": self.device_id,
            "sequence": self.sequence,
            "bundle_hash": self.bundle_hash,
            "counts": self.counts,
            "gaps": list(self.gaps),
            "warnings": list(self.warnings),
        }


class Importer:
    """Imports bundles into one unlocked central store with the study's private key."""

    def __init__(
        self,
        store: UnlockedWorkspace,
        package: StudyPackage,
        study_private_key: bytes,
        *,
        home: Path,
        limits: Limits | None = None,
    ) -> None:
        self.store = store
        self.package = package
        self._key = study_private_key
        self.home = home
        self.limits = limits or Limits()
        self._engine = store.workspace.engine

    # --- the pipeline -----------------------------------------------------------------
    def import_path(self, path: Path | str) -> ImportResult:
        """Imports one bundle file; then the device's bundles that were waiting for it."""
        return self._release_held(self._import_one(Path(path)))

    def _import_one(self, path: Path) -> ImportResult:
        verified = _verify(path, max_bytes=self.limits.max_bundle_bytes)
        check_study(verified, self.package.study_id)
        header = verified.header
        with Session(self._engine) as s:
            device = s.get(CentralDevice, header.device_id)
            status = device.status if device else None
            registered = bytes.fromhex(device.public_key) if device else None
        self._check_revoked(verified, status)
        if registered is not None:
            check_device_key(verified, registered)
        if status != central.APPROVED:
            return self._quarantine(verified, known=device is not None)
        done = self._duplicate(verified)
        if done is not None:
            _remove(path)
            return done
        with Spool() as spool:
            items = self._decode(verified, spool)
            waiting_for = self._validate(items, header)
            if not waiting_for:
                result = self._commit(verified, items, spool)
        if waiting_for:
            return self._quarantine(verified, known=True, waiting_for=waiting_for)
        _remove(path)
        return result

    def _validate(self, items: list[Item], header: BundleHeader) -> tuple[int, ...]:
        """Validates the payload; returns the earlier bundles it must wait for (none: go on).

        A file whose record is in no bundle imported so far waits if one of the device's
        earlier bundles is still missing; once they are all in, that record never comes."""
        try:
            validate(items, header, self.store)
        except BundleRefused as exc:
            if exc.code != NEEDS_EARLIER:
                raise
            missing = self._earlier_missing(header.device_id, header.sequence)
            if not missing:
                raise BundleRefused("invalid", exc.message) from None
            return missing
        return ()

    def _decode(self, verified: VerifiedBundle, spool: Spool) -> list[Item]:
        """The payload's items; attachment bytes go to `spool` as they arrive (an
        AttachmentItem in the list has empty `content`), so memory holds one file at most."""
        out: list[Item] = []
        for item in decode_payload(
            iter_payload(verified, self._key, max_payload_bytes=self.limits.max_payload_bytes),
            max_items=self.limits.max_items,
            max_line_bytes=self.limits.max_line_bytes,
            max_attachment_line_bytes=self.limits.max_attachment_line_bytes,
        ):
            if isinstance(item, AttachmentItem):
                if item.uuid not in spool:  # a repeat is refused by `validate`
                    spool.put(item.uuid, item.content)
                item = replace(item, content=b"")
            out.append(item)
        return out

    def _check_revoked(self, verified: VerifiedBundle, status: str | None) -> None:
        header = verified.header
        listed = next((r for r in self.package.revoked if r.device_id == header.device_id), None)
        if status == central.REVOKED or (listed and header.created_at >= listed.revoked_at):
            raise BundleRefused(
                "device_revoked",
                f"device {header.device_id} is revoked: its bundles are no longer accepted",
            )

    def _duplicate(self, verified: VerifiedBundle) -> ImportResult | None:
        header = verified.header
        with Session(self._engine) as s:
            rows = s.scalars(
                select(CentralImport).where(
                    or_(
                        CentralImport.bundle_hash == verified.bundle_hash,
                        CentralImport.bundle_id == header.bundle_id,
                        (CentralImport.device_id == header.device_id)
                        & (CentralImport.sequence == header.sequence),
                    )
                )
            ).all()
            gaps = self._gaps(s, header.device_id)
        if not rows:
            return None
        if any(r.bundle_hash == verified.bundle_hash for r in rows):
            return ImportResult(
                verified.path.name,
                "duplicate",
                header.device_id,
                header.sequence,
                verified.bundle_hash,
                gaps=gaps,
            )
        raise BundleRefused(
            "sequence_reused",
            f"a different bundle with device {header.device_id}'s sequence number "
            f"{header.sequence} (or this bundle id) was already imported: this one is a "
            "replay or a copy of a restored laptop",
        )

    @staticmethod
    def _gaps(s: Session, device_id: str) -> tuple[int, ...]:
        return tuple(
            s.scalars(
                select(CentralGap.sequence)
                .where(CentralGap.device_id == device_id)
                .order_by(CentralGap.sequence)
            )
        )

    def _earlier_missing(self, device_id: str, sequence: int) -> tuple[int, ...]:
        """The device's sequence numbers below `sequence` not imported yet (up to MAX_GAPS)."""
        with self.store.transaction() as tx:
            have = set(
                tx.session.scalars(
                    select(CentralImport.sequence).where(
                        CentralImport.device_id == device_id, CentralImport.sequence < sequence
                    )
                )
            )
            if len(have) >= sequence - 1:
                return ()  # the usual case: no event to decrypt
            voided = voided_sequences(tx, device_id)
        return _holes(have, sequence, voided)

    def _release_held(self, result: ImportResult) -> ImportResult:
        """After an import, imports the device's bundles held for an earlier one (in sequence
        order, pass after pass until none moves); says which in the result's warnings."""
        if result.status != "imported":
            return result
        released: list[str] = []
        while moved := [
            r
            for r in self.import_quarantined(result.device_id)
            if isinstance(r, ImportResult) and r.status in ("imported", "duplicate")
        ]:
            released += [
                f"bundle {r.sequence} of device {r.device_id}, held until this one came, was "
                f"imported too ({r.counts.get('records', 0)} records)"
                for r in moved
            ]
        if not released:
            return result
        return replace(result, warnings=(*result.warnings, *released))

    def import_quarantined(self, device_id: str) -> list[ImportResult | BundleRefused]:
        """Imports an approved device's held bundles in sequence order (refusals returned)."""
        out: list[ImportResult | BundleRefused] = []
        for path in central.quarantined(self.store.workspace, self.home, device_id):
            try:
                result = self._import_one(path)
            except BundleRefused as exc:
                out.append(exc)
                continue
            if result.status == "duplicate":
                with Session(self._engine) as s, s.begin():
                    s.execute(
                        delete(CentralQuarantine).where(
                            CentralQuarantine.bundle_hash == result.bundle_hash
                        )
                    )
            out.append(result)
        return out

    # --- quarantine -------------------------------------------------------------------
    def _quarantine(
        self, verified: VerifiedBundle, *, known: bool, waiting_for: tuple[int, ...] = ()
    ) -> ImportResult:
        """Keeps a bundle aside: an unknown device's (registered as pending) until approval,
        or an approved device's that needs a record from an earlier bundle (`waiting_for`:
        the sequence numbers not imported yet) until that bundle is imported."""
        header = verified.header
        now = _now()
        folder = central.quarantine_dir(self.home)
        name = f"{verified.bundle_hash}.sylb"
        target = folder / name
        if verified.path.resolve() != target.resolve():
            tmp = folder / f".{name}.tmp"
            shutil.copyfile(verified.path, tmp)
            with open(tmp, "rb") as stream:
                os.fsync(stream.fileno())
            os.replace(tmp, target)
            fsync_dir(folder)
        with Session(self._engine) as s, s.begin():
            if not known:
                s.add(
                    CentralDevice(
                        device_id=header.device_id,
                        public_key=header.device_public_key.hex(),
                        status=central.PENDING,
                        fieldworker=header.fieldworker,
                        first_seen=now,
                        last_seen=now,
                        last_sequence=0,
                        status_at=now,
                    )
                )
            if s.get(CentralQuarantine, verified.bundle_hash) is None:
                s.add(
                    CentralQuarantine(
                        bundle_hash=verified.bundle_hash,
                        device_id=header.device_id,
                        sequence=header.sequence,
                        received_at=now,
                        file_name=name,
                    )
                )
        if verified.path.resolve() != target.resolve():
            _remove(verified.path)
        return ImportResult(
            verified.path.name,
            "waiting" if waiting_for else "quarantined",
            header.device_id,
            header.sequence,
            verified.bundle_hash,
            warnings=(
                (
                    f"the bundle is held until device {header.device_id}'s earlier bundle "
                    f"{', '.join(str(n) for n in waiting_for[:10])}"
                    f"{' ...' if len(waiting_for) > 10 else ''} is imported: a file in it "
                    "belongs to a record sent before; it is imported by itself then",
                )
                if waiting_for
                else (
                    f"device {header.device_id} is not approved yet: the bundle is held until "
                    f"'sylcollect central approve {header.device_id}'",
                )
            ),
        )

    # --- the one transaction ----------------------------------------------------------
    def _commit(self, verified: VerifiedBundle, items: list[Any], spool: Spool) -> ImportResult:
        header = verified.header
        now = _now()
        warnings: list[str] = []
        with self.store.transaction() as tx:
            s = tx.session
            applier = Applier(tx, header.device_id, content=lambda a: spool.get(a.uuid))
            counts = dict(sorted(applier.apply(items).items()))
            previous = s.scalar(
                select(CentralImport.bundle_hash).where(
                    CentralImport.device_id == header.device_id,
                    CentralImport.sequence == header.sequence - 1,
                )
            )
            if previous is not None and previous != header.previous_bundle_hash:
                warnings.append(
                    f"bundle {header.sequence} of device {header.device_id} does not follow "
                    "the imported bundle before it (a restored or copied laptop?)"
                )
            s.add(
                CentralImport(
                    bundle_hash=verified.bundle_hash,
                    bundle_id=header.bundle_id,
                    device_id=header.device_id,
                    sequence=header.sequence,
                    previous_bundle_hash=header.previous_bundle_hash,
                    created_at=header.created_at.isoformat(),
                    imported_at=now,
                    record_count=header.record_count,
                    counts=json.dumps(counts, sort_keys=True),
                )
            )
            device = s.get(CentralDevice, header.device_id)
            assert device is not None
            device.last_seen = now
            device.fieldworker = header.fieldworker
            device.last_sequence = max(device.last_sequence, header.sequence)
            s.flush()
            gaps = _refresh_gaps(tx, header.device_id)
            q = s.get(CentralQuarantine, verified.bundle_hash)
            if q is not None:
                s.delete(q)
            tx.audit(
                AuditAction.CREATE,
                "central_import",
                None,
                {
                    "bundle": verified.bundle_hash,
                    "device": header.device_id,
                    "sequence": header.sequence,
                    "counts": counts,
                },
                "ws",
            )
        if applier.shredded:
            self.store.scrub()
        if gaps:
            warnings.append(
                f"device {header.device_id} has bundles missing: " + ", ".join(str(g) for g in gaps)
            )
        return ImportResult(
            verified.path.name,
            "imported",
            header.device_id,
            header.sequence,
            verified.bundle_hash,
            counts,
            gaps,
            tuple(warnings),
        )


def voided_sequences(tx: Tx, device_id: str) -> set[int]:
    """The sequence numbers the device says it voided: bundles staged, then deleted unsent
    because they carried a participant who withdrew (`outbox_discard`). The device's audit
    event saying so travels with its next bundle; those numbers are not gaps."""
    out: set[int] = set()
    rows = tx.session.execute(
        select(CentralEvent.uuid, CentralEvent.key_id, CentralEvent.details_ct).where(
            CentralEvent.device_id == device_id,
            CentralEvent.entity == VOID_EVENT_ENTITY,
            CentralEvent.details_ct.is_not(None),
        )
    )
    for uuid, key_id, blob in rows:
        if blob is None:
            continue
        details = tx.open("central_event", uuid, "details", 1, key_id, blob)
        voided = details.get("voided") if isinstance(details, dict) else None
        if isinstance(voided, list):
            out.update(n for n in voided if type(n) is int and n > 0)
    return out


def _holes(have: Iterable[int], below: int, voided: set[int]) -> tuple[int, ...]:
    """The sequence numbers from 1 up to `below` (excluded) neither in `have` nor `voided`:
    at most MAX_GAPS, walking only the holes (a sequence number can be huge)."""
    missing: list[int] = []
    last = 0
    for n in [*sorted(h for h in have if h < below), below]:
        g = last + 1
        while g < n and len(missing) < MAX_GAPS:
            if g not in voided:
                missing.append(g)
            g += 1
        last = n
    return tuple(missing)


def _refresh_gaps(tx: Tx, device_id: str) -> tuple[int, ...]:
    """Rewrites the device's missing sequence numbers (below its highest imported one, less
    the ones it voided)."""
    s = tx.session
    have = list(
        s.scalars(select(CentralImport.sequence).where(CentralImport.device_id == device_id))
    )
    top = max(have, default=0)
    voided = voided_sequences(tx, device_id) if len(have) < top else set()  # a hole: decrypt
    gaps = _holes(have, top, voided)
    s.execute(delete(CentralGap).where(CentralGap.device_id == device_id))
    s.add_all(CentralGap(device_id=device_id, sequence=n) for n in gaps)
    return gaps


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _remove(path: Path) -> None:
    """Deletes an imported bundle so no copy outlives a withdrawal (the ledger keeps its hash)."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
        fsync_dir(path.parent)
