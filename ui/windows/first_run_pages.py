"""The first-run wizard's four pages, as plain widgets: they show and collect, nothing more.

Each page is one card in the app's style (label above field, the main action last on the
right). The wizard (first_run.py) wires their buttons and runs the work. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from ui import theme
from ui.widgets.basics import BusyRow, Notice, PageHeader, button_row, card_window, field, label
from ui.widgets.passwords import PasswordField, StrengthMeter

CARD_WIDTH = 640


def _primary(text: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setProperty("primary", True)
    return button


class ChoosePage(QWidget):
    """Step 1: a study package file, or the built-in demo study (one radio group)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = card_window(self, CARD_WIDTH)
        col.addWidget(label(self.tr("SYL Collect · first run"), "caption"))
        col.addWidget(
            PageHeader(
                self.tr("Set up this laptop"),
                self.tr("SYL Collect keeps its data encrypted in a workspace on this laptop."),
            )
        )
        self.package = QRadioButton(self.tr("Set up from a study package file"), self)
        self.package.setAccessibleDescription(
            self.tr("Your supervisor gives you the study package, a file ending in .sylpkg.")
        )
        self.demo = QRadioButton(self.tr("Try the built-in demo study"), self)
        self.demo.setAccessibleDescription(
            self.tr("A made-up study to practise with, kept apart from real data.")
        )
        self.group = QButtonGroup(self)
        for button in (self.package, self.demo):
            self.group.addButton(button)
        col.addWidget(self.package)
        col.addWidget(label(self.package.accessibleDescription(), "caption"))
        col.addSpacing(12)
        col.addWidget(self.demo)
        col.addWidget(
            label(
                self.tr(
                    "Example sites, waves and questionnaires, with its own study home and "
                    "export folder so you can try syncing too. It is encrypted just like a "
                    "real study."
                ),
                "caption",
            )
        )
        self.error = Notice(self)
        col.addWidget(self.error)
        self.quit_button = QPushButton(self.tr("Quit"), self)
        self.next_button = _primary(self.tr("Continue"), self)
        col.addLayout(button_row(self.quit_button, self.next_button))
        self.group.buttonToggled.connect(lambda *_a: self.error.clear())


class PackagePage(QWidget):
    """Step 2 (package only): the file, and the signing-key fingerprint to compare."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = card_window(self, CARD_WIDTH)
        col.addWidget(label(self.tr("SYL Collect · first run"), "caption"))
        col.addWidget(
            PageHeader(
                self.tr("Choose the study package"),
                self.tr("A file ending in .sylpkg, from your supervisor or the research team."),
            )
        )
        self.path = QLineEdit(self)
        self.path.setPlaceholderText(self.tr("No file chosen"))
        self.browse_button = QPushButton(self.tr("Choose file…"), self)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse_button, 0)
        lab = label(self.tr("Study package file"))
        lab.setBuddy(self.path)
        col.addWidget(lab)
        col.addLayout(row)
        col.addSpacing(8)
        self.busy = BusyRow(self)
        col.addWidget(self.busy)
        self.details = QWidget(self)
        dcol = QHBoxLayout(self.details)
        dcol.setContentsMargins(0, 0, 0, 0)
        self.details_text = label("", parent=self.details)
        dcol.addWidget(self.details_text)
        col.addWidget(self.details)
        self.fingerprint_title = label(self.tr("Signing-key fingerprint"), "subtitle")
        col.addWidget(self.fingerprint_title)
        self.fingerprint = QLabel(self)
        self.fingerprint.setProperty("role", "key")
        self.fingerprint.setFont(theme.mono_font(18))
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        col.addWidget(self.fingerprint)
        self.compare_hint = label(
            self.tr(
                "Compare it, group by group, with the fingerprint your supervisor gave you "
                "on paper or by phone. If any group differs, don't use this file."
            ),
            "muted",
        )
        col.addWidget(self.compare_hint)
        self.matches = QCheckBox(self.tr("The fingerprint matches the one I was given"), self)
        col.addWidget(self.matches)
        self.error = Notice(self)
        col.addWidget(self.error)
        self.back_button = QPushButton(self.tr("Back"), self)
        self.next_button = _primary(self.tr("Continue"), self)
        col.addLayout(button_row(self.back_button, self.next_button))
        self.show_package(None)

    def show_package(self, text: str | None, fingerprint: str = "") -> None:
        """Shows what was read from the package (None: nothing read yet)."""
        shown = text is not None
        self.details.setVisible(shown)
        self.details_text.setText(text or "")
        for w in (self.fingerprint_title, self.fingerprint, self.compare_hint, self.matches):
            w.setVisible(shown)
        self.fingerprint.setText(fingerprint)
        self.fingerprint.setAccessibleName(self.tr("Fingerprint: ") + fingerprint)
        self.matches.setChecked(False)


class UserPage(QWidget):
    """Step 3: the first user's name and password (with the strength meter)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = card_window(self, CARD_WIDTH)
        col.addWidget(label(self.tr("SYL Collect · first run"), "caption"))
        self.header = PageHeader(
            self.tr("Create your sign-in"),
            self.tr("You are the first user on this laptop. You can add others later."),
        )
        col.addWidget(self.header)
        self.study = label("", "muted")
        col.addWidget(self.study)
        col.addSpacing(8)
        self.user = QLineEdit(self)
        field(col, self.tr("Your name"), self.user, self.tr("You sign in with it, e.g. ann."))
        self.password = PasswordField(self.tr("Password"), self)
        field(col, self.tr("Password"), self.password)
        self.meter = StrengthMeter(self)
        col.addWidget(self.meter)
        col.addSpacing(8)
        self.confirm = QLineEdit(self)
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        field(col, self.tr("Type the password again"), self.confirm)
        self.error = Notice(self)
        col.addWidget(self.error)
        self.busy = BusyRow(self)
        col.addWidget(self.busy)
        self.back_button = QPushButton(self.tr("Back"), self)
        self.setup_button = _primary(self.tr("Set up"), self)
        col.addLayout(button_row(self.back_button, self.setup_button))
        for a, b in (
            (self.user, self.password.edit),
            (self.password.edit, self.password.toggle),
            (self.password.toggle, self.confirm),
            (self.confirm, self.back_button),
            (self.back_button, self.setup_button),
        ):
            self.setTabOrder(a, b)
        self.password.textChanged.connect(self.meter.update_for)
        self.password.textChanged.connect(lambda _t: self.error.clear())

    def set_busy(self, busy: bool) -> None:
        self.setup_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        for edit in (self.user, self.password.edit, self.confirm):
            edit.setReadOnly(busy)
        if busy:
            self.error.clear()
            self.busy.start(
                self.tr("Setting up the encrypted workspace… this takes a few seconds.")
            )
        else:
            self.busy.stop()

    def clear_passwords(self) -> None:
        self.password.clear()
        self.confirm.clear()


class KeyPage(QWidget):
    """Step 4: the recovery key, shown once, with Print and Save, and "I have stored it"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = card_window(self, CARD_WIDTH)
        col.addWidget(label(self.tr("SYL Collect · first run"), "caption"))
        col.addWidget(
            PageHeader(
                self.tr("Store your recovery key"),
                self.tr(
                    "If every password is forgotten, this key is the only way back in. "
                    "It is shown only this once."
                ),
            )
        )
        self.key_label = QLabel(self)
        self.key_label.setProperty("role", "key")
        self.key_label.setFont(theme.mono_font(28))
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        col.addWidget(self.key_label)
        col.addSpacing(8)
        col.addWidget(
            label(
                self.tr(
                    "Print the recovery sheet, or write the key on paper, and lock it away "
                    "apart from the laptop. A saved sheet is a file: put it on a USB stick "
                    "you lock away, never in email or a shared folder."
                ),
                "muted",
            )
        )
        self.print_button = QPushButton(self.tr("Print recovery sheet…"), self)
        self.save_button = QPushButton(self.tr("Save recovery sheet…"), self)
        for b in (self.print_button, self.save_button):
            b.setAutoDefault(False)
        col.addLayout(button_row(self.print_button, self.save_button))
        self.busy = BusyRow(self)
        col.addWidget(self.busy)
        self.notice = Notice(self)
        col.addWidget(self.notice)
        self.stored = QCheckBox(self.tr("I have stored it safely"), self)
        col.addWidget(self.stored)
        self.finish_button = _primary(self.tr("Open SYL Collect"), self)
        col.addLayout(button_row(self.finish_button))
        self.stored.toggled.connect(lambda _c: self.notice.clear())

    def show_key(self, key: str, reading: str) -> None:
        self.key_label.setText(reading)
        self.key_label.setAccessibleName(self.tr("Recovery key: ") + key)
        self.stored.setChecked(False)

    def clear_key(self) -> None:
        self.key_label.clear()
        self.key_label.setAccessibleName("")

    def set_busy(self, text: str | None) -> None:
        for b in (self.print_button, self.save_button, self.finish_button):
            b.setEnabled(text is None)
        if text is None:
            self.busy.stop()
        else:
            self.notice.clear()
            self.busy.start(text)
