"""A password field with a show/hide button, and the live password-policy meter."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sylcollect.domain.passwords import MIN_CHARS, MIN_WORDS, check_password
from sylcollect.errors import InvalidInput
from ui import icons, theme
from ui.messages import sentence
from ui.widgets.basics import Notice


class PasswordField(QWidget):
    """A QLineEdit that hides what is typed, with a button to show it."""

    returnPressed = Signal()
    textChanged = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(name)
        self.edit.returnPressed.connect(self.returnPressed)
        self.edit.textChanged.connect(self.textChanged)
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setMinimumSize(40, 36)
        self.toggle.toggled.connect(self._set_visible)
        row.addWidget(self.edit, 1)
        row.addWidget(self.toggle, 0)
        self.setFocusProxy(self.edit)
        self._set_visible(False)

    def _set_visible(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        words = self.tr("Hide password") if shown else self.tr("Show password")
        self.toggle.setAccessibleName(words)
        self.toggle.setToolTip(words)
        self.toggle.setIcon(icons.icon("eye-off" if shown else "eye", theme.current().text))

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def clear(self) -> None:
        """Empties the field and hides the text again."""
        self.edit.clear()
        self.toggle.setChecked(False)


class StrengthMeter(QWidget):
    """Shows, as the user types, whether a new password meets the policy (check_password)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(4)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Password strength"))
        self.notice = Notice(self)
        col.addWidget(self.bar)
        col.addWidget(self.notice)
        self.acceptable = False
        self.update_for("")

    def update_for(self, password: str) -> None:
        words = len(password.split())
        progress = max(len(password) / MIN_CHARS, words / MIN_WORDS)
        self.bar.setValue(int(min(1.0, progress) * 100))
        if not password:
            self.acceptable = False
            self.notice.show_message(
                "info",
                self.tr(
                    "Use {chars} or more characters, or {words} or more words. "
                    "A short sentence is easy to remember."
                ).format(chars=MIN_CHARS, words=MIN_WORDS),
            )
            return
        try:
            check_password(password)
        except InvalidInput as exc:
            self.acceptable = False
            if progress >= 1:
                text = sentence(str(exc))
            else:
                text = self.tr("Not yet: {n} of {chars} characters, or {w} of {words} words.")
                text = text.format(n=len(password), chars=MIN_CHARS, w=words, words=MIN_WORDS)
            self.notice.show_message("info", text)
            return
        self.acceptable = True
        self.notice.show_message("success", self.tr("Strong enough."))

    def text(self) -> str:
        return self.notice.text.text()


def monospace_edit(name: str, parent: QWidget | None = None) -> QLineEdit:
    """A line edit for recovery keys: monospace, no autocorrection, accessible name."""
    edit = QLineEdit(parent)
    edit.setProperty("mono", True)
    edit.setAccessibleName(name)
    edit.setInputMethodHints(
        Qt.InputMethodHint.ImhNoPredictiveText | Qt.InputMethodHint.ImhNoAutoUppercase
    )
    return edit
