"""Observations repository: content sealed under the workspace data key."""

from __future__ import annotations

import uuid as uuidlib
from datetime import datetime

from sqlalchemy import select

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.observation import Observation
from sylcollect.storage.keyring import WORKSPACE_KEY_ID
from sylcollect.storage.schema import ObservationRow
from sylcollect.storage.tx import Tx

TABLE = "observation"


class Observations:
    """Logs and lists observations of project activities."""

    def __init__(self, tx: Tx) -> None:
        self._tx = tx
        self._s = tx.session

    def add(self, obs: Observation) -> Observation:
        now = self._tx.now().isoformat()
        uuid = obs.uuid or str(uuidlib.uuid4())
        row = ObservationRow(
            uuid=uuid,
            site_id=obs.site_id,
            key_id=WORKSPACE_KEY_ID,
            revision=1,
            created_at=now,
            updated_at=now,
        )
        row.content_ct = self._tx.seal(TABLE, uuid, "content", 1, row.key_id, obs.content_json())
        self._s.add(row)
        self._tx.audit(AuditAction.CREATE, TABLE, uuid, {"site": obs.site_id}, row.key_id)
        return self._to_domain(row)

    def list(self, site_id: str | None = None) -> list[Observation]:
        stmt = select(ObservationRow).order_by(ObservationRow.created_at)
        if site_id is not None:
            stmt = stmt.where(ObservationRow.site_id == site_id)
        return [self._to_domain(r) for r in self._s.scalars(stmt)]

    def _to_domain(self, row: ObservationRow) -> Observation:
        d = self._tx.open(TABLE, row.uuid, "content", row.revision, row.key_id, row.content_ct)
        return Observation(
            uuid=row.uuid,
            site_id=row.site_id,
            activity_type=d["activity_type"],
            started_at=datetime.fromisoformat(d["started_at"]),
            duration_minutes=int(d["duration_minutes"]),
            participant_codes=tuple(d["participant_codes"]),
            notes=d["notes"],
            tags=tuple(d["tags"]),
            milestone_ids=tuple(d["milestone_ids"]),
            observed_by=d["observed_by"],
            created_at=datetime.fromisoformat(row.created_at),
            updated_at=datetime.fromisoformat(row.updated_at),
            revision=row.revision,
        )
