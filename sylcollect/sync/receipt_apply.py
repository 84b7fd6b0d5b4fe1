"""Applying an import receipt (`.sylr`) on the laptop: purge what the central store holds.

`apply_receipt(ws, path, purge=True)`:

1. checks the receipt (`receipt.read_receipt`): framing, the signature by the study signing
   key this laptop trusts (from its installed package), this study and **this device**;
2. purges the records it covers, but only those that are safe to lose here: the record's
   current revision is the one the receipt lists, that revision was delivered in a bundle
   (`sync_sent`) and not changed since, the record is final (a draft is still being
   worked on) and not already shredded. Their rows go (attachments with them, by cascade),
   then the file is scrubbed (`secure_delete`, WAL checkpoint, VACUUM);
3. keeps **pseudonymous counts** of what was purged, in the meta row `purged_counts`: one
   entry per (form id, form version, site, wave) with a number of records. No participant,
   code, answer or date: enough for "how much did this laptop collect", nothing more.
   Participants, consents and observations are never purged (follow-up waves need them);
4. audits it: a `change` event on entity `receipt` with the receipt id, its bundle range, and the
   numbers covered and purged.

Applying the same receipt twice purges nothing more. Thread contract: the writer thread.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from sylcollect.domain.audit import AuditAction
from sylcollect.storage.keyring import WORKSPACE_KEY_ID
from sylcollect.storage.schema import Meta, RecordRow, SyncSent
from sylcollect.storage.tx import Tx
from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync import device
from sylcollect.sync.importer_rows import chunks
from sylcollect.sync.outbox import SyncNotPossible
from sylcollect.sync.receipt import Receipt, read_receipt

PURGED_COUNTS = "purged_counts"
CountKey = tuple[str, str, str, str | None]


@dataclass(frozen=True)
class ReceiptApplied:
    """What applying a receipt did. Immutable; ids and numbers only."""

    receipt_id: str
    up_to_sequence: int
    covered: int
    purged: int
    kept: int
    counts: tuple[dict[str, Any], ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "receipt_id": self.receipt_id,
            "up_to_sequence": self.up_to_sequence,
            "covered": self.covered,
            "purged": self.purged,
            "kept": self.kept,
            "purged_counts": list(self.counts),
        }


def check_receipt(ws: UnlockedWorkspace, path: Path | str) -> Receipt:
    """The receipt, verified against this laptop's trusted study key and device id."""
    with ws.transaction() as tx:
        package = device.package_state(tx)
        if package is None:
            raise SyncNotPossible(
                "this laptop was not set up from a study package: it has no study key to "
                "check a receipt with"
            )
        return read_receipt(
            path,
            trusted_signing_public=package.signing_public_key,
            study_id=package.study_id,
            device_id=device.device_id(tx),
        )


def apply_receipt(ws: UnlockedWorkspace, path: Path | str, *, purge: bool = True) -> ReceiptApplied:
    """Verifies the receipt, then (with `purge`) deletes the records it safely covers."""
    receipt = check_receipt(ws, path)
    with ws.transaction() as tx:
        purgeable = _purgeable(tx, receipt) if purge else []
        counts = _count(tx, purgeable)
        for part in chunks([r.uuid for r in purgeable]):
            tx.session.execute(delete(RecordRow).where(RecordRow.uuid.in_(part)))
        total = _merge_counts(tx, counts)
        tx.audit(
            AuditAction.CHANGE,
            "receipt",
            None,
            {
                "receipt_id": receipt.receipt_id,
                "up_to_sequence": receipt.up_to_sequence,
                "covered": len(receipt.records),
                "purged": len(purgeable),
            },
            WORKSPACE_KEY_ID,
        )
    if purgeable:
        ws.scrub()
    return ReceiptApplied(
        receipt.receipt_id,
        receipt.up_to_sequence,
        len(receipt.records),
        len(purgeable),
        len(receipt.records) - len(purgeable),
        tuple(total),
    )


def _purgeable(tx: Tx, receipt: Receipt) -> list[RecordRow]:
    wanted = dict(receipt.records)
    out: list[RecordRow] = []
    for part in chunks(sorted(wanted)):
        rows = tx.session.execute(
            select(RecordRow, SyncSent.revision)
            .join(
                SyncSent,
                (SyncSent.entity == "record") & (SyncSent.uuid == RecordRow.uuid),
            )
            .where(RecordRow.uuid.in_(part))
        ).all()
        for row, sent_revision in rows:
            if (
                row.revision == wanted[row.uuid] == sent_revision
                and row.status == "final"
                and row.content_ct is not None
            ):
                out.append(row)
    return out


def _count(tx: Tx, rows: list[RecordRow]) -> Counter[CountKey]:
    counts: Counter[CountKey] = Counter()
    for row in rows:
        assert row.content_ct is not None
        content = tx.open("record", row.uuid, "content", row.revision, row.key_id, row.content_ct)
        counts[(row.form_id, row.form_version, row.site_id, content.get("wave_id"))] += 1
    return counts


def purged_counts(tx: Tx) -> list[dict[str, Any]]:
    """What receipts purged from this laptop so far, as pseudonymous counts."""
    meta = tx.session.get(Meta, PURGED_COUNTS)
    return list(json.loads(meta.value)) if meta else []


def _merge_counts(tx: Tx, counts: Counter[CountKey]) -> list[dict[str, Any]]:
    total: Counter[CountKey] = Counter()
    for entry in purged_counts(tx):
        key = (entry["form_id"], entry["form_version"], entry["site_id"], entry["wave_id"])
        total[key] += int(entry["records"])
    total.update(counts)
    out = [
        {"form_id": f, "form_version": v, "site_id": s, "wave_id": w, "records": n}
        for (f, v, s, w), n in sorted(total.items(), key=lambda kv: tuple(map(str, kv[0])))
    ]
    if counts:
        tx.session.merge(Meta(key=PURGED_COUNTS, value=json.dumps(out, sort_keys=True)))
    return out
