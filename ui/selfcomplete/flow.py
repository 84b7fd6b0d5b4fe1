"""Welcome (with comfort settings), check your answers, and what happens next. GUI thread."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from sylcollect.forms.state import Key
from sylcollect.services.attachments import FILE_TYPES
from ui import theme
from ui.filler import pages as pg
from ui.filler.controller import FillController
from ui.filler.files import file_name
from ui.selfcomplete import texts as tx
from ui.selfcomplete.screens import Screen, button
from ui.widgets.basics import label


class Comfort(QWidget):
    """Text size, high contrast and read-aloud (hidden when nothing can speak)."""

    changed = Signal()

    def __init__(self, can_speak: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        self.size = QComboBox(self)
        self.size.setAccessibleName(tx.t(tx.TEXT_SIZE))
        for name, scale in zip(tx.SIZE_NAMES, theme.TEXT_SCALES, strict=True):
            self.size.addItem(tx.t(name), scale)
        self.contrast = QCheckBox(tx.t(tx.CONTRAST), self)
        self.speak = QCheckBox(tx.t(tx.READ_ALOUD), self)
        self.speak.setVisible(can_speak)
        self.speak.setAccessibleDescription(tx.t(tx.HEADPHONES))
        row.addWidget(self.size)
        row.addWidget(self.contrast)
        row.addWidget(self.speak)
        row.addStretch(1)
        self.size.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.contrast.toggled.connect(lambda _on: self.changed.emit())
        self.speak.toggled.connect(lambda _on: self.changed.emit())

    @property
    def scale(self) -> float:
        return float(self.size.currentData())

    @property
    def tokens(self) -> theme.Tokens:
        return theme.HIGH_CONTRAST if self.contrast.isChecked() else theme.LIGHT

    @property
    def reading(self) -> bool:
        return self.speak.isVisible() and self.speak.isChecked()

    def copy_from(self, other: Comfort) -> None:
        for w in (self.size, self.contrast, self.speak):
            w.blockSignals(True)
        self.size.setCurrentIndex(other.size.currentIndex())
        self.contrast.setChecked(other.contrast.isChecked())
        self.speak.setChecked(other.speak.isChecked())
        for w in (self.size, self.contrast, self.speak):
            w.blockSignals(False)


def minutes_for(questions: int) -> int:
    """About 20 seconds a question, rounded up to 5 minutes."""
    return max(5, math.ceil(questions * 20 / 60 / 5) * 5)


class WelcomeScreen(Screen):
    """What it is about, how long, who sees the answers, risk; Start and Not now alike."""

    start = Signal()
    not_now = Signal()

    def __init__(
        self, questions: int, staff_survey: bool, can_speak: bool, parent: QWidget | None = None
    ) -> None:
        about = tx.WELCOME_ABOUT_STAFF if staff_survey else tx.WELCOME_ABOUT_YP
        who = tx.WELCOME_WHO_STAFF if staff_survey else tx.WELCOME_WHO
        risk = tx.WELCOME_RISK_STAFF if staff_survey else tx.WELCOME_RISK
        super().__init__(tx.WELCOME_TITLE, [about], parent)
        self.paragraphs.append(
            self.add_text(tx.t(tx.WELCOME_TIME).format(minutes=minutes_for(questions)))
        )
        for text in (tx.WELCOME_CHOICE, who, risk):
            self.paragraphs.append(self.add_text(text))
        self.col.addWidget(label(tx.t(tx.COMFORT), "section"))
        self.comfort = Comfort(can_speak, self)
        self.col.addWidget(self.comfort)
        self.headphones = label(tx.t(tx.HEADPHONES), "muted")
        self.col.addWidget(self.headphones)
        self.headphones.setVisible(can_speak)
        self.start_button = button(tx.START, self)
        self.not_now_button = button(tx.NOT_NOW, self)
        self.start_button.clicked.connect(self.start)
        self.not_now_button.clicked.connect(self.not_now)
        self.add_buttons(self.start_button, self.not_now_button, equal=True)
        self.col.addStretch(1)


def answer_text(controller: FillController, key: Key) -> str:
    view = controller.view(key)
    value = view.value
    if value is None or value == "" or value == []:
        return tx.t(tx.SKIPPED)
    if view.type in FILE_TYPES:
        return file_name(value) or str(value)
    names = dict(view.choices)
    if isinstance(value, list):
        return ", ".join(names.get(str(v), str(v)) for v in value)
    if isinstance(value, str) and view.type in {"select_multiple", "rank"}:
        return ", ".join(names.get(v, v) for v in value.split())
    return names.get(str(value), str(value))


class CheckScreen(Screen):
    """Every question seen, its answer ('Skipped'), and Change / Clear for each."""

    change = Signal(object)  # key
    clear = Signal(object)  # key
    done = Signal()

    def __init__(self, controller: FillController, parent: QWidget | None = None) -> None:
        super().__init__(tx.CHECK_TITLE, [tx.CHECK_TEXT], parent)
        self.rows: dict[Key, tuple[QWidget, QWidget]] = {}
        self.list = QVBoxLayout()
        self.list.setSpacing(12)
        self.col.addLayout(self.list)
        for i in controller.relevant_pages():
            page = controller.pages[i]
            if page.kind == pg.REPEAT:
                continue
            for key in page.questions:
                if not pg.takes_answer(controller.state, key):
                    continue
                view = controller.view(key)
                if not view.relevant or (
                    view.type == "select_one" and {n for n, _ in view.choices} >= {"skip"}
                ):
                    continue
                self._row(controller, key, view.label)
        self.done_button = button(tx.DONE, self, primary=True)
        self.done_button.clicked.connect(self.done)
        self.add_buttons(self.done_button)
        self.col.addStretch(1)

    def _row(self, controller: FillController, key: Key, question: str) -> None:
        box = QVBoxLayout()
        box.setSpacing(4)
        q = label(question, "section")
        q.setTextFormat(Qt.TextFormat.PlainText)
        a = label(answer_text(controller, key))
        a.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout()
        row.addWidget(a, 1)
        change = button(tx.CHANGE, self)
        change.setAccessibleName(f"{tx.t(tx.CHANGE)}: {question}")
        change.clicked.connect(lambda _c=False, k=key: self.change.emit(k))
        clear = button(tx.CLEAR, self)
        clear.setAccessibleName(f"{tx.t(tx.CLEAR)}: {question}")
        clear.clicked.connect(lambda _c=False, k=key: self.clear.emit(k))
        clear.setVisible(a.text() != tx.t(tx.SKIPPED))
        row.addWidget(change)
        row.addWidget(clear)
        box.addWidget(q)
        box.addLayout(row)
        self.list.addLayout(box)
        self.rows[key] = (change, clear)


class NextScreen(Screen):
    """Who will read the answers and when; then Send my answers."""

    send = Signal()
    back = Signal()

    def __init__(self, parent: QWidget | None = None, *, staff: bool = False) -> None:
        super().__init__(tx.NEXT_TITLE, [tx.NEXT_TEXT_STAFF if staff else tx.NEXT_TEXT], parent)
        self.back_button = button(tx.BACK, self)
        self.send_button = button(tx.SEND, self, primary=True)
        self.back_button.clicked.connect(self.back)
        self.send_button.clicked.connect(self.send)
        self.add_buttons(self.back_button, self.send_button)
        self.col.addStretch(1)
