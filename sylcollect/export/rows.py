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


_NAMES, _ONE, _MANY = 0, 1, 2
Step = tuple[int, Any]


def _steps(columns: Sequence[Column]) -> list[Step]:
    """Columns grouped for speed: runs of plain answer names are read with one `map`."""
    steps: list[Step] = []
    for column in columns:
        if column.name is not None and not column.multi:
            if steps and steps[-1][0] == _NAMES:
                steps[-1] = (_NAMES, (*steps[-1][1], column.name))
            else:
                steps.append((_NAMES, (column.name,)))
        else:
            steps.append((_MANY if column.multi else _ONE, column.get))
    return steps


class _RowMaker:
    """Builds rows: the fast path reads plain answer names straight from the answers dict;
    a scope that gives a group as a nested object takes the general path."""

    def __init__(self, plan: TablePlan, ctx: RowContext) -> None:
        self.columns = plan.columns
        self.steps = _steps(plan.columns)
        self.groups = plan.group_names
        self.ctx = ctx

    def make(self, row: Row, record: Record, scope: Scope) -> Row:
        ctx = self.ctx
        if self.groups and not self.groups.isdisjoint(scope):
            return _fill(row, self.columns, record, scope, ctx)
        get = scope.get
        for kind, payload in self.steps:
            if kind == _NAMES:
                row += map(get, payload)
            elif kind == _ONE:
                row.append(payload(record, scope, ctx))
            else:
                row += payload(record, scope, ctx)
        return row


def _instances(scope: Scope, read: Any) -> list[Mapping[str, Any]]:
    found = read(scope)
    if not isinstance(found, list):
        return []
    return [item for item in found if isinstance(item, Mapping)]


def table_rows(plan: TablePlan, records: Sequence[Record], ctx: RowContext) -> list[Row]:
    """Every row of `plan`'s table for `records` (all of the table's form)."""
    maker = _RowMaker(plan, ctx)
    if not plan.table.is_repeat:
        make = maker.make
        return [make([], r, r.answers) for r in records]
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
            rows.append(maker.make(keys, record, scope))
    return rows


def _walk(scope: Scope, readers: Sequence[Any], trail: tuple[int, ...]
          ) -> Iterator[tuple[tuple[int, ...], Scope]]:  # fmt: skip
    for index, instance in enumerate(_instances(scope, readers[0]), 1):
        if len(readers) == 1:
            yield (*trail, index), instance
        else:
            yield from _walk(instance, readers[1:], (*trail, index))
