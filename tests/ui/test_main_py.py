"""`main.py` starts to a real window (offscreen, with the documented self-test hook)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SYLCOLLECT_UI_SELFTEST": "1"}
    env.pop("SYLCOLLECT_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_demo_without_workspace_opens_the_first_run_wizard(tmp_path) -> None:
    proc = run_main("--demo", "--data-dir", str(tmp_path / "demo"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "window shown: firstRunWizard"


def test_no_workspace_and_no_demo_opens_the_first_run_wizard(tmp_path) -> None:
    proc = run_main("--data-dir", str(tmp_path / "none"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "window shown: firstRunWizard"


def test_existing_workspace_opens_the_unlock_window(demo_folder) -> None:
    proc = run_main("--demo", "--data-dir", str(demo_folder.path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "window shown: unlockWindow"
    assert "Traceback" not in proc.stderr
