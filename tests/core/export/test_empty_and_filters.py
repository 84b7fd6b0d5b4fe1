"""A study with no records exports every form in full; filters choose records."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import openpyxl
import pyreadstat
import pytest

from sylcollect.errors import InvalidInput, NotFound
from sylcollect.export import (
    ExportFilter,
    ExportFormat,
    ExportRequest,
    WorkspaceSource,
    run_export,
)
from sylcollect.storage.workspace import UnlockedWorkspace
from tests.core.export.conftest import Filled, read_csv

FORMATS = [f.value for f in ExportFormat]


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_study_exports_every_form_with_all_variables(
    workspace: tuple[UnlockedWorkspace, str], tmp_path: Path, fmt: str
) -> None:
    ws, _ = workspace
    out = tmp_path / "out"
    result = run_export(WorkspaceSource(ws), ExportRequest(ExportFormat(fmt), out))
    assert result.records == 0 and set(result.rows.values()) == {0}
    forms = {f.id for f in ws.study.forms}
    assert forms | {"yp_checkin__trusted_people", "observations"} == set(result.rows)
    book = read_csv(out / "codebook.csv")
    for table in result.rows:
        expected = [r["variable"] for r in book if r["table"] == table]
        assert len(expected) > (3 if "__" in table else 8), table  # keys/metadata, questions
        if fmt == "csv":
            assert (out / f"{table}.csv").read_text().splitlines() == [",".join(expected)]
        elif fmt == "xlsx":
            form = table.split("__")[0]
            sheet = openpyxl.load_workbook(out / f"{form}.xlsx", read_only=True)[table]
            assert [list(r) for r in sheet.iter_rows(values_only=True)] == [expected]
        else:
            df, meta = getattr(pyreadstat, f"read_{fmt}")(str(out / f"{table}.{fmt}"))
            assert list(df.columns) == expected and len(df) == 0
    if fmt in ("sav", "dta"):
        _, meta = getattr(pyreadstat, f"read_{fmt}")(str(out / f"gad7.{fmt}"))
        assert meta.column_names_to_labels["gad7_1"].startswith("1. Feeling nervous")
        values = set(meta.variable_value_labels["gad7_1"].values())
        assert values >= {"Not at all", "Nearly every day", "I'd rather not say"}
        assert "band_gad7" in meta.variable_value_labels


def _rows(filled: Filled, tmp_path: Path, flt: ExportFilter) -> dict[str, int]:
    exports = tmp_path / "exports"
    exports.mkdir(exist_ok=True)
    out = exports / str(len(list(exports.iterdir())))
    return run_export(WorkspaceSource(filled.ws), ExportRequest(ExportFormat.CSV, out, flt)).rows


def test_filters(filled: Filled, tmp_path: Path) -> None:
    everything = _rows(filled, tmp_path, ExportFilter())
    assert everything["yp_checkin"] == 2 and everything["gad7"] == 2
    by_site = _rows(filled, tmp_path, ExportFilter(sites=frozenset({"safe-steps"})))
    assert by_site["yp_checkin"] == 1 and by_site["interview_record"] == 0
    by_wave = _rows(filled, tmp_path, ExportFilter(waves=frozenset({"early"})))
    assert by_wave["yp_checkin"] == 1 and by_wave["gad7"] == 0
    only_gad = _rows(filled, tmp_path, ExportFilter(forms=frozenset({"gad7"})))
    assert only_gad == {"gad7": 2}
    last = tmp_path / "exports" / "3"
    assert sorted(p.name for p in last.iterdir()) == ["codebook.csv", "codebook.pdf", "gad7.csv"]


def test_date_range(filled: Filled, tmp_path: Path) -> None:
    with filled.ws.transaction() as tx:
        today = tx.now().date()
    day = timedelta(days=1)
    assert _rows(filled, tmp_path, ExportFilter(date_from=today + day))["gad7"] == 0
    assert _rows(filled, tmp_path, ExportFilter(date_to=today - day))["gad7"] == 0
    assert _rows(filled, tmp_path, ExportFilter(date_from=today, date_to=today))["gad7"] == 2


def test_bad_filters_are_user_errors(filled: Filled, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="unknown site 'nowhere'"):
        _rows(filled, tmp_path, ExportFilter(sites=frozenset({"nowhere"})))
    with pytest.raises(InvalidInput, match="unknown form"):
        _rows(filled, tmp_path, ExportFilter(forms=frozenset({"nope"})))
    with filled.ws.transaction() as tx:
        today = tx.now().date()
    with pytest.raises(InvalidInput, match="after"):
        ExportFilter(date_from=today, date_to=today - timedelta(days=1))
    assert list((tmp_path / "exports").iterdir()) == []  # nothing written
    with pytest.raises(NotFound):
        WorkspaceSource(filled.ws).forms.entry("nope")
