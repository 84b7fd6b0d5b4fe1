"""The calm screens of self-complete mode around the questions: welcome, break, paused,
stop, check your answers, what happens next, thanks, and the staff password. GUI thread."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.selfcomplete import texts as tx
from ui.widgets.basics import BusyRow, Notice, label
from ui.widgets.passwords import PasswordField

COLUMN_PX = 760


def button(
    text: str, parent: QWidget, *, primary: bool = False, quiet: bool = False
) -> QPushButton:
    b = QPushButton(tx.t(text), parent)
    b.setAutoDefault(False)
    if primary:
        b.setProperty("primary", True)
    if quiet:
        b.setProperty("quiet", True)
    return b


class Screen(QWidget):
    """A centred column: a title, paragraphs, then a row of buttons; scrolls at big sizes."""

    def __init__(self, title: str, paragraphs: Sequence[str] = (), parent: QWidget | None = None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(scroll)
        host = QWidget()
        row = QHBoxLayout(host)
        column = QWidget(host)
        column.setMaximumWidth(COLUMN_PX)
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)
        scroll.setWidget(host)
        self.col = QVBoxLayout(column)
        self.col.setContentsMargins(24, 32, 24, 24)
        self.col.setSpacing(16)
        self.title = label(tx.t(title), "title")
        self.title.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.col.addWidget(self.title)
        self.paragraphs = [self.add_text(p) for p in paragraphs]

    def add_text(self, text: str, role: str = "") -> QWidget:
        lab = label(tx.t(text), role)
        lab.setTextFormat(Qt.TextFormat.PlainText)
        self.col.addWidget(lab)
        return lab

    def add_buttons(self, *buttons: QPushButton, equal: bool = False) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(16)
        for b in buttons:
            row.addWidget(b, 1 if equal else 0)
        if not equal:
            row.addStretch(1)
        self.col.addLayout(row)
        return row

    def words(self) -> str:
        """Everything on the screen, for reading aloud."""
        return " ".join([self.title.text(), *(p.text() for p in self.paragraphs)])  # type: ignore[attr-defined]


class SupportBox(QFrame):
    """The unit's named adult and Childline, as plain text (the laptop is offline); for an
    anonymous staff survey, their manager and their employer's staff support instead."""

    def __init__(self, adult: str, parent: QWidget | None = None, *, staff: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        col = QVBoxLayout(self)
        col.setContentsMargins(20, 16, 20, 16)
        col.setSpacing(8)
        col.addWidget(label(tx.t(tx.SUPPORT_TITLE), "section"))
        who = adult.strip() or tx.t(tx.SUPPORT_ADULT_DEFAULT)
        if staff:
            self.lines = [label(tx.t(tx.SUPPORT_STAFF))]
        else:
            self.lines = [
                label(tx.t(tx.SUPPORT_ADULT).format(adult=who)),
                label(tx.t(tx.SUPPORT_CHILDLINE)),
                label(tx.t(tx.SUPPORT_CARD), "muted"),
            ]
        for lab in self.lines:
            lab.setTextFormat(Qt.TextFormat.PlainText)
            col.addWidget(lab)

    def text(self) -> str:
        return " ".join(lab.text() for lab in self.lines)


class BreakScreen(Screen):
    """No question on it: answers are saved; Carry on returns to the same question."""

    carry_on = Signal()

    def __init__(self, adult: str, parent: QWidget | None = None, *, staff: bool = False) -> None:
        super().__init__(tx.BREAK_TITLE, [tx.BREAK_TEXT], parent)
        self.support = SupportBox(adult, self, staff=staff)
        self.col.addWidget(self.support)
        self.carry_on_button = button(tx.CARRY_ON, self, primary=True)
        self.carry_on_button.clicked.connect(self.carry_on)
        self.add_buttons(self.carry_on_button)
        self.col.addStretch(1)


class PausedScreen(QWidget):
    """The neutral cover: one word and one button, nothing else."""

    carry_on = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.addStretch(2)
        self.title = label(tx.t(tx.PAUSED), "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        col.addWidget(self.title)
        self.carry_on_button = button(tx.CARRY_ON, self, quiet=True)
        self.carry_on_button.clicked.connect(self.carry_on)
        col.addWidget(self.carry_on_button, 0, Qt.AlignmentFlag.AlignHCenter)
        col.addStretch(3)


class StopScreen(Screen):
    """Stopping is fine: keep (a staff survey: send) or delete the answers, or go back. No
    password needed."""

    keep = Signal()
    delete = Signal()
    back = Signal()

    def __init__(self, parent: QWidget | None = None, *, staff: bool = False) -> None:
        super().__init__(tx.STOP_TITLE, [tx.STOP_TEXT_STAFF if staff else tx.STOP_TEXT], parent)
        self.keep_button = button(tx.KEEP_STAFF if staff else tx.KEEP, self)
        self.delete_button = button(tx.DELETE, self)
        self.back_button = button(tx.GO_BACK, self)
        self.keep_button.clicked.connect(self.keep)
        self.delete_button.clicked.connect(self.delete)
        self.back_button.clicked.connect(self.back)
        col = QVBoxLayout()
        col.setSpacing(12)
        for b in (self.keep_button, self.delete_button, self.back_button):
            col.addWidget(b)
        self.col.addLayout(col)
        self.col.addStretch(1)


class EndScreen(Screen):
    """Thanks (or 'you have stopped'), support, and 'please give the laptop back'."""

    staff = Signal()

    def __init__(self, adult: str, parent: QWidget | None = None, *, staff: bool = False) -> None:
        thanks = tx.THANKS_TEXT_STAFF if staff else tx.THANKS_TEXT
        super().__init__(tx.THANKS_TITLE, [thanks], parent)
        self.support = SupportBox(adult, self, staff=staff)
        self.col.addWidget(self.support)
        self.give_back = self.add_text(tx.GIVE_BACK)
        self.col.addStretch(1)
        self.staff_button = button(tx.STAFF, self, quiet=True)
        self.staff_button.setAccessibleName(tx.t(tx.STAFF))
        self.staff_button.clicked.connect(self.staff)
        self.add_buttons(self.staff_button)

    def set_words(self, title: str, text: str) -> None:
        self.title.setText(tx.t(title))
        self.paragraphs[0].setText(tx.t(text))  # type: ignore[attr-defined]


class StaffScreen(Screen):
    """The fieldworker's password, checked off the GUI thread, to end the session."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tx.STAFF_TITLE, [tx.STAFF_TEXT], parent)
        self.password = PasswordField(tx.t(tx.PASSWORD), self)
        self.password.toggle.setMinimumSize(48, 48)
        self.col.addWidget(self.password)
        self.error = Notice(self)
        self.busy = BusyRow(self)
        self.col.addWidget(self.error)
        self.col.addWidget(self.busy)
        self.cancel_button = button(tx.CANCEL, self)
        self.end_button = button(tx.END, self, primary=True)
        self.cancel_button.clicked.connect(self.cancelled)
        self.end_button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.add_buttons(self.cancel_button, self.end_button)
        self.col.addStretch(1)

    def _submit(self) -> None:
        if not self.password.text() or self.busy.isVisibleTo(self):
            return
        self.error.clear()
        self.busy.start(tx.t(tx.CHECKING))
        self.submitted.emit(self.password.text())

    def failed(self, message: str) -> None:
        self.busy.stop()
        self.password.clear()
        self.error.show_message("info", message)
        self.password.setFocus()

    def reset(self) -> None:
        self.busy.stop()
        self.error.clear()
        self.password.clear()
