"""Records repository: answers, scores and alerts sealed under the subject's key."""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.record import Alert, Record, RecordMode, RecordStatus, SubjectKind
from sylcollect.errors import Conflict, NotFound
from sylcollect.storage.keyring import WORKSPACE_KEY_ID, Shredded
from sylcollect.storage.schema import RecordRow
from sylcollect.storage.tx import Tx

TABLE = "record"


class Records:
    """Saves and reads records within one transaction; every write is audited."""

    def __init__(self, tx: Tx) -> None:
        self._tx = tx
        self._s = tx.session

    def _key_id(self, record: Record) -> str:
        if record.participant_uuid is None:
            return WORKSPACE_KEY_ID
        participant = self._tx.participants.row_by_uuid(record.participant_uuid)
        if participant.withdrawn_at:
            raise Conflict("this participant has withdrawn: no new records can be added")
        return participant.key_id

    def add(self, record: Record) -> Record:
        """Stores a new record (its uuid may be given or is made)."""
        uuid = record.uuid or str(uuidlib.uuid4())
        if self._s.get(RecordRow, uuid) is not None:
            raise Conflict("a record with this id already exists")
        now = self._tx.now().isoformat()
        row = self._new_row(record, uuid, self._key_id(record), now)
        self._s.add(row)
        self._tx.audit(
            AuditAction.CREATE,
            TABLE,
            uuid,
            {"form": record.form_id, "version": record.form_version, "status": row.status},
            row.key_id,
        )
        return self._to_domain(row)

    def _new_row(self, record: Record, uuid: str, key_id: str, now: str) -> RecordRow:
        row = RecordRow(
            uuid=uuid,
            form_id=record.form_id,
            form_version=record.form_version,
            subject=record.subject.value,
            site_id=record.site_id,
            participant_uuid=record.participant_uuid,
            status=record.status.value,
            key_id=key_id,
            revision=1,
            created_at=now,
            updated_at=now,
        )
        row.content_ct = self._tx.seal(TABLE, uuid, "content", 1, key_id, record.content_json())
        return row

    def add_many(self, records: Sequence[Record]) -> int:
        """Bulk path: one executemany for the rows and one audit event for the batch."""
        now = self._tx.now().isoformat()
        key_ids: dict[str | None, str] = {None: WORKSPACE_KEY_ID}
        rows: list[dict[str, Any]] = []
        for record in records:
            if record.participant_uuid not in key_ids:
                key_ids[record.participant_uuid] = self._key_id(record)
            uuid = record.uuid or str(uuidlib.uuid4())
            key_id = key_ids[record.participant_uuid]
            rows.append(
                {
                    "uuid": uuid,
                    "form_id": record.form_id,
                    "form_version": record.form_version,
                    "subject": record.subject.value,
                    "site_id": record.site_id,
                    "participant_uuid": record.participant_uuid,
                    "status": record.status.value,
                    "key_id": key_id,
                    "revision": 1,
                    "created_at": now,
                    "updated_at": now,
                    "content_ct": self._tx.seal(
                        TABLE, uuid, "content", 1, key_id, record.content_json()
                    ),
                }
            )
        if rows:
            # Straight to the driver's executemany: the ORM's per-row bookkeeping costs more
            # than encrypting the row. Same statement, same transaction.
            conn = self._s.connection()
            columns = list(rows[0])
            mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
            sql = (
                f"INSERT INTO record ({', '.join(columns)}) "  # noqa: S608 (fixed column names)
                f"VALUES ({', '.join([mark] * len(columns))})"
            )
            conn.exec_driver_sql(sql, [tuple(r[c] for c in columns) for r in rows])
            self._tx.audit(
                AuditAction.CREATE,
                TABLE,
                None,
                {"bulk": len(rows), "uuids": [r["uuid"] for r in rows]},
                WORKSPACE_KEY_ID,
            )
        return len(rows)

    def update(self, record: Record) -> Record:
        """Saves a new revision of an existing record (answers, scores, alerts, status)."""
        row = self._s.get(RecordRow, record.uuid)
        if row is None:
            raise NotFound("no such record")
        if row.content_ct is None:
            raise Conflict("this record belongs to a withdrawn participant")
        row.revision += 1
        row.status = record.status.value
        row.updated_at = self._tx.now().isoformat()
        row.content_ct = self._tx.seal(
            TABLE, row.uuid, "content", row.revision, row.key_id, record.content_json()
        )
        details = {
            "revision": row.revision,
            "status": row.status,
            "alerts_acknowledged": sum(1 for a in record.alerts if a.acknowledged),
        }
        self._tx.audit(AuditAction.CHANGE, TABLE, row.uuid, details, row.key_id)
        return self._to_domain(row)

    def get(self, uuid: str) -> Record:
        row = self._s.get(RecordRow, uuid)
        if row is None:
            raise NotFound("no such record")
        return self._to_domain(row)

    def list(
        self,
        *,
        participant_uuid: str | None = None,
        form_id: str | None = None,
        status: RecordStatus | None = None,
        decrypt: bool = True,
    ) -> list[Record]:
        stmt = select(RecordRow).order_by(RecordRow.created_at, RecordRow.uuid)
        if participant_uuid is not None:
            stmt = stmt.where(RecordRow.participant_uuid == participant_uuid)
        if form_id is not None:
            stmt = stmt.where(RecordRow.form_id == form_id)
        if status is not None:
            stmt = stmt.where(RecordRow.status == status.value)
        return [self._to_domain(r, decrypt=decrypt) for r in self._s.scalars(stmt)]

    def count(self) -> int:
        from sqlalchemy import func

        return int(self._s.scalar(select(func.count()).select_from(RecordRow)) or 0)

    def _to_domain(self, row: RecordRow, decrypt: bool = True) -> Record:
        content: dict[str, Any] = {}
        shredded = row.content_ct is None
        if decrypt and row.content_ct is not None:
            try:
                content = self._tx.open(
                    TABLE, row.uuid, "content", row.revision, row.key_id, row.content_ct
                )
            except Shredded:
                shredded = True
        return record_from_row(row, content, shredded)


def record_from_row(row: RecordRow, content: dict[str, Any], shredded: bool) -> Record:
    started = content.get("started_at")
    paper = content.get("paper_date")
    alerts: Iterable[dict[str, Any]] = content.get("alerts") or []
    return Record(
        uuid=row.uuid,
        form_id=row.form_id,
        form_version=row.form_version,
        subject=SubjectKind(row.subject),
        site_id=row.site_id,
        participant_uuid=row.participant_uuid,
        wave_id=content.get("wave_id"),
        mode=RecordMode(content.get("mode") or RecordMode.INTERVIEWER.value),
        status=RecordStatus(row.status),
        answers=content.get("answers") or {},
        scores=content.get("scores") or {},
        alerts=tuple(Alert.from_json(a) for a in alerts),
        collected_by=str(content.get("collected_by") or ""),
        started_at=datetime.fromisoformat(started) if started else None,
        created_at=datetime.fromisoformat(row.created_at),
        updated_at=datetime.fromisoformat(row.updated_at),
        revision=row.revision,
        shredded=shredded,
        paper_date=date.fromisoformat(paper) if paper else None,
    )
