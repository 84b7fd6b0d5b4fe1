"""Applies one decoded, validated bundle payload to the central store inside one transaction.

Rules (they make the end state independent of import order and repetition):

* every item is kept at its newest version, ordered by (revision, updated_at, device id);
  `central_source` says whose version the main tables hold;
* a record that two devices both sent is a conflict: the winner stays in `record`, each other
  device's newest version stays, sealed whole, in `central_conflict` (both kept, flagged);
* an item about a participant not seen yet gets a placeholder participant (with its own
  central key) that the participant's own item fills in whenever it arrives;
* a tombstone crypto-shreds the participant centrally: their central key is deleted and
  every ciphertext under it set to NULL; later-arriving data about them is stored without
  content. Tombstones are applied last, so they also cover their own bundle.

Values are sealed with the same associated data as on a laptop, so the ordinary
repositories (`tx.records`, `tx.participants`, ...) read the central store.
"""

from __future__ import annotations

import uuid as uuidlib
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, select, update

from sylcollect.crypto import aead
from sylcollect.storage.keyring import WORKSPACE_KEY_ID
from sylcollect.storage.schema import (
    CentralConflict,
    CentralEvent,
    CentralSource,
    ConsentRow,
    ObservationRow,
    ParticipantKey,
    ParticipantRow,
    RecordRow,
)
from sylcollect.storage.tx import Tx
from sylcollect.sync.bundle_errors import BundleRefused
from sylcollect.sync.payload import (
    AuditItem,
    ConsentItem,
    Item,
    ObservationItem,
    ParticipantItem,
    RecordItem,
    TombstoneItem,
)

_BATCH = 500
PLACEHOLDER_PREFIX = "~"
Version = tuple[int, str, str]


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(values), _BATCH):
        yield values[i : i + _BATCH]


class Applier:
    """Writes one bundle's items through `tx`; `counts` says what happened. One thread."""

    def __init__(self, tx: Tx, device_id: str) -> None:
        self._tx = tx
        self._s = tx.session
        self._device = device_id
        self.counts: Counter[str] = Counter()
        self.shredded: list[str] = []
        self._people: dict[str, tuple[str, bool]] = {}  # uuid -> (key id, withdrawn)
        self._sources: dict[tuple[str, str], CentralSource] = {}

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
        self._load_people(
            [p.uuid for p in participants]
            + [c.participant_uuid for c in consents]
            + [r.participant_uuid for r in records if r.participant_uuid]
            + [t.participant_uuid for t in tombstones]
        )
        self._load_sources("participant", [p.uuid for p in participants])
        self._load_sources("consent", [c.uuid for c in consents])
        self._load_sources("record", [r.uuid for r in records])
        self._load_sources("observation", [o.uuid for o in observations])
        for p in participants:
            self._participant(p)
        for c in consents:
            self._consent(c)
        self._records(records)
        for o in observations:
            self._observation(o)
        self._events(events)
        for t in tombstones:
            self._tombstone(t)
        return self.counts

    # --- lookups ----------------------------------------------------------------------
    def _load_people(self, uuids: list[str]) -> None:
        wanted = sorted(set(uuids) - self._people.keys())
        for part in _chunks(wanted):
            rows = self._s.execute(
                select(
                    ParticipantRow.uuid, ParticipantRow.key_id, ParticipantRow.withdrawn_at
                ).where(ParticipantRow.uuid.in_(part))
            )
            for uuid, key_id, withdrawn in rows:
                self._people[uuid] = (key_id, withdrawn is not None)

    def _load_sources(self, entity: str, uuids: list[str]) -> None:
        for part in _chunks(sorted(set(uuids))):
            stmt = select(CentralSource).where(
                CentralSource.entity == entity, CentralSource.uuid.in_(part)
            )
            for src in self._s.scalars(stmt):
                self._sources[(entity, src.uuid)] = src

    def _person(self, uuid: str, code: str | None = None) -> tuple[str, bool]:
        """(key id, withdrawn) of a participant, making a placeholder if unknown."""
        found = self._people.get(uuid)
        if found is not None:
            return found
        key_id = str(uuidlib.uuid4())
        wrapped = self._tx.keyring.wrap(key_id, uuid, aead.random_key())
        self._s.add(ParticipantKey(key_id=key_id, participant_uuid=uuid, wrapped=wrapped))
        self._s.add(
            ParticipantRow(
                uuid=uuid,
                code=code or PLACEHOLDER_PREFIX + uuid[:31],
                site_id="",
                key_id=key_id,
                revision=0,
                created_at="",
                updated_at="",
            )
        )
        self._s.flush()
        self._people[uuid] = (key_id, False)
        return key_id, False

    def _decide(
        self, entity: str, uuid: str, revision: int, updated_at: str, *, bulk: bool = False
    ) -> tuple[str, str]:
        """('new'|'win'|'same'|'lose', the device whose version was current before).

        With `bulk`, a new item's source row is left for the caller to insert in bulk
        (validation guarantees an item appears once per bundle).
        """
        src = self._sources.get((entity, uuid))
        incoming: Version = (revision, updated_at, self._device)
        if src is None:
            src = CentralSource(
                entity=entity,
                uuid=uuid,
                device_id=self._device,
                revision=revision,
                updated_at=updated_at,
            )
            if not bulk:
                self._s.add(src)
            self._sources[(entity, uuid)] = src
            return "new", self._device
        current: Version = (src.revision, src.updated_at, src.device_id)
        if incoming == current:
            return "same", src.device_id
        if incoming < current:
            return "lose", src.device_id
        before = src.device_id
        src.device_id, src.revision, src.updated_at = self._device, revision, updated_at
        return "win", before

    def _count(self, kind: str, decision: str) -> None:
        self.counts[kind] += 1
        self.counts[
            {"new": "new", "win": "updated", "same": "unchanged", "lose": "unchanged"}[decision]
        ] += 1

    # --- participants, consents, observations (newest version wins) --------------------
    def _participant(self, it: ParticipantItem) -> None:
        clash = self._s.scalar(
            select(ParticipantRow.uuid).where(
                ParticipantRow.code == it.code, ParticipantRow.uuid != it.uuid
            )
        )
        if clash is not None:
            raise BundleRefused(
                "code_clash",
                f"participant code {it.code} is already used by another participant "
                "(enrolled on another laptop): nothing from this bundle was imported",
            )
        key_id, withdrawn = self._person(it.uuid, it.code)
        decision, _ = self._decide("participant", it.uuid, it.revision, it.updated_at)
        self._count("participants", decision)
        if decision not in ("new", "win"):
            return
        row = self._s.get(ParticipantRow, it.uuid)
        assert row is not None
        row.code, row.site_id, row.revision = it.code, it.site_id, it.revision
        row.created_at, row.updated_at = it.created_at, it.updated_at
        if withdrawn:
            return
        row.profile_ct = self._tx.seal(
            "participant",
            it.uuid,
            "profile",
            it.revision,
            key_id,
            {"role": it.role, "unit_id": it.unit_id},
        )
        row.identity_ct = self._tx.seal(
            "participant", it.uuid, "identity", it.revision, key_id, it.identity
        )

    def _consent(self, it: ConsentItem) -> None:
        key_id, withdrawn = self._person(it.participant_uuid)
        decision, _ = self._decide("consent", it.uuid, it.revision, it.updated_at)
        self._count("consents", decision)
        if decision not in ("new", "win"):
            return
        row = self._s.get(ConsentRow, it.uuid)
        if row is None:
            row = ConsentRow(uuid=it.uuid)
            self._s.add(row)
        row.participant_uuid, row.key_id, row.revision = it.participant_uuid, key_id, it.revision
        row.created_at, row.updated_at = it.created_at, it.updated_at
        row.content_ct = (
            None
            if withdrawn
            else self._tx.seal("consent", it.uuid, "content", it.revision, key_id, it.content)
        )

    def _observation(self, it: ObservationItem) -> None:
        decision, _ = self._decide("observation", it.uuid, it.revision, it.updated_at)
        self._count("observations", decision)
        if decision not in ("new", "win"):
            return
        row = self._s.get(ObservationRow, it.uuid)
        if row is None:
            row = ObservationRow(uuid=it.uuid, key_id=WORKSPACE_KEY_ID)
            self._s.add(row)
        row.site_id, row.revision = it.site_id, it.revision
        row.created_at, row.updated_at = it.created_at, it.updated_at
        row.content_ct = self._tx.seal(
            "observation", it.uuid, "content", it.revision, WORKSPACE_KEY_ID, it.content
        )

    # --- records (bulk path for new ones; conflicts kept) ------------------------------
    def _record_key(self, it: RecordItem) -> tuple[str, bool]:
        if it.participant_uuid is None:
            return WORKSPACE_KEY_ID, False
        return self._person(it.participant_uuid)

    def _records(self, items: list[RecordItem]) -> None:
        fresh: list[tuple[Any, ...]] = []
        for it in items:
            key_id, withdrawn = self._record_key(it)
            decision, before = self._decide(
                "record", it.uuid, it.revision, it.updated_at, bulk=True
            )
            self._count("records", decision)
            content = (
                None
                if withdrawn
                else self._tx.seal("record", it.uuid, "content", it.revision, key_id, it.content)
            )
            if decision == "new":
                fresh.append(
                    (
                        it.uuid,
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
                    )
                )
            elif decision == "win":
                row = self._s.get(RecordRow, it.uuid)
                assert row is not None
                if before != self._device:
                    self._keep_conflict(_row_item(self._tx, row), before, row.key_id)
                    self._s.execute(
                        delete(CentralConflict).where(
                            CentralConflict.record_uuid == it.uuid,
                            CentralConflict.device_id == self._device,
                        )
                    )
                for name in ("form_id", "form_version", "subject", "site_id", "status"):
                    setattr(row, name, getattr(it, name))
                row.participant_uuid, row.key_id, row.revision = (
                    it.participant_uuid,
                    key_id,
                    it.revision,
                )
                row.created_at, row.updated_at, row.content_ct = (
                    it.created_at,
                    it.updated_at,
                    content,
                )
            elif decision == "lose" and before != self._device:
                self._keep_conflict(it.to_json(), self._device, key_id)
        if fresh:
            self._s.flush()
            self._insert(
                "record",
                (
                    "uuid",
                    "form_id",
                    "form_version",
                    "subject",
                    "site_id",
                    "participant_uuid",
                    "status",
                    "key_id",
                    "revision",
                    "created_at",
                    "updated_at",
                    "content_ct",
                ),
                fresh,
            )
            self._insert(
                "central_source",
                ("entity", "uuid", "device_id", "revision", "updated_at"),
                [("record", r[0], self._device, r[8], r[10]) for r in fresh],
            )

    def _keep_conflict(self, item: dict[str, Any], device_id: str, key_id: str) -> None:
        """Keeps `device_id`'s version of a record beside the winner, if it is that device's
        newest; the record is then flagged as a conflict."""
        uuid, revision, updated_at = item["uuid"], item["revision"], item["updated_at"]
        row = self._s.get(CentralConflict, (uuid, device_id))
        if row is not None and (row.revision, row.updated_at) >= (revision, updated_at):
            return
        if row is None:
            row = CentralConflict(record_uuid=uuid, device_id=device_id)
            self._s.add(row)
            self.counts["conflicts"] += 1
        row.revision, row.updated_at, row.key_id = revision, updated_at, key_id
        withdrawn = key_id != WORKSPACE_KEY_ID and self._withdrawn_key(key_id)
        row.item_ct = (
            None
            if withdrawn
            else self._tx.seal("central_conflict", f"{uuid}/{device_id}", "item", 1, key_id, item)
        )

    def _withdrawn_key(self, key_id: str) -> bool:
        return self._s.get(ParticipantKey, key_id) is None

    # --- device audit events ----------------------------------------------------------
    def _events(self, items: list[AuditItem]) -> None:
        if not items:
            return
        known: set[str] = set()
        for part in _chunks([e.uuid for e in items]):
            known.update(
                self._s.scalars(select(CentralEvent.uuid).where(CentralEvent.uuid.in_(part)))
            )
        keys = self._entity_keys(items)
        rows: list[tuple[Any, ...]] = []
        for ev in items:
            self.counts["events"] += 1
            if ev.uuid in known:
                continue
            known.add(ev.uuid)
            key_id, withdrawn = keys.get(ev.entity_uuid or "", (WORKSPACE_KEY_ID, False))
            details = None
            if ev.details is not None and not withdrawn:
                details = self._tx.seal("central_event", ev.uuid, "details", 1, key_id, ev.details)
            rows.append(
                (
                    ev.uuid,
                    self._device,
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
        if rows:
            self._s.flush()
            self._insert(
                "central_event",
                (
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
                ),
                rows,
            )

    def _entity_keys(self, items: list[AuditItem]) -> dict[str, tuple[str, bool]]:
        """The central key (and whether shredded) each event's entity is sealed under."""
        out: dict[str, tuple[str, bool]] = {}
        people = sorted(
            {e.entity_uuid for e in items if e.entity == "participant" and e.entity_uuid}
        )
        self._load_people(list(people))
        for uuid in people:
            if uuid in self._people:
                out[uuid] = self._people[uuid]
        for table in (RecordRow, ConsentRow):
            wanted = sorted(
                {e.entity_uuid for e in items if e.entity == table.__tablename__ and e.entity_uuid}
            )
            for part in _chunks(wanted):
                for uuid, key_id in self._s.execute(
                    select(table.uuid, table.key_id).where(table.uuid.in_(part))
                ):
                    out[uuid] = (key_id, key_id != WORKSPACE_KEY_ID and self._gone(key_id))
        return out

    def _gone(self, key_id: str) -> bool:
        return any(k == key_id and w for k, w in self._people.values()) or (
            self._withdrawn_key(key_id)
        )

    # --- tombstones -------------------------------------------------------------------
    def _tombstone(self, it: TombstoneItem) -> None:
        self.counts["tombstones"] += 1
        known = it.participant_uuid in self._people
        key_id, withdrawn = self._person(it.participant_uuid, it.code)
        row = self._s.get(ParticipantRow, it.participant_uuid)
        assert row is not None
        if not known or row.code.startswith(PLACEHOLDER_PREFIX):
            row.code = it.code
        if withdrawn:
            return
        self.shred(key_id)
        row.profile_ct = row.identity_ct = None
        row.withdrawn_at = it.withdrawn_at
        self._people[it.participant_uuid] = (key_id, True)
        self.shredded.append(it.participant_uuid)

    def shred(self, key_id: str) -> None:
        """Deletes a participant's central key and every ciphertext sealed under it."""
        s = self._s
        s.flush()
        s.execute(delete(ParticipantKey).where(ParticipantKey.key_id == key_id))
        s.execute(update(RecordRow).where(RecordRow.key_id == key_id).values(content_ct=None))
        s.execute(update(ConsentRow).where(ConsentRow.key_id == key_id).values(content_ct=None))
        s.execute(
            update(CentralConflict).where(CentralConflict.key_id == key_id).values(item_ct=None)
        )
        s.execute(update(CentralEvent).where(CentralEvent.key_id == key_id).values(details_ct=None))
        self._tx.keyring.forget(key_id)

    # --- plumbing ---------------------------------------------------------------------
    def _insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """One driver-level executemany (the ORM's per-row bookkeeping costs more than the
        encryption); same session, same transaction."""
        conn = self._s.connection()
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 (fixed names)
            f"VALUES ({', '.join([mark] * len(columns))})"
        )
        conn.exec_driver_sql(sql, rows)


def _row_item(tx: Tx, row: RecordRow) -> dict[str, Any]:
    """The payload item of the record version a row holds (to keep it as a conflict)."""
    content: Any = None
    if row.content_ct is not None:
        content = tx.open("record", row.uuid, "content", row.revision, row.key_id, row.content_ct)
    return {
        "kind": "record",
        "uuid": row.uuid,
        "form_id": row.form_id,
        "form_version": row.form_version,
        "subject": row.subject,
        "site_id": row.site_id,
        "participant_uuid": row.participant_uuid,
        "status": row.status,
        "revision": row.revision,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "content": content,
    }


def conflict_item(tx: Tx, row: CentralConflict) -> dict[str, Any] | None:
    """A kept conflicting version, decrypted (None when the participant withdrew)."""
    if row.item_ct is None:
        return None
    value = tx.open(
        "central_conflict", f"{row.record_uuid}/{row.device_id}", "item", 1, row.key_id, row.item_ct
    )
    return dict(value)
