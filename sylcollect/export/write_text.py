"""CSV and XLSX: stored values as they are (choice names, `pnts`, ISO dates), names in full.

CSV files are UTF-8 without a byte-order mark, comma separated, RFC 4180 quoting, one header
row of variable names. A text value that a spreadsheet would run as a formula (it starts with
=, +, -, @, a tab or a carriage return, and is not simply a signed number such as a calculated
"-1") gets a leading apostrophe in CSV, as OWASP advises and Ona's ODK server does: a young
person's free-text answer must not become a formula on the analyst's computer. XLSX
workbooks (openpyxl) hold one sheet per table plus `codebook`; their text cells are typed as
text, so they keep such values exactly.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sylcollect.export.codebook import COLUMNS
from sylcollect.export.files import scratch_file
from sylcollect.export.names import shorten
from sylcollect.export.schema import Table, VarKind

_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SHEET_NAME_LIMIT = 31
CODEBOOK_SHEET = "codebook"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula."""


def csv_bytes(table: Table, rows: Sequence[Sequence[Any]]) -> bytes:
    """One table as CSV (None -> empty cell; text that starts a formula made safe)."""
    raw = io.BytesIO()
    text = io.TextIOWrapper(raw, encoding="utf-8", newline="")  # far faster than StringIO
    writer = csv.writer(text)
    writer.writerow([v.name for v in table.variables])
    texts = [i for i, v in enumerate(table.variables) if v.kind is VarKind.TEXT]
    writer.writerows(_safe_rows(rows, texts) if texts else rows)
    text.flush()
    return raw.getvalue()


_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _formula(value: object) -> bool:
    """Text a spreadsheet would run as a formula; a plain signed number ("-1", "+2.5", a
    calculated value stored as text) is only a number to it and is left as it is."""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and _NUMBER.fullmatch(value) is None
    )


def _safe_rows(rows: Sequence[Sequence[Any]], texts: list[int]) -> Iterator[Sequence[Any]]:
    """The rows, each copied only if one of its text cells starts a formula."""
    for row in rows:
        risky = [i for i in texts if _formula(row[i])]
        if not risky:
            yield row
            continue
        safe = list(row)
        for i in risky:
            safe[i] = "'" + safe[i]
        yield safe


def sheet_title(name: str, taken: set[str]) -> str:
    """A unique Excel sheet name (at most 31 characters) for a table."""
    title = shorten(name, SHEET_NAME_LIMIT)
    salt = 0
    while title.lower() in taken:
        salt += 1
        title = shorten(name, SHEET_NAME_LIMIT, salt)
    taken.add(title.lower())
    return title


def _excel_value(kind: VarKind, value: Any) -> Any:
    if value is None:
        return None
    if kind is VarKind.NUMBER and isinstance(value, int | float):
        return value
    text = str(value)
    try:
        if kind is VarKind.DATE:
            return date.fromisoformat(text)
        if kind is VarKind.DATETIME:
            moment = datetime.fromisoformat(text)
            if moment.tzinfo is not None:
                moment = moment.astimezone(UTC).replace(tzinfo=None)
            return moment
    except ValueError:
        pass
    return _ILLEGAL_XML.sub("", text)


def xlsx_bytes(
    tables: Sequence[tuple[Table, Sequence[Sequence[Any]]]],
    codebook: Sequence[Sequence[str]],
    scratch_dir: Path,
) -> bytes:
    """A workbook: one sheet per table, then the codebook sheet.

    openpyxl streams each sheet through a file before zipping; that file is a scratch file in
    the export folder (never the system temp folder) and is removed as soon as it is zipped.
    """
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
    from openpyxl.worksheet._writer import WorksheetWriter  # type: ignore[import-untyped]

    class ScratchWriter(WorksheetWriter):  # type: ignore[misc]
        """openpyxl's sheet writer with its stream file where we say."""

        def cleanup(self) -> None:
            Path(self.out).unlink(missing_ok=True)

    sheets: list[tuple[str, list[str], list[VarKind], Sequence[Sequence[Any]]]] = [
        (t.name, [v.name for v in t.variables], [v.kind for v in t.variables], rows)
        for t, rows in tables
    ]
    sheets.append((CODEBOOK_SHEET, list(COLUMNS), [VarKind.TEXT] * len(COLUMNS), codebook))
    workbook = Workbook(write_only=True)
    taken = {CODEBOOK_SHEET}
    with contextlib.ExitStack() as stack:
        for name, header, kinds, rows in sheets:
            title = CODEBOOK_SHEET if name == CODEBOOK_SHEET else sheet_title(name, taken)
            sheet = workbook.create_sheet(title)
            path = stack.enter_context(scratch_file(scratch_dir, ".xml"))
            sheet._writer = ScratchWriter(sheet, out=str(path))
            sheet._writer.write_top()
            sheet.append(header)
            for row in rows:
                cells = []
                for kind, value in zip(kinds, row, strict=True):
                    cell = WriteOnlyCell(sheet, _excel_value(kind, value))
                    if cell.data_type == "f":  # text that starts with "=" stays text
                        cell.data_type = "s"
                    cells.append(cell)
                sheet.append(cells)
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()
