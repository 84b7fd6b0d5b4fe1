"""The main window after unlocking: the Home page, the status bar, Lock and auto-lock."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QWidget

from sylcollect.storage.workspace import RECOVERY_USER, UnlockedWorkspace
from ui import icons, messages, theme
from ui.idle import DEFAULT_IDLE_MS, IdleWatcher
from ui.pages.home import HomePage, HomeSummary, load_summary
from ui.tasks import TaskRunner
from ui.windows import geometry

LOCK_SHORTCUT = QKeySequence("Ctrl+L")


class MainWindow(QMainWindow):
    """Holds the UnlockedWorkspace until Lock (button, Ctrl+L, idle); GUI thread only."""

    locked = Signal()

    def __init__(
        self,
        workspace: UnlockedWorkspace,
        tasks: TaskRunner,
        idle_ms: int = DEFAULT_IDLE_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("SYL Collect"))  # never data in the title
        self._ws: UnlockedWorkspace | None = workspace
        self._tasks = tasks
        self.closing = False  # set when the window closes (the app quits, no unlock window)

        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setShortcut(LOCK_SHORTCUT)
        self.lock_action.setStatusTip(self.tr("Lock the workspace: the keys leave memory"))
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)
        menu = self.menuBar().addMenu(self.tr("&Workspace"))
        menu.addAction(self.lock_action)

        self.home = HomePage(self)
        shortcut = LOCK_SHORTCUT.toString(QKeySequence.SequenceFormat.NativeText)
        self.lock_button = QPushButton(self.tr("Lock"), self)
        self.lock_button.setIcon(icons.icon("lock", theme.current().text))
        self.lock_button.setToolTip(self.tr("Lock ({key})").format(key=shortcut))
        self.lock_button.setAccessibleDescription(
            self.tr("Locks the workspace. Shortcut: {key}").format(key=shortcut)
        )
        self.lock_button.setAutoDefault(False)
        self.lock_button.clicked.connect(self.lock)
        self.home.header.add_action(self.lock_button)
        self.setCentralWidget(self.home)

        self.status = QLabel(self)
        self.statusBar().addWidget(self.status, 1)
        self.statusBar().setSizeGripEnabled(False)
        self._set_status(None)

        self.idle = IdleWatcher(idle_ms, self)
        self.idle.idle.connect(self.lock)
        self.idle.start()

        self.resize(1100, 780)
        geometry.restore(self)
        self.home.show_loading()
        tasks.run(
            load_summary, workspace, on_done=self._loaded, on_error=self._failed, context=self
        )

    @property
    def workspace(self) -> UnlockedWorkspace | None:
        return self._ws

    def _set_status(self, summary: HomeSummary | None) -> None:
        if self._ws is None:
            self.status.setText(self.tr("Locked"))
            return
        if self._ws.actor == RECOVERY_USER:
            who = self.tr("Signed in with the recovery key")
        else:
            who = self.tr("Signed in as {user}").format(user=self._ws.actor)
        parts = [self.tr("Offline"), who]
        if summary is not None:
            parts.append(self.tr("Study v{v}").format(v=summary.version))
        self.status.setText(" · ".join(parts))

    def _loaded(self, summary: HomeSummary) -> None:
        if self._ws is None:
            return
        self.home.show_summary(summary)
        self._set_status(summary)

    def _failed(self, exc: BaseException) -> None:
        if self._ws is not None:
            self.home.show_error(messages.message_for(exc, "home"))

    def lock(self) -> None:
        """Clears every widget, drops the keys (after queued work) and emits `locked`."""
        ws, self._ws = self._ws, None
        if ws is None:
            return
        self.idle.stop()
        self.home.clear()
        self._set_status(None)
        self._tasks.run(ws.lock)
        self.locked.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        geometry.save(self)
        self.closing = True
        self.lock()
        super().closeEvent(event)
