"""The unlock window: choose your name, type your password, or use the recovery key."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from sylcollect.storage.workspace import UnlockedWorkspace, Workspace
from ui import messages
from ui.tasks import TaskRunner
from ui.widgets.basics import BusyRow, Notice, PageHeader, button_row, card_window, field, label
from ui.widgets.passwords import PasswordField
from ui.widgets.users import user_combo
from ui.windows import geometry
from ui.windows.recovery import RecoveryPage


class SignInPage(QWidget):
    """User and password; the unlock attempt runs on the TaskRunner. GUI thread only."""

    unlocked = Signal(object)
    forgot = Signal()

    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._ws = workspace
        self._tasks = tasks
        self._deadline = 0.0
        self._busy = False
        col = card_window(self)
        col.addWidget(label(self.tr("SYL Collect"), "caption"))
        col.addWidget(
            PageHeader(
                self.tr("Unlock"),
                self.tr("Your work on this laptop is encrypted. Sign in to carry on."),
            )
        )
        self.user = user_combo(workspace, self)
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
        seconds = self._ws.wait_seconds(user) if user else 0.0
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

    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("unlockWindow")
        self.setWindowTitle(self.tr("SYL Collect"))
        self.setWindowFlags(Qt.WindowType.Window)
        self._closing = False
        self.stack = QStackedWidget(self)
        self.sign_in = SignInPage(workspace, tasks, self)
        self.recovery = RecoveryPage(workspace, tasks, self)
        self.stack.addWidget(self.sign_in)
        self.stack.addWidget(self.recovery)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.sign_in.forgot.connect(self.show_recovery)
        self.recovery.back.connect(self.show_sign_in)
        self.sign_in.unlocked.connect(self.unlocked)
        self.recovery.unlocked.connect(self.unlocked)
        self.resize(720, 640)
        geometry.restore(self)
        self.show_sign_in()

    def show_sign_in(self) -> None:
        self.stack.setCurrentWidget(self.sign_in)
        self.sign_in.unlock_button.setDefault(True)
        self.sign_in.refresh_backoff()
        self.sign_in.first_field().setFocus()

    def show_recovery(self) -> None:
        self.stack.setCurrentWidget(self.recovery)
        self.recovery.submit.setDefault(True)
        self.recovery.key.setFocus()

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        page = self.stack.currentWidget()
        target = self.sign_in.first_field() if page is self.sign_in else self.recovery.key
        target.setFocus()

    def reject(self) -> None:
        """Escape goes back from the recovery page; it never closes the window."""
        if self._closing:
            super().reject()
        elif self.stack.currentWidget() is self.recovery:
            self.show_sign_in()

    def closeEvent(self, event: QCloseEvent) -> None:
        geometry.save(self)
        self._closing = True
        super().closeEvent(event)
