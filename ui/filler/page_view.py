"""The widget of one page: a question, a field-list group of questions, or a repeat's list
of entries with Add and Remove. Built when the page is shown. GUI thread only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from sylcollect.forms.state import Changes, Key
from sylcollect.services.attachments import FILE_TYPES
from ui.filler import pages as pg
from ui.filler.controller import FillController
from ui.filler.files import file_name
from ui.filler.question import QuestionBlock
from ui.widgets.basics import label


class PageView(QWidget):
    """Shows one page of a FillController; `answered(key, value)`, repeat actions."""

    answered = Signal(object, object)
    add_entry = Signal()
    open_entry = Signal(int)
    remove_entry = Signal(int)

    def __init__(
        self, controller: FillController, page: pg.Page, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.page = page
        self.blocks: dict[Key, QuestionBlock] = {}
        self.col = QVBoxLayout(self)
        self.col.setContentsMargins(0, 0, 0, 0)
        self.col.setSpacing(8)
        section = controller.section_label(page)
        if page.kind == pg.GROUP:
            section = pg.label_of(controller.state, page.key[0], controller.lang) or section
        self.section = label(section, "section")
        self.col.addWidget(self.section)  # first: a label without a parent would be a window
        self.section.setVisible(bool(section))
        if page.kind == pg.REPEAT:
            self._repeat()
        else:
            for key in page.questions:
                block = QuestionBlock(key, controller.question(key), controller.view(key), self)
                block.answered.connect(self.answered)
                self.blocks[key] = block
                self.col.addWidget(block)
        self.col.addStretch(1)

    def _repeat(self) -> None:
        c = self.controller
        name = pg.label_of(c.state, self.page.key[0], c.lang) or self.tr("Entries")
        count = pg.repeat_entries(c.state, self.page)
        self.heading = label(name, "subtitle")
        self.col.addWidget(self.heading)
        self.count = label(
            self.tr("No entries yet.")
            if count == 0
            else self.tr("{n} entries so far.").format(n=count)
            if count != 1
            else self.tr("1 entry so far."),
            "muted",
        )
        self.col.addWidget(self.count)
        self.entry_buttons: list[tuple[QPushButton, QPushButton]] = []
        for entry in range(1, count + 1):
            row = QHBoxLayout()
            summary = self._summary(entry)
            row.addWidget(label(self.tr("Entry {n}").format(n=entry) + summary), 1)
            open_button = QPushButton(self.tr("Open"), self)
            open_button.setAccessibleName(self.tr("Open entry {n}").format(n=entry))
            open_button.clicked.connect(lambda _c=False, e=entry: self.open_entry.emit(e))
            remove = QPushButton(self.tr("Remove"), self)
            remove.setAccessibleName(self.tr("Remove entry {n}").format(n=entry))
            remove.clicked.connect(lambda _c=False, e=entry: self.remove_entry.emit(e))
            row.addWidget(open_button)
            row.addWidget(remove)
            self.col.addLayout(row)
            self.entry_buttons.append((open_button, remove))
        self.add_button = QPushButton(self.tr("Add an entry"), self)
        self.add_button.setAccessibleName(self.tr("Add an entry to {name}").format(name=name))
        self.add_button.clicked.connect(self.add_entry)
        self.col.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.col.addWidget(label(self.tr("When there are no more, press Next."), "muted"))

    def _summary(self, entry: int) -> str:
        """': Family, Most days' — the first answers of an entry, to tell entries apart."""
        c = self.controller
        start = c.entry_first_page(self.page, entry)
        if start is None:
            return ""
        words: list[str] = []
        for page in c.pages[start : start + 3]:
            for key in page.questions:
                if not key[0].startswith(self.page.key[0] + "/"):
                    continue
                view = c.view(key)
                shown = _shown(view.value, view.choices, view.type)
                if shown:
                    words.append(shown)
        return (": " + ", ".join(words[:2])) if words else ""

    def first_focus(self) -> QWidget | None:
        if self.page.kind == pg.REPEAT:
            return self.add_button
        for block in self.blocks.values():
            if block.isVisibleTo(self):
                target = block.focus_target()
                if target is not None:
                    return target
        return None

    def refresh(self, changes: Changes | None = None, show_problems: bool = False) -> None:
        """Updates the blocks the change touched (all of them when `changes` is None)."""
        for key, block in self.blocks.items():
            if changes is None or key in changes or show_problems:
                block.update_view(self.controller.view(key), show_problem=show_problems)

    def problems(self) -> list[tuple[str, QWidget | None]]:
        """(words, field) for every visible question of the page that has a problem."""
        out: list[tuple[str, QWidget | None]] = []
        for key, block in self.blocks.items():
            if not block.isVisibleTo(self):
                continue
            view = self.controller.view(key)
            text = block.problem(view)
            if text:
                out.append((f"{view.label}: {text}", block.focus_target()))
        return out


def _shown(value: Any, choices: tuple[tuple[str, str], ...], kind: str = "") -> str:
    if value is None or value == "":
        return ""
    if kind in FILE_TYPES:  # `<attachment uuid>/<name>`: the name is what a person chose
        value = file_name(value) or value
    names = dict(choices)
    if isinstance(value, list):
        return ", ".join(names.get(str(v), str(v)) for v in value)
    text = names.get(str(value), str(value))
    return text if len(text) <= 40 else text[:39] + "…"
