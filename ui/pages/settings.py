"""Settings: auto-lock, text size, high contrast, this laptop's site, the language forms open
in, the export target, your password, users.

Preferences are kept in QSettings (never data); users live in the workspace's key slots; the
export target goes through the session's SyncWatch (ui/pages/settings_sections.py).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sylcollect.storage.workspace import RECOVERY_USER, UnlockedWorkspace, UserInfo
from ui import messages, theme
from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.passwords import AddUserDialog, ChangePasswordDialog
from ui.nav import Services
from ui.pages.participants_widgets import keep_focus_visible
from ui.pages.settings_prefs import AUTO_LOCK_MINUTES
from ui.pages.settings_sections import ExportTargetCard, FormLanguageCard
from ui.pages.settings_sections import field as _field
from ui.sync_watch import SyncWatch, watch_for
from ui.widgets.basics import BusyRow, Notice, PageHeader, confirm, label
from ui.widgets.basics import card as _card

SCALE_NAMES = {
    1.0: QT_TRANSLATE_NOOP("SettingsPage", "Standard"),
    1.25: QT_TRANSLATE_NOOP("SettingsPage", "Large"),
    1.5: QT_TRANSLATE_NOOP("SettingsPage", "Larger"),
    2.0: QT_TRANSLATE_NOOP("SettingsPage", "Largest"),
}


def list_users(ws: UnlockedWorkspace) -> list[UserInfo]:
    """Worker thread: the users of this laptop."""
    return ws.workspace.users()


def remove_user(ws: UnlockedWorkspace, name: str) -> str:
    ws.remove_user(name)
    return name


class SettingsPage(QWidget):
    """Changes preferences at once; password and users go through dialogs. GUI thread."""

    def __init__(
        self, services: Services, watch: SyncWatch | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self._s = services
        prefs = services.prefs
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 0)
        self.header = PageHeader(
            self.tr("Settings"),
            self.tr(
                "How the app looks and locks on this laptop, where its bundles go, "
                "and who can use it."
            ),
        )
        outer.addWidget(self.header)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        keep_focus_visible(scroll)
        outer.addWidget(scroll, 1)
        body = QWidget()
        body.setMaximumWidth(760)
        col = QVBoxLayout(body)
        col.setContentsMargins(0, 0, 0, 24)
        col.setSpacing(16)
        scroll.setWidget(body)

        frame, c = _card(self.tr("Locking and this laptop"), body)
        self.auto_lock = QComboBox(frame)
        for minutes in AUTO_LOCK_MINUTES:
            text = self.tr("{n} minutes").format(n=minutes) if minutes > 1 else self.tr("1 minute")
            self.auto_lock.addItem(text, minutes)
        self.auto_lock.setCurrentIndex(self.auto_lock.findData(prefs.auto_lock_minutes))
        _field(
            c,
            self.tr("Lock after this long without use"),
            self.auto_lock,
            self.tr("Locking drops the keys and clears the screen."),
        )
        self.site = QComboBox(frame)
        self.site.addItem(self.tr("Not set"), "")
        for site in services.study.sites:
            self.site.addItem(site.name, site.id)
        self.site.setCurrentIndex(max(0, self.site.findData(prefs.site_id)))
        _field(
            c,
            self.tr("Site this laptop is used at"),
            self.site,
            self.tr("Shown in the status bar and chosen first for new participants."),
        )
        col.addWidget(frame)

        frame, c = _card(self.tr("Appearance"), body)
        self.text_size = QComboBox(frame)
        for scale in theme.TEXT_SCALES:
            name = self.tr(SCALE_NAMES[scale])
            self.text_size.addItem(f"{name} (×{scale:g})", scale)
        self.text_size.setCurrentIndex(self.text_size.findData(prefs.text_scale))
        _field(c, self.tr("Text size"), self.text_size)
        self.high_contrast = QCheckBox(self.tr("High contrast (light text on black)"), frame)
        self.high_contrast.setChecked(prefs.high_contrast)
        c.addWidget(self.high_contrast)
        col.addWidget(frame)

        self.forms = FormLanguageCard(services, body)
        col.addWidget(self.forms)
        self.export_target = ExportTargetCard(watch or watch_for(services), body)
        col.addWidget(self.export_target)

        frame, c = _card(self.tr("Your password"), body)
        self.password_button = QPushButton(self.tr("Change password…"), frame)
        if services.user == RECOVERY_USER:
            c.addWidget(label(self.tr("You signed in with the recovery key."), "muted"))
            self.password_button.hide()
        else:
            c.addWidget(label(self.tr("Signed in as {user}.").format(user=services.user), "muted"))
        row = QHBoxLayout()
        row.addWidget(self.password_button)
        row.addStretch(1)
        c.addLayout(row)
        self.password_notice = Notice(frame)
        c.addWidget(self.password_notice)
        col.addWidget(frame)

        self.users_frame, c = _card(self.tr("Users on this laptop"), body)
        self.users_box = QVBoxLayout()
        c.addLayout(self.users_box)
        self.users_busy = BusyRow(self.users_frame)
        self.users_notice = Notice(self.users_frame)
        c.addWidget(self.users_busy)
        c.addWidget(self.users_notice)
        self.add_user_button = QPushButton(self.tr("Add user…"), self.users_frame)
        if services.is_supervisor:
            row = QHBoxLayout()
            row.addWidget(self.add_user_button)
            row.addStretch(1)
            c.addLayout(row)
        else:
            self.add_user_button.hide()
            c.addWidget(label(self.tr("Only a supervisor can add or remove users."), "muted"))
        col.addWidget(self.users_frame)
        col.addStretch(1)

        self.remove_buttons: dict[str, QPushButton] = {}
        self.users: list[UserInfo] = []
        self.dialog: FormDialog | None = None
        self.auto_lock.currentIndexChanged.connect(
            lambda _i: prefs.set_auto_lock_minutes(int(self.auto_lock.currentData()))
        )
        self.site.currentIndexChanged.connect(
            lambda _i: prefs.set_site_id(str(self.site.currentData() or ""))
        )
        self.text_size.currentIndexChanged.connect(
            lambda _i: prefs.set_text_scale(float(self.text_size.currentData()))
        )
        self.high_contrast.toggled.connect(prefs.set_high_contrast)
        self.password_button.clicked.connect(self.change_password)
        self.add_user_button.clicked.connect(self.add_user)

    def activated(self) -> None:
        self.load_users()
        self.forms.load()

    # --- users ------------------------------------------------------------------------
    def load_users(self) -> None:
        self.users_busy.start(self.tr("Reading the users…"))
        self._s.run(
            list_users,
            self._s.workspace,
            on_done=self._show_users,
            on_error=self._users_failed,
            context=self,
        )

    def _users_failed(self, exc: BaseException) -> None:
        self.users_busy.stop()
        self.users_notice.show_message("error", messages.message_for(exc, "users"))

    def _show_users(self, users: list[UserInfo]) -> None:
        self.users_busy.stop()
        self.users = list(users)
        while self.users_box.count():
            item = self.users_box.takeAt(0)
            if item.layout() is not None:
                while item.layout().count():
                    w = item.layout().takeAt(0).widget()
                    if w is not None:
                        w.deleteLater()
        self.remove_buttons = {}
        for user in users:
            row = QHBoxLayout()
            role = self.tr("Supervisor") if user.role == "supervisor" else self.tr("Fieldworker")
            you = self.tr(" (you)") if user.name == self._s.user else ""
            row.addWidget(label(f"{user.name}{you} · {role}", wrap=False), 1)
            if self._s.is_supervisor and user.name != self._s.user:
                button = QPushButton(self.tr("Remove"), self.users_frame)
                button.setAccessibleName(self.tr("Remove {user}").format(user=user.name))
                button.clicked.connect(lambda _c=False, n=user.name: self.remove_user(n))
                row.addWidget(button, 0)
                self.remove_buttons[user.name] = button
            self.users_box.addLayout(row)

    def add_user(self) -> None:
        dialog = AddUserDialog(self._s.workspace, self._s.tasks, self)
        dialog.added.connect(self._user_added)
        self.dialog = dialog
        dialog.open()

    def _user_added(self, name: str) -> None:
        self.users_notice.show_message("success", self.tr("{user} was added.").format(user=name))
        self.load_users()

    def confirm_remove(self, name: str) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Remove user"))
        box.setText(self.tr("Remove {user} from this laptop?").format(user=name))
        box.setInformativeText(
            self.tr("They will no longer be able to unlock it. Their work stays.")
        )
        return confirm(box, self.tr("Remove user"), QMessageBox.ButtonRole.DestructiveRole)

    def remove_user(self, name: str) -> None:
        if not self.confirm_remove(name):
            return
        self.users_busy.start(self.tr("Removing {user}…").format(user=name))
        self._s.run(
            remove_user,
            self._s.workspace,
            name,
            on_done=lambda n: (
                self.users_notice.show_message(
                    "success", self.tr("{user} was removed.").format(user=n)
                ),
                self.load_users(),
            ),
            on_error=self._users_failed,
            context=self,
        )

    # --- password ---------------------------------------------------------------------
    def change_password(self) -> None:
        dialog = ChangePasswordDialog(self._s.workspace, self._s.tasks, self)
        dialog.changed.connect(
            lambda: self.password_notice.show_message(
                "success", self.tr("Your password was changed. Use it next time you unlock.")
            )
        )
        self.dialog = dialog
        dialog.open()

    def clear(self) -> None:
        """Drops the user list and any open dialog (used when locking)."""
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.discard()
        self.dialog = None
        self._show_users([])
        self.users_notice.clear()
        self.password_notice.clear()
        self.export_target.clear()
