"""Driver-level plumbing of the central import: bulk inserts and updates in the importing
transaction, chunked `IN` lookups, and the payload item of a stored record version.

The ORM's per-row bookkeeping costs more than encrypting a row, so the import writes through
the session's connection with one `executemany` per table and statement (same session, same
transaction; pending ORM changes are flushed first so foreign keys see them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from sylcollect.storage.schema import CentralConflict, RecordRow
from sylcollect.storage.tx import Tx

BATCH = 4000  # values per `IN (...)` lookup: under SQLite's and libpq's parameter limits

RECORD_COLUMNS = (
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
)


def chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    """`values` in slices small enough for an `IN (...)` list on every backend."""
    for i in range(0, len(values), BATCH):
        yield values[i : i + BATCH]


def _mark(session: Session) -> str:
    return "?" if session.connection().dialect.paramstyle == "qmark" else "%s"


def insert_rows(
    session: Session, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """One `INSERT ... VALUES` executemany of `rows` (tuples in `columns` order)."""
    if not rows:
        return
    session.flush()
    mark = _mark(session)
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 (fixed names)
        f"VALUES ({', '.join([mark] * len(columns))})"
    )
    session.connection().exec_driver_sql(sql, rows)


def update_rows(
    session: Session,
    table: str,
    columns: Sequence[str],
    keys: Sequence[str],
    rows: list[tuple[Any, ...]],
) -> None:
    """One `UPDATE ... WHERE key = ?` executemany; each row holds `columns` then `keys`."""
    if not rows:
        return
    session.flush()
    mark = _mark(session)
    sets = ", ".join(f"{c} = {mark}" for c in columns)
    where = " AND ".join(f"{k} = {mark}" for k in keys)
    sql = f"UPDATE {table} SET {sets} WHERE {where}"  # noqa: S608 (fixed names)
    session.connection().exec_driver_sql(sql, rows)


def row_item(tx: Tx, row: RecordRow) -> dict[str, Any]:
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
