"""Page header, notice (icon + words), busy row, the label-above-field helper and the
confirmation box's buttons."""

from __future__ import annotations

import itertools
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import icons, theme


def label(text: str, role: str = "", *, wrap: bool = True, parent: QWidget | None = None) -> QLabel:
    """A QLabel with a style role (title, subtitle, caption, muted, attention...)."""
    lab = QLabel(text, parent)
    if role:
        lab.setProperty("role", role)
    lab.setWordWrap(wrap)
    return lab


def field(layout: QBoxLayout, text: str, widget: QWidget, hint: str = "") -> QLabel:
    """Adds a label above `widget` (the label is its buddy, so it names it) and a hint."""
    lab = label(text, wrap=True)
    lab.setBuddy(widget.focusProxy() or widget)
    layout.addWidget(lab)
    layout.addWidget(widget)
    if hint:
        hint_label = label(hint, "caption")
        (widget.focusProxy() or widget).setAccessibleDescription(hint)
        layout.addWidget(hint_label)
    layout.addSpacing(8)
    return lab


class PageHeader(QWidget):
    """A page's title, one line on what it is for, and optionally its main action."""

    def __init__(self, title: str, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 16)
        text = QVBoxLayout()
        text.setSpacing(6)
        self.title = label(title, "title")
        self.title.setAccessibleName(title)
        self.purpose = label(purpose, "muted")
        text.addWidget(self.title)
        text.addWidget(self.purpose)
        row.addLayout(text, 1)
        self._row = row

    def add_action(self, widget: QWidget) -> None:
        self._row.addWidget(widget, 0)


class Notice(QWidget):
    """A status line with an icon and words (never colour alone); hidden when empty."""

    KINDS: ClassVar[dict[str, tuple[str, str]]] = {
        "error": ("attention", "attention"),
        "info": ("info", "muted"),
        "success": ("check", "success"),
        "wait": ("clock", "warning"),
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.icon = QLabel(self)
        self.icon.setFixedSize(24, 24)
        self.text = label("", parent=self)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(self.icon, 0)
        row.addWidget(self.text, 1)
        self.kind = ""
        self.hide()

    def show_message(self, kind: str, text: str) -> None:
        icon_name, role = self.KINDS[kind]
        tokens = theme.current()
        colour = {
            "attention": tokens.attention,
            "muted": tokens.text_muted,
            "success": tokens.success,
            "warning": tokens.warning,
        }[role]
        self.icon.setPixmap(icons.pixmap(icon_name, colour, 20))
        self.text.setProperty("role", role)
        self.text.style().unpolish(self.text)
        self.text.style().polish(self.text)
        announce = self.kind != kind or (self.text.text() != text and kind == "error")
        self.text.setText(text)
        self.kind = kind
        self.show()
        if announce and kind in ("error", "wait"):
            QAccessible.updateAccessibility(QAccessibleEvent(self.text, QAccessible.Event.Alert))

    def clear(self) -> None:
        self.text.setText("")
        self.kind = ""
        self.hide()

    def message(self) -> str:
        return self.text.text() if self.isVisibleTo(self.parentWidget()) else ""


class BusyRow(QWidget):
    """A progress bar with words ("Unlocking..."), shown while a task runs: indeterminate after
    `start`, determinate after `set_progress`; optionally with an action (a Cancel button)."""

    STEPS = 1000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(4)
        self.text = label("", "muted")
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self._line = QHBoxLayout()
        self._line.setContentsMargins(0, 0, 0, 0)
        self._line.setSpacing(12)
        self._line.addWidget(self.bar, 1, Qt.AlignmentFlag.AlignVCenter)
        col.addWidget(self.text)
        col.addLayout(self._line)
        self.hide()

    def add_action(self, widget: QWidget) -> None:
        """Puts `widget` (say a "Cancel export" button) beside the bar; shown with the row."""
        self._line.addWidget(widget, 0)

    def start(self, text: str) -> None:
        """Shows the row with `text` and an indeterminate bar."""
        self.bar.setRange(0, 0)
        self._say(text)
        self.show()

    def set_progress(self, fraction: float | None, text: str) -> None:
        """Shows how far the task is (0..1; None: not known, the bar goes indeterminate)."""
        if fraction is None:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, self.STEPS)
            self.bar.setValue(round(max(0.0, min(fraction, 1.0)) * self.STEPS))
        self._say(text)
        self.show()

    def fraction(self) -> float | None:
        """The fraction shown, or None while indeterminate."""
        if self.bar.maximum() == 0:
            return None
        return self.bar.value() / self.bar.maximum()

    def _say(self, text: str) -> None:
        if text != self.text.text():
            self.text.setText(text)
            self.bar.setAccessibleName(text)

    def stop(self) -> None:
        self.hide()


def card_window(window: QWidget, max_width: int = 560) -> QVBoxLayout:
    """Lays `window` out as one centred card on the page colour; returns the card's layout."""
    outer = QVBoxLayout(window)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea(window)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus moves scroll it; not a tab stop
    outer.addWidget(scroll)
    host = QWidget()
    column = QVBoxLayout(host)
    column.setContentsMargins(24, 24, 24, 24)
    row = QHBoxLayout()
    card = QFrame(host)
    card.setProperty("card", True)
    card.setMaximumWidth(max_width)
    inner = QVBoxLayout(card)
    inner.setContentsMargins(32, 28, 32, 28)
    inner.setSpacing(4)
    row.addStretch(1)
    row.addWidget(card, 100)
    row.addStretch(1)
    column.addStretch(1)
    column.addLayout(row)
    column.addStretch(1)
    scroll.setWidget(host)
    return inner


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """Buttons in a row, aligned right (the main action last)."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 8, 0, 0)
    row.addStretch(1)
    for b in buttons:
        row.addWidget(b)
    for left, right in itertools.pairwise(buttons):
        QWidget.setTabOrder(left, right)  # Tab reads them left to right, as they are seen
    return row


def confirm(box: QMessageBox, action_text: str, role: QMessageBox.ButtonRole) -> bool:
    """Shows `box` (the caller words and translates it) with a button that says what it does
    and Cancel, the default; True only when the user pressed the action button."""
    action = box.addButton(action_text, role)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is action


def card(
    title: str, parent: QWidget | None = None, frame: QFrame | None = None
) -> tuple[QFrame, QVBoxLayout]:
    """A card (`frame`, or a new one) with its title as a subtitle; returns it and its column."""
    frame = frame if frame is not None else QFrame(parent)
    frame.setProperty("card", True)
    col = QVBoxLayout(frame)
    col.setContentsMargins(20, 16, 20, 16)
    col.setSpacing(6)
    col.addWidget(label(title, "subtitle"))
    return frame, col
