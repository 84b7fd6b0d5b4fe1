"""The privacy screen: covers the whole window with a neutral "Paused" screen at once.

Shortcut: F12, or Ctrl+Shift+H on laptops where F12 is a media key (both always work; the
toolbar's "Hide screen" button too). Nothing from the workspace is visible or reachable by
keyboard while it is up. Carrying on needs the signed-in user's password, checked off the
GUI thread by opening that user's own key slot (the same unlock as sign-in, so failed tries
count towards the persisted backoff). "Lock instead" locks the workspace.

While the workspace is unlocked, `StaffKeys` makes the privacy and lock keys work from every
window of the staff side, a modal dialog included. When the cover goes up, `WindowsAway` hides
the app's other windows (forms come back as they were after the password; a question box or a
file chooser, which waits in a loop of its own, is cancelled) and `clear_owned_clipboard`
empties the clipboard if what it holds was copied in this app.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sylcollect.errors import BackoffActive
from sylcollect.storage.workspace import RECOVERY_USER, UnlockedWorkspace
from ui import messages
from ui.dialogs.passwords import verify_password
from ui.tasks import TaskRunner
from ui.widgets.basics import BusyRow, Notice, button_row, label
from ui.widgets.passwords import PasswordField

PRIVACY_SHORTCUTS = (QKeySequence("F12"), QKeySequence("Ctrl+Shift+H"))
# Platforms whose clipboard lives in this process only: whatever it holds came from the app.
PROCESS_LOCAL_CLIPBOARD = frozenset({"offscreen", "minimal"})


def wait_seconds(ws: UnlockedWorkspace) -> float:
    """Worker thread: how long the signed-in user must wait before the next try."""
    return ws.workspace.wait_seconds(ws.actor)


class PrivacyScreen(QWidget):
    """A neutral cover over its parent window; emits `resumed` after the password. GUI thread."""

    resumed = Signal()
    lock_requested = Signal()

    def __init__(self, workspace: UnlockedWorkspace, tasks: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("privacyScreen")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._ws: UnlockedWorkspace | None = workspace
        self._tasks = tasks
        self._busy = False
        self._deadline = 0.0
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        box = QWidget(self)
        box.setMinimumWidth(420)
        box.setMaximumWidth(560)
        col = QVBoxLayout(box)
        col.setSpacing(8)
        self.title = label(self.tr("Paused"), "title")
        self.title.setAccessibleName(self.tr("Paused"))
        col.addWidget(self.title)
        self.recovery = workspace.actor == RECOVERY_USER
        self.hint = label(
            self.tr("Lock, then sign in again to carry on.")
            if self.recovery
            else self.tr("Type your password to carry on."),
            "muted",
        )
        col.addWidget(self.hint)
        self.password = PasswordField(self.tr("Password"), box)
        self.password.setVisible(not self.recovery)
        col.addWidget(self.password)
        self.error = Notice(box)
        self.wait = Notice(box)
        self.busy = BusyRow(box)
        for w in (self.error, self.wait, self.busy):
            col.addWidget(w)
        self.continue_button = QPushButton(self.tr("Continue"), box)
        self.continue_button.setProperty("primary", True)
        self.continue_button.setVisible(not self.recovery)
        self.lock_button = QPushButton(self.tr("Lock instead"), box)
        self.lock_button.setProperty("link", True)
        col.addLayout(button_row(self.lock_button, self.continue_button))
        row = QVBoxLayout()
        row.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addLayout(row)
        outer.addStretch(3)
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)
        self.continue_button.clicked.connect(self.attempt)
        self.password.returnPressed.connect(self.attempt)
        self.password.textChanged.connect(lambda _t: self.error.clear())
        self.lock_button.clicked.connect(self.lock_requested)
        self.setTabOrder(self.password.edit, self.password.toggle)
        self.setTabOrder(self.password.toggle, self.lock_button)
        self.setTabOrder(self.lock_button, self.continue_button)
        parent.installEventFilter(self)
        self.hide()

    @property
    def covering(self) -> bool:
        return self.isVisibleTo(self.parentWidget())

    def cover(self) -> None:
        """Shows at once over the whole window and takes the keyboard focus."""
        self.setGeometry(self.parentWidget().rect())
        self.password.clear()
        self.error.clear()
        self.show()
        self.raise_()
        (self.lock_button if self.recovery else self.password.edit).setFocus()
        self._tick()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def attempt(self) -> None:
        if self._busy or self._ws is None or self.recovery or self.seconds_left() > 0:
            return
        if not self.password.text():
            self.error.show_message("error", self.tr("Type your password, then press Continue."))
            self.password.setFocus()
            return
        self._set_busy(True)
        self._tasks.run(
            verify_password,
            self._ws,
            self.password.text(),
            on_done=self._verified,
            on_error=self._failed,
            context=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.password.edit.setReadOnly(busy)
        self.continue_button.setEnabled(not busy and self.seconds_left() <= 0)
        if busy:
            self.busy.start(self.tr("Checking… this takes a moment."))
        else:
            self.busy.stop()

    def _verified(self, _none: object) -> None:
        self._set_busy(False)
        self.password.clear()
        self.hide()
        self.resumed.emit()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.password.clear()
        self.error.show_message("error", messages.message_for(exc, messages.UNLOCK))
        if isinstance(exc, BackoffActive):
            self._start_wait(exc.seconds)
        elif self._ws is not None:
            self._tasks.run(wait_seconds, self._ws, on_done=self._start_wait, context=self)
        self.password.setFocus()

    # --- backoff ----------------------------------------------------------------------
    def seconds_left(self) -> float:
        return max(0.0, self._deadline - time.monotonic())

    def _start_wait(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds
        if seconds > 0:
            self._timer.start()
        self._tick()

    def _tick(self) -> None:
        left = self.seconds_left()
        if left > 0:
            self.wait.show_message("wait", messages.backoff_text(left))
            self.continue_button.setEnabled(False)
            self.continue_button.setToolTip(messages.backoff_text(left))
            return
        self._timer.stop()
        if self.wait.kind == "wait":
            self.wait.show_message("info", self.tr("You can try again now."))
        self.continue_button.setEnabled(not self._busy)
        self.continue_button.setToolTip("")

    def release(self) -> None:
        """Forgets the workspace (when locking) and hides."""
        self._ws = None
        self._timer.stop()
        self.password.clear()
        self.hide()


def clear_owned_clipboard(clipboard: Any = None, platform: str | None = None) -> list[str]:
    """Empties the clipboard, the X11 selection and the macOS find buffer where this app put
    what they hold; what another app put there is left alone. Returns the modes emptied."""
    cb = clipboard if clipboard is not None else QGuiApplication.clipboard()
    local = (platform or QGuiApplication.platformName()) in PROCESS_LOCAL_CLIPBOARD
    Mode = QClipboard.Mode
    cleared = []
    for name, mode, supported, owns in (
        ("clipboard", Mode.Clipboard, True, cb.ownsClipboard),
        ("selection", Mode.Selection, cb.supportsSelection(), cb.ownsSelection),
        ("find buffer", Mode.FindBuffer, cb.supportsFindBuffer(), cb.ownsFindBuffer),
    ):
        if supported and (local or owns()):
            cb.clear(mode)
            cleared.append(name)
    return cleared


def belongs_to(widget: QWidget, main: QWidget) -> bool:
    """Whether `widget` is in `main` or in a window opened from it (a dialog, its boxes)."""
    w: QWidget | None = widget.window()
    while w is not None:
        if w is main:
            return True
        parent = w.parentWidget()
        w = parent.window() if parent is not None else None
    return False


class StaffKeys(QObject):
    """The privacy and lock keys from every window of `main` (its dialogs too, modal or not),
    through an application event filter, from `install()` until `remove()`. GUI thread."""

    privacy_requested = Signal()
    lock_requested = Signal()

    def __init__(self, main: QWidget, lock_keys: Sequence[QKeySequence]) -> None:
        super().__init__(main)
        self._main = main
        self.enabled = True  # off while a young person self-completes (no staff shortcuts)
        self._keys = [(k, self.privacy_requested) for k in PRIVACY_SHORTCUTS]
        self._keys += [(k, self.lock_requested) for k in lock_keys]
        self._app = QCoreApplication.instance()

    def install(self) -> None:
        if self._app is not None:
            self._app.installEventFilter(self)

    def remove(self) -> None:
        if self._app is not None:
            self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Key presses reach the focus widget here when no shortcut took them: in a dialog,
        # or in the main window behind a modal one (its own shortcuts are blocked then).
        if event.type() != QEvent.Type.KeyPress or not self.enabled:
            return False
        if not isinstance(event, QKeyEvent) or not isinstance(watched, QWidget):
            return False
        if not belongs_to(watched, self._main):
            return False
        pressed = QKeySequence(event.keyCombination())
        for key, signal in self._keys:
            if pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch:
                event.accept()
                if not event.isAutoRepeat():
                    signal.emit()
                return True
        return False


class OpenDialogs(QObject):
    """The dialogs of `main` shown and not finished yet, hidden ones too (the privacy screen
    and self-complete hide them), so that a lock can close every one. GUI thread."""

    def __init__(self, main: QWidget) -> None:
        super().__init__(main)
        self._main = main
        self._open: dict[int, QDialog] = {}
        self._app = QCoreApplication.instance()
        if self._app is not None:
            self._app.installEventFilter(self)

    @property
    def dialogs(self) -> list[QDialog]:
        return [d for d in self._open.values() if shiboken6.isValid(d)]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Show or not isinstance(watched, QDialog):
            return False
        if id(watched) not in self._open and belongs_to(watched, self._main):
            self._track(watched)
        return False

    def _track(self, dialog: QDialog) -> None:
        key = id(dialog)
        self._open[key] = dialog
        dialog.finished.connect(lambda _result: self._open.pop(key, None))
        dialog.destroyed.connect(lambda *_: self._open.pop(key, None))

    def close_all(self) -> None:
        """Rejects every dialog still open; watches no more."""
        if self._app is not None:
            self._app.removeEventFilter(self)
        for dialog in self.dialogs:
            dialog.reject()
        self._open.clear()
