"""One screen of questions in self-complete mode: progress in words, the question in large
type, and Back / Skip / Next (a section note: Continue / Skip this part; a repeat: Add one /
Go on). Nothing moves on by itself. GUI thread only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from sylcollect.forms.model import Question
from sylcollect.forms.state import Key
from ui.filler import pages as pg
from ui.filler.controller import FillController
from ui.filler.inputs import FILE_TYPES
from ui.filler.question import QuestionBlock
from ui.selfcomplete import texts as tx
from ui.selfcomplete.screens import Screen, button
from ui.widgets.basics import label

QUESTION = "question"
SECTION = "section"  # a "do you want to answer these?" choice, or a note before a group
REPEAT = "repeat"


def section_choice(question: Question, choices: tuple[tuple[str, str], ...]) -> bool:
    """True for a select_one that asks whether to answer a part (choices yes / skip)."""
    names = {n for n, _label in choices}
    return question.type == "select_one" and len(names) == 2 and "skip" in names


def screen_kind(controller: FillController, page: pg.Page) -> str:
    if page.kind == pg.REPEAT:
        return REPEAT
    question = controller.question(page.questions[0])
    if section_choice(question, controller.view(page.questions[0]).choices):
        return SECTION
    if question.type == "note" and next_section(controller, page) is not None:
        return SECTION
    return QUESTION


def next_section(controller: FillController, page: pg.Page) -> str | None:
    """The group a note introduces: the next page's section, if it is a new one."""
    following = controller.next_index(controller.pages.index(page))
    if following is None:
        return None
    section = controller.pages[following].section
    if section and section != page.section and not page.section.startswith(section):
        return section
    return None


class QuestionScreen(Screen):
    """The current page of a FillController for a young person."""

    answered = Signal(object, object)  # key, value
    back = Signal()
    skip = Signal()
    next = Signal()
    skip_part = Signal()  # a note before a group: skip the whole group
    add_entry = Signal()

    def __init__(
        self,
        controller: FillController,
        page: pg.Page,
        *,
        changing: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("", (), parent)
        self.controller = controller
        self.page = page
        self.kind = screen_kind(controller, page)
        self.block: QuestionBlock | None = None
        self.title.hide()
        number, total = controller.position()
        words = tx.t(tx.PROGRESS).format(n=number, total=total)
        section = controller.section_label(page)
        self.progress = label(words + (f" · {section}" if section else ""), "muted")
        self.col.insertWidget(0, self.progress)
        self.buttons: list[QPushButton] = []
        if self.kind == REPEAT:
            self._repeat()
        elif self.kind == SECTION:
            self._section()
        else:
            self._question(changing)
        self.col.addStretch(1)

    def _question(self, changing: bool) -> None:
        key = self.page.questions[0]
        question = self.controller.question(key)
        self.block = QuestionBlock(key, question, self.controller.view(key), self, plain=True)
        self.block.answered.connect(self.answered)
        self.col.addWidget(self.block)
        if question.type in FILE_TYPES:
            self.block.input.hide()
            self.add_text(tx.NOT_HERE, "muted")
        self.back_button = button(tx.BACK, self)
        self.skip_button = button(tx.SKIP, self)
        self.next_button = button(tx.DONE_CHANGING if changing else tx.NEXT, self, primary=True)
        self.back_button.setVisible(
            self.controller.previous_index(self.controller.index) is not None
        )
        self.back_button.clicked.connect(self.back)
        self.skip_button.clicked.connect(self.skip)
        self.next_button.clicked.connect(self.next)
        self.skip_button.setAccessibleDescription(tx.t(tx.SKIP))
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.skip_button)
        row.addWidget(self.next_button)
        self.col.addLayout(row)
        self.buttons = [self.back_button, self.skip_button, self.next_button]

    def _section(self) -> None:
        key = self.page.questions[0]
        view = self.controller.view(key)
        text = label(view.label, "question")
        text.setTextFormat(Qt.TextFormat.PlainText)
        self.col.addWidget(text)
        self.paragraphs.append(text)
        if view.hint:
            self.paragraphs.append(self.add_text(view.hint, "hint"))
        self.continue_button = button(tx.CONTINUE, self)
        self.skip_part_button = button(tx.SKIP_PART, self)
        self.continue_button.clicked.connect(self._continue)
        self.skip_part_button.clicked.connect(self._skip_part)
        self.add_buttons(self.continue_button, self.skip_part_button, equal=True)
        self.buttons = [self.continue_button, self.skip_part_button]

    def _choice_named(self, wanted: str) -> str | None:
        choices = self.controller.view(self.page.questions[0]).choices
        names = [n for n, _l in choices]
        if wanted in names:
            return wanted
        if wanted == "yes":
            return next((n for n in names if n != "skip"), None)
        return None

    def _continue(self) -> None:
        choice = self._choice_named("yes")
        if choice is not None:
            self.answered.emit(self.page.questions[0], choice)
        self.next.emit()

    def _skip_part(self) -> None:
        choice = self._choice_named("skip")
        if choice is not None:
            self.answered.emit(self.page.questions[0], choice)
            self.next.emit()
        else:
            self.skip_part.emit()

    def _repeat(self) -> None:
        c = self.controller
        name = pg.label_of(c.state, self.page.key[0], c.lang)
        heading = label(name, "question")
        self.col.addWidget(heading)
        self.paragraphs.append(heading)
        count = pg.repeat_entries(c.state, self.page)
        self.paragraphs.append(self.add_text(tx.t(tx.ADDED).format(n=count), "muted"))
        self.back_button = button(tx.BACK, self)
        self.add_button = button(tx.ADD_ONE, self)
        self.next_button = button(tx.NO_MORE, self, primary=True)
        self.back_button.clicked.connect(self.back)
        self.add_button.clicked.connect(self.add_entry)
        self.next_button.clicked.connect(self.next)
        self.add_buttons(self.back_button, self.add_button, self.next_button)
        self.buttons = [self.back_button, self.add_button, self.next_button]

    def first_focus(self) -> QWidget:
        if self.block is not None:
            target = self.block.focus_target()
            if target is not None and self.block.input.isVisible():
                return target
        return self.buttons[-1] if self.kind != SECTION else self.buttons[0]

    def problem(self) -> str | None:
        """Format help or the form's own message for a typed answer ('Type a number...')."""
        if self.block is None:
            return None
        key: Key = self.block.key
        view = self.controller.view(key)
        local = self.block.input.local_problem()
        if local:
            return local
        if view.message and view.message != "This answer is required.":
            return view.message
        return None

    def show_problem(self, text: str) -> None:
        if self.block is not None:
            self.block.message.show_message("check", text)
            target = self.block.focus_target()
            if target is not None:
                target.setFocus()

    def value(self) -> Any:
        return self.block.input.value() if self.block is not None else None

    def words(self) -> str:
        parts = [self.progress.text()]
        if self.block is not None:
            view = self.controller.view(self.block.key)
            parts += [view.label, view.hint, *(text for _n, text in view.choices)]
        else:
            parts += [p.text() for p in self.paragraphs]  # type: ignore[attr-defined]
        return ". ".join(p for p in parts if p)
