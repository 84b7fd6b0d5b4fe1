"""One export: choose forms and records, build the tables, audit, write files and codebook."""

from __future__ import annotations

import contextlib
import enum
import gc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sylcollect.domain.record import Record
from sylcollect.errors import InvalidInput
from sylcollect.export.codebook import codebook_csv, codebook_pdf, codebook_rows
from sylcollect.export.files import prepare_folder, write_file
from sylcollect.export.layout import RowContext, TablePlan, plan_form
from sylcollect.export.rows import Row, table_rows
from sylcollect.export.schema import Table
from sylcollect.export.source import ExportFilter, ExportSource
from sylcollect.export.write_stat import stat_bytes
from sylcollect.export.write_text import csv_bytes, xlsx_bytes

CODEBOOK_NAME = "codebook"


class ExportFormat(enum.StrEnum):
    """The file formats an export can write."""

    CSV = "csv"
    XLSX = "xlsx"
    SAV = "sav"
    DTA = "dta"


@dataclass(frozen=True)
class ExportRequest:
    """What to export, where to, and whether identifiers go with it."""

    format: ExportFormat
    out_dir: Path
    filter: ExportFilter = field(default_factory=ExportFilter)
    include_identifiers: bool = False


@dataclass(frozen=True)
class ExportResult:
    """What was written: file paths, rows per table, records, warnings (never values)."""

    files: tuple[Path, ...]
    rows: dict[str, int]
    records: int
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "files": [str(p) for p in self.files],
            "rows": self.rows,
            "records": self.records,
            "warnings": list(self.warnings),
        }


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pauses the cycle collector while millions of acyclic row values are made (its passes
    over the growing heap cost more than the rows themselves); restores it after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_filter(source: ExportSource, flt: ExportFilter) -> list[str]:
    study = source.study
    known_forms = source.forms.form_ids()
    for kind, chosen, known in (
        ("site", flt.sites, [s.id for s in study.sites]),
        ("wave", flt.waves, [w.id for w in study.waves]),
        ("form", flt.forms, known_forms),
    ):
        unknown = sorted(set(chosen) - set(known))
        if unknown:
            raise InvalidInput(f"unknown {kind} '{unknown[0]}' ({kind}s: {', '.join(known)})")
    return [f for f in known_forms if not flt.forms or f in flt.forms]


def build_tables(
    source: ExportSource, request: ExportRequest
) -> tuple[list[tuple[Table, list[Row]]], int, list[str]]:
    """Every table of the chosen forms with its rows; the number of records; warnings."""
    form_ids = _check_filter(source, request.filter)
    plans: dict[str, list[TablePlan]] = {
        fid: plan_form(source.forms.entry(fid), request.include_identifiers) for fid in form_ids
    }
    by_form: dict[str, list[Record]] = {fid: [] for fid in form_ids}
    strays = 0
    for record in source.records(request.filter):
        bucket = by_form.get(record.form_id)
        if bucket is None:
            strays += 1
        else:
            bucket.append(record)
    identities = {}
    if request.include_identifiers:
        people = sorted({r.participant_uuid for rs in by_form.values() for r in rs
                         if r.participant_uuid})  # fmt: skip
        identities = dict(source.identities(people))
    ctx = RowContext(source.participant_codes(), identities)
    tables = [
        (plan.table, table_rows(plan, by_form[fid], ctx)) for fid in form_ids for plan in plans[fid]
    ]
    warnings = []
    if strays:
        warnings.append(f"{strays} record(s) of forms this study does not list were left out")
    return tables, sum(len(rs) for rs in by_form.values()), warnings


def _audit_details(
    request: ExportRequest, tables: Sequence[tuple[Table, list[Row]]], records: int
) -> dict[str, Any]:
    identifiers = sorted({v.name for t, _ in tables for v in t.variables if v.identifier})
    return {
        "format": request.format.value,
        "folder": str(request.out_dir),
        "filter": request.filter.describe(),
        "include_identifiers": request.include_identifiers,
        "identifier_variables": identifiers,
        "records": records,
        "tables": {t.name: len(rows) for t, rows in tables},
    }


def run_export(source: ExportSource, request: ExportRequest) -> ExportResult:
    """Exports the chosen forms' records to `request.out_dir` in `request.format`.

    The export is audited (what, never values) before any file is written, so an export
    with identifiers can't leave files without an audit event.
    """
    with _gc_paused():
        return _run(source, request)


def _run(source: ExportSource, request: ExportRequest) -> ExportResult:
    fmt = request.format.value
    tables, records, warnings = build_tables(source, request)
    out_dir = prepare_folder(request.out_dir)
    source.audit_export(_audit_details(request, tables, records))
    versions = {
        fid: [f.version for f in source.forms.entry(fid).versions]
        for fid in dict.fromkeys(t.form_id for t, _ in tables)
    }
    book = codebook_rows([t for t, _ in tables], fmt, versions)
    files: list[Path] = []
    unlabelled = 0
    if request.format is ExportFormat.XLSX:
        for form_id in versions:
            mine = [(t, rows) for t, rows in tables if t.form_id == form_id]
            own_book = [row for row in book if row[0] in {t.name for t, _ in mine}]
            data = xlsx_bytes(mine, own_book, out_dir)
            files.append(write_file(out_dir / f"{form_id}.xlsx", data))
    else:
        for table, rows in tables:
            if request.format is ExportFormat.CSV:
                data = csv_bytes(table, rows)
            else:
                data, missed = stat_bytes(fmt, table, rows, table.title, out_dir)
                unlabelled += missed
            files.append(write_file(out_dir / f"{table.name}.{fmt}", data))
    files.append(write_file(out_dir / f"{CODEBOOK_NAME}.csv", codebook_csv(book)))
    files.append(
        write_file(out_dir / f"{CODEBOOK_NAME}.pdf", codebook_pdf(book, source.study.name, fmt))
    )
    if unlabelled:
        warnings.append(f"{unlabelled} answer(s) matched no choice code and were left empty")
    return ExportResult(
        tuple(files), {t.name: len(rows) for t, rows in tables}, records, tuple(warnings)
    )
