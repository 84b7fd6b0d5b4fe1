"""A supervisor resolves a conflict in the central store: one version of a record is kept.

`resolve_conflict(store, record_uuid, keep, by=...)` runs in one transaction:

* `keep="central"` (or the id of the device whose version the record already holds): the
  record stays as it is and every other device's kept copy is deleted. Nothing about the
  record changes, so the device whose version it is carries on as before: its next edit is
  an ordinary update.
* `keep=DEVICE_ID`: that device's kept version becomes the record. It is sealed again under
  its participant's key with the record table's associated data (`Tx.seal`, like every
  write), with the status, scores and alerts that version carried, at a revision one above
  every version seen (the record's and each kept copy's); `central_source` then names
  `SUPERVISOR` as the source. The record's previous version and any other device's copies
  are deleted.

What is kept of the versions not chosen: their device id, revision and time, in the audit
event (action `change` on the record, details `{"conflict": "resolved", "by",
"record_uuid", "kept", "discarded", "revision"}`: ids, revisions and times, never a value).
Their answers leave the central store; each laptop still holds its own copy until it edits
or purges it. A kept copy was never the record's answer to analyse, so keeping it sealed
forever would only hold more about a young person than the study needs.

Later bundles (the importer's usual rules, `importer_apply`): an item is compared with the
source by (revision, time, device) and is a conflict whenever the source is another device.
After keeping a device's version the source is `SUPERVISOR`, which no device can be, so
any later change of that record from any laptop is flagged as a conflict again (an older
one kept beside the chosen version, a newer one in its place with the chosen version kept
as `SUPERVISOR`'s copy): nothing silently overwrites the choice, nothing is dropped. After
keeping the central version, the other devices' later edits are flagged the same way.
Each device's version the supervisor saw is noted in `central_decided` (device, revision,
time; no values): a bundle from before the choice that arrives late, carrying that version
or an older one from the same device, was already decided on and raises no new conflict.

A withdrawn participant's versions were destroyed: resolving is refused (`Conflict`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sylcollect.domain.audit import AuditAction
from sylcollect.errors import Conflict, InvalidInput, NotFound
from sylcollect.storage.schema import CentralConflict, CentralDecided, CentralSource, RecordRow
from sylcollect.storage.tx import Tx
from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync.central_views import withdrawn_code
from sylcollect.sync.importer_rows import RECORD_COLUMNS, conflict_item

CENTRAL = "central"  # `keep` value: the version the record holds now
SUPERVISOR = "@supervisor"  # source of a version a supervisor chose ('@': no device id has it)


@dataclass(frozen=True)
class Version:
    """One version of a record, by the device that sent it. Ids and numbers only."""

    device_id: str
    revision: int
    updated_at: str

    def to_json(self) -> dict[str, Any]:
        return {
            "device_id": self.device_id,
            "revision": self.revision,
            "updated_at": self.updated_at,
        }


@dataclass(frozen=True)
class Resolution:
    """What `resolve_conflict` did: the version kept, those discarded, the record's revision."""

    record_uuid: str
    kept: Version
    discarded: tuple[Version, ...]
    revision: int

    def to_json(self) -> dict[str, Any]:
        return {
            "record_uuid": self.record_uuid,
            "kept": self.kept.to_json(),
            "discarded": [v.to_json() for v in self.discarded],
            "revision": self.revision,
        }


def resolve_conflict(
    store: UnlockedWorkspace, record_uuid: str, keep: str, *, by: str
) -> Resolution:
    """Keeps one version of a conflicting record (see the module doc); `by` names who chose.

    Raises NotFound (no such record, no conflict, no version from that device) and Conflict
    (the participant withdrew)."""
    if not keep:
        raise InvalidInput(f"say which version to keep: {CENTRAL} or a device id")
    with store.transaction() as tx:
        s = tx.session
        record = s.get(RecordRow, record_uuid, with_for_update=True)
        if record is None:
            raise NotFound(f"no record {record_uuid} in the central store")
        rows = {
            r.device_id: r
            for r in s.scalars(
                select(CentralConflict)
                .where(CentralConflict.record_uuid == record_uuid)
                .order_by(CentralConflict.device_id)
                .with_for_update()
            )
        }
        _refuse_withdrawn(s, record.participant_uuid, record_uuid)  # says more than "none"
        if not rows:
            raise NotFound(f"record {record_uuid} has no conflict to resolve")
        source = s.get(CentralSource, ("record", record_uuid), with_for_update=True)
        current = (
            Version(source.device_id, source.revision, source.updated_at)
            if source is not None
            else Version("", record.revision, record.updated_at)
        )
        copies = [Version(d, r.revision, r.updated_at) for d, r in rows.items()]
        if keep == CENTRAL or (keep == current.device_id and keep not in rows):
            kept, discarded, revision = current, tuple(copies), record.revision
        elif keep in rows:
            revision = max(record.revision, *(v.revision for v in copies)) + 1
            _adopt(tx, record, rows[keep], revision)
            s.merge(
                CentralSource(
                    entity="record",
                    uuid=record_uuid,
                    device_id=SUPERVISOR,
                    revision=revision,
                    updated_at=record.updated_at,
                )
            )
            kept = next(v for v in copies if v.device_id == keep)
            discarded = (current, *(v for v in copies if v.device_id != keep))
        else:
            raise NotFound(
                f"record {record_uuid} has no version from device {keep}: keep {CENTRAL} "
                f"(the version from {current.device_id}) or one of {', '.join(rows)}"
            )
        s.execute(delete(CentralConflict).where(CentralConflict.record_uuid == record_uuid))
        _remember_decided(s, record_uuid, (kept, *discarded))
        result = Resolution(record_uuid, kept, discarded, revision)
        details = {"conflict": "resolved", "by": by, **result.to_json()}
        tx.audit(AuditAction.CHANGE, "record", record_uuid, details, record.key_id)
    return result


def _remember_decided(s: Session, record_uuid: str, versions: tuple[Version, ...]) -> None:
    """Notes each device's version the supervisor saw, so the same version (or an older one
    from that device) arriving late in a bundle raises no new conflict."""
    for v in versions:
        if not v.device_id or v.device_id == SUPERVISOR:
            continue
        row = s.get(CentralDecided, (record_uuid, v.device_id))
        if row is None:
            s.add(
                CentralDecided(
                    record_uuid=record_uuid,
                    device_id=v.device_id,
                    revision=v.revision,
                    updated_at=v.updated_at,
                )
            )
        elif (v.revision, v.updated_at) > (row.revision, row.updated_at):
            row.revision, row.updated_at = v.revision, v.updated_at


def _refuse_withdrawn(s: Session, participant_uuid: str | None, record_uuid: str) -> None:
    code = withdrawn_code(s, participant_uuid)
    if code is not None:
        raise Conflict(
            f"participant {code} has withdrawn: every version of record {record_uuid} was "
            "destroyed, so there is nothing to choose"
        )


def _adopt(tx: Tx, record: RecordRow, chosen: CentralConflict, revision: int) -> None:
    """Makes a kept copy the record: its plain columns, its content sealed at `revision`."""
    item = conflict_item(tx, chosen)
    if item is None:
        raise Conflict(
            f"the version from device {chosen.device_id} can't be read: its participant withdrew"
        )
    _refuse_withdrawn(tx.session, item["participant_uuid"], record.uuid)
    for column in RECORD_COLUMNS:
        if column in item:
            setattr(record, column, item[column])
    record.key_id, record.revision = chosen.key_id, revision
    record.content_ct = tx.seal(
        "record", record.uuid, "content", revision, chosen.key_id, item["content"]
    )
