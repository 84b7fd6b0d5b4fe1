"""The CLI end to end: init, participants, records, audit; bad input exits 1 cleanly."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import run_cli

INDICATORS = {
    "month": "2025-03-01",
    "incidents": 2,
    "missing_episodes": 0,
    "restraints": 1,
    "staff_absence_days": 3,
    "staff_leavers": 0,
    "staff_joiners": 1,
    "notes": "quiet month",
}


def _data_hash(folder: Path) -> str:
    """A hash of the data tables (not the audit log, which records every unlock)."""
    db = sqlite3.connect(folder / "workspace.db")
    h = hashlib.sha256()
    for table in ("participant", "participant_key", "record", "consent", "observation"):
        for row in db.execute(f"SELECT * FROM {table} ORDER BY 1"):
            h.update(repr(row).encode())
    db.close()
    return h.hexdigest()


@pytest.fixture(scope="module")
def cli_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "data"
    res = run_cli(folder, "init", "--demo", "--user", "ann", "--json")
    assert res.code == 0, res.err
    info = json.loads(res.out)
    assert len(info["recovery_key"]) == 41 and info["study_id"] == "syl-csc-innovation-demo"
    res = run_cli(folder, "participant", "add", "--site", "durham-house", "--code", "DH-001")
    assert res.code == 0, res.err
    return folder


def _error(res) -> str:  # type: ignore[no-untyped-def]
    assert res.code == 1, (res.out, res.err)
    lines = res.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), res.err
    assert "Traceback" not in res.err
    return str(lines[0])


def test_study_show_json_contract(cli_ws: Path) -> None:
    res = run_cli(cli_ws, "study", "show", "--json")
    assert res.code == 0, res.err
    data = json.loads(res.out)
    assert set(data) == {"study_id", "name", "version", "sites", "waves", "forms"}
    assert [s["id"] for s in data["sites"]] == [
        "durham-house",
        "safe-steps",
        "project-phoenix",
        "empower-protect",
    ]
    assert {"id", "name", "units"} <= set(data["sites"][1])
    assert [w["id"] for w in data["waves"]] == ["baseline", "early", "medium"]
    assert {"id": "site_indicators", "version": "1", "title": "Monthly site indicators"} in data[
        "forms"
    ]


def test_record_add_and_list(cli_ws: Path, tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(INDICATORS))
    res = run_cli(
        cli_ws,
        "record",
        "add",
        "--form",
        "site_indicators",
        "--answers",
        str(answers),
        "--site",
        "safe-steps",
        "--json",
    )
    assert res.code == 0, res.err
    uuid = json.loads(res.out)["uuid"]
    res = run_cli(cli_ws, "record", "list", "--json")
    rows = {r["uuid"]: r for r in json.loads(res.out)}
    assert rows[uuid]["form_id"] == "site_indicators" and rows[uuid]["site"] == "safe-steps"
    res = run_cli(cli_ws, "audit", "verify")
    assert res.code == 0 and "intact" in res.out


@pytest.mark.parametrize(
    ("args", "answers", "message"),
    [
        (["participant", "add", "--site", "nowhere", "--code", "X-1"], None, "unknown site"),
        (
            ["participant", "add", "--site", "durham-house", "--code", "DH-001"],
            None,
            "already exists",
        ),
        (
            ["participant", "add", "--site", "durham-house", "--code", "bad code!"],
            None,
            "participant code",
        ),
        (
            ["record", "add", "--form", "no_such_form", "--site", "durham-house"],
            INDICATORS,
            "no form 'no_such_form'",
        ),
        (
            ["record", "add", "--form", "site_indicators", "--site", "durham-house"],
            "{not json",
            "not valid JSON",
        ),
        (
            ["record", "add", "--form", "site_indicators", "--site", "durham-house"],
            [1, 2],
            "one JSON object",
        ),
        (
            ["record", "add", "--form", "site_indicators", "--site", "durham-house"],
            {**INDICATORS, "incidents": "many"},
            "incidents",
        ),
        (
            ["record", "add", "--form", "site_indicators", "--site", "durham-house"],
            {**INDICATORS, "favourite_colour": "red"},
            "favourite_colour",
        ),
        (
            ["record", "add", "--form", "site_indicators", "--site", "atlantis"],
            INDICATORS,
            "unknown site",
        ),
        (["participant", "withdraw", "DH-001"], None, "--yes"),
        (["participant", "withdraw", "NOPE-1", "--yes"], None, "no participant"),
    ],
    ids=[
        "unknown-site",
        "duplicate-code",
        "bad-code",
        "unknown-form",
        "malformed-json",
        "answers-not-object",
        "wrong-type",
        "unknown-question",
        "record-unknown-site",
        "withdraw-unconfirmed",
        "withdraw-unknown",
    ],
)
def test_bad_input_exits_1_and_writes_nothing(
    cli_ws: Path, tmp_path: Path, args: list[str], answers: object, message: str
) -> None:
    if answers is not None:
        path = tmp_path / "answers.json"
        path.write_text(answers if isinstance(answers, str) else json.dumps(answers))
        args = [*args, "--answers", str(path)]
    before = _data_hash(cli_ws)
    line = _error(run_cli(cli_ws, *args))
    assert message in line
    assert _data_hash(cli_ws) == before


def test_wrong_password_exits_1(cli_ws: Path) -> None:
    line = _error(run_cli(cli_ws, "participant", "list", password="not the password at all"))
    assert "password" in line


def test_usage_error_exits_2(cli_ws: Path) -> None:
    res = run_cli(cli_ws, "participant", "add", "--code", "X")
    assert res.code == 2 and "--site" in res.err


def test_weak_password_refused_at_init(tmp_path: Path) -> None:
    line = _error(run_cli(tmp_path / "d", "init", "--demo", "--user", "ann", password="short"))
    assert "12 characters" in line
    assert not (tmp_path / "d" / "workspace.db").exists()


def test_existing_workspace_is_not_overwritten(cli_ws: Path) -> None:
    before = (cli_ws / "workspace.db").stat().st_size
    assert "already exists" in _error(run_cli(cli_ws, "init", "--demo", "--user", "x"))
    assert (cli_ws / "workspace.db").stat().st_size >= before


def test_unwritable_data_folder_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    line = _error(run_cli(blocker / "data", "init", "--demo", "--user", "ann"))
    assert "cannot create the data folder" in line


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_data_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    line = _error(run_cli(folder, "init", "--demo", "--user", "ann"))
    assert "not writable" in line
    assert list(folder.iterdir()) == []


def test_no_workspace_is_a_clear_error(tmp_path: Path) -> None:
    assert "no workspace" in _error(run_cli(tmp_path / "empty", "participant", "list"))


def test_help_everywhere() -> None:
    for args in (
        ["--help"],
        ["participant", "--help"],
        ["record", "add", "--help"],
        ["audit", "verify", "--help"],
        ["init", "--help"],
    ):
        res = run_cli(Path("."), *args)
        assert res.code == 0 and "usage:" in res.out
