"""End to end through the desktop app: `main.py --demo` in a subprocess (offscreen), driven by
the documented SYLCOLLECT_UI_SCRIPT hook as a user would: the first-run wizard on the demo
study (real key derivation), the recovery sheet saved, a participant added and one
questionnaire collected, then Ctrl+L. Afterwards the workspace is opened from outside the app:
the record is there and the audit log shows the events.

Collecting: the script saves the questionnaire through the app's own services on its one
worker thread (`add_record`, what the form filler's "Finish" ends in); the Collect page and
its filler were not registered in ui/nav.py when this was written and have their own tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"

SCRIPT = textwrap.dedent(
    """
    import time
    from pathlib import Path

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from sylcollect.domain.study import Role
    from sylcollect.services.records import NewRecord, add_record
    from ui.windows.first_run import FirstRunWizard
    from ui.windows.main_window import MainWindow
    from ui.windows.unlock import UnlockWindow

    PASSWORD = "correct horse battery staple"
    OUT = Path(__OUT__)

    def wait_until(check, seconds=120, what="condition"):
        end = time.monotonic() + seconds
        while not check():
            if time.monotonic() > end:
                raise TimeoutError("timed out waiting for " + what)
            QTest.qWait(20)

    def click(button):
        assert button.isVisible() and button.isEnabled(), button.text()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    # 1. First run: the demo option is chosen (--demo); Continue.
    wizard = controller.window
    assert isinstance(wizard, FirstRunWizard), type(wizard)
    assert wizard.choose.demo.isChecked()
    click(wizard.choose.next_button)
    QTest.keyClicks(wizard.user.user, "ann")
    QTest.keyClicks(wizard.user.password.edit, PASSWORD)
    QTest.keyClicks(wizard.user.confirm, PASSWORD)
    QTest.keyClick(wizard.user.confirm, Qt.Key.Key_Return)
    wait_until(lambda: wizard.stack.currentWidget() is wizard.key, what="the recovery key")

    # 2. The recovery sheet, saved where "the user" chooses (the save dialog answered).
    wizard.ask_save_path = lambda _parent: str(OUT / "recovery-sheet.pdf")
    click(wizard.key.save_button)
    wait_until(lambda: "Saved to" in wizard.key.notice.message(), what="the saved sheet")
    QTest.keyClick(wizard.key.stored, Qt.Key.Key_Space)
    click(wizard.key.finish_button)

    # 3. The dashboard, signed in.
    wait_until(lambda: isinstance(controller.window, MainWindow), what="the main window")
    main = controller.window
    wait_until(lambda: main.services is not None, what="the session")
    wait_until(lambda: main.home is not None and main.home.summary is not None, what="Home")
    print("E2E home:", main.home.summary.name, flush=True)

    # 4. One questionnaire for a new participant.
    services = main.services
    site = services.study.sites[0].id
    answers = {f"phq9_{n}": "1" for n in range(1, 10)}
    answers["phq9_9"] = "0"
    answers["phq9_difficulty"] = "somewhat"
    saved = []

    def collect(ws):
        with ws.transaction() as tx:
            tx.participants.add("YP-E2E", site, Role.YOUNG_PERSON)
        new = NewRecord("phq9", answers, participant_code="YP-E2E", wave_id="baseline")
        return add_record(ws, new)

    # Through the app's services on its one worker (the Collect page's filler, once
    # registered in ui/nav.py, ends in the same add_record; its own tests drive it).
    registered = "collect" in [spec.key for spec in main.specs]
    how = "services" + (" (collect page registered)" if registered else "")
    services.run(collect, services.workspace, on_done=saved.append, on_error=saved.append)
    wait_until(lambda: saved, what="the record")
    record = saved[0]
    assert not isinstance(record, BaseException), repr(record)
    print("E2E collected via", how, "record", record.uuid, flush=True)

    # 5. Lock with Ctrl+L: the keys leave memory and the unlock window comes back.
    unlocked = services.workspace
    QTest.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: isinstance(controller.window, UnlockWindow), what="the unlock window")
    wait_until(lambda: unlocked.locked, what="the keys to be dropped")
    assert controller.unlocked is None
    print("E2E locked", flush=True)
    """
)


def run_app(script: Path, data_dir: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SYLCOLLECT_UI_SCRIPT": str(script),
        "SYLCOLLECT_UI_SCRIPT_ACK": "run-ui-script",
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
    from sylcollect.storage.workspace import Workspace

    script = tmp_path / "e2e_script.py"
    script.write_text(SCRIPT.replace("__OUT__", repr(str(tmp_path))))
    script.chmod(0o600)
    data_dir = tmp_path / "demo"
    proc = run_app(script, data_dir, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert "E2E home:" in out and "E2E collected via" in out
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
        unlocked.lock()
    finally:
        ws.close()
    uuid = out.split(" record ")[1].split()[0]
    assert [(r.uuid, r.form_id, r.wave_id) for r in records] == [(uuid, "phq9", "baseline")]
    seen = [(e.action.value, e.entity) for e in events]
    assert ("export", "recovery_sheet") in seen
    assert ("create", "participant") in seen
    assert ("create", "record") in seen
    assert seen.count(("unlock", "user")) >= 1  # ours, just now


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
