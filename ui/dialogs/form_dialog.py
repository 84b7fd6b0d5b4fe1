"""The shared shape of our form dialogs: one column, labels above fields, the error next to
its field, an error summary at the top that takes focus, a busy row, and the buttons."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import messages, theme
from ui.tasks import TaskRunner
from ui.widgets.basics import BusyRow, Notice, PageHeader, button_row, label


class ErrorSummary(QLabel):
    """ "There are 2 problems" with one line each; focusable so it can take focus on submit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setTextFormat(Qt.TextFormat.PlainText)
        t = theme.current()
        self.setStyleSheet(
            f"QLabel {{ color: {t.text}; background: {t.surface}; padding: 10px 12px;"
            f" border: 2px solid {t.attention}; border-left: 6px solid {t.attention};"
            f" border-radius: 8px; margin: 2px; }}"
            f" QLabel:focus {{ border: 4px solid {t.focus}; border-left: 6px solid {t.focus};"
            f" margin: 0px; }}"
        )
        self.hide()

    def show_problems(self, problems: list[str]) -> None:
        if len(problems) == 1:
            head = self.tr("There is a problem:")
        else:
            head = self.tr("There are {n} problems:").format(n=len(problems))
        self.setText("\n".join([head, *(f"•  {p}" for p in problems)]))
        self.setAccessibleName(head)
        self.setAccessibleDescription(" ".join(problems))
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def clear(self) -> None:
        self.setText("")
        self.hide()


@dataclass
class Field:
    """A field's label, its input widget and the error line under it."""

    label: QLabel
    widget: QWidget
    error: QLabel
    hint: str = ""
    group: bool = False

    def set_error(self, text: str) -> None:
        target = self.widget if self.group else (self.widget.focusProxy() or self.widget)
        self.error.setText(text)
        self.error.setVisible(bool(text))
        target.setAccessibleDescription(text or self.hint)


class FormDialog(QDialog):
    """A dialog laid out as one column of fields. Subclasses add fields and `submit()`."""

    def __init__(
        self,
        title: str,
        purpose: str,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        width: int = 560,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self._tasks = tasks
        self._busy = False
        self.fields: dict[str, Field] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(scroll, 1)
        body = QWidget()
        self.column = QVBoxLayout(body)
        self.column.setContentsMargins(28, 20, 28, 12)
        self.column.setSpacing(4)
        self.header = PageHeader(title, purpose)
        self.column.addWidget(self.header)
        self.summary = ErrorSummary(body)
        self.column.addWidget(self.summary)
        self.column.addSpacing(4)
        scroll.setWidget(body)
        self.scroll = scroll
        QApplication.instance().focusChanged.connect(self._focus_moved)
        foot = QWidget(self)
        self.footer = QVBoxLayout(foot)
        self.footer.setContentsMargins(28, 4, 28, 16)
        self.notice = Notice(foot)
        self.busy = BusyRow(foot)
        self.footer.addWidget(self.notice)
        self.footer.addWidget(self.busy)
        outer.addWidget(foot, 0)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.reject)
        self.resize(width, 720)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Keeps the focused field in view (keyboard users never lose the focus ring)."""
        body = self.scroll.widget()
        if new is not None and body is not None and body.isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new, 16, 24)

    def add_buttons(self, *buttons: QPushButton) -> None:
        self.footer.addLayout(button_row(*buttons))

    def heading(self, text: str) -> QLabel:
        lab = label(text, "subtitle")
        self.column.addSpacing(12)
        self.column.addWidget(lab)
        return lab

    def add_field(
        self, key: str, text: str, widget: QWidget, hint: str = "", *, group: bool = False
    ) -> Field:
        """Adds label, hint, `widget` and its error line. A `group` (radios, checkboxes) is
        named as a whole; each of its buttons names itself."""
        lab = label(text)
        target = widget if group else (widget.focusProxy() or widget)
        if not group:
            lab.setBuddy(target)
        if group or widget.focusProxy() is None:
            target.setAccessibleName(text)
        self.column.addWidget(lab)
        if hint:
            self.column.addWidget(label(hint, "caption"))
            target.setAccessibleDescription(hint)
        self.column.addWidget(widget)
        error = label("", "attention")
        error.hide()
        self.column.addWidget(error)
        self.column.addSpacing(8)
        field = Field(lab, widget, error, hint, group)
        self.fields[key] = field
        return field

    def show_errors(self, errors: dict[str, str]) -> None:
        """Shows each error next to its field and all of them in the summary (focused)."""
        for key, field in self.fields.items():
            field.set_error(errors.get(key, ""))
        problems = [
            f"{self.fields[k].label.text()}: {v}" if k in self.fields else v
            for k, v in errors.items()
        ]
        if problems:
            self.summary.show_problems(problems)
        else:
            self.summary.clear()

    def run(self, fn: Callable[..., Any], *args: Any, busy_text: str, on_done: Callable) -> None:
        """Runs `fn(*args)` on the TaskRunner with the busy row shown; errors in plain words."""
        self.set_busy(True, busy_text)
        self._tasks.run(
            fn,
            *args,
            on_done=lambda value: (self.set_busy(False), on_done(value)),
            on_error=self._failed,
            context=self,
        )

    def _failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.failed(exc)

    def failed(self, exc: BaseException) -> None:
        """Shows a failed save in plain words; subclasses map some errors to fields."""
        self.show_errors({"": messages.message_for(exc, "save")})

    def set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        for b in self.findChildren(QPushButton):
            if b is not self.cancel_button and not self.busy.isAncestorOf(b):
                b.setEnabled(not busy)  # the busy row's own action (Cancel) stays usable
        if busy:
            self.busy.start(text)
        else:
            self.busy.stop()

    def discard(self) -> None:
        """Empties every text field and closes, even mid-save (used when locking)."""
        for edit in self.findChildren(QLineEdit):
            edit.clear()
        self._busy = False
        super().reject()
        self.deleteLater()

    def reject(self) -> None:
        if not self._busy:  # a save in progress finishes first; it can't be half-done
            super().reject()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        first = next(iter(self.fields.values()), None)
        if first is not None:
            (first.widget.focusProxy() or first.widget).setFocus()
