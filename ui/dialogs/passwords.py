"""Change your own password (old + new, with the policy meter) and add a user to this laptop."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QWidget

from sylcollect.domain.passwords import check_password
from sylcollect.errors import BackoffActive, Conflict, InvalidInput, WrongPassword
from sylcollect.storage.workspace import UnlockedWorkspace
from ui import messages
from ui.dialogs.form_dialog import FormDialog
from ui.tasks import TaskRunner
from ui.widgets.passwords import PasswordField, StrengthMeter


def _tr(text: str) -> str:
    return QCoreApplication.translate("passwords", text)


def verify_password(ws: UnlockedWorkspace, password: str) -> None:
    """Worker thread: checks `password` by opening the signed-in user's own key slot.

    It is the same unlock as at sign-in, so wrong tries count towards the backoff.
    """
    other = ws.workspace.unlock(ws.actor, password)
    other.lock()


def change_password(ws: UnlockedWorkspace, old: str, new: str) -> None:
    """Worker thread: checks the old password, then rewraps the user's key slot."""
    check_password(new)
    verify_password(ws, old)
    ws.set_password(ws.actor, new)


def add_user(ws: UnlockedWorkspace, name: str, password: str, role: str) -> str:
    check_password(password)
    ws.add_user(name, password, role)
    return name


class ChangePasswordDialog(FormDialog):
    """The signed-in user's password change; the work runs on the TaskRunner."""

    changed = Signal()

    def __init__(
        self, workspace: UnlockedWorkspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _tr("Change your password"),
            _tr("Only your key slot changes. Nothing else is re-encrypted."),
            tasks,
            parent,
        )
        self.setObjectName("changePasswordDialog")
        self._ws = workspace
        self.old = PasswordField(self.tr("Current password"), self)
        self.add_field("old", self.tr("Current password"), self.old)
        self.new = PasswordField(self.tr("New password"), self)
        self.add_field("new", self.tr("New password"), self.new)
        self.meter = StrengthMeter(self)
        self.column.addWidget(self.meter)
        self.repeat = PasswordField(self.tr("New password again"), self)
        self.add_field("repeat", self.tr("New password again"), self.repeat)
        self.new.textChanged.connect(self.meter.update_for)
        self.column.addStretch(1)
        self.save_button = QPushButton(self.tr("Change password"), self)
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.setAutoDefault(False)
        self.add_buttons(self.cancel_button, self.save_button)

    def submit(self) -> None:
        errors: dict[str, str] = {}
        if not self.old.text():
            errors["old"] = self.tr("Type your current password.")
        try:
            check_password(self.new.text())
        except InvalidInput as exc:
            errors["new"] = messages.sentence(str(exc))
        if self.repeat.text() != self.new.text():
            errors["repeat"] = self.tr("The two new passwords are different. Type it again.")
        self.show_errors(errors)
        if errors:
            return
        self.run(
            change_password,
            self._ws,
            self.old.text(),
            self.new.text(),
            busy_text=self.tr("Changing your password… this takes a moment."),
            on_done=self._done,
        )

    def _done(self, _none: object) -> None:
        for f in (self.old, self.new, self.repeat):
            f.clear()
        self.changed.emit()
        self.accept()

    def failed(self, exc: BaseException) -> None:
        self.old.clear()
        if isinstance(exc, WrongPassword):
            self.show_errors({"old": self.tr("That isn't your current password. Try again.")})
        elif isinstance(exc, BackoffActive):
            self.show_errors({"old": messages.message_for(exc)})
        else:
            super().failed(exc)


class AddUserDialog(FormDialog):
    """A supervisor adds a fieldworker or supervisor to this laptop (own key slot)."""

    added = Signal(str)

    def __init__(
        self, workspace: UnlockedWorkspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _tr("Add a user"),
            _tr("They sign in with their own password. Give it to them in person."),
            tasks,
            parent,
        )
        self.setObjectName("addUserDialog")
        self._ws = workspace
        self.name = QLineEdit(self)
        self.name.setMaxLength(64)
        self.add_field("name", self.tr("Name"), self.name, self.tr("As they will choose it."))
        self.role = QComboBox(self)
        self.role.addItem(self.tr("Fieldworker"), "fieldworker")
        self.role.addItem(self.tr("Supervisor"), "supervisor")
        self.add_field("role", self.tr("Role"), self.role)
        self.password = PasswordField(self.tr("Their password"), self)
        self.add_field("password", self.tr("Their password"), self.password)
        self.meter = StrengthMeter(self)
        self.column.addWidget(self.meter)
        self.password.textChanged.connect(self.meter.update_for)
        self.column.addStretch(1)
        self.save_button = QPushButton(self.tr("Add user"), self)
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.setAutoDefault(False)
        self.add_buttons(self.cancel_button, self.save_button)

    def submit(self) -> None:
        errors: dict[str, str] = {}
        name = self.name.text().strip()
        if not name:
            errors["name"] = self.tr("Type their name.")
        try:
            check_password(self.password.text())
        except InvalidInput as exc:
            errors["password"] = messages.sentence(str(exc))
        self.show_errors(errors)
        if errors:
            return
        self.run(
            add_user,
            self._ws,
            name,
            self.password.text(),
            str(self.role.currentData()),
            busy_text=self.tr("Adding… this takes a moment."),
            on_done=self._done,
        )

    def _done(self, name: str) -> None:
        self.password.clear()
        self.added.emit(name)
        self.accept()

    def failed(self, exc: BaseException) -> None:
        if isinstance(exc, Conflict):
            self.show_errors({"name": self.tr("There is already a user with that name.")})
        elif isinstance(exc, InvalidInput):
            self.show_errors({"name": messages.sentence(str(exc))})
        else:
            super().failed(exc)
