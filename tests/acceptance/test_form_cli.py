"""`form inspect`, and `record add/show/finalise` with validation, scores and alerts,
end to end through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

PHQ9 = REPO / "resources" / "forms" / "phq9.md"
ITEMS = {f"phq9_{i}": "1" for i in range(1, 9)}


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("formcli") / "data"
    assert run_cli(folder, "init", "--demo", "--user", "ann").code == 0
    res = run_cli(folder, "participant", "add", "--site", "durham-house", "--code", "DH-001")
    assert res.code == 0, res.err
    return folder


def _write(tmp_path: Path, data: object, name: str = "answers.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def _error(res) -> str:  # type: ignore[no-untyped-def]
    assert res.code == 1, (res.out, res.err)
    lines = res.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in res.err
    return str(lines[0])


def test_inspect_a_file_without_a_workspace(tmp_path: Path) -> None:
    answers = _write(tmp_path, {**ITEMS, "phq9_9": "2"})
    res = run_cli(tmp_path / "none", "form", "inspect", str(PHQ9), "--answers", answers, "--json")
    assert res.code == 0, res.err
    data = json.loads(res.out)
    assert set(data) == {
        "form_id",
        "version",
        "title",
        "languages",
        "questions",
        "scores",
        "alerts",
    }
    assert data["form_id"] == "phq9" and data["scores"]["phq9"] == {"score": 10, "band": "Moderate"}
    assert [a["id"] for a in data["alerts"]] == ["phq9_item9"]
    first = data["questions"][0]
    assert set(first) == {
        "name",
        "type",
        "label",
        "choices",
        "relevant",
        "required",
        "valid",
        "value",
        "message",
    }
    assert first["choices"][0] == {"name": "0", "label": "Not at all"}
    assert not (tmp_path / "none").exists()


def test_inspect_prints_a_table_without_json(tmp_path: Path) -> None:
    res = run_cli(tmp_path, "form", "inspect", str(PHQ9))
    assert res.code == 0, res.err
    assert (
        res.out.startswith("PHQ-9") and "phq9_9" in res.out and "score phq9: not scored" in res.out
    )


def test_inspect_a_study_form_by_id(ws: Path) -> None:
    res = run_cli(ws, "form", "inspect", "yp_checkin", "--json")
    assert res.code == 0, res.err
    data = json.loads(res.out)
    assert data["form_id"] == "yp_checkin" and data["questions"][0]["name"] == "intro"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["form", "inspect", "no_such_form"], "no form 'no_such_form'"),
        (["form", "inspect", "missing.xlsx"], "missing.xlsx: cannot be read"),
        (["form", "inspect", str(PHQ9), "--lang", "xx"], "no language 'xx'"),
    ],
)
def test_inspect_errors(ws: Path, args: list[str], message: str) -> None:
    assert message in _error(run_cli(ws, *args))


def test_inspect_a_bad_form(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text(
        "| survey |\n|  | type | name | label | calculation |\n"
        "|  | calculate | c | | ${c} + 1 |\n|  | integer | q | Q | |\n"
    )
    line = _error(run_cli(tmp_path, "form", "inspect", str(bad), "--json"))
    assert line.startswith("error: bad.md: ") and "own value" in line


def test_record_with_an_alert_is_a_draft_until_acknowledged(ws: Path, tmp_path: Path) -> None:
    answers = _write(tmp_path, {**ITEMS, "phq9_9": "1"})
    res = run_cli(
        ws, "record", "add", "--form", "phq9", "--answers", answers, "--participant", "DH-001"
    )
    assert res.code == 0, res.err
    assert "DRAFT" in res.out and "SAFEGUARDING ALERT phq9_item9" in res.out
    res = run_cli(
        ws,
        "record",
        "add",
        "--form",
        "phq9",
        "--answers",
        answers,
        "--participant",
        "DH-001",
        "--json",
    )
    data = json.loads(res.out)
    assert data["status"] == "draft" and data["form_version"] == "1"
    assert data["alerts"][0]["id"] == "phq9_item9" and data["alerts"][0]["acknowledged_by"] is None
    assert data["scores"]["phq9"]["score"] == 9
    uuid = data["uuid"]
    line = _error(run_cli(ws, "record", "finalise", uuid))
    assert "not acknowledged (phq9_item9)" in line
    res = run_cli(
        ws, "record", "finalise", uuid, "--ack-alerts", "spoke with her; DSL told", "--json"
    )
    assert res.code == 0, res.err
    assert json.loads(res.out)["status"] == "final"
    shown = json.loads(run_cli(ws, "record", "show", uuid, "--json").out)
    assert shown["status"] == "final" and shown["alerts"][0]["acknowledged_by"] == "ann"
    assert shown["alerts"][0]["action_taken"] == "spoke with her; DSL told"
    assert shown["answers"]["phq9_9"] == "1"
    labels = {q["name"]: q["label"] for q in shown["questions"]}
    assert labels["phq9_9"].startswith("9. Thoughts")


def test_record_with_ack_alerts_is_final(ws: Path, tmp_path: Path) -> None:
    answers = _write(tmp_path, {**ITEMS, "phq9_9": "3"})
    res = run_cli(
        ws,
        "record",
        "add",
        "--form",
        "phq9",
        "--answers",
        answers,
        "--participant",
        "DH-001",
        "--ack-alerts",
        "called the DSL",
        "--json",
    )
    assert res.code == 0, res.err
    data = json.loads(res.out)
    assert data["status"] == "final" and data["alerts"][0]["action_taken"] == "called the DSL"
    text = run_cli(ws, "record", "show", data["uuid"]).out
    assert "score phq9: 11 (Moderate)" in text and "acknowledged by ann" in text


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"feel_week": "bad", "school_now": "yes", "school_days": 9}, "Type a number from 0 to 7"),
        ({"feel_week": "very bad"}, "is not one of the question's choices"),
    ],
)
def test_record_add_checks_constraints(
    ws: Path, tmp_path: Path, answers: dict[str, object], message: str
) -> None:
    path = _write(tmp_path, answers)
    line = _error(
        run_cli(
            ws,
            "record",
            "add",
            "--form",
            "yp_checkin",
            "--answers",
            path,
            "--participant",
            "DH-001",
        )
    )
    assert message in line


def test_record_add_drops_non_relevant_answers(ws: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, {"feel_week": "good", "feel_more": "not asked", "school_now": "no"})
    res = run_cli(
        ws,
        "record",
        "add",
        "--form",
        "yp_checkin",
        "--answers",
        path,
        "--participant",
        "DH-001",
        "--json",
    )
    assert res.code == 0, res.err
    uuid = json.loads(res.out)["uuid"]
    shown = json.loads(run_cli(ws, "record", "show", uuid, "--json").out)
    assert shown["answers"] == {"feel_week": "good", "school_now": "no"}
    assert shown["status"] == "final" and shown["alerts"] == []


def test_record_show_unknown(ws: Path) -> None:
    assert "no such record" in _error(run_cli(ws, "record", "show", "nope"))


# --- an alert whose answers changed after it was raised ---------------------------------


def _resave(ws: Path, uuid: str, item9: str, ack: str | None = None) -> None:
    """What the form filler does on the laptop: acknowledge (optionally), then save the
    draft again with item 9 changed."""
    from sylcollect.services.drafts import DraftSave, acknowledge_draft_alerts, save_draft
    from sylcollect.storage.workspace import Workspace
    from tests.conftest import PASSWORD

    unlocked = Workspace.open(ws).unlock("ann", PASSWORD)
    try:
        if ack is not None:
            acknowledge_draft_alerts(unlocked, uuid, ack)
        answers = {**ITEMS, "phq9_9": item9}
        save_draft(unlocked, DraftSave("phq9", "1", answers, uuid=uuid, participant_code="DH-001"))
    finally:
        unlocked.lock()


def _draft(ws: Path, tmp_path: Path, item9: str) -> str:
    answers = _write(tmp_path, {**ITEMS, "phq9_9": item9})
    args = ["--answers", answers, "--participant", "DH-001", "--draft", "--json"]
    res = run_cli(ws, "record", "add", "--form", "phq9", *args)
    assert res.code == 0, res.err
    return str(json.loads(res.out)["uuid"])


def test_record_show_says_an_alert_no_longer_holds(ws: Path, tmp_path: Path) -> None:
    uuid = _draft(ws, tmp_path, "1")
    _resave(ws, uuid, "0")  # item 9 changed to 'Not at all'
    text = run_cli(ws, "record", "show", uuid).out
    line = next(t for t in text.splitlines() if "SAFEGUARDING ALERT" in t)
    assert line.startswith(
        "  SAFEGUARDING ALERT phq9_item9 (NOT acknowledged; no longer holds since 20"
    )
    assert line.split("since ", 1)[1].split(")", 1)[0].endswith(" UTC")
    (alert,) = json.loads(run_cli(ws, "record", "show", uuid, "--json").out)["alerts"]
    assert alert["holds"] is False and alert["cleared_at"] and alert["acknowledged_by"] is None
    assert "no longer holds" in _error(run_cli(ws, "record", "finalise", uuid))
    res = run_cli(ws, "record", "finalise", uuid, "--ack-alerts", "Asked her: a mis-tap")
    assert res.code == 0, res.err
    line = next(t for t in run_cli(ws, "record", "show", uuid).out.splitlines() if "ALERT" in t)
    assert "(acknowledged by ann, " in line and ": Asked her: a mis-tap; no longer holds" in line


def test_record_show_keeps_earlier_acknowledgements(ws: Path, tmp_path: Path) -> None:
    uuid = _draft(ws, tmp_path, "1")
    _resave(ws, uuid, "3", ack="Told the DSL")  # acknowledged, then item 9 from 1 to 3
    text = run_cli(ws, "record", "show", uuid).out
    lines = text.splitlines()
    at = next(i for i, t in enumerate(lines) if "SAFEGUARDING ALERT phq9_item9" in t)
    assert "(NOT acknowledged)" in lines[at]
    earlier = lines[at + 1]
    assert earlier.startswith(
        "    earlier acknowledgement, before the answers changed: by ann, 20"
    ) and earlier.endswith(" UTC: Told the DSL")
    (alert,) = json.loads(run_cli(ws, "record", "show", uuid, "--json").out)["alerts"]
    assert [(h["by"], h["action_taken"], h["trigger"]) for h in alert["history"]] == [
        ("ann", "Told the DSL", "phq9_9='1'")
    ]
    assert alert["trigger"] == "phq9_9='3'" and "holds" not in alert  # holds: the default
