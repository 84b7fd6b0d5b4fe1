"""De-identified by default; identifiers only when asked, and audited; no temp-file leaks."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pyreadstat
import pytest

from sylcollect.domain.audit import AuditAction
from sylcollect.export import ExportFormat, ExportRequest, WorkspaceSource, run_export
from tests.core.export.conftest import DOB, NAME, Filled, contains_identifier, read_csv

FORMATS = [f.value for f in ExportFormat]


def _exports(ws, action=AuditAction.EXPORT):  # type: ignore[no-untyped-def]
    with ws.transaction() as tx:
        return [e for e in tx.audit_log.events() if e.action is action]


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_identifier_unless_asked(filled: Filled, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    run_export(WorkspaceSource(filled.ws), ExportRequest(ExportFormat(fmt), out))
    assert contains_identifier(out) == []
    if fmt in ("sav", "dta"):
        for path in out.glob(f"*.{fmt}"):
            df, _ = getattr(pyreadstat, f"read_{fmt}")(str(path))
            assert "participant_name" not in df.columns and "participant_dob" not in df.columns
            for column in df.columns:
                assert DOB not in {getattr(v, "date", lambda v=v: v)() for v in df[column]}
    events = _exports(filled.ws)
    assert len(events) == 1 and events[0].details is not None
    assert events[0].details["include_identifiers"] is False
    assert events[0].details["identifier_variables"] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_identifiers_on_request_are_audited_without_values(
    filled: Filled, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "out"
    request = ExportRequest(ExportFormat(fmt), out, include_identifiers=True)
    run_export(WorkspaceSource(filled.ws), request)
    if fmt == "csv":
        rows = {r["participant_code"]: r for r in read_csv(out / "yp_checkin.csv")}
        assert rows["DH-001"]["participant_name"] == NAME
        assert rows["DH-001"]["participant_dob"] == DOB.isoformat()
    elif fmt in ("sav", "dta"):
        df, _ = getattr(pyreadstat, f"read_{fmt}")(str(out / f"gad7.{fmt}"))
        row = df[df["participant_code"] == "DH-001"].iloc[0]
        assert row["participant_name"] == NAME and row["participant_dob"] == DOB
    else:
        assert contains_identifier(out)
    (event,) = _exports(filled.ws)
    details = event.details or {}
    assert details["include_identifiers"] is True
    # observed_by: who logged each observation (a user name)
    assert details["identifier_variables"] == ["observed_by", "participant_dob", "participant_name"]
    assert details["tables"]["yp_checkin"] == 2 and details["format"] == fmt
    text = json.dumps(details)
    assert NAME not in text and DOB.isoformat() not in text and "free text" not in text
    assert _exports(filled.ws, AuditAction.VIEW_IDENTITY)  # each revealed identity, too


def test_no_plaintext_left_in_temp_or_scratch(
    filled: Filled, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Canary: every format, identifiers included; the system temp folder stays empty."""
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    monkeypatch.setenv("TMPDIR", str(system_tmp))
    for fmt in FORMATS:
        out = tmp_path / f"out-{fmt}"
        request = ExportRequest(ExportFormat(fmt), out, include_identifiers=True)
        run_export(WorkspaceSource(filled.ws), request)
        assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
        assert all(p.stat().st_mode & 0o077 == 0 for p in out.iterdir())
    assert list(system_tmp.rglob("*")) == []


def test_free_text_is_kept_and_flagged(filled: Filled, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_export(WorkspaceSource(filled.ws), ExportRequest(ExportFormat.CSV, out))
    flagged = {r["variable"] for r in read_csv(out / "codebook.csv") if r["free_text"] == "yes"}
    assert {"anything_else", "feel_more", "summary", "quotes"} <= flagged
    assert "feel_week" not in flagged
