"""What is wrong with a form file that pyxform can't even open, said plainly.

pyxform answers an empty file, a text file renamed `.xlsx` or a CSV without a survey
sheet alike: "Argument 'definition' was not recognized as a supported type. Must be one
of: .xlsx, ... .md, .csv", although the extension is supported. These checks say what is
actually wrong ("the file is empty", "this is not an Excel workbook", "no survey sheet").
"""

from __future__ import annotations

_ZIP = b"PK\x03\x04"  # .xlsx and .xlsm are zip archives
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and password-protected workbooks)
_NOT_RECOGNISED = "Argument 'definition' was not recognized"

NO_SURVEY = {
    ".md": "no survey sheet: a markdown XLSForm needs a '| survey |' table, its header "
    "and rows written '| | type | name | label |'",
    ".csv": "no survey sheet: in a CSV XLSForm a row whose first cell is 'survey' starts "
    "the sheet, and its header and rows follow with an empty first cell",
}


def _is_text(data: bytes) -> bool:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def file_problem(data: bytes, suffix: str) -> str | None:
    """Why a file with this suffix can't be a form at all, or None when pyxform may read it."""
    if not data.strip():
        return "the file is empty"
    if suffix in (".xlsx", ".xlsm"):
        if data.startswith(_OLE):
            return (
                f"this is not an Excel {suffix} workbook: it is an older .xls workbook or a "
                f"password-protected one (save it as {suffix} without a password)"
            )
        if not data.startswith(_ZIP):
            return "this is not an Excel workbook" + (" (it holds text)" if _is_text(data) else "")
    elif suffix == ".xls":
        if data.startswith(_ZIP):
            return "this is not an Excel 97-2003 .xls workbook: it looks like an .xlsx one"
        if not data.startswith(_OLE):
            return "this is not an Excel workbook" + (" (it holds text)" if _is_text(data) else "")
    elif suffix in NO_SURVEY:
        if not _is_text(data):
            return "this is not UTF-8 text (save the file as UTF-8)"
        if not data.decode("utf-8-sig").strip():
            return "the file is empty"
    return None


def unreadable(message: str, suffix: str) -> str | None:
    """A plain reason for pyxform's "not recognized" refusal of a file that passed
    `file_problem`, or None for any other message."""
    if not message.startswith(_NOT_RECOGNISED):
        return None
    return NO_SURVEY.get(suffix, "this is not an Excel workbook, or it is damaged")
