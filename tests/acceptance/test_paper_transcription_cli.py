"""A paper form typed in afterwards: `record add --mode paper_transcription` keeps the mode,
`record show` says so, and the export's `mode` column says so."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

GAD = {f"gad7_{i}": "1" for i in range(1, 8)}  # total 7: Mild


@pytest.fixture(scope="module")
def paper_ws(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("paper-cli")
    folder = root / "data"
    assert run_cli(folder, "init", "--demo", "--user", "ann").code == 0
    res = run_cli(folder, "participant", "add", "--site", "durham-house", "--code", "DH-007",
                  "--name", "Rowan Paper", "--dob", "2009-03-02")  # fmt: skip
    assert res.code == 0, res.err
    answers = root / "gad.json"
    answers.write_text(json.dumps(GAD))
    res = run_cli(folder, "record", "add", "--form", "gad7", "--participant", "DH-007",
                  "--mode", "paper_transcription", "--paper-date", "2026-01-12",
                  "--answers", str(answers), "--json")  # fmt: skip
    assert res.code == 0, res.err
    return folder, json.loads(res.out)["uuid"]


def test_record_show_says_paper_transcription(paper_ws: tuple[Path, str]) -> None:
    folder, uuid = paper_ws
    res = run_cli(folder, "record", "show", uuid, "--json")
    assert res.code == 0, res.err
    shown = json.loads(res.out)
    assert shown["mode"] == "paper_transcription" and shown["status"] == "final"
    assert shown["answers"]["gad7_1"] == "1" and shown["paper_date"] == "2026-01-12"
    res = run_cli(folder, "record", "show", uuid)
    assert "paper form dated 2026-01-12" in res.out


def test_export_mode_column_says_paper_transcription(
    paper_ws: tuple[Path, str], tmp_path: Path
) -> None:
    folder, uuid = paper_ws
    out = tmp_path / "csv"
    res = run_cli(folder, "export", "--format", "csv", "--out", str(out), "--form", "gad7")
    assert res.code == 0, res.err
    with (out / "gad7.csv").open(newline="", encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["record_uuid"] == uuid and row["mode"] == "paper_transcription"
    assert row["paper_date"] == "2026-01-12"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--paper-date", "2026-01-12"], "only for --mode paper_transcription"),
        (["--mode", "paper_transcription", "--paper-date", "12/01/2026"], "a date like"),
        (["--mode", "paper_transcription", "--paper-date", "2999-01-01"], "in the future"),
    ],
)
def test_paper_date_is_checked(
    paper_ws: tuple[Path, str], tmp_path: Path, extra: list[str], message: str
) -> None:
    folder, _uuid = paper_ws
    answers = tmp_path / "gad.json"
    answers.write_text(json.dumps(GAD))
    res = run_cli(folder, "record", "add", "--form", "gad7", "--participant", "DH-007",
                  "--answers", str(answers), *extra)  # fmt: skip
    assert res.code != 0 and message in res.err
