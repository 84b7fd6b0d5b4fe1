"""Export progress and cancel: every phase is reported, in order, monotonic, up to its total;
a cancel (or Ctrl+C, or a failure) at any phase leaves the folder exactly as it was, and the
audit log says what happened."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.record import Record
from sylcollect.errors import Cancelled, StorageError
from sylcollect.export import (
    ExportFilter,
    ExportFormat,
    ExportRequest,
    WorkspaceSource,
    run_export,
)
from sylcollect.export import run as run_module
from sylcollect.export.run import ExportPhase, overall
from sylcollect.progress import ProgressHook
from tests.core.export.conftest import Filled

PHASES = [ExportPhase.READING, ExportPhase.BUILDING, ExportPhase.WRITING, ExportPhase.CODEBOOK]


@dataclass
class Recorder:
    """A progress hook that records each step and cancels at a chosen one."""

    cancel_at: tuple[str, int] | None = None  # (phase, done)
    steps: list[tuple[int, int, str, str]] = field(default_factory=list)
    hook: ProgressHook = field(init=False)

    def __post_init__(self) -> None:
        self.hook = ProgressHook(self.step)

    def step(self, done: int, total: int, what: str, name: str) -> None:
        self.steps.append((done, total, what, name))
        if self.cancel_at is not None and (what, done) == self.cancel_at:
            self.hook.cancel()


def _exports(filled: Filled) -> list[dict[str, Any]]:
    with filled.ws.transaction() as tx:
        events = [e for e in tx.audit_log.events() if e.action is AuditAction.EXPORT]
    return [e.details or {} for e in sorted(events, key=lambda e: e.seq)]


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _phases_in_order(steps: list[tuple[int, int, str, str]]) -> list[str]:
    seen: list[str] = []
    for _, _, what, _ in steps:
        if not seen or seen[-1] != what:
            seen.append(what)
    return seen


@pytest.mark.parametrize("fmt", [ExportFormat.CSV, ExportFormat.XLSX])
def test_every_phase_is_reported_monotonic_up_to_its_total(
    filled: Filled, tmp_path: Path, fmt: ExportFormat
) -> None:
    rec = Recorder()
    result = run_export(WorkspaceSource(filled.ws), ExportRequest(fmt, tmp_path / "o"), rec.hook)
    assert _phases_in_order(rec.steps) == PHASES
    for phase in (ExportPhase.READING, ExportPhase.BUILDING):
        mine = [(d, t) for d, t, w, _ in rec.steps if w == phase]
        dones = [d for d, _ in mine]
        assert dones == sorted(dones), phase
        assert all(d <= t for d, t in mine if t), phase
        assert mine[-1][0] == mine[-1][1] > 0, phase
    files = [(d, t, n) for d, t, w, n in rec.steps if w in (ExportPhase.WRITING, "codebook")]
    assert [d for d, _, _ in files] == list(range(len(result.files) + 1))
    assert {t for _, t, _ in files} == {len(result.files)}
    written = [n for _, _, n in files[:-1]]
    assert written == [p.name for p in result.files]
    assert written[-2:] == ["codebook.csv", "codebook.pdf"]
    reading = [(d, t) for d, t, w, _ in rec.steps if w == ExportPhase.READING]
    assert reading[-1] == (sum(filled.records.values()), sum(filled.records.values()))
    fractions = [overall(w, d, t) for d, t, w, _ in rec.steps]
    known = [f for f in fractions if f is not None]
    assert known == sorted(known) and known[-1] == 1.0


def test_reading_is_reported_every_n_records(
    filled: Filled, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run_module, "EVERY", 2)
    rec = Recorder()
    run_export(WorkspaceSource(filled.ws), ExportRequest(ExportFormat.CSV, tmp_path), rec.hook)
    dones = [d for d, _, w, _ in rec.steps if w == ExportPhase.READING]
    assert 2 in dones and 4 in dones  # between batches as well as after each one
    assert dones == sorted(dones)


@dataclass
class PlainSource:
    """A source whose records come as a plain iterator, all read before the first one."""

    inner: WorkspaceSource

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def records(self, flt: ExportFilter) -> Iterator[Record]:
        return iter(list(self.inner.records(flt)))


def test_a_plain_iterator_is_counted_against_its_length(filled: Filled, tmp_path: Path) -> None:
    rec = Recorder()
    source = PlainSource(WorkspaceSource(filled.ws))
    run_export(source, ExportRequest(ExportFormat.CSV, tmp_path / "o"), rec.hook)  # type: ignore[arg-type]
    reading = [(d, t) for d, t, w, _ in rec.steps if w == ExportPhase.READING]
    assert reading[0] == (0, 0) and reading[-1] == (5, 5)


def _prepared(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """An export folder that already holds a note and a file of an earlier export."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine, not the export's")
    (out / "gad7.csv").write_text("an earlier export's file")
    return out, _listing(out)


CANCEL_POINTS = [
    (ExportPhase.READING, 0),
    (ExportPhase.BUILDING, 1),
    (ExportPhase.WRITING, 0),
    (ExportPhase.WRITING, 2),
    (ExportPhase.CODEBOOK, 4),  # codebook.csv written, codebook.pdf next
]


@pytest.mark.parametrize(("phase", "done"), CANCEL_POINTS)
@pytest.mark.parametrize("fmt", [ExportFormat.CSV, ExportFormat.SAV])
def test_cancel_at_each_phase_leaves_the_folder_as_it_was(
    filled: Filled, tmp_path: Path, phase: str, done: int, fmt: ExportFormat
) -> None:
    out, before = _prepared(tmp_path)
    request = ExportRequest(fmt, out, ExportFilter(forms=frozenset({"gad7", "yp_checkin"})))
    rec = Recorder(cancel_at=(phase, done))
    with pytest.raises(Cancelled, match="no files were left in"):
        run_export(WorkspaceSource(filled.ws), request, rec.hook)
    assert _listing(out) == before  # nothing added, nothing removed, nothing replaced
    assert rec.steps[-1][2] == phase  # it stopped at the next check, not later
    events = _exports(filled)
    if phase in (ExportPhase.READING, ExportPhase.BUILDING):
        assert events == []  # stopped before the export's audit event and before any file
    else:
        began, stopped = events
        assert began["format"] == fmt.value and "tables" in began
        assert stopped["export_id"] == began["export_id"]
        assert stopped["outcome"] == "cancelled" and stopped["files_left"] == 0


def test_cancel_removes_a_folder_the_export_made(filled: Filled, tmp_path: Path) -> None:
    out = tmp_path / "new" / "folder"
    rec = Recorder(cancel_at=(ExportPhase.WRITING, 1))
    with pytest.raises(Cancelled):
        run_export(WorkspaceSource(filled.ws), ExportRequest(ExportFormat.CSV, out), rec.hook)
    assert not out.exists() and (tmp_path / "new").exists()


def test_a_finished_export_replaces_same_named_files(filled: Filled, tmp_path: Path) -> None:
    out, _ = _prepared(tmp_path)
    request = ExportRequest(ExportFormat.CSV, out, ExportFilter(forms=frozenset({"gad7"})))
    run_export(WorkspaceSource(filled.ws), request)
    names = sorted(p.name for p in out.iterdir())
    assert names == ["codebook.csv", "codebook.pdf", "gad7.csv", "notes.txt"]  # no staging left
    assert (out / "gad7.csv").read_text().startswith("record_uuid,")
    assert "outcome" not in _exports(filled)[0]


@pytest.mark.parametrize(
    ("error", "outcome"), [(KeyboardInterrupt, "interrupted"), (StorageError, "failed")]
)
def test_interrupt_or_failure_while_writing_leaves_the_folder_as_it_was(
    filled: Filled,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: type[BaseException],
    outcome: str,
) -> None:
    out, before = _prepared(tmp_path)
    real = run_module.csv_bytes
    calls = []

    def second_file_fails(*args: Any) -> bytes:
        calls.append(1)
        if len(calls) == 2:
            raise error("disk full")
        return real(*args)

    monkeypatch.setattr(run_module, "csv_bytes", second_file_fails)
    with pytest.raises(error):
        run_export(WorkspaceSource(filled.ws), ExportRequest(ExportFormat.CSV, out))
    assert _listing(out) == before
    began, stopped = _exports(filled)
    assert stopped["export_id"] == began["export_id"] and stopped["outcome"] == outcome
    assert stopped["error"] == ("StorageError" if outcome == "failed" else "")


def test_a_killed_exports_hidden_folder_is_removed_by_the_next_export(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    from sylcollect.export.staging import STAGING_PREFIX, Staging, remove_stale

    out = tmp_path / "out"
    out.mkdir()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    left = out / f"{STAGING_PREFIX}{gone.stdout.strip()}-0123456789abcdef"
    left.mkdir()
    (left / "phq9.csv").write_text("CANARY-plaintext-left-behind")
    mine = Staging(out)  # this process's own staging folder is never taken for stale
    assert not left.exists(), "the killed export's plaintext is gone"
    assert mine.path.exists() and remove_stale(out) == []
    mine.discard()
