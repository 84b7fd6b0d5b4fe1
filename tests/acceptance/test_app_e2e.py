"""End to end through the desktop app: `main.py --demo` in a subprocess (offscreen), driven by
the documented SYLCOLLECT_UI_SCRIPT hook as a user would (tests/acceptance/e2e_script.py):
the first-run wizard on the demo study (real key derivation), the recovery sheet saved, a
participant added on the Participants page, then the Collect page opened from the rail, PHQ-9
filled in through the real form filler with digits and Enter, the safeguarding alert
acknowledged on the review page, the record finished, and Ctrl+L. Afterwards the workspace
is opened from outside the app: the final record holds the answers typed, and the audit log
shows the events.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("e2e_script.py")
PASSWORD = "correct horse battery staple"
# What the script types on each PHQ-9 page, as the answers stored (its KEYS, option n -> value).
TYPED = {
    "phq9_1": "1",
    "phq9_2": "0",
    "phq9_3": "2",
    "phq9_4": "1",
    "phq9_5": "0",
    "phq9_6": "3",
    "phq9_7": "0",
    "phq9_8": "1",
    "phq9_9": "1",
    "phq9_difficulty": "somewhat",
}


def run_app(script: Path, data_dir: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SYLCOLLECT_UI_SCRIPT": str(script),
        "SYLCOLLECT_UI_SCRIPT_ACK": "run-ui-script",
        "SYLCOLLECT_E2E_OUT": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
    }
    for name in ("SYLCOLLECT_DATA_DIR", "SYLCOLLECT_PASSWORD", "SYLCOLLECT_UI_SELFTEST"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "main.py", "--demo", "--data-dir", str(data_dir)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.slow
@pytest.mark.fullcost
def test_first_run_collect_and_lock(tmp_path: Path) -> None:
    from sylcollect.domain.record import RecordStatus
    from sylcollect.storage.workspace import Workspace

    # The hook runs only a file that is ours and that no one else can write: a private copy.
    script = tmp_path / "e2e_script.py"
    shutil.copyfile(SCRIPT, script)
    script.chmod(0o600)
    data_dir = tmp_path / "demo"
    proc = run_app(script, data_dir, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    lines = [line for line in out.splitlines() if line.startswith("E2E ")]
    assert [line.split(":")[0] for line in lines] == [
        "E2E home",
        "E2E participant added",
        "E2E answered",
        "E2E alert acknowledged",
        "E2E collected via the Collect page",
        "E2E locked",
    ], out
    assert out.strip().splitlines()[-1] == "E2E locked"  # the app exited locked
    assert "Traceback" not in proc.stderr

    # The workspace, its demo study home and export folder exist; the sheet was saved.
    assert Workspace.exists(data_dir)
    assert (tmp_path / "demo-study-home").is_dir() and (tmp_path / "demo-export").is_dir()
    assert (tmp_path / "recovery-sheet.pdf").read_bytes().startswith(b"%PDF")
    ws = Workspace.open(data_dir)
    try:
        unlocked = ws.unlock("ann", PASSWORD)
        with unlocked.transaction() as tx:
            records = tx.records.list()
            events = tx.audit_log.events()
            people = tx.participants.list(include_withdrawn=True)
        unlocked.lock()
    finally:
        ws.close()

    # One final PHQ-9 record at baseline for the participant added, with the answers typed.
    uuid, status = out.split(" record ")[1].split()[:2]
    assert status == "final"
    assert [p.code for p in people] == ["YP-E2E"]
    assert [(r.uuid, r.form_id, r.wave_id, r.status) for r in records] == [
        (uuid, "phq9", "baseline", RecordStatus.FINAL)
    ]
    record = records[0]
    assert record.participant_uuid == people[0].uuid
    assert record.collected_by == "ann"
    assert {k: record.answers.get(k) for k in TYPED} == TYPED
    assert [a.id for a in record.alerts] == ["phq9_item9"]
    alert = record.alerts[0]
    assert alert.acknowledged and alert.acknowledged_by == "ann"
    assert alert.action_taken.startswith("Talked with them privately")

    # The audit log, oldest first: the set-up, the participant and the record created (its
    # first autosave), then only our unlock above: nothing was written after Ctrl+L.
    chronological = sorted(events, key=lambda e: e.seq)
    seen = [(e.action.value, e.entity) for e in chronological]
    expected = [
        ("user_added", "user"),
        ("export", "recovery_sheet"),
        ("create", "participant"),
        ("create", "record"),
        ("unlock", "user"),
    ]
    assert [s for s in seen if s in expected] == expected, seen
    assert seen[-1] == ("unlock", "user"), seen
    assert all(e.actor == "ann" for e in chronological)
    created = next(e for e in chronological if e.action.value == "create" and e.entity == "record")
    assert created.entity_uuid == uuid
    participant = next(e for e in chronological if e.entity == "participant")
    assert participant.entity_uuid == people[0].uuid


def test_the_script_hook_needs_its_acknowledgement(tmp_path: Path) -> None:
    script = tmp_path / "s.py"
    script.write_text("raise SystemExit('must not run')")
    script.chmod(0o600)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SYLCOLLECT_UI_SELFTEST": "1",
        "SYLCOLLECT_UI_SCRIPT": str(script),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    env.pop("SYLCOLLECT_UI_SCRIPT_ACK", None)
    proc = subprocess.run(
        [sys.executable, "main.py", "--demo", "--data-dir", str(tmp_path / "d")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    assert "SYLCOLLECT_UI_SCRIPT ignored: SYLCOLLECT_UI_SCRIPT_ACK=run-ui-script is not set" in (
        proc.stderr
    )
    assert proc.stdout.strip() == "window shown: firstRunWizard"
