"""One question on a page: its label, hint, input, and the message that says how to fix the
answer, right under it. GUI thread only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from sylcollect.forms.model import Question
from sylcollect.forms.state import Key
from sylcollect.forms.state_view import QuestionView
from ui.dialogs.observation_widgets import CheckNotice
from ui.filler.choices import ButtonsInput, ComboInput, RankInput
from ui.filler.inputs import (
    FILE_TYPES,
    AcknowledgeInput,
    AnswerInput,
    DateTimeInput,
    FileInput,
    NoteInput,
    NumberInput,
    RangeInput,
    TextInput,
)
from ui.widgets.basics import label


def make_input(question: Question, view: QuestionView, parent: QWidget) -> AnswerInput:
    """The input for a question's type and appearance."""
    kind = question.type
    appearance = set(question.appearance.split())
    if kind == "note":
        return NoteInput(question, parent)
    if kind in {"select_one", "select_one_external"}:
        if appearance & {"minimal", "autocomplete", "search"}:
            return ComboInput(question, view.choices, parent)
        return ButtonsInput(question, view.choices, parent)
    if kind == "select_multiple":
        return ButtonsInput(question, view.choices, parent)
    if kind == "rank":
        return RankInput(question, view.choices, parent)
    if kind in {"integer", "decimal"}:
        return NumberInput(question, parent)
    if kind == "range":
        return RangeInput(question, parent)
    if kind in {"date", "time", "datetime"}:
        return DateTimeInput(question, parent)
    if kind in {"acknowledge", "trigger"}:
        return AcknowledgeInput(question, parent)
    if kind in FILE_TYPES:
        return FileInput(question, parent)
    return TextInput(question, parent)


class QuestionBlock(QWidget):
    """Label, hint, input and message of one question instance; `answered(key, value)`."""

    answered = Signal(object, object)

    def __init__(
        self,
        key: Key,
        question: Question,
        view: QuestionView,
        parent: QWidget | None = None,
        *,
        plain: bool = False,
    ) -> None:
        super().__init__(parent)
        self.plain = plain  # self-complete: nothing is required, no markers
        self.key = key
        self.question = question
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 12)
        col.setSpacing(6)
        self.title = label("", "question")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.hint = label("", "hint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.input = make_input(question, view, self)
        self.message = CheckNotice(self)
        col.addWidget(self.title)
        col.addWidget(self.hint)
        col.addWidget(self.input)
        col.addWidget(self.message)
        self._choices = view.choices
        self._touched = False
        self.input.changed.connect(self._changed)
        self.update_view(view, show_problem=False)
        self.input.set_value(view.value)

    def _changed(self) -> None:
        self._touched = True
        self.answered.emit(self.key, self.input.value())

    @property
    def touched(self) -> bool:
        return self._touched

    def update_view(self, view: QuestionView, *, show_problem: bool) -> None:
        """Label, hint, relevance, choices and message from a fresh view of the question."""
        required = view.required and not self.plain
        self.title.setText(view.label + (" *" if required else ""))
        self.hint.setText(view.hint)
        self.hint.setVisible(bool(view.hint))
        name = view.label + (" " + self.tr("(required)") if required else "")
        self.input.set_name(name, view.hint)
        self.input.set_read_only(view.readonly)
        if view.choices != self._choices and hasattr(self.input, "set_choices"):
            self._choices = view.choices
            self.input.set_choices(view.choices)
            self.input.set_name(name, view.hint)
        self.setVisible(view.relevant)
        self.show_message(view.message if show_problem or self._touched else None)

    def problem(self, view: QuestionView) -> str | None:
        """What to say under the question: typed text first, then the form's rules."""
        local = self.input.local_problem()
        return local or view.message

    def show_message(self, message: str | None) -> None:
        local = self.input.local_problem()
        text = local or message
        if text == "This answer is required." and self.plain:
            text = None
        if text:
            if text == "This answer is required.":
                text = self.tr("This question needs an answer.")
            changed = self.message.text.text() != text
            self.message.show_message("check", text)
            target = self.input.focus_target()
            if target is not None:
                target.setAccessibleDescription(text)
                if changed and target.hasFocus():
                    QAccessible.updateAccessibility(
                        QAccessibleEvent(self.message.text, QAccessible.Event.Alert)
                    )
        else:
            self.message.clear()

    def set_value(self, value: Any) -> None:
        self.input.set_value(value)

    def focus_target(self) -> QWidget | None:
        return self.input.focus_target()
