"""Forgotten password: unlock with the recovery key and choose a new password."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from sylcollect.domain.passwords import check_password
from sylcollect.errors import BackoffActive
from sylcollect.storage.workspace import UnlockedWorkspace, Workspace
from ui import messages
from ui.tasks import TaskRunner
from ui.widgets.basics import BusyRow, Notice, PageHeader, button_row, card_window, field, label
from ui.widgets.passwords import PasswordField, StrengthMeter, monospace_edit
from ui.widgets.users import user_combo

KEY_CHARS = 36


def key_characters(text: str) -> str:
    """The letters and digits of a typed recovery key (spaces, dashes, case ignored)."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def recover(workspace: Workspace, key: str, user: str, password: str) -> UnlockedWorkspace:
    """Worker thread: opens the recovery slot, sets `user`'s password, signs `user` in.

    If `user` is still waiting out a failed-unlock backoff (the core does not reset it when a
    password is set), the recovery session itself is returned, acting as '(recovery)'.
    """
    check_password(password)
    rec = workspace.unlock_with_recovery(key)
    try:
        rec.set_password(user, password)
        signed_in = workspace.unlock(user, password)
    except BackoffActive:
        return rec
    except BaseException:
        rec.lock()
        raise
    rec.lock()
    return signed_in


class RecoveryPage(QWidget):
    """Recovery key + new password for a chosen user; the work runs on the TaskRunner."""

    unlocked = Signal(object)
    back = Signal()

    def __init__(self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._ws = workspace
        self._tasks = tasks
        self._busy = False
        col = card_window(self, 600)
        col.addWidget(label(self.tr("SYL Collect"), "caption"))
        col.addWidget(
            PageHeader(
                self.tr("Use your recovery key"),
                self.tr(
                    "Type the key written down when this laptop was set up, "
                    "then choose a new password."
                ),
            )
        )
        self.key = monospace_edit(self.tr("Recovery key"), self)
        self.key.setPlaceholderText("XXXXXX-XXXXXX-XXXXXX-XXXXXX-XXXXXX-XXXXXX")
        field(
            col,
            self.tr("Recovery key"),
            self.key,
            self.tr(
                "Six groups of six letters and digits. Spaces, dashes and small letters are fine."
            ),
        )
        self.count = label("", "caption")
        col.insertWidget(col.count() - 1, self.count)
        self.user = user_combo(workspace, self)
        field(col, self.tr("Whose password is changing?"), self.user)
        self.password = PasswordField(self.tr("New password"), self)
        field(col, self.tr("New password"), self.password)
        self.meter = StrengthMeter(self)
        col.addWidget(self.meter)
        col.addSpacing(8)
        self.confirm = QLineEdit(self)
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        field(col, self.tr("Type the new password again"), self.confirm)
        self.error = Notice(self)
        col.addWidget(self.error)
        self.busy = BusyRow(self)
        col.addWidget(self.busy)
        self.back_button = QPushButton(self.tr("Back"), self)
        self.submit = QPushButton(self.tr("Set password and unlock"), self)
        self.submit.setProperty("primary", True)
        col.addLayout(button_row(self.back_button, self.submit))
        for a, b in (
            (self.key, self.user),
            (self.user, self.password.edit),
            (self.password.edit, self.password.toggle),
            (self.password.toggle, self.confirm),
            (self.confirm, self.back_button),
            (self.back_button, self.submit),
        ):
            self.setTabOrder(a, b)

        self.key.textChanged.connect(self._key_changed)
        self.password.textChanged.connect(self.meter.update_for)
        self.back_button.clicked.connect(self.back)
        self.submit.clicked.connect(self.attempt)
        self._key_changed("")

    def _key_changed(self, text: str) -> None:
        self.error.clear()
        n = len(key_characters(text))
        self.count.setText(self.tr("{n} of {total} characters").format(n=n, total=KEY_CHARS))

    def _problem(self) -> tuple[str, QWidget] | None:
        n = len(key_characters(self.key.text()))
        if n != KEY_CHARS:
            text = self.tr("A recovery key has {total} letters and digits; you've typed {n}.")
            return text.format(total=KEY_CHARS, n=n), self.key
        if not self.user.currentData():
            return self.tr("Choose whose password is changing."), self.user
        if not self.meter.acceptable:
            return self.tr("Choose a stronger new password: ") + self.meter.text(), self.password
        if self.confirm.text() != self.password.text():
            return self.tr("The two passwords are different. Type the new one again."), self.confirm
        return None

    def attempt(self) -> None:
        if self._busy:
            return
        problem = self._problem()
        if problem is not None:
            self.error.show_message("error", problem[0])
            problem[1].setFocus()
            return
        self._set_busy(True)
        self._tasks.run(
            recover,
            self._ws,
            self.key.text(),
            str(self.user.currentData()),
            self.password.text(),
            on_done=self._done,
            on_error=self._failed,
            context=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.submit.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        for edit in (self.key, self.password.edit, self.confirm):
            edit.setReadOnly(busy)
        if busy:
            self.error.clear()
            self.busy.start(self.tr("Checking the key and setting the password…"))
        else:
            self.busy.stop()

    def clear(self) -> None:
        self.key.clear()
        self.password.clear()
        self.confirm.clear()
        self.error.clear()

    def _done(self, unlocked: UnlockedWorkspace) -> None:
        self._set_busy(False)
        self.clear()
        self.unlocked.emit(unlocked)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.show_message("error", messages.message_for(exc, messages.RECOVERY))
        self.key.setFocus()
