"""A device's audit events in the central store (`central_event`), written in bulk.

Each event is kept once (by uuid, whichever bundle brings it first); its details are sealed
under the central key of the participant it is about (the participant itself, or the owner
of the record or consent it names), else under the store's workspace key. An event about a
withdrawn participant is kept without details.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import select

from sylcollect.storage.keyring import WORKSPACE_KEY_ID
from sylcollect.storage.schema import CentralEvent, ConsentRow, RecordRow
from sylcollect.storage.tx import Tx
from sylcollect.sync.importer_people import People
from sylcollect.sync.importer_rows import chunks, insert_rows
from sylcollect.sync.payload import AuditItem

COLUMNS = (
    "uuid",
    "device_id",
    "seq",
    "at",
    "actor",
    "action",
    "entity",
    "entity_uuid",
    "key_id",
    "details_ct",
)


def apply_events(
    tx: Tx, people: People, device_id: str, items: list[AuditItem], counts: Counter[str]
) -> None:
    """Inserts the events not stored yet (one executemany); counts every event seen."""
    if not items:
        return
    s = tx.session
    known: set[str] = set()
    for part in chunks([e.uuid for e in items]):
        known.update(s.scalars(select(CentralEvent.uuid).where(CentralEvent.uuid.in_(part))))
    keys = _entity_keys(tx, people, items)
    rows: list[tuple[Any, ...]] = []
    for ev in items:
        counts["events"] += 1
        if ev.uuid in known:
            continue
        known.add(ev.uuid)
        key_id, withdrawn = keys.get(ev.entity_uuid or "", (WORKSPACE_KEY_ID, False))
        details = None
        if ev.details is not None and not withdrawn:
            details = tx.seal("central_event", ev.uuid, "details", 1, key_id, ev.details)
        rows.append(
            (
                ev.uuid,
                device_id,
                ev.seq,
                ev.at,
                ev.actor,
                ev.action,
                ev.entity,
                ev.entity_uuid,
                key_id,
                details,
            )
        )
    insert_rows(s, "central_event", COLUMNS, rows)


def _entity_keys(tx: Tx, people: People, items: list[AuditItem]) -> dict[str, tuple[str, bool]]:
    """The central key (and whether shredded) each event's entity is sealed under."""
    out: dict[str, tuple[str, bool]] = {}
    wanted = sorted({e.entity_uuid for e in items if e.entity == "participant" and e.entity_uuid})
    people.load(wanted)
    for uuid in wanted:
        person = people.known.get(uuid)
        if person is not None:
            out[uuid] = (person.key_id, person.withdrawn)
    for table in (RecordRow, ConsentRow):
        uuids = sorted(
            {e.entity_uuid for e in items if e.entity == table.__tablename__ and e.entity_uuid}
        )
        for part in chunks(uuids):
            for uuid, key_id in tx.session.execute(
                select(table.uuid, table.key_id).where(table.uuid.in_(part))
            ):
                out[uuid] = (key_id, people.key_gone(key_id))
    return out
