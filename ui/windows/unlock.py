"""The unlock window: choose your name, type your password, or use the recovery key.

At start the app shows it before the workspace is open (`users` from
sylcollect.storage.peek, so that the window needs neither SQLAlchemy nor the storage layer);
`set_workspace` hands it the opened Workspace, and an Unlock pressed before then waits for it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.tasks import TaskRunner
from ui.widgets.basics import BusyRow, Notice, PageHeader, button_row, card_window, field, label
from ui.widgets.passwords import PasswordField
from ui.windows import geometry

if TYPE_CHECKING:
    from sylcollect.storage.workspace import UnlockedWorkspace, Workspace
    from ui.windows.recovery import RecoveryPage


def _names_combo(names: Sequence[str], parent: QWidget) -> QComboBox:
    """ui.widgets.users.user_combo, from names already read (see sylcollect.storage.peek)."""
    combo = QComboBox(parent)
    for name in names:
        combo.addItem(name, name)
    combo.setPlaceholderText(combo.tr("Choose your name"))
    combo.setCurrentIndex(0 if combo.count() == 1 else -1)
    return combo


class SignInPage(QWidget):
    """User and password; the unlock attempt runs on the TaskRunner. GUI thread only."""

    unlocked = Signal(object)
    forgot = Signal()

    def __init__(
        self,
        workspace: Workspace | None,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        users: Sequence[str] | None = None,
    ):
        """`workspace` None: it comes later (`set_workspace`); `users` lists who may sign in."""
        super().__init__(parent)
        self._ws = workspace
        self._tasks = tasks
        self._deadline = 0.0
        self._busy = False
        self._waiting = False  # Unlock was pressed before the workspace was open
        col = card_window(self)
        col.addWidget(label(self.tr("SYL Collect"), "caption"))
        col.addWidget(
            PageHeader(
                self.tr("Unlock"),
                self.tr("Your work on this laptop is encrypted. Sign in to carry on."),
            )
        )
        if workspace is not None:
            from ui.widgets.users import user_combo

            self.user = user_combo(workspace, self)
        else:
            self.user = _names_combo(users or [], self)
        field(col, self.tr("Your name"), self.user)
        self.password = PasswordField(self.tr("Password"), self)
        field(col, self.tr("Password"), self.password)
        self.error = Notice(self)
        col.addWidget(self.error)
        self.wait = Notice(self)
        col.addWidget(self.wait)
        self.busy = BusyRow(self)
        col.addWidget(self.busy)
        self.unlock_button = QPushButton(self.tr("Unlock"), self)
        self.unlock_button.setProperty("primary", True)
        self.unlock_button.setDefault(True)
        col.addLayout(button_row(self.unlock_button))
        self.forgot_button = QPushButton(self.tr("Forgot your password?"), self)
        self.forgot_button.setProperty("link", True)
        self.forgot_button.setAutoDefault(False)
        col.addWidget(self.forgot_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setTabOrder(self.user, self.password.edit)
        self.setTabOrder(self.password.edit, self.password.toggle)
        self.setTabOrder(self.password.toggle, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.forgot_button)

        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)
        self.unlock_button.clicked.connect(self.attempt)
        self.password.returnPressed.connect(self.attempt)
        self.password.textChanged.connect(lambda _t: self.error.clear())
        self.forgot_button.clicked.connect(self.forgot)
        self.user.currentIndexChanged.connect(self.refresh_backoff)
        self.refresh_backoff()

    def chosen_user(self) -> str:
        return str(self.user.currentData() or "")

    def first_field(self) -> QWidget:
        return self.password.edit if self.chosen_user() else self.user

    # --- backoff ----------------------------------------------------------------------
    def refresh_backoff(self) -> None:
        """Reads the persisted backoff for the chosen user and shows the countdown."""
        user = self.chosen_user()
        seconds = self._ws.wait_seconds(user) if user and self._ws is not None else 0.0
        self._deadline = time.monotonic() + seconds
        if seconds > 0:
            self._timer.start()
        self._tick()

    def seconds_left(self) -> float:
        return max(0.0, self._deadline - time.monotonic())

    def _tick(self) -> None:
        left = self.seconds_left()
        if left > 0:
            text = messages.backoff_text(left)
            self.wait.show_message("wait", text)
            self.unlock_button.setEnabled(False)
            self.unlock_button.setToolTip(text)
            self.unlock_button.setAccessibleDescription(text)
            return
        self._timer.stop()
        if self.wait.kind == "wait":
            self.wait.show_message("info", self.tr("You can try again now."))
        self.unlock_button.setEnabled(not self._busy)
        self.unlock_button.setToolTip("")
        self.unlock_button.setAccessibleDescription("")

    # --- the workspace arriving ----------------------------------------------------------
    def set_workspace(self, workspace: Workspace) -> None:
        """The opened workspace: shows any backoff, then runs an Unlock that was waiting."""
        self._ws = workspace
        waiting, self._waiting = self._waiting, False
        self.refresh_backoff()
        if waiting:
            self._set_busy(False)
            self.attempt()

    # --- the attempt ------------------------------------------------------------------
    def attempt(self) -> None:
        if self._busy or self.seconds_left() > 0:
            return
        user = self.chosen_user()
        if not user:
            self.error.show_message("error", self.tr("Choose your name first."))
            self.user.setFocus()
            return
        if not self.password.text():
            self.error.show_message("error", self.tr("Type your password, then press Unlock."))
            self.password.setFocus()
            return
        self._set_busy(True)
        if self._ws is None:  # set_workspace runs the attempt
            self._waiting = True
            return
        self._tasks.run(
            self._ws.unlock,
            user,
            self.password.text(),
            on_done=self._done,
            on_error=self._failed,
            context=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.user.setEnabled(not busy)
        self.password.edit.setReadOnly(busy)
        self.unlock_button.setEnabled(not busy and self.seconds_left() <= 0)
        if busy:
            self.error.clear()
            self.busy.start(self.tr("Unlocking… this takes a moment."))
        else:
            self.busy.stop()

    def _done(self, unlocked: UnlockedWorkspace) -> None:
        self._set_busy(False)
        self.password.clear()
        self.unlocked.emit(unlocked)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.password.clear()
        self.error.show_message("error", messages.message_for(exc, messages.UNLOCK))
        self.refresh_backoff()
        self.password.setFocus()


class UnlockWindow(QDialog):
    """Signs a user in (password or recovery key); emits `unlocked`. GUI thread only."""

    unlocked = Signal(object)

    def __init__(
        self,
        workspace: Workspace | None,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        users: Sequence[str] | None = None,
    ):
        """`workspace` None: `users` fill the list now, `set_workspace` gives the workspace
        (the recovery page is made then; "Forgot your password?" pressed before waits)."""
        super().__init__(parent)
        self.setObjectName("unlockWindow")
        self.setWindowTitle(self.tr("SYL Collect"))
        self.setWindowFlags(Qt.WindowType.Window)
        self._closing = False
        self._tasks = tasks
        self._want_recovery = False
        self.workspace = workspace
        self.stack = QStackedWidget(self)
        self.sign_in = SignInPage(workspace, tasks, self, users=users)
        self.stack.addWidget(self.sign_in)
        self.recovery: RecoveryPage | None = None
        if workspace is not None:
            self._add_recovery(workspace)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.sign_in.forgot.connect(self.show_recovery)
        self.sign_in.unlocked.connect(self.unlocked)
        self.resize(720, 640)
        geometry.restore(self)
        self.show_sign_in()

    def _add_recovery(self, workspace: Workspace) -> None:
        from ui.windows.recovery import RecoveryPage

        self.recovery = RecoveryPage(workspace, self._tasks, self)
        self.stack.addWidget(self.recovery)
        self.recovery.back.connect(self.show_sign_in)
        self.recovery.unlocked.connect(self.unlocked)

    def set_workspace(self, workspace: Workspace) -> None:
        """The workspace opened after the window was shown (see `__init__`)."""
        if self.workspace is not None:
            return
        self.workspace = workspace
        self._add_recovery(workspace)
        self.sign_in.set_workspace(workspace)
        if self._want_recovery and self.stack.currentWidget() is self.sign_in:
            self.show_recovery()

    def show_sign_in(self) -> None:
        self.stack.setCurrentWidget(self.sign_in)
        self.sign_in.unlock_button.setDefault(True)
        self.sign_in.refresh_backoff()
        self.sign_in.first_field().setFocus()

    def show_recovery(self) -> None:
        if self.recovery is None:  # shown as soon as the workspace is open
            self._want_recovery = True
            return
        self._want_recovery = False
        self.stack.setCurrentWidget(self.recovery)
        self.recovery.submit.setDefault(True)
        self.recovery.key.setFocus()

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        page = self.stack.currentWidget()
        target: QWidget
        if self.recovery is not None and page is self.recovery:
            target = self.recovery.key
        else:
            target = self.sign_in.first_field()
        target.setFocus()

    def reject(self) -> None:
        """Escape goes back from the recovery page; it never closes the window."""
        if self._closing:
            super().reject()
        elif self.recovery is not None and self.stack.currentWidget() is self.recovery:
            self.show_sign_in()

    def closeEvent(self, event: QCloseEvent) -> None:
        geometry.save(self)
        self._closing = True
        super().closeEvent(event)
