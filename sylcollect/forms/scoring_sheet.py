"""Reading the rows of our extra XLSForm sheets (`scoring`, `safeguarding`) as plain text.

The XLSForm reader gives a sheet as a list of rows, each mapping a column header to the
cell (text, or None for an empty cell). Headers are matched case-insensitively; blank rows
are skipped; row numbers count the header row as row 1, so the first data row is row 2.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

#: A name usable for a scale, a rule id or an XLSForm question.
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
#: A `${name}` reference inside an expression.
REF_RE = re.compile(r"\$\{([^}]*)\}")

#: First data row's number, counting the header row as row 1.
FIRST_DATA_ROW = 2


def sheet_rows(
    rows: Sequence[Mapping[str, object]], first_row: int = FIRST_DATA_ROW
) -> list[tuple[int, dict[str, str]]]:
    """The non-blank rows as (row number, {lower-case header: stripped text})."""
    out: list[tuple[int, dict[str, str]]] = []
    for offset, raw in enumerate(rows):
        cells: dict[str, str] = {}
        for key, value in raw.items():
            if key is None or value is None:
                continue
            header = str(key).strip().lower()
            text = str(value).strip()
            if header and text:
                cells[header] = text
        if cells:
            out.append((first_row + offset, cells))
    return out


def unknown_columns(cells: Mapping[str, str], known: Iterable[str]) -> list[str]:
    """Headers of non-empty cells that are not among `known`, sorted."""
    allowed = set(known)
    return sorted(h for h in cells if h not in allowed)


def split_names(text: str) -> list[str]:
    """Space-separated names (commas are accepted as separators too)."""
    return text.replace(",", " ").split()
