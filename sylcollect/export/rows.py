"""Rows of stored values for a table: one per record, or one per repeat instance."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sylcollect.domain.record import Record
from sylcollect.export.layout import Column, RowContext, Scope, TablePlan, lookup

Row = list[Any]


def _fill(row: Row, columns: Sequence[Column], record: Record, scope: Scope,
          ctx: RowContext) -> Row:  # fmt: skip
    for column in columns:
        if column.multi:
            row.extend(column.get(record, scope, ctx))
        else:
            row.append(column.get(record, scope, ctx))
    return row


def _instances(scope: Scope, read: Any) -> list[Mapping[str, Any]]:
    found = read(scope)
    if not isinstance(found, list):
        return []
    return [item for item in found if isinstance(item, Mapping)]


def table_rows(plan: TablePlan, records: Sequence[Record], ctx: RowContext) -> list[Row]:
    """Every row of `plan`'s table for `records` (all of the table's form)."""
    columns = plan.columns
    if not plan.table.is_repeat:
        if not any(c.multi for c in columns):
            getters = [c.get for c in columns]
            return [[get(r, r.answers, ctx) for get in getters] for r in records]
        return [_fill([], columns, r, r.answers, ctx) for r in records]
    levels = zip(plan.table.repeat, plan.repeat_paths, strict=True)
    readers = [lookup(name, paths) for name, paths in levels]
    nested = len(readers) > 1
    rows: list[Row] = []
    for record in records:
        for trail, scope in _walk(record.answers, readers, ()):
            keys: Row = [record.uuid]
            if nested:
                keys.append(".".join(str(i) for i in trail[:-1]))
            keys.append(trail[-1])
            rows.append(_fill(keys, columns, record, scope, ctx))
    return rows


def _walk(scope: Scope, readers: Sequence[Any], trail: tuple[int, ...]
          ) -> Iterator[tuple[tuple[int, ...], Scope]]:  # fmt: skip
    for index, instance in enumerate(_instances(scope, readers[0]), 1):
        if len(readers) == 1:
            yield (*trail, index), instance
        else:
            yield from _walk(instance, readers[1:], (*trail, index))
