"""The codebook: every variable of every table, as CSV rows and as a PDF (reportlab).

Columns: table, variable (the name in this export's files), full_name (before shortening),
label, type, values, missing, form_versions, source_question, free_text, identifier, note.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from sylcollect import pdf_fonts
from sylcollect.export.names import NameAllocator
from sylcollect.export.schema import DECLINED, DECLINED_LABEL, Table, Variable, VarKind, VarRole

COLUMNS = (
    "table",
    "variable",
    "full_name",
    "label",
    "type",
    "values",
    "missing",
    "form_versions",
    "source_question",
    "free_text",
    "identifier",
    "note",
)
LABELLED_FORMATS = frozenset({"sav", "dta"})


def format_names(table: Table, fmt: str) -> list[str]:
    """The variable names `table` has in files of format `fmt` (shortened for SPSS/Stata)."""
    names = NameAllocator(fmt)
    return [names.name(v.name) for v in table.variables]


def _type(variable: Variable, fmt: str) -> str:
    if variable.kind is VarKind.CODED:
        if fmt in LABELLED_FORMATS:
            return "numeric (coded, value labels)"
        return "string (band label)" if variable.role is VarRole.BAND else "string (choice name)"
    if variable.kind is VarKind.NUMBER and variable.value_labels:
        return "numeric 0/1 (value labels)" if fmt in LABELLED_FORMATS else "numeric 0/1"
    return variable.kind.value


def _values(variable: Variable) -> str:
    if variable.kind is VarKind.CODED:
        by_code = {code: text for text, code in variable.codes.items()}
        parts = []
        for code, label in variable.value_labels.items():
            stored = by_code.get(code, "")
            shown = f" [{stored}]" if stored not in ("", str(code), label) else ""
            more = variable.value_notes.get(code)
            parts.append(f"{code} = {label}{shown}" + (f" ({more})" if more else ""))
        return "; ".join(parts)
    return "; ".join(f"{code} = {label}" for code, label in variable.value_labels.items())


def _missing(variable: Variable, fmt: str) -> str:
    if not variable.declinable:
        return ""
    if fmt == "sav":
        return f"{variable.missing_code} = {DECLINED_LABEL} [{DECLINED}] (user-missing)"
    if fmt == "dta":
        return f".a = {DECLINED_LABEL} [{DECLINED}] (extended missing)"
    return f"{DECLINED} = {DECLINED_LABEL}"


def codebook_rows(
    tables: Sequence[Table], fmt: str, form_versions: Mapping[str, Sequence[str]]
) -> list[list[str]]:
    """One row per variable per table, in file order."""
    rows: list[list[str]] = []
    for table in tables:
        every = ", ".join(form_versions.get(table.form_id, ()))
        for variable, name in zip(table.variables, format_names(table, fmt), strict=True):
            rows.append(
                [
                    table.name,
                    name,
                    variable.name,
                    variable.label,
                    _type(variable, fmt),
                    _values(variable),
                    _missing(variable, fmt),
                    ", ".join(variable.versions) or every,
                    variable.source,
                    "yes" if variable.free_text else "",
                    "yes" if variable.identifier else "",
                    variable.note,
                ]
            )
    return rows


def codebook_csv(rows: Sequence[Sequence[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def codebook_pdf(rows: Sequence[Sequence[str]], study_name: str, fmt: str) -> bytes:
    """The codebook as a landscape A4 PDF, rendered in memory."""
    from reportlab.lib import colors  # type: ignore[import-untyped]
    from reportlab.lib.pagesizes import A4, landscape  # type: ignore[import-untyped]
    from reportlab.lib.styles import getSampleStyleSheet  # type: ignore[import-untyped]
    from reportlab.lib.units import mm  # type: ignore[import-untyped]
    from reportlab.platypus import (  # type: ignore[import-untyped]
        LongTable,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        TableStyle,
    )

    pdf_fonts.register()  # labels in the form's other languages print as written
    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontName=pdf_fonts.FONT, fontSize=7, leading=8.5)
    head = cell.clone("head", fontName=pdf_fonts.BOLD)
    shown = ("variable", "label", "type", "values", "missing", "form_versions",
             "source_question", "free_text", "identifier")  # fmt: skip
    index = [COLUMNS.index(c) for c in shown]
    widths = [36, 58, 26, 60, 30, 14, 32, 9, 12]  # mm, 277 in all
    story: list[object] = [
        Paragraph(
            escape(f"Codebook: {study_name}"),
            styles["Title"].clone("title", fontName=pdf_fonts.BOLD),
        ),
        Paragraph(
            escape(
                f"Format: {fmt}. Made {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Empty cells in the "
                f"data are questions not asked or not answered; see the 'missing' column for "
                f"'{DECLINED_LABEL}'."
            ),
            styles["BodyText"],
        ),
    ]
    for table_name in dict.fromkeys(r[0] for r in rows):
        story += [Spacer(1, 4 * mm), Paragraph(escape(f"Table {table_name}"), styles["Heading2"])]
        data = [[Paragraph(c.replace("_", " "), head) for c in shown]]
        data += [
            [Paragraph(escape(row[i]), cell) for i in index] for row in rows if row[0] == table_name
        ]
        grid = LongTable(data, colWidths=[w * mm for w in widths], repeatRows=1)
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(grid)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm,
        bottomMargin=10 * mm,
        title=f"Codebook: {study_name}",
        invariant=1,
    )
    doc.build(story)
    return buffer.getvalue()
