"""`sylcollect export` end to end: files, filters, identifiers only on request, clean errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyreadstat
import pytest

from tests.conftest import run_cli

NAME = "Philippa Marchbanks-Oyelaran"
GAD = {f"gad7_{i}": "2" for i in range(1, 8)}  # total 14: Moderate


@pytest.fixture(scope="module")
def cli_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export-cli")
    folder = root / "data"
    assert run_cli(folder, "init", "--demo", "--user", "ann").code == 0
    res = run_cli(folder, "participant", "add", "--site", "durham-house", "--code", "DH-001",
                  "--name", NAME, "--dob", "2008-07-21")  # fmt: skip
    assert res.code == 0, res.err
    answers = root / "gad.json"
    answers.write_text(json.dumps(GAD))
    res = run_cli(folder, "record", "add", "--form", "gad7", "--answers", str(answers),
                  "--participant", "DH-001", "--wave", "baseline")  # fmt: skip
    assert res.code == 0, res.err
    res = run_cli(folder, "observation", "add", "--site", "durham-house", "--activity",
                  "Group work", "--start", "2026-01-05T10:00", "--minutes", "40", "--who",
                  "DH-001", "--notes", "settled quickly", "--tags", "Engagement",
                  "--milestones", "dh-e1")  # fmt: skip
    assert res.code == 0, res.err
    return folder


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_export_csv_de_identified(cli_ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    res = run_cli(cli_ws, "export", "--format", "csv", "--out", str(out), "--json")
    assert res.code == 0, res.err
    info = json.loads(res.out)
    assert info["rows"]["gad7"] == 1 and info["records"] == 1
    assert {Path(f).name for f in info["files"]} >= {"gad7.csv", "codebook.csv", "codebook.pdf"}
    (row,) = _read(out / "gad7.csv")
    assert row["participant_code"] == "DH-001" and row["score_gad7"] == "14"
    assert row["band_gad7"] == "Moderate" and "participant_name" not in row
    for path in out.iterdir():
        assert NAME.encode() not in path.read_bytes()
        assert b"2008-07-21" not in path.read_bytes()


def test_export_sav_with_identifiers_and_filters(cli_ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "sav"
    filters = ["--form", "gad7", "--site", "durham-house", "--wave", "baseline"]
    res = run_cli(cli_ws, "export", "--format", "sav", "--out", str(out), *filters,
                  "--include-identifiers")  # fmt: skip
    assert res.code == 0, res.err
    assert "identify people" in res.out
    assert sorted(p.name for p in out.iterdir()) == ["codebook.csv", "codebook.pdf", "gad7.sav"]
    df, meta = pyreadstat.read_sav(str(out / "gad7.sav"))
    assert list(df["participant_name"]) == [NAME]
    assert meta.variable_value_labels["band_gad7"][3.0] == "Moderate"
    res = run_cli(cli_ws, "export", "--format", "dta", "--out", str(tmp_path / "none"),
                  "--site", "safe-steps", "--json")  # fmt: skip
    assert res.code == 0, res.err
    assert json.loads(res.out)["rows"]["gad7"] == 0


def test_logged_observations_are_exported(cli_ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "obs"
    res = run_cli(cli_ws, "export", "--format", "csv", "--out", str(out), "--json")
    assert res.code == 0, res.err
    assert json.loads(res.out)["rows"]["observations"] == 1
    (row,) = _read(out / "observations.csv")
    assert (row["site_id"], row["activity_type"], row["duration_minutes"]) == (
        "durham-house",
        "Group work",
        "40",
    )
    assert row["started_at"] == "2026-01-05T10:00:00" and row["participant_codes"] == "DH-001"
    assert (row["notes"], row["tags"], row["milestone_ids"]) == ("settled quickly", "Engagement",
                                                                 "dh-e1")  # fmt: skip
    assert "observed_by" not in row and b"ann" not in (out / "observations.csv").read_bytes()
    assert _read(out / "activity_observation.csv") == []  # the form: no records of it
    only = tmp_path / "only"
    res = run_cli(cli_ws, "export", "--format", "dta", "--out", str(only), "--form",
                  "observations", "--site", "safe-steps")  # fmt: skip
    assert res.code == 0, res.err
    assert sorted(p.name for p in only.iterdir()) == [
        "codebook.csv",
        "codebook.pdf",
        "observations.dta",
    ]
    df, meta = pyreadstat.read_dta(str(only / "observations.dta"))
    assert len(df) == 0 and meta.column_names_to_labels["notes"] == "Observation notes"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--site", "atlantis"], "unknown site 'atlantis'"),
        (["--form", "nope"], "unknown form 'nope'"),
        (["--from", "31/12/2025"], "--from must be a date"),
        (["--from", "2025-02-01", "--to", "2025-01-01"], "after"),
    ],
)
def test_bad_options_exit_1_with_one_line(
    cli_ws: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "bad"
    res = run_cli(cli_ws, "export", "--format", "csv", "--out", str(out), *args)
    assert res.code == 1, (res.out, res.err)
    lines = res.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert not out.exists()


def test_usage_errors_exit_2(cli_ws: Path, tmp_path: Path) -> None:
    assert run_cli(cli_ws, "export", "--format", "pdf", "--out", str(tmp_path)).code == 2
    assert run_cli(cli_ws, "export", "--format", "csv").code == 2


def test_a_withdrawn_participants_records_are_left_out_and_counted(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    assert run_cli(folder, "init", "--demo", "--user", "ann").code == 0
    answers = tmp_path / "gad.json"
    answers.write_text(json.dumps(GAD))
    for code in ("DH-001", "DH-002"):
        res = run_cli(folder, "participant", "add", "--site", "durham-house", "--code", code)
        assert res.code == 0, res.err
        res = run_cli(folder, "record", "add", "--form", "gad7", "--answers", str(answers),
                      "--participant", code, "--wave", "baseline")  # fmt: skip
        assert res.code == 0, res.err
    assert run_cli(folder, "participant", "withdraw", "DH-002", "--yes").code == 0
    res = run_cli(folder, "export", "--format", "csv", "--out", str(tmp_path / "a"), "--json")
    info = json.loads(res.out)
    assert info["records"] == 1 and info["withdrawn_records_left_out"] == 1
    assert [r["participant_code"] for r in _read(tmp_path / "a" / "gad7.csv")] == ["DH-001"]
    res = run_cli(folder, "export", "--format", "csv", "--out", str(tmp_path / "b"))
    assert "left out: 1 record(s) of participants who withdrew" in res.out
