"""The `safeguarding` sheet of an XLSForm: rules whose expression, when true, alerts the
fieldworker with a message. The expression engine (`sylcollect.forms.expr`) evaluates them.

Columns (case-insensitive): id, expression, message, notes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sylcollect.errors import InvalidInput
from sylcollect.forms.scoring_sheet import (
    FIRST_DATA_ROW,
    NAME_RE,
    REF_RE,
    sheet_rows,
    unknown_columns,
)

COLUMNS = ("id", "expression", "message", "notes")
REQUIRED = ("id", "expression", "message")


class SafeguardingSheetError(InvalidInput):
    """A `safeguarding` sheet is invalid; the message names the row, the column and the fix."""


@dataclass(frozen=True)
class SafeguardingRule:
    """One rule: when `expression` holds for a record, show `message` to the fieldworker."""

    id: str
    expression: str
    message: str
    row: int = 0

    @property
    def references(self) -> tuple[str, ...]:
        """The question names the expression refers to as `${name}`, in first-use order."""
        return tuple(dict.fromkeys(REF_RE.findall(self.expression)))


def _fail(row: int, column: str, problem: str) -> SafeguardingSheetError:
    return SafeguardingSheetError(f"safeguarding sheet, row {row}, column '{column}': {problem}")


def _parse_row(row: int, cells: Mapping[str, str]) -> SafeguardingRule:
    extra = unknown_columns(cells, COLUMNS)
    if extra:
        raise _fail(row, extra[0], f"unknown column (known: {', '.join(COLUMNS)})")
    for column in REQUIRED:
        if not cells.get(column):
            raise _fail(row, column, "required")
    rule_id, expression = cells["id"], cells["expression"]
    if not NAME_RE.match(rule_id):
        raise _fail(row, "id", f"'{rule_id}' must start with a letter and use letters, digits, _")
    if expression.count("${") != len(REF_RE.findall(expression)):
        raise _fail(row, "expression", "a '${' reference is not closed with '}'")
    for name in REF_RE.findall(expression):
        if not NAME_RE.match(name):
            raise _fail(row, "expression", f"'${{{name}}}' is not a valid question reference")
    return SafeguardingRule(rule_id, expression, cells["message"], row)


def parse_safeguarding_sheet(
    rows: Sequence[Mapping[str, object]], first_row: int = FIRST_DATA_ROW
) -> tuple[SafeguardingRule, ...]:
    """Validate a `safeguarding` sheet's rows into rules; raise SafeguardingSheetError."""
    rules: list[SafeguardingRule] = []
    for row, cells in sheet_rows(rows, first_row):
        rule = _parse_row(row, cells)
        if any(r.id == rule.id for r in rules):
            raise _fail(row, "id", f"'{rule.id}' is used by an earlier rule")
        rules.append(rule)
    return tuple(rules)


def check_references(rules: Sequence[SafeguardingRule], names: frozenset[str]) -> None:
    """Raise SafeguardingSheetError when a rule refers to a question the form lacks."""
    for rule in rules:
        unknown = [n for n in rule.references if n not in names]
        if unknown:
            raise _fail(rule.row, "expression", f"no question named {', '.join(unknown)}")
