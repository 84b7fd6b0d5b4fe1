"""The whole trip through the real CLI: a study home, two laptops set up from its package,
participants and records (a scored PHQ-9 among them) on each, `sync --to DIR`, then
`central init` + `central import` (devices approved), and the central store holds exactly
what was entered: counts, answers and scores. Then a receipt purges laptop A's synced
records. On SQLite, and on PostgreSQL when SYLCOLLECT_TEST_PG_URL is set.

Every CLI call pays the real Argon2id cost, so these are `slow` (CI's `make test` runs them).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sylcollect.sync.central_session import central_session
from sylcollect.sync.central_views import snapshot
from tests.conftest import PASSWORD, CliResult, run_cli
from tests.core.sync.test_import_support import (
    needs_pg,
    pg_url,  # noqa: F401 (fixture)
)

NO_DATA = Path("/nonexistent-data-dir-for-study-commands")
PHQ_A = {f"phq9_{i}": "1" for i in range(1, 10)} | {"phq9_difficulty": "somewhat"}
PHQ_B = {f"phq9_{i}": "2" for i in range(1, 9)} | {"phq9_9": "0"}
CHECKIN = {"feel_week": "good", "sleep": "well", "school_now": "no"}
SITE = {
    "month": "2026-02-01",
    "incidents": 2,
    "missing_episodes": 0,
    "restraints": 1,
    "staff_absence_days": 3,
    "staff_leavers": 0,
    "staff_joiners": 1,
    "notes": "fake site notes",
}


def _ok(res: CliResult) -> CliResult:
    assert res.code == 0, (res.out, res.err)
    return res


def _json(res: CliResult) -> Any:
    return json.loads(_ok(res).out)


def _record(laptop: Path, tmp: Path, form: str, answers: dict[str, Any], *extra: str) -> Any:
    file = tmp / f"answers-{form}-{len(list(tmp.glob('answers-*')))}.json"
    file.write_text(json.dumps(answers))
    return _json(
        run_cli(laptop, "record", "add", "--form", form, "--answers", str(file), *extra, "--json")
    )


def _laptop(root: Path, name: str, package: str) -> Path:
    laptop = root / f"laptop-{name}"
    _ok(run_cli(laptop, "init", "--package", package, "--user", name))
    return laptop


def _trip(tmp_path: Path, db: list[str]) -> None:
    home, export = tmp_path / "home", tmp_path / "export"
    export.mkdir()
    made = _json(
        run_cli(NO_DATA, "study", "create", "--from", "demo", "--home", str(home), "--json")
    )
    a = _laptop(tmp_path, "ann", made["package"])
    b = _laptop(tmp_path, "ben", made["package"])
    expected: dict[str, dict[str, Any]] = {}  # record uuid -> what was entered and scored

    _ok(run_cli(a, "participant", "add", "--site", "durham-house", "--code", "DH-201",
                "--name", "Fake Ann One", "--dob", "2009-04-01"))  # fmt: skip
    _ok(run_cli(a, "participant", "add", "--site", "durham-house", "--code", "DH-202"))
    for form, answers, who in (("phq9", PHQ_A, "DH-201"), ("yp_checkin", CHECKIN, "DH-202")):
        rec = _record(a, tmp_path, form, answers, "--participant", who, "--wave", "baseline")
        expected[rec["uuid"]] = {
            "answers": answers,
            "scores": rec["scores"],
            "code": who,
            "status": "draft" if rec["alerts"] else "final",
        }
    phq_a = next(iter(expected.values()))
    assert phq_a["scores"]["phq9"]["score"] == 9 and phq_a["status"] == "draft"

    _ok(run_cli(b, "participant", "add", "--site", "safe-steps", "--code", "SS-301"))
    rec = _record(b, tmp_path, "phq9", PHQ_B, "--participant", "SS-301", "--wave", "baseline")
    assert rec["scores"]["phq9"]["score"] == 16
    expected[rec["uuid"]] = {
        "answers": PHQ_B,
        "scores": rec["scores"],
        "code": "SS-301",
        "status": "final",
    }
    rec = _record(b, tmp_path, "site_indicators", SITE, "--site", "safe-steps")
    expected[rec["uuid"]] = {
        "answers": SITE,
        "scores": rec["scores"],
        "code": None,
        "status": "final",
    }

    devices = {}
    for laptop in (a, b):
        sent = _json(run_cli(laptop, "sync", "--to", str(export), "--json"))
        assert len(sent["bundles"]) == 1
        devices[laptop] = _json(run_cli(laptop, "sync", "status", "--json"))["device_id"]

    _ok(run_cli(NO_DATA, "central", "init", "--home", str(home), *db))
    bundles = sorted(str(p) for p in export.glob("*.sylb"))
    res = _ok(run_cli(NO_DATA, "central", "import", "--home", str(home), *bundles))
    assert res.out.count("held in quarantine") == 2
    listed = _json(run_cli(NO_DATA, "central", "devices", "--home", str(home), "--json"))
    assert {d["device_id"]: d["status"] for d in listed} == dict.fromkeys(
        devices.values(), "pending"
    )
    for device_id in devices.values():
        res = _ok(run_cli(NO_DATA, "central", "approve", device_id, "--home", str(home)))
        assert "imported device" in res.out
    assert not list(export.glob("*.sylb")), "imported bundles leave the export folder"

    with central_session(home, None, PASSWORD) as session:
        snap = snapshot(session.store)
        with session.store.transaction() as tx:
            shown = tx.participants.reveal_identity("DH-201")
    codes = {p["uuid"]: p["code"] for p in snap["participants"]}
    assert sorted(codes.values()) == ["DH-201", "DH-202", "SS-301"]
    assert shown.identity is not None and shown.identity.name == "Fake Ann One"
    assert len(snap["records"]) == len(expected) == 4
    for got in snap["records"]:
        want = expected[got["uuid"]]
        assert codes.get(got["participant_uuid"]) == want["code"]
        assert got["content"]["scores"] == want["scores"]
        assert got["status"] == want["status"]
        for name, value in want["answers"].items():
            assert str(got["content"]["answers"][name]) == str(value), name
    assert len(snap["consents"]) == 0 and snap["gaps"] == []

    # A receipt for laptop A purges its synced records there, keeping counts only.
    receipt = tmp_path / "a.sylr"
    _ok(run_cli(NO_DATA, "central", "receipt", "--home", str(home), "--device", devices[a],
                "--out", str(receipt)))  # fmt: skip
    done = _json(run_cli(a, "receipt", "apply", str(receipt), "--json"))
    # PHQ-9 item 9 above "not at all" raised an alert nobody acknowledged: a draft, kept.
    assert (done["covered"], done["purged"], done["kept"]) == (2, 1, 1)
    assert done["purged_counts"] == [
        {"form_id": "yp_checkin", "form_version": "1", "site_id": "durham-house",
         "wave_id": "baseline", "records": 1}
    ]  # fmt: skip
    [left] = _json(run_cli(a, "record", "list", "--json"))
    assert (left["form_id"], left["status"]) == ("phq9", "draft")
    refused = run_cli(b, "receipt", "apply", str(receipt))
    assert refused.code == 1 and refused.err.startswith("error: ")
    assert len(_json(run_cli(b, "record", "list", "--json"))) == 2


@pytest.mark.slow
def test_round_trip_two_laptops_through_the_cli_sqlite(tmp_path: Path) -> None:
    _trip(tmp_path, [])


@pytest.mark.slow
@needs_pg
def test_round_trip_two_laptops_through_the_cli_postgresql(
    tmp_path: Path,
    pg_url: str,  # noqa: F811 (fixture)
) -> None:
    _trip(tmp_path, ["--db", pg_url])
