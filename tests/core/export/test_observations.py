"""Logged observations (the Observations page) export as their own `observations` table.

Read back with csv, openpyxl and pyreadstat; codes only (no names, the user who logged one
only with identifiers); filtered by site and by the day they were logged; chosen with
`--form observations`; from a laptop and from the central store.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pyreadstat
import pytest

from sylcollect.domain.audit import AuditAction
from sylcollect.domain.observation import Observation
from sylcollect.domain.study import Study
from sylcollect.errors import InvalidInput
from sylcollect.export import (
    CentralSource,
    ExportFilter,
    ExportFormat,
    ExportRequest,
    ExportResult,
    WorkspaceSource,
    run_export,
)
from sylcollect.export.observations import table_name
from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync.payload import ObservationItem
from tests.core.export.conftest import NAME, add_people, contains_identifier, read_csv
from tests.core.sync.test_import_support import (
    T0,
    Central,
    make_central,
    participant,
    tombstone,
)

DAY1 = datetime(2026, 2, 3, 16, 0, tzinfo=UTC)
DAY2 = DAY1 + timedelta(days=5)
NOTES = "DH-001 led the warm-up; calm session"


def _observation(site: str, codes: tuple[str, ...], **changes: Any) -> Observation:
    fields: dict[str, Any] = {
        "uuid": "",
        "site_id": site,
        "activity_type": "Group work",
        "started_at": datetime(2026, 2, 3, 14, 30),
        "duration_minutes": 45,
        "participant_codes": codes,
        "notes": NOTES,
        "tags": ("Engagement", "Trauma-informed practice"),
        "milestone_ids": ("dh-e1",),
        "observed_by": "ann",
    }
    return Observation(**{**fields, **changes})


def _log(ws: UnlockedWorkspace, at: datetime, obs: Observation) -> str:
    ws.workspace.clock = lambda: at
    with ws.transaction() as tx:
        return tx.observations.add(obs).uuid


@pytest.fixture
def logged(workspace: tuple[UnlockedWorkspace, str]) -> UnlockedWorkspace:
    """DH-001 and SS-001 enrolled; two observations at Durham House (days 1 and 2, the
    second naming DH-001 and SS-001) and one at Safe Steps (day 2, an hour later)."""
    ws, _ = workspace
    add_people(ws)
    _log(ws, DAY1, _observation("durham-house", ("DH-001",)))
    _log(ws, DAY2, _observation("durham-house", ("DH-001", "SS-001"), duration_minutes=90,
                                milestone_ids=(), tags=(), notes=""))  # fmt: skip
    _log(ws, DAY2 + timedelta(hours=1), _observation("safe-steps", (), activity_type="Leisure",
                                milestone_ids=()))  # fmt: skip
    return ws


def _export(ws: UnlockedWorkspace, out: Path, fmt: str = "csv", **options: Any) -> ExportResult:
    flt = options.pop("flt", ExportFilter())
    return run_export(WorkspaceSource(ws), ExportRequest(ExportFormat(fmt), out, flt, **options))


def test_csv_has_one_row_per_observation(logged: UnlockedWorkspace, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    result = _export(logged, out)
    assert result.rows["observations"] == 3 and result.records == 0
    rows = read_csv(out / "observations.csv")
    first = rows[0]
    assert first["site_id"] == "durham-house" and first["activity_type"] == "Group work"
    assert first["started_at"] == "2026-02-03T14:30:00" and first["duration_minutes"] == "45"
    assert first["participant_codes"] == "DH-001" and first["n_participants"] == "1"
    assert first["tags"] == "Engagement; Trauma-informed practice"
    assert first["milestone_ids"] == "dh-e1" and first["notes"] == NOTES
    assert first["created_at"] == DAY1.isoformat()
    assert "observed_by" not in first  # who logged it: an identifier
    assert rows[1]["participant_codes"] == "DH-001 SS-001" and rows[1]["notes"] == ""
    # the form of the same name still gets its (empty) file: a different thing
    assert read_csv(out / "activity_observation.csv") == []
    book = {r["variable"]: r for r in read_csv(out / "codebook.csv")
            if r["table"] == "observations"}  # fmt: skip
    assert [v for v, r in book.items() if r["free_text"] == "yes"] == [
        "activity_type",
        "tags",
        "notes",
    ]
    assert book["started_at"]["type"] == "datetime"
    assert book["duration_minutes"]["type"] == "numeric"
    assert "dh-e1 = " in book["milestone_ids"]["note"]
    assert book["site_id"]["form_versions"] == ""
    assert contains_identifier(out) == []
    assert b"ann" not in (out / "observations.csv").read_bytes()


def test_xlsx_sav_dta_read_back(logged: UnlockedWorkspace, tmp_path: Path) -> None:
    _export(logged, tmp_path / "xlsx", "xlsx")
    book = openpyxl.load_workbook(tmp_path / "xlsx" / "observations.xlsx")
    assert book.sheetnames == ["observations", "codebook"]
    sheet = list(book["observations"].iter_rows(values_only=True))
    header, first = sheet[0], dict(zip(sheet[0], sheet[1], strict=True))
    assert len(sheet) == 4 and "participant_codes" in header
    assert first["duration_minutes"] == 45 and first["notes"] == NOTES

    for fmt, read in (("sav", pyreadstat.read_sav), ("dta", pyreadstat.read_dta)):
        out = tmp_path / fmt
        _export(logged, out, fmt)
        df, meta = read(str(out / f"observations.{fmt}"))
        assert len(df) == 3
        assert list(df["duration_minutes"]) == [45, 90, 45]
        assert df["started_at"][0] == datetime(2026, 2, 3, 14, 30)
        assert df["created_at"][0] == datetime(2026, 2, 3, 16, 0)
        assert list(df["site_id"]) == ["durham-house", "durham-house", "safe-steps"]
        assert meta.column_names_to_labels["duration_minutes"] == "Duration (minutes)"
        assert meta.column_names_to_labels["notes"] == "Observation notes"
        assert contains_identifier(out) == []


def test_identifiers_add_who_logged_it(logged: UnlockedWorkspace, tmp_path: Path) -> None:
    out = tmp_path / "ids"
    _export(logged, out, include_identifiers=True)
    assert {r["observed_by"] for r in read_csv(out / "observations.csv")} == {"ann"}
    with logged.transaction() as tx:
        (event,) = [e for e in tx.audit_log.events() if e.action is AuditAction.EXPORT]
    details = event.details or {}
    assert "observed_by" in details["identifier_variables"]
    assert details["tables"]["observations"] == 3


def test_site_date_wave_and_form_filters(logged: UnlockedWorkspace, tmp_path: Path) -> None:
    def rows(name: str, **flt: Any) -> list[dict[str, str]]:
        _export(logged, tmp_path / name, flt=ExportFilter(**flt))
        return read_csv(tmp_path / name / "observations.csv")

    assert {r["site_id"] for r in rows("site", sites=frozenset({"safe-steps"}))} == {"safe-steps"}
    assert len(rows("from", date_from=DAY2.date())) == 2
    assert len(rows("to", date_to=DAY1.date())) == 1
    assert rows("none", date_from=date(2027, 1, 1)) == []
    assert rows("wave", waves=frozenset({"baseline"})) == []  # observations have no wave

    only = tmp_path / "only"
    result = _export(logged, only, flt=ExportFilter(forms=frozenset({"observations"})))
    assert set(result.rows) == {"observations"}
    assert sorted(p.name for p in only.iterdir()) == [
        "codebook.csv",
        "codebook.pdf",
        "observations.csv",
    ]
    result = _export(logged, tmp_path / "gad", flt=ExportFilter(forms=frozenset({"gad7"})))
    assert set(result.rows) == {"gad7"}


def test_unknown_form_names_observations(logged: UnlockedWorkspace, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="observations"):
        _export(logged, tmp_path / "x", flt=ExportFilter(forms=frozenset({"nope"})))
    assert table_name(["gad7"]) == "observations"
    assert table_name(["observations"]) == "observations_log"


def test_withdrawn_participants_codes_are_left_out(
    logged: UnlockedWorkspace, tmp_path: Path
) -> None:
    with logged.transaction() as tx:
        tx.participants.withdraw("SS-001")
    out = tmp_path / "after"
    _export(logged, out)
    rows = read_csv(out / "observations.csv")
    assert [r["participant_codes"] for r in rows] == ["DH-001", "DH-001", ""]
    assert [r["n_participants"] for r in rows] == ["1", "1", "0"]
    assert b"SS-001" not in (out / "observations.csv").read_bytes()


def test_no_observations_still_gives_the_table(
    workspace: tuple[UnlockedWorkspace, str], tmp_path: Path
) -> None:
    ws, _ = workspace
    _export(ws, tmp_path / "sav", "sav")
    df, meta = pyreadstat.read_sav(str(tmp_path / "sav" / "observations.sav"))
    assert len(df) == 0 and meta.column_names_to_labels["notes"] == "Observation notes"


# --- the central store ----------------------------------------------------------------------


def _item(obs: Observation, minutes: int = 0) -> ObservationItem:
    at = (T0 + timedelta(minutes=minutes)).isoformat()
    return ObservationItem(f"00000000-0000-4000-8000-{minutes:012d}", obs.site_id, 1, at, at,
                           obs.content_json())  # fmt: skip


@pytest.fixture
def central(tmp_path: Path, cheap: None, demo_study: Study) -> Central:
    return make_central(tmp_path / "home", demo_study)


def test_central_export_has_every_devices_observations(central: Central, tmp_path: Path) -> None:
    a, b = central.device(), central.device()
    central.approve(a)
    central.approve(b)
    dh1, dh2 = participant("DH-001"), participant("DH-002")
    first = a.bundle(tmp_path / "in", [dh1, dh2,
                     _item(_observation("durham-house", ("DH-001", "DH-002")), 1)])  # fmt: skip
    second = b.bundle(tmp_path / "in", [_item(_observation("safe-steps", ()), 2)])
    for path in (first, second):
        assert central.importer.import_path(path).status == "imported"

    out = tmp_path / "csv"
    result = run_export(CentralSource(central.store), ExportRequest(ExportFormat.CSV, out))
    assert result.rows["observations"] == 2
    rows = read_csv(out / "observations.csv")
    assert [r["site_id"] for r in rows] == ["durham-house", "safe-steps"]
    assert rows[0]["participant_codes"] == "DH-001 DH-002" and rows[0]["notes"] == NOTES
    assert rows[0]["created_at"] == (T0 + timedelta(minutes=1)).isoformat()
    assert not any(b"Fake" in p.read_bytes() for p in out.iterdir())

    flt = ExportFilter(sites=frozenset({"safe-steps"}))
    run_export(CentralSource(central.store), ExportRequest(ExportFormat.DTA, tmp_path / "d", flt))
    df, _ = pyreadstat.read_dta(str(tmp_path / "d" / "observations.dta"))
    assert list(df["site_id"]) == ["safe-steps"]

    path = a.bundle(tmp_path / "more", [tombstone(dh2)])
    assert central.importer.import_path(path).status == "imported"
    run_export(CentralSource(central.store), ExportRequest(ExportFormat.CSV, tmp_path / "w"))
    rows = read_csv(tmp_path / "w" / "observations.csv")
    assert rows[0]["participant_codes"] == "DH-001" and rows[0]["n_participants"] == "1"
    assert NAME not in (tmp_path / "w" / "observations.csv").read_text()
