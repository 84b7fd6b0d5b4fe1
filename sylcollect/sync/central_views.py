"""Read-only views of the central store: conflicts to resolve (listed, or one conflict's
versions decrypted side by side), and a decrypted snapshot.

`snapshot` is the store's logical content (decrypted, without key ids, nonces or import
times): two stores with equal snapshots hold the same data. Tests use it to show that
import order and repetition do not matter; it also serves checks and exports.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sylcollect.storage.keyring import Shredded
from sylcollect.storage.schema import (
    CentralConflict,
    CentralDevice,
    CentralEvent,
    CentralGap,
    CentralImport,
    CentralSource,
    ConsentRow,
    ObservationRow,
    ParticipantRow,
    RecordRow,
)
from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync.importer_rows import conflict_item, row_item


def conflicts(store: UnlockedWorkspace) -> list[dict[str, Any]]:
    """Records with versions from more than one device: the kept one and the others.

    Each entry: `record_uuid`, `form_id`, `withdrawn` (its participant withdrew: nothing to
    read or choose), `kept` (`{device_id, revision}`, the version the record holds) and
    `others`, each `{device_id, fieldworker, revision, updated_at}` (`fieldworker` is None
    for a version a supervisor chose, see central_resolve). Ids, staff account names and
    times only: nothing is decrypted.
    """
    with store.transaction() as tx:
        s = tx.session
        who = _fieldworkers(s)
        out: dict[str, dict[str, Any]] = {}
        for row in s.scalars(
            select(CentralConflict).order_by(CentralConflict.record_uuid, CentralConflict.device_id)
        ):
            entry = out.get(row.record_uuid)
            if entry is None:
                entry = out[row.record_uuid] = _entry(s, row.record_uuid, who, detail=False)
            entry["others"].append(version(row.device_id, row.revision, row.updated_at, who))
        return list(out.values())


def conflict_versions(store: UnlockedWorkspace, record_uuid: str) -> dict[str, Any] | None:
    """One conflict as `conflicts()` lists it, `kept` as detailed as the others, and each
    version's decrypted payload item under `item` (None where a withdrawal destroyed it);
    None if the record has no conflict. For a side-by-side view: never stored or logged."""
    with store.transaction() as tx:
        s = tx.session
        rows = s.scalars(
            select(CentralConflict)
            .where(CentralConflict.record_uuid == record_uuid)
            .order_by(CentralConflict.device_id)
        ).all()
        if not rows:
            return None
        who = _fieldworkers(s)
        entry = _entry(s, record_uuid, who, detail=True)
        record = s.get(RecordRow, record_uuid)
        if entry["kept"] is not None:
            item = row_item(tx, record) if record is not None else None
            entry["kept"]["item"] = item if item and item["content"] is not None else None
        entry["others"] = [
            {**version(r.device_id, r.revision, r.updated_at, who), "item": conflict_item(tx, r)}
            for r in rows
        ]
        return entry


def version(device_id: str, revision: int, updated_at: str, who: dict[str, str]) -> dict[str, Any]:
    """A version as listed: which device, whose account, which revision, when."""
    return {
        "device_id": device_id,
        "fieldworker": who.get(device_id),
        "revision": revision,
        "updated_at": updated_at,
    }


def withdrawn_code(s: Session, participant_uuid: str | None) -> str | None:
    """The participant's code if they withdrew (their data was destroyed), else None."""
    if participant_uuid is None:
        return None
    person = s.get(ParticipantRow, participant_uuid)
    return person.code if person is not None and person.withdrawn_at else None


def _fieldworkers(s: Session) -> dict[str, str]:
    return {d: f for d, f in s.execute(select(CentralDevice.device_id, CentralDevice.fieldworker))}


def _entry(s: Session, record_uuid: str, who: dict[str, str], *, detail: bool) -> dict[str, Any]:
    src = s.get(CentralSource, ("record", record_uuid))
    record = s.get(RecordRow, record_uuid)
    kept = None
    if src is not None:
        kept = (
            version(src.device_id, src.revision, src.updated_at, who)
            if detail
            else {"device_id": src.device_id, "revision": src.revision}
        )
    return {
        "record_uuid": record_uuid,
        "form_id": record.form_id if record is not None else None,
        "withdrawn": record is not None and withdrawn_code(s, record.participant_uuid) is not None,
        "kept": kept,
        "others": [],
    }


def _open(tx: Any, table: str, uuid: str, column: str, rev: int, key: str, ct: bytes | None) -> Any:
    if ct is None:
        return None
    try:
        return tx.open(table, uuid, column, rev, key, ct)
    except Shredded:
        return None


def snapshot(store: UnlockedWorkspace) -> dict[str, Any]:
    """Everything the store holds, decrypted, in a stable order (see the module doc)."""
    with store.transaction() as tx:
        s = tx.session
        people = [
            {
                "uuid": p.uuid,
                "code": p.code,
                "site_id": p.site_id,
                "revision": p.revision,
                "created_at": p.created_at,
                "updated_at": p.updated_at,
                "withdrawn_at": p.withdrawn_at,
                "profile": _open(
                    tx, "participant", p.uuid, "profile", p.revision, p.key_id, p.profile_ct
                ),
                "identity": _open(
                    tx, "participant", p.uuid, "identity", p.revision, p.key_id, p.identity_ct
                ),
            }
            for p in s.scalars(select(ParticipantRow).order_by(ParticipantRow.uuid))
        ]
        consents = [
            {
                "uuid": c.uuid,
                "participant_uuid": c.participant_uuid,
                "revision": c.revision,
                "updated_at": c.updated_at,
                "content": _open(
                    tx, "consent", c.uuid, "content", c.revision, c.key_id, c.content_ct
                ),
            }
            for c in s.scalars(select(ConsentRow).order_by(ConsentRow.uuid))
        ]
        records = [
            {
                "uuid": r.uuid,
                "form": [r.form_id, r.form_version],
                "subject": r.subject,
                "site_id": r.site_id,
                "participant_uuid": r.participant_uuid,
                "status": r.status,
                "revision": r.revision,
                "created_at": r.created_at,
                "updated_at": r.updated_at,
                "content": _open(
                    tx, "record", r.uuid, "content", r.revision, r.key_id, r.content_ct
                ),
            }
            for r in s.scalars(select(RecordRow).order_by(RecordRow.uuid))
        ]
        observations = [
            {
                "uuid": o.uuid,
                "site_id": o.site_id,
                "revision": o.revision,
                "content": _open(
                    tx, "observation", o.uuid, "content", o.revision, o.key_id, o.content_ct
                ),
            }
            for o in s.scalars(select(ObservationRow).order_by(ObservationRow.uuid))
        ]
        kept = [
            {
                "record_uuid": c.record_uuid,
                "device_id": c.device_id,
                "revision": c.revision,
                "item": conflict_item(tx, c) if c.item_ct is not None else None,
            }
            for c in s.scalars(
                select(CentralConflict).order_by(
                    CentralConflict.record_uuid, CentralConflict.device_id
                )
            )
        ]
        events = [
            {
                "uuid": e.uuid,
                "device_id": e.device_id,
                "action": e.action,
                "entity_uuid": e.entity_uuid,
                "details": _open(tx, "central_event", e.uuid, "details", 1, e.key_id, e.details_ct),
            }
            for e in s.scalars(select(CentralEvent).order_by(CentralEvent.uuid))
        ]
        sources = [
            [x.entity, x.uuid, x.device_id, x.revision]
            for x in s.scalars(
                select(CentralSource).order_by(CentralSource.entity, CentralSource.uuid)
            )
        ]
        ledger = [
            [i.bundle_hash, i.device_id, i.sequence]
            for i in s.scalars(select(CentralImport).order_by(CentralImport.bundle_hash))
        ]
        gaps = [
            [g.device_id, g.sequence]
            for g in s.scalars(
                select(CentralGap).order_by(CentralGap.device_id, CentralGap.sequence)
            )
        ]
        devices = [
            [d.device_id, d.status, d.last_sequence]
            for d in s.scalars(select(CentralDevice).order_by(CentralDevice.device_id))
        ]
    return {
        "participants": people,
        "consents": consents,
        "records": records,
        "observations": observations,
        "conflicts": kept,
        "events": events,
        "sources": sources,
        "ledger": ledger,
        "gaps": gaps,
        "devices": devices,
    }
