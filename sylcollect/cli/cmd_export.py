"""`sylcollect export`: analysis files (CSV, XLSX, SPSS, Stata) and a codebook.

`central export` (DESIGN.md §7, `cmd_central_export`) calls `add_export_options`,
`request_from_args` and `export_and_report` with the central store's source: the options,
checks and output are the same.

On a terminal (stderr a TTY, no --json) the export's progress is shown on stderr, one line
rewritten in place. Ctrl+C stops the export: the core removes what it had written (the folder
is left as it was) and the command ends with one `error: ` line, exit 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from sylcollect.cli.common import add_json, emit, open_unlocked
from sylcollect.errors import Cancelled, InvalidInput
from sylcollect.export import (
    ExportFilter,
    ExportFormat,
    ExportRequest,
    ExportResult,
    ExportSource,
    WorkspaceSource,
    run_export,
)
from sylcollect.export.run import ExportPhase
from sylcollect.progress import ProgressHook


def add_export_options(p: argparse.ArgumentParser) -> None:
    """The options every export command takes."""
    p.add_argument("--format", required=True, choices=[f.value for f in ExportFormat])
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the files")
    p.add_argument("--site", action="append", default=[], help="only this site (repeatable)")
    p.add_argument("--wave", action="append", default=[], help="only this wave (repeatable)")
    p.add_argument("--form", action="append", default=[], help="only this form (repeatable)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="saved on or after YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="saved on or before YYYY-MM-DD")
    p.add_argument(
        "--include-identifiers",
        action="store_true",
        help="add participant names and dates of birth (audited); default: codes only",
    )
    add_json(p)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        help="analysis files: csv, xlsx, sav (SPSS) or dta (Stata), with a codebook",
        description="De-identified unless --include-identifiers. Every export is audited.",
    )
    add_export_options(p)
    p.set_defaults(handler=cmd_export)


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{option} must be a date like 2025-03-31") from None


def request_from_args(args: argparse.Namespace) -> ExportRequest:
    """The export request the options describe."""
    flt = ExportFilter(
        sites=frozenset(args.site),
        waves=frozenset(args.wave),
        forms=frozenset(args.form),
        date_from=_day(args.date_from, "--from"),
        date_to=_day(args.date_to, "--to"),
    )
    return ExportRequest(
        ExportFormat(args.format), Path(args.out).expanduser(), flt, args.include_identifiers
    )


class TerminalProgress:
    """Shows an export's progress on stderr as one line rewritten in place (a TTY only)."""

    def __init__(self) -> None:
        self._at = 0.0
        self._shown = False

    def step(self, done: int, total: int, what: str, name: str) -> None:
        now = time.monotonic()
        if now - self._at < 0.1 and done < total:
            return
        self._at = now
        if what == ExportPhase.READING:
            text = f"Reading records... {done:,} of {total:,}" if total else "Reading records..."
        elif what == ExportPhase.BUILDING:
            text = f"Preparing table {name}..." if name else "Tables ready."
        else:
            text = f"Writing {name}..."
        sys.stderr.write(f"\r\x1b[K{text}")
        sys.stderr.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def export_and_report(
    args: argparse.Namespace, request: ExportRequest, source: ExportSource
) -> int:
    """Runs the export and prints what was written (JSON with --json)."""
    shown = TerminalProgress() if sys.stderr.isatty() and not args.json else None
    try:
        result: ExportResult = run_export(
            source, request, ProgressHook(shown.step if shown else None)
        )
    except KeyboardInterrupt:  # run_export has removed this export's files already
        raise Cancelled(f"export interrupted; no files were left in {request.out_dir}") from None
    finally:
        if shown is not None:
            shown.clear()
    lines = [f"{len(result.files)} files written to {args.out} ({result.records} records):"]
    lines += [f"  {p.name}" for p in result.files]
    if result.withdrawn_left_out:
        lines.append(
            f"left out: {result.withdrawn_left_out} record(s) of participants who withdrew"
        )
    lines += [f"warning: {w}" for w in result.warnings]
    if args.include_identifiers:
        lines.append("These files identify people: keep them encrypted and delete them after use.")
    emit(args, result.to_json(), "\n".join(lines))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    request = request_from_args(args)  # bad options fail before the password is asked
    ws = open_unlocked(args)
    try:
        return export_and_report(args, request, WorkspaceSource(ws))
    finally:
        ws.lock()
