"""One export: choose forms and records, build the tables, audit, write files and codebook.

Progress and cancel (`sylcollect.progress`): `run_export(..., progress=hook)` reports each
`ExportPhase` and stops with `Cancelled` at the points where it checks (every 1,000 records
read, before each table and before each file). A stopped export leaves the folder as it was:
files are written to a hidden folder inside it and moved into place only when all are ready.
"""

from __future__ import annotations

import contextlib
import enum
import gc
import operator
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sylcollect.domain.record import Record
from sylcollect.errors import Cancelled, InvalidInput
from sylcollect.export.codebook import codebook_csv, codebook_pdf, codebook_rows
from sylcollect.export.files import prepare_folder
from sylcollect.export.layout import RowContext, TablePlan, plan_form
from sylcollect.export.observations import observation_rows, observation_table, table_name
from sylcollect.export.rows import Row, table_rows
from sylcollect.export.schema import Table
from sylcollect.export.source import ExportFilter, ExportSource, RecordStream
from sylcollect.export.staging import Staging
from sylcollect.export.write_stat import stat_bytes
from sylcollect.export.write_text import csv_bytes, xlsx_bytes
from sylcollect.progress import NO_PROGRESS, Progress, check

CODEBOOK_NAME = "codebook"
#: Records read between two progress steps (and cancel checks) while reading.
EVERY = 1000


class ExportFormat(enum.StrEnum):
    """The file formats an export can write."""

    CSV = "csv"
    XLSX = "xlsx"
    SAV = "sav"
    DTA = "dta"


class ExportPhase(enum.StrEnum):
    """What an export is doing: the `what` of its `Progress.step(done, total, what, name)`."""

    READING = "reading"  # done/total: stored records read and decrypted (total 0: not known)
    BUILDING = "building"  # done/total: tables built; name: the table
    WRITING = "writing"  # done/total: files written (codebook's included); name: the file
    CODEBOOK = "codebook"  # the last two files: codebook.csv and codebook.pdf; as WRITING


#: The part of the whole export each phase stands for (start, end), roughly as measured on
#: 100,000 records (benchmarks/bench_export.py): reading and decrypting is the largest.
PHASE_SPAN = {
    ExportPhase.READING: (0.0, 0.6),
    ExportPhase.BUILDING: (0.6, 0.7),
    ExportPhase.WRITING: (0.7, 1.0),
    ExportPhase.CODEBOOK: (0.7, 1.0),
}


def overall(what: str, done: int, total: int) -> float | None:
    """How far the whole export is (0..1) after `step(done, total, what)`; None: not known."""
    span = PHASE_SPAN.get(ExportPhase(what)) if what in PHASE_SPAN else None
    if span is None or total <= 0:
        return None
    start, end = span
    return start + (end - start) * min(done, total) / total


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
    withdrawn_left_out: int = 0
    """Records that matched the filters but belong to participants who withdrew (left out)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "files": [str(p) for p in self.files],
            "rows": self.rows,
            "records": self.records,
            "warnings": list(self.warnings),
            "withdrawn_records_left_out": self.withdrawn_left_out,
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


def _check_filter(source: ExportSource, flt: ExportFilter) -> tuple[list[str], str | None]:
    """The chosen forms, and the observation table's name if it is chosen too."""
    study = source.study
    known_forms = source.forms.form_ids()
    logged = table_name(known_forms)
    for kind, chosen, known in (
        ("site", flt.sites, [s.id for s in study.sites]),
        ("wave", flt.waves, [w.id for w in study.waves]),
        ("form", flt.forms, [*known_forms, logged]),
    ):
        unknown = sorted(set(chosen) - set(known))
        if unknown:
            raise InvalidInput(f"unknown {kind} '{unknown[0]}' ({kind}s: {', '.join(known)})")
    forms = [f for f in known_forms if not flt.forms or f in flt.forms]
    return forms, logged if not flt.forms or logged in flt.forms else None


def _read(
    source: ExportSource, flt: ExportFilter, form_ids: list[str], progress: Progress, stop: str
) -> tuple[dict[str, list[Record]], int]:
    """The records of each chosen form, and how many records of other forms were left out."""
    by_form: dict[str, list[Record]] = {fid: [] for fid in form_ids}
    strays = 0
    progress.step(0, 0, ExportPhase.READING)
    found = source.records(flt)  # both sources stream form by form; another source may
    # read everything in this call, its total "not known" till then
    stream = (
        found
        if isinstance(found, RecordStream)
        else RecordStream(operator.length_hint(found, 0), iter([found]), lambda _: True)
    )

    def on_read(done: int, total: int) -> None:
        check(progress, stop)
        progress.step(done, total, ExportPhase.READING)

    stream.every = EVERY
    stream.on_read = on_read
    try:
        check(progress, stop)
        progress.step(0, stream.total, ExportPhase.READING)
        for record in stream:
            bucket = by_form.get(record.form_id)
            if bucket is None:
                strays += 1
            else:
                bucket.append(record)
        read = max(stream.read, stream.total)
        progress.step(read, read, ExportPhase.READING)
    finally:
        stream.close()
        if stream is not found:
            getattr(found, "close", lambda: None)()
    return by_form, strays


def build_tables(
    source: ExportSource, request: ExportRequest, progress: Progress = NO_PROGRESS
) -> tuple[list[tuple[Table, list[Row]]], int, list[str]]:
    """Every table of the chosen forms with its rows; the number of records; warnings."""
    stop = _stopped_message(request)
    form_ids, logged = _check_filter(source, request.filter)
    plans: dict[str, list[TablePlan]] = {
        fid: plan_form(source.forms.entry(fid), request.include_identifiers) for fid in form_ids
    }
    by_form, strays = _read(source, request.filter, form_ids, progress, stop)
    identities = {}
    if request.include_identifiers:
        people = sorted({r.participant_uuid for rs in by_form.values() for r in rs
                         if r.participant_uuid})  # fmt: skip
        check(progress, stop)  # before any identity is revealed (each reveal is audited)
        identities = dict(source.identities(people))
    ctx = RowContext(source.participant_codes(), identities)
    todo = [(fid, plan) for fid in form_ids for plan in plans[fid]]
    steps = len(todo) + (logged is not None)
    tables = []
    for done, (fid, plan) in enumerate(todo):
        check(progress, stop)
        progress.step(done, steps, ExportPhase.BUILDING, plan.table.name)
        tables.append((plan.table, table_rows(plan, by_form[fid], ctx)))
    if logged is not None:
        check(progress, stop)
        progress.step(len(todo), steps, ExportPhase.BUILDING, logged)
        tables.append(_observations(source, request, logged))
    progress.step(steps, steps, ExportPhase.BUILDING)
    warnings = []
    if strays:
        warnings.append(f"{strays} record(s) of forms this study does not list were left out")
    return tables, sum(len(rs) for rs in by_form.values()), warnings


def _observations(
    source: ExportSource, request: ExportRequest, name: str
) -> tuple[Table, list[Row]]:
    """The observation table: the logged observations matching the filter."""
    identifiers = request.include_identifiers
    table = observation_table(source.study, name, identifiers)
    return table, observation_rows(source.observations(request.filter), identifiers)


def _stopped_message(request: ExportRequest) -> str:
    return f"export cancelled; no files were left in {request.out_dir}"


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


def run_export(
    source: ExportSource, request: ExportRequest, progress: Progress = NO_PROGRESS
) -> ExportResult:
    """Exports the chosen forms' records to `request.out_dir` in `request.format`.

    The export is audited (what, never values) before any file is written, so an export
    with identifiers can't leave files without an audit event. `progress` is told each
    `ExportPhase` on this thread; once it says `cancelled()`, the export stops at its next
    check and raises `Cancelled`.

    A stopped export (cancelled, Ctrl+C, or failed) leaves the folder as it was: this run's
    files are still in a hidden folder inside it, which is removed (and so is the export
    folder itself if this run created it). Stopped before the audit event (while reading
    or building tables), nothing was audited but the identities revealed, each audited;
    stopped after it, a second `export` event with the same `export_id` and `outcome`
    (`cancelled`, `interrupted` or `failed`) follows the first, which still says the export
    began, so the audit log shows both.
    """
    with _gc_paused():
        return _run(source, request, progress)


def _run(source: ExportSource, request: ExportRequest, progress: Progress) -> ExportResult:
    tables, records, warnings = build_tables(source, request, progress)
    check(progress, _stopped_message(request))
    existed = request.out_dir.exists()
    out_dir = prepare_folder(request.out_dir)
    export_id = uuid.uuid4().hex
    source.audit_export({"export_id": export_id, **_audit_details(request, tables, records)})
    staging: Staging | None = None
    try:
        staging = Staging(out_dir)
        unlabelled = _write(source, request, tables, staging, progress)
        check(progress, _stopped_message(request))
        files = staging.commit()  # quick: one rename per file
    except BaseException as exc:
        if staging is not None:
            staging.discard()
        if not existed:
            with contextlib.suppress(OSError):
                out_dir.rmdir()  # only if empty: it was made for this export
        _audit_stopped(source, export_id, request, exc)
        raise
    if unlabelled:
        warnings.append(f"{unlabelled} answer(s) matched no choice code and were left empty")
    rows_per_table = {t.name: len(rows) for t, rows in tables}
    left_out = source.withdrawn_left_out
    return ExportResult(files, rows_per_table, records, tuple(warnings), left_out)


def _audit_stopped(
    source: ExportSource, export_id: str, request: ExportRequest, exc: BaseException
) -> None:
    """The follow-up audit event of an export that stopped after its first event."""
    if isinstance(exc, Cancelled):
        outcome = "cancelled"
    elif isinstance(exc, KeyboardInterrupt):
        outcome = "interrupted"
    else:
        outcome = "failed"
    details = {
        "export_id": export_id,
        "outcome": outcome,
        "error": "" if outcome != "failed" else type(exc).__name__,
        "format": request.format.value,
        "folder": str(request.out_dir),
        "files_left": 0,
    }
    # The first event stands whatever happens here; a failure to add this one must not
    # hide why the export stopped.
    with contextlib.suppress(Exception):
        source.audit_export(details)


def _write(
    source: ExportSource,
    request: ExportRequest,
    tables: list[tuple[Table, list[Row]]],
    staging: Staging,
    progress: Progress,
) -> int:
    """Writes every file into `staging`; returns how many answers matched no choice code."""
    fmt = request.format.value
    known = set(source.forms.form_ids())
    files = list(dict.fromkeys(t.form_id for t, _ in tables))  # a form's, or observations
    versions = {
        fid: [f.version for f in source.forms.entry(fid).versions] for fid in files if fid in known
    }
    book = codebook_rows([t for t, _ in tables], fmt, versions)
    scratch = staging.path
    unlabelled = [0]
    jobs: list[tuple[str, ExportPhase, Callable[[], bytes]]] = []

    def xlsx_job(mine: list[tuple[Table, list[Row]]]) -> Callable[[], bytes]:
        names = {t.name for t, _ in mine}
        return lambda: xlsx_bytes(mine, [row for row in book if row[0] in names], scratch)

    def table_job(table: Table, rows: list[Row]) -> Callable[[], bytes]:
        if request.format is ExportFormat.CSV:
            return lambda: csv_bytes(table, rows)

        def stat() -> bytes:
            data, missed = stat_bytes(fmt, table, rows, table.title, scratch)
            unlabelled[0] += missed
            return data

        return stat

    if request.format is ExportFormat.XLSX:
        for form_id in files:
            mine = [(t, rows) for t, rows in tables if t.form_id == form_id]
            jobs.append((f"{form_id}.xlsx", ExportPhase.WRITING, xlsx_job(mine)))
    else:
        for table, rows in tables:
            jobs.append((f"{table.name}.{fmt}", ExportPhase.WRITING, table_job(table, rows)))
    title = source.study.name
    jobs.append((f"{CODEBOOK_NAME}.csv", ExportPhase.CODEBOOK, lambda: codebook_csv(book)))
    jobs.append(
        (f"{CODEBOOK_NAME}.pdf", ExportPhase.CODEBOOK, lambda: codebook_pdf(book, title, fmt))
    )
    stop = _stopped_message(request)
    for done, (name, what, make_bytes) in enumerate(jobs):
        check(progress, stop)
        progress.step(done, len(jobs), what, name)
        staging.write(name, make_bytes())
    progress.step(len(jobs), len(jobs), ExportPhase.CODEBOOK, jobs[-1][0])
    return unlabelled[0]
