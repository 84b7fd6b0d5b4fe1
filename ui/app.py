"""Starts the desktop app and moves between its windows: set-up, unlock, main window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from sylcollect.errors import SylError
from sylcollect.storage.workspace import UnlockedWorkspace, Workspace
from ui import messages
from ui.pages.settings_prefs import Preferences
from ui.tasks import TaskRunner

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

    def start(self) -> None:
        if Workspace.exists(self.data_dir):
            try:
                self.show_unlock(Workspace.open(self.data_dir))
            except SylError as exc:
                self._fatal(messages.message_for(exc, "open"))
        elif self.demo:
            self.show_setup(self.data_dir)
        else:
            self.show_no_workspace()

    def _switch(self, window: QWidget) -> None:
        old, self.window = self.window, window
        window.show()
        window.raise_()
        window.activateWindow()
        if old is not None:
            old.hide()
            old.deleteLater()

    def _fatal(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, self.tr("SYL Collect"), text)
        QTimer.singleShot(0, QCoreApplication.quit)

    def show_no_workspace(self) -> None:
        from ui.windows.no_workspace import NoWorkspaceWindow

        window = NoWorkspaceWindow(self.data_dir)
        window.demo_requested.connect(lambda: self.show_setup(self.demo_dir))
        window.rejected.connect(QCoreApplication.quit)
        self._switch(window)

    def show_setup(self, folder: Path) -> None:
        from ui.windows.setup import SetupDialog

        if Workspace.exists(folder):  # the demo was set up earlier: just open it
            self.show_unlock(Workspace.open(folder))
            return
        dialog = SetupDialog(folder, self.tasks)
        dialog.completed.connect(self.show_unlock)
        dialog.rejected.connect(self._setup_cancelled)
        self._switch(dialog)

    def _setup_cancelled(self) -> None:
        if self.demo:
            QCoreApplication.quit()
        else:
            self.show_no_workspace()

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


def run(argv: Sequence[str], on_started: Callable[[QApplication], None] | None = None) -> int:
    """Runs the app until its last window closes; returns the exit code."""
    args = parse_args(argv)
    app = make_application([])
    Preferences().apply_appearance(app, force_hc=args.high_contrast)
    tasks = TaskRunner(app)
    controller = AppController(chosen_data_dir(args), demo=args.demo, tasks=tasks, parent=app)
    app.aboutToQuit.connect(controller.shutdown)
    if on_started is not None:
        on_started(app)
    controller.start()
    return app.exec()
