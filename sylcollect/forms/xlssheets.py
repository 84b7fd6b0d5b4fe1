"""Read the sheets pyxform ignores (`scoring`, `safeguarding`, any other) as raw rows."""

from __future__ import annotations

import csv
from io import BytesIO, StringIO
from typing import Any

from pyxform import constants
from pyxform.xls2json_backends import (
    _md_table_to_ss_structure,
    get_excel_column_headers,
    get_excel_rows,
    xls_value_to_unicode,
    xlsx_value_to_str,
)

Sheets = dict[str, list[dict[str, str]]]


def _known(sheet: str) -> bool:
    return sheet.strip().lower() in constants.SUPPORTED_SHEET_NAMES


def _clean(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _rows(header: list[str | None], body: list[list[Any]]) -> list[dict[str, str]]:
    rows = []
    for raw in body:
        row = {}
        for key, cell in zip(header, raw, strict=False):
            text = _clean(cell)
            if key and text:
                row[key] = text
        rows.append(row)
    return rows


def _md(data: bytes) -> Sheets:
    sheets: Sheets = {}
    for name, contents in _md_table_to_ss_structure(data.decode("utf-8")).items():
        if not name or _known(name) or not contents:
            continue
        header = [_clean(h) or None for h in contents[0]]
        sheets[name.strip().lower()] = _rows(header, [list(r) for r in contents[1:]])
    return sheets


def _csv(data: bytes) -> Sheets:
    sheets: Sheets = {}
    current: list[dict[str, str]] | None = None
    header: list[str | None] | None = None
    for line in csv.reader(StringIO(data.decode("utf-8-sig"), newline="")):
        if not line:
            continue
        if line[0].strip():
            name = line[0].strip()
            current = None if _known(name) else sheets.setdefault(name.lower(), [])
            header = None
        content = [c.strip() for c in line[1:]]
        if current is None or not any(content):
            continue
        if header is None:
            header = [c or None for c in content]
        else:
            current.extend(_rows(header, [list(content)]))
    return sheets


def _xlsx(data: bytes) -> Sheets:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    try:
        sheets: Sheets = {}
        for name in book.sheetnames:
            if _known(name):
                continue
            sheet = book[name]
            header = get_excel_column_headers(c.value for c in next(sheet.rows, ()))
            body = sheet.iter_rows(min_row=2, max_col=len(header))
            rows = get_excel_rows(header, body, lambda c, _r, _k: xlsx_value_to_str(c.value))
            sheets[name.strip().lower()] = [{k: _clean(v) for k, v in r.items()} for r in rows]
        return sheets
    finally:
        book.close()


def _xls(data: bytes) -> Sheets:
    from xlrd import open_workbook  # type: ignore[import-untyped]

    book = open_workbook(file_contents=data)
    try:
        sheets: Sheets = {}
        for sheet in book.sheets():
            if _known(sheet.name):
                continue
            header = get_excel_column_headers(c.value for c in next(sheet.get_rows(), ()))
            body = (
                tuple(sheet.cell(r, c) for c in range(len(header))) for r in range(1, sheet.nrows)
            )

            def cell(c: Any, _r: int, _k: str) -> str:
                value = c.value.strip() if isinstance(c.value, str) else c.value
                return str(xls_value_to_unicode(value, c.ctype, book.datemode))

            rows = get_excel_rows(header, body, cell)
            sheets[sheet.name.strip().lower()] = [
                {k: _clean(v) for k, v in r.items()} for r in rows
            ]
        return sheets
    finally:
        book.release_resources()


def strip_unknown_csv(data: bytes) -> bytes:
    """A CSV XLSForm without the sheets pyxform does not know (its CSV reader fails on them)."""
    lines = list(csv.reader(StringIO(data.decode("utf-8-sig"), newline="")))
    names = [line[0].strip() for line in lines if line and line[0].strip()]
    if all(_known(name) for name in names):
        return data
    out = StringIO()
    writer = csv.writer(out, lineterminator="\n")
    keep = True
    for line in lines:
        if line and line[0].strip():
            keep = _known(line[0])
        if keep:
            writer.writerow(line)
    return out.getvalue().encode("utf-8")


_READERS = {".md": _md, ".csv": _csv, ".xlsx": _xlsx, ".xlsm": _xlsx, ".xls": _xls}


def read_extra_sheets(data: bytes, suffix: str, sheet_names: list[str]) -> Sheets:
    """The rows of every sheet pyxform does not read, by lower-case sheet name.

    `sheet_names` are the sheets pyxform saw (it lists them all, except for CSV). Headers
    are kept as written (stripped); values are strings; blank cells are left out of a row;
    spreadsheet rows stay in place (blank ones as {}) so row i is sheet row i + 2.
    """
    if suffix.lower() != ".csv" and (
        len(sheet_names) < 2 or all(_known(name) for name in sheet_names)
    ):
        return {}  # nothing extra; a lone sheet of any name is the survey sheet
    reader = _READERS.get(suffix.lower())
    return reader(data) if reader else {}
