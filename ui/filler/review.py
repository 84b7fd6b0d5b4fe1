"""The review page before finishing: safeguarding alerts to acknowledge (who, when, what
was done), answers to fix, and questions left unanswered, each with a way to go to it.
GUI thread only."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sylcollect.domain.record import Alert
from sylcollect.forms.state import Key
from ui import icons, theme
from ui.dialogs.observation_widgets import ErrorSummary
from ui.filler.controller import FillController
from ui.widgets.basics import Notice, label

MAX_LISTED = 40


def when(moment: datetime | None) -> str:
    """A time for people, in local time: '25 Nov 2026, 14:02' ('' when unknown)."""
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d %b %Y, %H:%M").lstrip("0")


def _plain(text: str, role: str = "") -> QLabel:
    """A label showing `text` as written (a message or an action taken is never markup)."""
    words = label(text, role)
    words.setTextFormat(Qt.TextFormat.PlainText)
    return words


class AlertCard(QFrame):
    """One safeguarding alert: the message, what changed since it was raised (no longer
    holding, earlier acknowledgements), and either the acknowledgement or a form for it."""

    acknowledge = Signal(str, str)  # alert id, action taken

    def __init__(self, alert: Alert, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.alert = alert
        self.setProperty("card", True)
        col = QVBoxLayout(self)
        col.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        icon = QLabel(self)
        t = theme.current()
        icon.setPixmap(icons.pixmap("attention", t.attention, 20))
        icon.setFixedSize(24, 24)
        head.addWidget(icon)
        head.addWidget(label(self.tr("Safeguarding: follow up today"), "attention"), 1)
        col.addLayout(head)
        col.addWidget(_plain(alert.message))
        self.notes: list[QLabel] = []  # what changed since it was raised, in words
        if not alert.holds:
            if alert.acknowledged:
                gone = self.tr("No longer applies after the answers changed.")
            else:
                gone = self.tr(
                    "The answers changed after this alert was raised, so it no longer applies "
                    "(since {when}). What was said before still needs to be seen: acknowledge "
                    "it with what you did."
                ).format(when=when(alert.cleared_at))
            self._note(col, gone, "muted" if alert.acknowledged else "")
        for n, earlier in enumerate(alert.history, 1):
            again = not alert.acknowledged and n == len(alert.history)
            text = (
                self.tr(
                    "Acknowledged earlier by {by}, {at} ({action_taken}), before the answers "
                    "changed. It needs acknowledging again."
                )
                if again
                else self.tr(
                    "Acknowledged earlier by {by}, {at} ({action_taken}), before the answers "
                    "changed."
                )
            )
            at = when(earlier.at)
            self._note(col, text.format(by=earlier.by, at=at, action_taken=earlier.action_taken))
        self.action: QPlainTextEdit | None = None
        if alert.acknowledged:
            done = self.tr("Acknowledged by {who}, {when}. Action taken: {action}").format(
                who=alert.acknowledged_by,
                when=when(alert.acknowledged_at),
                action=alert.action_taken,
            )
            col.addWidget(_plain(done, "success"))
            return
        col.addWidget(label(self.tr("What did you do, or what will you do now?")))
        self.action = QPlainTextEdit(self)
        self.action.setTabChangesFocus(True)
        self.action.setMaximumHeight(90)
        self.action.setAccessibleName(self.tr("Action taken for this alert"))
        col.addWidget(self.action)
        self.error = Notice(self)
        col.addWidget(self.error)
        self.button = QPushButton(self.tr("Acknowledge alert"), self)
        self.button.clicked.connect(self._acknowledge)
        col.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)

    def _note(self, col: QVBoxLayout, text: str, role: str = "") -> None:
        note = _plain(text, role)
        self.notes.append(note)
        col.addWidget(note)

    def _acknowledge(self) -> None:
        assert self.action is not None
        text = self.action.toPlainText().strip()
        if not text:
            self.error.show_message("error", self.tr("Write what was done, then acknowledge."))
            self.action.setFocus()
            return
        self.button.setEnabled(False)
        self.acknowledge.emit(self.alert.id, text)


class ReviewPage(QWidget):
    """What stands between the answers and a final record; `go_to(key)`, `finish`."""

    go_to = Signal(object)
    finish = Signal()
    back = Signal()
    acknowledge = Signal(str, str)

    def __init__(self, show_alerts: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_alerts = show_alerts
        self.col = QVBoxLayout(self)
        self.col.setContentsMargins(0, 0, 0, 0)
        self.col.setSpacing(8)
        self.title = label(self.tr("Check before finishing"), "subtitle")
        self.col.addWidget(self.title)
        self.summary = ErrorSummary(self)
        self.summary.title.setText(self.tr("Before you can finish"))
        self.col.addWidget(self.summary)
        self.body = QWidget(self)
        self.body_col = QVBoxLayout(self.body)
        self.body_col.setContentsMargins(0, 0, 0, 0)
        self.col.addWidget(self.body)
        self.notice = Notice(self)
        self.col.addWidget(self.notice)
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("Back to the questions"), self)
        self.back_button.clicked.connect(self.back)
        self.finish_button = QPushButton(self.tr("Finish and save"), self)
        self.finish_button.setProperty("primary", True)
        self.finish_button.clicked.connect(self.finish)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.finish_button)
        self.col.addLayout(row)
        self.col.addStretch(1)
        self.cards: list[AlertCard] = []
        self.go_buttons: list[QPushButton] = []

    def fill(self, controller: FillController) -> None:
        """Lists alerts, problems and unanswered questions of the controller's state now."""
        self.summary.clear()
        self.notice.clear()
        old = self.body
        self.body = QWidget(self)
        self.body_col = QVBoxLayout(self.body)
        self.body_col.setContentsMargins(0, 0, 0, 0)
        self.col.replaceWidget(old, self.body)
        old.deleteLater()
        self.cards, self.go_buttons = [], []
        alerts = controller.alerts() if self.show_alerts else ()
        for alert in alerts:
            card = AlertCard(alert, self.body)
            card.acknowledge.connect(self.acknowledge)
            self.cards.append(card)
            self.body_col.addWidget(card)
        problems = controller.problems()
        problem_keys = {k for k, _p in problems}
        fix = [(k, controller.view(k)) for k, _p in problems]
        empty = [(k, controller.view(k)) for k in controller.unanswered() if k not in problem_keys]
        if fix:
            self.body_col.addWidget(label(self.tr("Answers to give or fix"), "section"))
            for key, view in fix[:MAX_LISTED]:
                message = view.message or ""
                if message == "This answer is required.":
                    message = self.tr("needs an answer")
                self._line(key, f"{view.label} — {message}")
        if empty:
            self.body_col.addWidget(label(self.tr("Not answered"), "section"))
            for key, view in empty[:MAX_LISTED]:
                self._line(key, view.label)
            if len(empty) > MAX_LISTED:
                more = len(empty) - MAX_LISTED
                self.body_col.addWidget(label(self.tr("and {n} more").format(n=more), "muted"))
        if not (fix or empty or alerts):
            self.body_col.addWidget(
                label(self.tr("Every question is answered. Press Finish and save."), "muted")
            )
        elif not fix and not controller.waiting_alerts():
            self.body_col.addWidget(
                label(self.tr("You can finish now; unanswered questions stay empty."), "muted")
            )

    def _line(self, key: Key, text: str) -> None:
        row = QHBoxLayout()
        words = label(text)
        words.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(words, 1)
        button = QPushButton(self.tr("Go to"), self.body)
        button.setAccessibleName(self.tr("Go to: {q}").format(q=text))
        button.clicked.connect(lambda _c=False, k=key: self.go_to.emit(k))
        row.addWidget(button)
        self.body_col.addLayout(row)
        self.go_buttons.append(button)

    def blockers(self, controller: FillController) -> list[tuple[str, QWidget | None]]:
        """What stops finishing, as (words, where to go) for the error summary."""
        out: list[tuple[str, QWidget | None]] = []
        waiting = {a.id for a in controller.waiting_alerts()} if self.show_alerts else set()
        for card in self.cards:
            if card.alert.id in waiting and card.action is not None:
                out.append((self.tr("Acknowledge the safeguarding alert"), card.action))
        if controller.problems():
            first = self.go_buttons[0] if self.go_buttons else None
            n = len(controller.problems())
            out.append((self.tr("{n} answers to give or fix").format(n=n), first))
        return out
