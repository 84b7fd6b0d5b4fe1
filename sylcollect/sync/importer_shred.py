"""Withdrawal tombstones in the central store: crypto-shredding a participant centrally.

A tombstone deletes the participant's central key and sets every ciphertext sealed under it
to NULL (records, consents, attachments' names and bytes, device audit event details) and
deletes their kept conflicting versions (nothing is left to choose between); later-arriving
data about them is stored without content and raises no conflict (the importer sees them as
withdrawn). The importer
applies tombstones last, so they also cover their own bundle, then scrubs the store (WAL
checkpoint, VACUUM) once the transaction has committed.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import delete, select, update

from sylcollect.storage.schema import (
    AttachmentRow,
    CentralConflict,
    CentralDecided,
    CentralEvent,
    ConsentRow,
    ParticipantKey,
    ParticipantRow,
    RecordRow,
)
from sylcollect.storage.tx import Tx
from sylcollect.sync.importer_people import PLACEHOLDER_PREFIX, People
from sylcollect.sync.payload import TombstoneItem


def apply_tombstones(
    tx: Tx, people: People, items: list[TombstoneItem], counts: Counter[str]
) -> list[str]:
    """Shreds each withdrawn participant (once); returns the uuids shredded now."""
    shredded: list[str] = []
    if not items:
        return shredded
    people.load(t.participant_uuid for t in items)
    for it in items:
        counts["tombstones"] += 1
        known = it.participant_uuid in people.known
        people.ensure({it.participant_uuid: it.code})
        person = people.known[it.participant_uuid]
        row = tx.session.get(ParticipantRow, it.participant_uuid)
        assert row is not None
        if known and row.code.startswith(PLACEHOLDER_PREFIX):
            row.code = it.code
        if person.withdrawn:
            continue
        shred(tx, person.key_id)
        row.profile_ct = row.identity_ct = None
        row.withdrawn_at = it.withdrawn_at
        people.mark_withdrawn(it.participant_uuid)
        shredded.append(it.participant_uuid)
    return shredded


def shred(tx: Tx, key_id: str) -> None:
    """Deletes a participant's central key and every ciphertext sealed under it."""
    s = tx.session
    s.flush()
    s.execute(delete(ParticipantKey).where(ParticipantKey.key_id == key_id))
    s.execute(update(RecordRow).where(RecordRow.key_id == key_id).values(content_ct=None))
    s.execute(update(ConsentRow).where(ConsentRow.key_id == key_id).values(content_ct=None))
    s.execute(
        update(AttachmentRow)
        .where(AttachmentRow.key_id == key_id)
        .values(name_ct=None, content_ct=None)
    )
    # nothing is left to choose between: the conflict goes with the versions
    s.execute(delete(CentralConflict).where(CentralConflict.key_id == key_id))
    mine = select(RecordRow.uuid).where(RecordRow.key_id == key_id)
    s.execute(delete(CentralDecided).where(CentralDecided.record_uuid.in_(mine)))
    s.execute(update(CentralEvent).where(CentralEvent.key_id == key_id).values(details_ct=None))
    tx.keyring.forget(key_id)
