"""First run: set up the demo study, then show the recovery key once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sylcollect.services.setup import init_demo
from sylcollect.storage.workspace import UnlockedWorkspace
from ui import icons, messages, theme
from ui.tasks import TaskRunner
from ui.widgets.basics import BusyRow, Notice, PageHeader, button_row, card_window, field, label
from ui.widgets.passwords import PasswordField, StrengthMeter

SetupFn = Callable[[Path, str, str], tuple[UnlockedWorkspace, str]]


def key_for_reading(key: str) -> str:
    """'AAAAAA-BBBBBB-...' as two lines of three groups, spaced for reading aloud."""
    groups = key.split("-")
    return "\n".join("  ".join(groups[i : i + 3]) for i in range(0, len(groups), 3))


class SetupDialog(QDialog):
    """Creates the demo workspace (on the TaskRunner) and shows its recovery key once."""

    completed = Signal(object)  # the (locked) Workspace

    def __init__(
        self,
        data_dir: Path,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        setup_fn: SetupFn = init_demo,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setupDialog")
        self.setWindowTitle(self.tr("SYL Collect"))
        self.setWindowFlags(Qt.WindowType.Window)
        self._data_dir = data_dir
        self._tasks = tasks
        self._setup_fn = setup_fn
        self._unlocked: UnlockedWorkspace | None = None
        self._key = ""
        self._copied = ""
        self._busy = False
        self._close_warned = False
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._form_page())
        self.stack.addWidget(self._key_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.resize(720, 760)
        self.setup_button.setDefault(True)
        self.user.setFocus()

    # --- page 1: name and password ----------------------------------------------------
    def _form_page(self) -> QWidget:
        page = QWidget(self)
        col = card_window(page, 600)
        col.addWidget(label(self.tr("SYL Collect"), "caption"))
        col.addWidget(
            PageHeader(
                self.tr("Set up the demo study"),
                self.tr("There is no workspace on this laptop yet. Start with the demo study."),
            )
        )
        col.addWidget(
            label(
                self.tr(
                    "The demo study is made up: example sites, waves and questionnaires to "
                    "practise with. What you enter is encrypted on this laptop, just as in "
                    "a real study."
                )
            )
        )
        col.addSpacing(12)
        self.user = QLineEdit(page)
        field(col, self.tr("Your name"), self.user, self.tr("You sign in with it, e.g. ann."))
        self.password = PasswordField(self.tr("Password"), page)
        field(col, self.tr("Password"), self.password)
        self.meter = StrengthMeter(page)
        col.addWidget(self.meter)
        col.addSpacing(8)
        self.confirm = QLineEdit(page)
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        field(col, self.tr("Type the password again"), self.confirm)
        self.error = Notice(page)
        col.addWidget(self.error)
        self.busy = BusyRow(page)
        col.addWidget(self.busy)
        self.cancel_button = QPushButton(self.tr("Cancel"), page)
        self.setup_button = QPushButton(self.tr("Set up"), page)
        self.setup_button.setProperty("primary", True)
        col.addLayout(button_row(self.cancel_button, self.setup_button))
        self.password.textChanged.connect(self.meter.update_for)
        self.password.textChanged.connect(lambda _t: self.error.clear())
        self.cancel_button.clicked.connect(self.reject)
        self.setup_button.clicked.connect(self.attempt)
        return page

    def attempt(self) -> None:
        if self._busy:
            return
        user = self.user.text().strip()
        if not user:
            self.error.show_message("error", self.tr("Type your name. You'll sign in with it."))
            self.user.setFocus()
        elif not self.meter.acceptable:
            self.error.show_message(
                "error", self.tr("Choose a stronger password: ") + self.meter.text()
            )
            self.password.setFocus()
        elif self.confirm.text() != self.password.text():
            self.error.show_message(
                "error", self.tr("The two passwords are different. Type it again.")
            )
            self.confirm.setFocus()
        else:
            self._set_busy(True)
            self._tasks.run(
                self._setup_fn,
                self._data_dir,
                user,
                self.password.text(),
                on_done=self._done,
                on_error=self._failed,
                context=self,
            )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.setup_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        for edit in (self.user, self.password.edit, self.confirm):
            edit.setReadOnly(busy)
        if busy:
            self.error.clear()
            self.busy.start(self.tr("Setting up the encrypted workspace… this takes a moment."))
        else:
            self.busy.stop()

    def _done(self, result: tuple[UnlockedWorkspace, str]) -> None:
        self._set_busy(False)
        self._unlocked, self._key = result
        self.password.clear()
        self.confirm.clear()
        self.key_label.setText(key_for_reading(self._key))
        self.key_label.setAccessibleName(self.tr("Recovery key: ") + self._key)
        self.stack.setCurrentIndex(1)
        self.continue_button.setDefault(True)
        self.copy_button.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error.show_message("error", messages.message_for(exc, messages.SETUP))
        self.password.setFocus()

    # --- page 2: the recovery key -----------------------------------------------------
    def _key_page(self) -> QWidget:
        page = QWidget(self)
        col = card_window(page, 600)
        col.addWidget(label(self.tr("SYL Collect"), "caption"))
        col.addWidget(
            PageHeader(
                self.tr("Write down your recovery key"),
                self.tr(
                    "If every password is forgotten, this key is the only way back in. "
                    "It is shown only this once."
                ),
            )
        )
        self.key_label = QLabel(page)
        self.key_label.setProperty("role", "key")
        self.key_label.setFont(theme.mono_font(28))
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        col.addWidget(self.key_label)
        col.addSpacing(8)
        col.addWidget(
            label(
                self.tr(
                    "Write it on paper and keep it locked away, apart from the laptop. "
                    "Never keep it in a file or an email."
                ),
                "muted",
            )
        )
        self.copy_button = QPushButton(self.tr("Copy"), page)
        self.copy_button.setIcon(icons.icon("copy", theme.current().text))
        self.copy_button.setAutoDefault(False)
        col.addLayout(button_row(self.copy_button))
        self.key_notice = Notice(page)
        col.addWidget(self.key_notice)
        self.written = QCheckBox(self.tr("I have written it down"), page)
        col.addWidget(self.written)
        self.continue_button = QPushButton(self.tr("Continue"), page)
        self.continue_button.setProperty("primary", True)
        col.addLayout(button_row(self.continue_button))
        self.copy_button.clicked.connect(self.copy_key)
        self.written.toggled.connect(lambda _c: self.key_notice.clear())
        self.continue_button.clicked.connect(self.finish)
        return page

    def copy_key(self) -> None:
        QGuiApplication.clipboard().setText(self._key)
        self._copied = self._key
        self.key_notice.show_message(
            "info", self.tr("Copied. The clipboard is emptied when this window closes.")
        )

    def _clear_clipboard(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self._copied and clipboard.text() == self._copied:
            clipboard.clear()
        self._copied = ""

    def finish(self) -> None:
        if not self.written.isChecked():
            self.key_notice.show_message(
                "error", self.tr("Tick “I have written it down” once the key is safe on paper.")
            )
            self.written.setFocus()
            return
        self._clear_clipboard()
        unlocked, self._unlocked = self._unlocked, None
        if unlocked is not None:
            self._tasks.run(unlocked.lock)
            self.completed.emit(unlocked.workspace)
        self.accept()

    def reject(self) -> None:
        """Escape cancels the first page; on the key page it does nothing."""
        if self.stack.currentIndex() == 0 and not self._busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        key_page = self.stack.currentIndex() == 1
        if key_page and not self.written.isChecked() and not self._close_warned:
            self._close_warned = True
            self.key_notice.show_message(
                "error", self.tr("The key is shown only once. Write it down before closing.")
            )
            event.ignore()
            return
        self._clear_clipboard()
        if self._unlocked is not None:
            unlocked, self._unlocked = self._unlocked, None
            self._tasks.run(unlocked.lock)
        event.accept()
        self.done(QDialog.DialogCode.Rejected)
