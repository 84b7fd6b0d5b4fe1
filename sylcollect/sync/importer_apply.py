"""Applies one decoded, validated bundle payload to the central store inside one transaction.

Rules (they make the end state independent of import order and repetition):

* every item is kept at its newest version, ordered by (revision, updated_at, device id);
  `central_source` says whose version the main tables hold;
* a record that two devices both sent is a conflict: the winner stays in `record`, each other
  device's newest version stays, sealed whole, in `central_conflict` (both kept, flagged);
* an item about a participant not seen yet gets a placeholder participant (with its own
  central key, `importer_people`) that the participant's own item fills in when it arrives;
* a tombstone crypto-shreds the participant centrally (`importer_shred`); device audit
  events are kept once each (`importer_events`);
* an attachment (immutable) is stored once, sealed under its record's central key (the
  participant's, or the workspace key for site and anonymous records), with NULL ciphertexts
  when that participant withdrew; a repeat is unchanged. Its bytes come from `content`
  (the importer's spool), one file at a time.

Values are sealed with the same associated data as on a laptop, so the ordinary
repositories (`tx.records`, `tx.participants`, ...) read the central store. Writes go in
bulk (`importer_rows`: one executemany per table and statement); only the rare conflict
path touches ORM objects.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import delete, select

from sylcollect.storage.keyring import WORKSPACE_KEY_ID
from sylcollect.storage.schema import (
    AttachmentRow,
    CentralConflict,
    CentralDecided,
    CentralSource,
    RecordRow,
)
from sylcollect.storage.tx import Tx
from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.importer_events import apply_events
from sylcollect.sync.importer_people import PLACEHOLDER_PREFIX, People
from sylcollect.sync.importer_rows import (
    RECORD_COLUMNS,
    chunks,
    insert_rows,
    row_item,
    update_rows,
)
from sylcollect.sync.importer_shred import apply_tombstones, shred
from sylcollect.sync.payload import (
    AttachmentItem,
    AuditItem,
    ConsentItem,
    Item,
    ObservationItem,
    ParticipantItem,
    RecordItem,
    TombstoneItem,
)

__all__ = ["PLACEHOLDER_PREFIX", "Applier"]

Version = tuple[int, str, str]
_CONSENT = ("participant_uuid", "key_id", "revision", "created_at", "updated_at", "content_ct")
_OBSERVATION = ("site_id", "key_id", "revision", "created_at", "updated_at", "content_ct")
_PARTICIPANT = (
    "code",
    "site_id",
    "revision",
    "created_at",
    "updated_at",
    "profile_ct",
    "identity_ct",
)
_SOURCE = ("device_id", "revision", "updated_at")
_DECISION = {"new": "new", "win": "updated", "same": "unchanged", "lose": "unchanged"}


class Applier:
    """Writes one bundle's items through `tx`; `counts` says what happened. One thread."""

    def __init__(
        self,
        tx: Tx,
        device_id: str,
        *,
        content: Callable[[AttachmentItem], bytes] | None = None,
    ) -> None:
        self._tx = tx
        self._content = content or (lambda item: item.content)
        self._s = tx.session
        self._device = device_id
        self.counts: Counter[str] = Counter()
        self.shredded: list[str] = []
        self.people = People(tx)
        self._sources: dict[tuple[str, str], tuple[str, int, str]] = {}
        self._new_sources: list[tuple[Any, ...]] = []
        self._won_sources: list[tuple[Any, ...]] = []

    # --- entry point ------------------------------------------------------------------
    def apply(self, items: Sequence[Item]) -> Counter[str]:
        by_kind: dict[str, list[Any]] = {}
        for item in items:
            by_kind.setdefault(item.kind, []).append(item)
        participants: list[ParticipantItem] = by_kind.get("participant", [])
        consents: list[ConsentItem] = by_kind.get("consent", [])
        records: list[RecordItem] = by_kind.get("record", [])
        observations: list[ObservationItem] = by_kind.get("observation", [])
        tombstones: list[TombstoneItem] = by_kind.get("tombstone", [])
        events: list[AuditItem] = by_kind.get("audit", [])
        files: list[AttachmentItem] = by_kind.get("attachment", [])
        self.people.check_codes(participants)
        wanted: dict[str, str | None] = {p.uuid: p.code for p in participants}
        for uuid in [c.participant_uuid for c in consents] + [
            r.participant_uuid for r in records if r.participant_uuid
        ]:
            wanted.setdefault(uuid, None)
        self.people.ensure(wanted)
        for entity, uuids in (
            ("participant", [p.uuid for p in participants]),
            ("consent", [c.uuid for c in consents]),
            ("record", [r.uuid for r in records]),
            ("observation", [o.uuid for o in observations]),
        ):
            self._load_sources(entity, uuids)
        self._participants(participants)
        self._consents(consents)
        self._records(records)
        self._observations(observations)
        self._flush_sources()
        self._attachments(files)
        apply_events(self._tx, self.people, self._device, events, self.counts)
        self.shredded = apply_tombstones(self._tx, self.people, tombstones, self.counts)
        return self.counts

    def shred(self, key_id: str) -> None:
        """Deletes a participant's central key and every ciphertext sealed under it."""
        shred(self._tx, key_id)

    # --- newest version wins ----------------------------------------------------------
    def _load_sources(self, entity: str, uuids: list[str]) -> None:
        for part in chunks(sorted(set(uuids))):
            stmt = select(
                CentralSource.uuid,
                CentralSource.device_id,
                CentralSource.revision,
                CentralSource.updated_at,
            ).where(CentralSource.entity == entity, CentralSource.uuid.in_(part))
            for uuid, device, revision, updated_at in self._s.execute(stmt):
                self._sources[(entity, uuid)] = (device, revision, updated_at)

    def _decide(self, entity: str, uuid: str, revision: int, updated_at: str) -> tuple[str, str]:
        """('new'|'win'|'same'|'lose', the device whose version was current before).

        Validation guarantees an item appears once per bundle; the source rows are written
        in bulk by `_flush_sources`."""
        key = (entity, uuid)
        src = self._sources.get(key)
        self._sources[key] = (self._device, revision, updated_at)
        if src is None:
            self._new_sources.append((entity, uuid, self._device, revision, updated_at))
            return "new", self._device
        device, current_rev, current_at = src
        incoming: Version = (revision, updated_at, self._device)
        current: Version = (current_rev, current_at, device)
        if incoming <= current:
            self._sources[key] = src
            return ("same" if incoming == current else "lose"), device
        self._won_sources.append((self._device, revision, updated_at, entity, uuid))
        return "win", device

    def _flush_sources(self) -> None:
        insert_rows(self._s, "central_source", ("entity", "uuid", *_SOURCE), self._new_sources)
        update_rows(self._s, "central_source", _SOURCE, ("entity", "uuid"), self._won_sources)
        self._new_sources, self._won_sources = [], []

    def _count(self, kind: str, decision: str) -> None:
        self.counts[kind] += 1
        self.counts[_DECISION[decision]] += 1

    # --- participants, consents, observations -----------------------------------------
    def _participants(self, items: list[ParticipantItem]) -> None:
        rows: list[tuple[Any, ...]] = []
        for it in items:
            decision, _ = self._decide("participant", it.uuid, it.revision, it.updated_at)
            self._count("participants", decision)
            if decision not in ("new", "win"):
                continue
            key_id, withdrawn = self.people.key(it.uuid)
            profile = identity = None
            if not withdrawn:
                profile = self._tx.seal(
                    "participant",
                    it.uuid,
                    "profile",
                    it.revision,
                    key_id,
                    {"role": it.role, "unit_id": it.unit_id},
                )
                identity = self._tx.seal(
                    "participant", it.uuid, "identity", it.revision, key_id, it.identity
                )
            self.people.known[it.uuid].code = it.code
            rows.append(
                (
                    it.code,
                    it.site_id,
                    it.revision,
                    it.created_at,
                    it.updated_at,
                    profile,
                    identity,
                    it.uuid,
                )
            )
        update_rows(self._s, "participant", _PARTICIPANT, ("uuid",), rows)

    def _consents(self, items: list[ConsentItem]) -> None:
        fresh: list[tuple[Any, ...]] = []
        won: list[tuple[Any, ...]] = []
        for it in items:
            decision, _ = self._decide("consent", it.uuid, it.revision, it.updated_at)
            self._count("consents", decision)
            if decision not in ("new", "win"):
                continue
            key_id, withdrawn = self.people.key(it.participant_uuid)
            content = (
                None
                if withdrawn
                else self._tx.seal("consent", it.uuid, "content", it.revision, key_id, it.content)
            )
            values = (it.participant_uuid, key_id, it.revision, it.created_at, it.updated_at)
            (fresh if decision == "new" else won).append((*values, content, it.uuid))
        insert_rows(self._s, "consent", (*_CONSENT, "uuid"), fresh)
        update_rows(self._s, "consent", _CONSENT, ("uuid",), won)

    def _observations(self, items: list[ObservationItem]) -> None:
        fresh: list[tuple[Any, ...]] = []
        won: list[tuple[Any, ...]] = []
        for it in items:
            decision, _ = self._decide("observation", it.uuid, it.revision, it.updated_at)
            self._count("observations", decision)
            if decision not in ("new", "win"):
                continue
            content = self._tx.seal(
                "observation", it.uuid, "content", it.revision, WORKSPACE_KEY_ID, it.content
            )
            values = (it.site_id, WORKSPACE_KEY_ID, it.revision, it.created_at, it.updated_at)
            (fresh if decision == "new" else won).append((*values, content, it.uuid))
        insert_rows(self._s, "observation", (*_OBSERVATION, "uuid"), fresh)
        update_rows(self._s, "observation", _OBSERVATION, ("uuid",), won)

    # --- records (conflicts kept) ------------------------------------------------------
    def _records(self, items: list[RecordItem]) -> None:
        fresh: list[tuple[Any, ...]] = []
        won: list[tuple[Any, ...]] = []
        seal = self._tx.seal
        for it in items:
            key_id, withdrawn = self.people.key(it.participant_uuid)
            decision, before = self._decide("record", it.uuid, it.revision, it.updated_at)
            self._count("records", decision)
            if decision == "lose":
                if before != self._device and not self._decided(it):
                    self._keep_conflict(it.to_json(), self._device, key_id)
                continue
            if decision == "same":
                continue
            content = (
                None
                if withdrawn
                else seal("record", it.uuid, "content", it.revision, key_id, it.content)
            )
            row = (
                it.form_id,
                it.form_version,
                it.subject,
                it.site_id,
                it.participant_uuid,
                it.status,
                key_id,
                it.revision,
                it.created_at,
                it.updated_at,
                content,
                it.uuid,
            )
            if decision == "new":
                fresh.append(row)
                continue
            if before != self._device:
                old = self._s.get(RecordRow, it.uuid)
                assert old is not None
                self._keep_conflict(row_item(self._tx, old), before, old.key_id)
                self._s.execute(
                    delete(CentralConflict).where(
                        CentralConflict.record_uuid == it.uuid,
                        CentralConflict.device_id == self._device,
                    )
                )
            won.append(row)
        self._insert("record", (*RECORD_COLUMNS, "uuid"), fresh)
        update_rows(self._s, "record", RECORD_COLUMNS, ("uuid",), won)

    # --- attachments (immutable, stored once) -----------------------------------------
    def _attachments(self, items: list[AttachmentItem]) -> None:
        """Stores each new attachment under its record's key (after the records, so a record
        of this bundle is there; before tombstones, so they shred it too)."""
        if not items:
            return
        stored: dict[str, tuple[str, str]] = {}
        for part in chunks(sorted({a.uuid for a in items})):
            stmt = select(AttachmentRow.uuid, AttachmentRow.record_uuid, AttachmentRow.question)
            for uuid, record_uuid, question in self._s.execute(
                stmt.where(AttachmentRow.uuid.in_(part))
            ):
                stored[uuid] = (record_uuid, question)
        keys: dict[str, str] = {}
        for part in chunks(sorted({a.record_uuid for a in items})):
            stmt2 = select(RecordRow.uuid, RecordRow.key_id).where(RecordRow.uuid.in_(part))
            keys.update((u, k) for u, k in self._s.execute(stmt2))
        repo = self._tx.attachments
        for number, it in enumerate(items, start=1):
            if it.uuid in stored:
                if stored[it.uuid] != (it.record_uuid, it.question):
                    raise _bad_attachment(number, "reuses the id of another attachment")
                self._count("attachments", "same")
                continue
            key_id = keys.get(it.record_uuid)
            if key_id is None:
                raise _bad_attachment(number, "belongs to a record the store does not hold")
            row = AttachmentRow(
                uuid=it.uuid,
                record_uuid=it.record_uuid,
                question=it.question,
                key_id=key_id,
                revision=it.revision,
                created_at=it.created_at,
                size=it.size,
                media_type=it.media_type,
            )
            if self.people.key_gone(key_id):
                repo.insert_imported(row, None, None)
            else:
                data = self._content(it)
                if len(data) != it.size:
                    raise _bad_attachment(number, "does not match its size")
                repo.insert_imported(row, it.filename, data)
                del data
            stored[it.uuid] = (it.record_uuid, it.question)
            self._count("attachments", "new")

    def _decided(self, it: RecordItem) -> bool:
        """Whether a supervisor already decided on this version of this device (or a newer
        one), resolving the record's conflict: then it is not flagged again."""
        row = self._s.get(CentralDecided, (it.uuid, self._device))
        return row is not None and (row.revision, row.updated_at) >= (it.revision, it.updated_at)

    def _keep_conflict(self, item: dict[str, Any], device_id: str, key_id: str) -> None:
        """Keeps `device_id`'s version of a record beside the winner, if it is that device's
        newest; the record is then flagged as a conflict."""
        if self.people.key_gone(key_id):
            return  # a withdrawn participant's versions are destroyed: nothing to choose
        uuid, revision, updated_at = item["uuid"], item["revision"], item["updated_at"]
        row = self._s.get(CentralConflict, (uuid, device_id))
        if row is not None and (row.revision, row.updated_at) >= (revision, updated_at):
            return
        if row is None:
            row = CentralConflict(record_uuid=uuid, device_id=device_id)
            self._s.add(row)
            self.counts["conflicts"] += 1
        row.revision, row.updated_at, row.key_id = revision, updated_at, key_id
        row.item_ct = self._tx.seal(
            "central_conflict", f"{uuid}/{device_id}", "item", 1, key_id, item
        )

    def _insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """One driver-level executemany (a seam for the fault-injection tests)."""
        insert_rows(self._s, table, columns, rows)


def _bad_attachment(number: int, problem: str) -> BundleRefused:
    return BundleRefused(
        "invalid", f"the bundle's content is not valid: attachment {number} {problem}"
    )
