"""Starts the desktop app and moves between its windows: first run, unlock, main window.

It also locks the main window when the system sleeps or the screen locks (ui/session_watch.py).

Start-up is kept light: the unlock window is shown from a quick read-only look at the
workspace file (sylcollect/storage/peek.py), and the storage layer (SQLAlchemy, migrations)
is imported and the workspace opened on the worker thread just after; an Unlock pressed before
then waits for it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from sylcollect.errors import SylError
from sylcollect.storage import peek
from ui import i18n, messages
from ui.pages.settings_prefs import Preferences
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from sylcollect.storage.workspace import UnlockedWorkspace, Workspace

APP_NAME = "SYL Collect"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="main.py", description="SYL Collect desktop app")
    p.add_argument("--demo", action="store_true", help="open (or set up) the demo study")
    p.add_argument("--data-dir", metavar="DIR", help="workspace folder (or SYLCOLLECT_DATA_DIR)")
    p.add_argument("--high-contrast", action="store_true", help="use the high-contrast theme")
    return p.parse_args(list(argv))


def platform_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def demo_data_dir() -> Path:
    """The demo study's own folder, apart from real data."""
    return platform_data_dir() / "demo"


def chosen_data_dir(args: argparse.Namespace) -> Path:
    """--data-dir, else SYLCOLLECT_DATA_DIR, else the platform folder (its 'demo' for --demo)."""
    chosen = args.data_dir or os.environ.get("SYLCOLLECT_DATA_DIR")
    if chosen:
        return Path(chosen).expanduser()
    return demo_data_dir() if args.demo else platform_data_dir()


def open_workspace(data_dir: Path) -> Workspace:
    """Worker thread: imports the storage layer and opens (migrating) the workspace."""
    from sylcollect.storage.workspace import Workspace

    return Workspace.open(data_dir)


class AppController(QObject):
    """Shows one top-level window at a time and hands the workspace between them. GUI thread."""

    def __init__(
        self,
        data_dir: Path,
        *,
        demo: bool,
        tasks: TaskRunner,
        demo_dir: Path | None = None,
        idle_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.demo = demo
        self.demo_dir = demo_dir or (data_dir if demo else demo_data_dir())
        self.tasks = tasks
        self.prefs = Preferences(parent=self)
        self.idle_ms = idle_ms  # None: the auto-lock time chosen in Settings
        self.window: QWidget | None = None
        self.workspace: Workspace | None = None
        self.unlocked: UnlockedWorkspace | None = None

    def start(self, *, open_in_background: bool = False) -> None:
        """The first window: the unlock window when there is a workspace, else first run.

        With `open_in_background` (the app's own start, `run`), the unlock window is shown
        from a quick read-only look at the file (sylcollect.storage.peek) and the workspace
        is opened on the worker thread just after; otherwise it is opened first, here.
        """
        if not peek.exists(self.data_dir):
            self.show_first_run()
            return
        users = peek.user_names(self.data_dir) if open_in_background else None
        if users is None:  # or not readable the quick way: open it here, which says why
            self._open_existing(self.data_dir)
            return
        from ui.windows.unlock import UnlockWindow

        window = UnlockWindow(None, self.tasks, users=users)
        window.unlocked.connect(self.show_main)
        self._switch(window)
        # after the window is up: the worker imports the storage layer and opens the file
        QTimer.singleShot(0, self._open_in_background)

    def _open_in_background(self) -> None:
        self.tasks.run(
            open_workspace,
            self.data_dir,
            on_done=self._opened,
            on_error=self._open_failed,
            context=self,
        )

    def _opened(self, workspace: Workspace) -> None:
        self.workspace = workspace
        set_workspace = getattr(self.window, "set_workspace", None)
        if callable(set_workspace):
            set_workspace(workspace)

    def _open_failed(self, exc: BaseException) -> None:
        """As when opening failed before any window: the message, then the app ends."""
        if self.window is not None:
            self.window.hide()
        if isinstance(exc, SylError):
            self._fatal(messages.message_for(exc, "open"))
            return
        # not an expected failure: the traceback a crash at start would have printed
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
        self._fatal(messages.message_for(exc, "open"), code=1)

    def _switch(self, window: QWidget) -> None:
        old, self.window = self.window, window
        window.show()
        window.raise_()
        window.activateWindow()
        if old is not None:
            old.hide()
            old.deleteLater()

    def _fatal(self, text: str, code: int = 0) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, self.tr("SYL Collect"), text)
        if code:
            QTimer.singleShot(0, lambda: QCoreApplication.exit(code))
        else:
            QTimer.singleShot(0, QCoreApplication.quit)

    def show_first_run(self) -> None:
        """The first-run wizard (study package or demo; the demo chosen with --demo)."""
        from ui.windows.first_run import FirstRunWizard

        wizard = FirstRunWizard(self.data_dir, self.tasks, demo_dir=self.demo_dir, demo=self.demo)
        wizard.completed.connect(self._first_run_done)
        wizard.open_existing.connect(self._open_existing)
        wizard.rejected.connect(QCoreApplication.quit)
        self._switch(wizard)

    def _first_run_done(self, unlocked: UnlockedWorkspace) -> None:
        self.workspace = unlocked.workspace
        self.show_main(unlocked)

    def _open_existing(self, folder: Path) -> None:
        from sylcollect.storage.workspace import Workspace

        try:
            self.show_unlock(Workspace.open(folder))
        except SylError as exc:
            self._fatal(messages.message_for(exc, "open"))

    def show_unlock(self, workspace: Workspace) -> None:
        from ui.windows.unlock import UnlockWindow

        self.workspace = workspace
        self.unlocked = None
        window = UnlockWindow(workspace, self.tasks)
        window.unlocked.connect(self.show_main)
        self._switch(window)

    def show_main(self, unlocked: UnlockedWorkspace) -> None:
        from ui.windows.main_window import MainWindow

        self.unlocked = unlocked
        window = MainWindow(unlocked, self.tasks, self.idle_ms, self.prefs)
        window.locked.connect(self._locked)
        self._switch(window)

    def lock_now(self, reason: str = "") -> None:
        """Locks the main window at once (system suspend, screen lock); no-op when locked."""
        lock = getattr(self.window, "lock", None)
        if self.unlocked is not None and callable(lock):
            lock()

    def _locked(self) -> None:
        self.unlocked = None
        if getattr(self.window, "closing", False):
            return  # the main window was closed: the app is quitting, not locking
        if self.workspace is not None:
            self.show_unlock(self.workspace)

    def shutdown(self) -> None:
        """On quit: finish queued work, drop any keys, close the database."""
        if self.window is not None:
            self.window.close()
        self.tasks.wait()
        if self.unlocked is not None and not self.unlocked.locked:
            self.unlocked.lock()
        if self.workspace is not None:
            self.workspace.close()


def make_application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    return app  # type: ignore[return-value]


def run(
    argv: Sequence[str],
    on_started: Callable[[QApplication], None] | None = None,
    on_ready: Callable[[QApplication, AppController], None] | None = None,
) -> int:
    """Runs the app until its last window closes; returns the exit code.

    `on_started(app)` runs before the first window; `on_ready(app, controller)` after it is
    shown (main.py's documented test-driver hook uses it).
    """
    args = parse_args(argv)
    app = make_application([])
    i18n.install(app)  # the system's language where we have it; English otherwise
    Preferences().apply_appearance(app, force_hc=args.high_contrast)
    tasks = TaskRunner(app)
    controller = AppController(chosen_data_dir(args), demo=args.demo, tasks=tasks, parent=app)
    app.aboutToQuit.connect(controller.shutdown)

    def watch_session() -> None:  # nothing to lock before the first window is up
        from ui.session_watch import SessionWatch

        watch = SessionWatch(app, parent=controller)
        watch.lock_requested.connect(controller.lock_now)

    if on_started is not None:
        on_started(app)
    controller.start(open_in_background=True)
    QTimer.singleShot(0, watch_session)
    if on_ready is not None:
        QTimer.singleShot(0, lambda: on_ready(app, controller))
    return app.exec()
