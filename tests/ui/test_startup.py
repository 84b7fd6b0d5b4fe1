"""The app's own start: the unlock window is up before the storage layer is loaded.

`AppController.start(open_in_background=True)` (what `ui.app.run` does) shows the unlock window
from a read-only look at the file and opens the workspace on the worker thread just after;
anything the user does before then waits for it. The start-up benchmark is
benchmarks/bench_ui_start.py; here is what it relies on, and that nothing changes for the user.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_helpers import PASSWORD, wait_idle

from sylcollect.errors import WrongPassword

REPO = Path(__file__).resolve().parents[2]

# Imported only once the first window is up (or later, when a page needs them).
HEAVY = (
    "sqlalchemy",
    "alembic",
    "pandas",
    "pyxform",
    "pypdfium2",
    "sylcollect.storage.workspace",
    "sylcollect.storage.schema",
    "sylcollect.forms",
    "sylcollect.reports",
    "sylcollect.sync",
    "sylcollect.services",
    "ui.windows.main_window",
    "ui.windows.recovery",
)

PROBE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ui.app import run

HEAVY = {heavy!r}


class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            loaded = sorted(m for m in HEAVY if m in sys.modules)
            print("shown", watched.objectName(), "loaded:", ",".join(loaded), flush=True)
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False


def started(app):
    app.installEventFilter(Probe(app))


sys.exit(run(["--data-dir", sys.argv[1]], on_started=started))
"""


def test_the_unlock_window_shows_before_the_storage_layer_loads(demo_folder) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for name in ("SYLCOLLECT_UI_SELFTEST", "SYLCOLLECT_UI_SCRIPT", "SYLCOLLECT_DATA_DIR"):
        env.pop(name, None)
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), str(demo_folder.path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "shown unlockWindow loaded:", proc.stdout
    assert "Traceback" not in proc.stderr


@pytest.fixture
def controller(qtbot, demo_folder, tasks, cheap):  # type: ignore[no-untyped-def]
    from ui.app import AppController

    made = AppController(demo_folder.path, demo=False, tasks=tasks, idle_ms=60_000)
    yield made
    made.shutdown()


def test_the_window_comes_first_and_the_workspace_follows(qtbot, controller, tasks) -> None:
    from sylcollect.storage.workspace import Workspace
    from ui.windows.unlock import UnlockWindow

    controller.start(open_in_background=True)
    window = controller.window
    assert isinstance(window, UnlockWindow)
    assert controller.workspace is None and window.workspace is None
    assert window.recovery is None
    page = window.sign_in
    assert page.user.currentText() == "ann" and page.user.count() == 1
    qtbot.waitExposed(window)
    assert window.focusWidget() is page.password.edit
    qtbot.waitUntil(lambda: controller.workspace is not None, timeout=15000)
    wait_idle(qtbot, tasks)
    assert isinstance(controller.workspace, Workspace)
    assert window.workspace is controller.workspace
    assert window.recovery is not None and window.stack.indexOf(window.recovery) == 1
    assert window.stack.currentWidget() is page
    assert page.unlock_button.isEnabled()


def test_unlock_pressed_before_the_workspace_is_open_waits_for_it(qtbot, controller, tasks) -> None:
    from ui.windows.main_window import MainWindow

    controller.start(open_in_background=True)
    window = controller.window
    page = window.sign_in
    qtbot.waitExposed(window)
    qtbot.keyClicks(page.password.edit, PASSWORD)
    qtbot.keyClick(page.password.edit, Qt.Key.Key_Return)
    if controller.workspace is None:  # usually: the open is still queued
        assert page.busy.isVisible() and not page.unlock_button.isEnabled()
    qtbot.waitUntil(lambda: isinstance(controller.window, MainWindow), timeout=15000)
    assert controller.unlocked is not None and controller.unlocked.actor == "ann"
    main = controller.window
    qtbot.waitUntil(lambda: main.home is not None and main.home.summary is not None, timeout=15000)
    main.lock()
    wait_idle(qtbot, tasks)
    assert controller.unlocked is None


def test_a_wrong_password_before_the_open_is_refused_as_usual(qtbot, controller, tasks) -> None:
    controller.start(open_in_background=True)
    window = controller.window
    page = window.sign_in
    qtbot.waitExposed(window)
    got = []
    window.unlocked.connect(got.append)
    qtbot.keyClicks(page.password.edit, "not the password")
    qtbot.keyClick(page.password.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.workspace is not None, timeout=15000)
    wait_idle(qtbot, tasks)
    assert page.error.message() == "That password didn't work. Check Caps Lock and try again."
    assert got == [] and page.password.text() == ""


def test_forgot_pressed_before_the_open_shows_the_recovery_page_after(
    qtbot, controller, tasks
) -> None:
    controller.start(open_in_background=True)
    window = controller.window
    qtbot.waitExposed(window)
    qtbot.mouseClick(window.sign_in.forgot_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.recovery is not None, timeout=15000)
    assert window.stack.currentWidget() is window.recovery
    assert window.recovery.user.currentText() == "ann"
    qtbot.keyClick(window.recovery.key, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.sign_in


def test_a_backoff_left_from_before_shows_once_the_workspace_is_open(
    qtbot, demo_folder, controller, tasks
) -> None:
    from sylcollect.storage.workspace import Workspace

    ws = Workspace.open(demo_folder.path)
    for _ in range(3):  # as if from an earlier run of the app
        with pytest.raises(WrongPassword):
            ws.unlock("ann", "wrong wrong wrong")
    ws.close()
    controller.start(open_in_background=True)
    page = controller.window.sign_in
    qtbot.waitUntil(lambda: controller.workspace is not None, timeout=15000)
    assert page.wait.message() in {
        "Too many tries. You can try again in 0:02.",
        "Too many tries. You can try again in 0:01.",
    }
    assert not page.unlock_button.isEnabled()


def test_a_workspace_that_fails_to_open_says_so(qtbot, demo_folder, controller, tasks) -> None:
    db = demo_folder.path / "workspace.db"
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffffdead'")
    conn.close()
    shown: list[tuple[str, int]] = []
    controller._fatal = lambda text, code=0: shown.append((text, code))  # type: ignore[method-assign]
    controller.start(open_in_background=True)
    window = controller.window
    assert window.sign_in.user.currentText() == "ann"  # the quick look still works
    qtbot.waitUntil(lambda: bool(shown), timeout=15000)
    assert not window.isVisible()
    ((text, code),) = shown
    assert code == 0
    assert text.startswith("The workspace could not be read or saved.")
    assert "could not be upgraded" in text
    assert controller.workspace is None


def test_an_unreadable_file_is_opened_the_full_way(qtbot, tmp_path, tasks) -> None:
    from ui.app import AppController

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "workspace.db").write_bytes(b"not a database" * 100)
    made = AppController(folder, demo=False, tasks=tasks)
    shown: list[str] = []
    made._fatal = lambda text, code=0: shown.append(text)  # type: ignore[method-assign]
    made.start(open_in_background=True)
    assert made.window is None and len(shown) == 1
    assert shown[0].startswith("The workspace could not be read or saved.")
