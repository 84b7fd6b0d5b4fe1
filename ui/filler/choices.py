"""Choice inputs: select one (radio group, or a combo box for `minimal`), select multiple
(tick boxes) and rank (an ordered list). Digits 1-9 pick the options. GUI thread only.

A radio group is one tab stop (the chosen option, else the first); the arrow keys move
inside it. "I'd rather not say" (`pnts`) is set apart at the end, and in a select multiple
it clears the other ticks (and they clear it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sylcollect.forms.model import Question
from ui.filler.inputs import AnswerInput

PNTS = "pnts"
HORIZONTAL = frozenset({"likert", "horizontal", "horizontal-compact", "columns", "columns-pack"})
Choices = Sequence[tuple[str, str]]


def _digit(event: QEvent) -> int | None:
    """1-9 for a plain digit key press (keypad too), else None."""
    if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
        return None
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if mods != Qt.KeyboardModifier.NoModifier:
        return None
    key = event.key()
    if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
        return int(key - Qt.Key.Key_0)
    return None


class ButtonsInput(AnswerInput):
    """Options as radio buttons or tick boxes; rebuilt when the choice filter changes."""

    def __init__(self, question: Question, choices: Choices, parent: QWidget | None = None):
        super().__init__(question, parent)
        self.multiple = question.type in {"select_multiple"}
        appearance = set(question.appearance.split())
        self.horizontal = bool(appearance & HORIZONTAL)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        self.buttons: dict[str, QAbstractButton] = {}
        self._box = QWidget(self)
        self.col.addWidget(self._box)
        self._layout: QBoxLayout = (
            QHBoxLayout(self._box) if self.horizontal else QVBoxLayout(self._box)
        )
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._name = ""
        self.set_choices(choices)

    def set_choices(self, choices: Choices) -> None:
        keep = self.value()
        for button in self.buttons.values():
            self.group.removeButton(button)
            button.deleteLater()
        self.buttons = {}
        while self._layout.count():
            self._layout.takeAt(0)
        ordered = [c for c in choices if c[0] != PNTS] + [c for c in choices if c[0] == PNTS]
        for number, (name, text) in enumerate(ordered, start=1):
            shown = f"{number}. {text}" if number <= 9 else text
            button: QAbstractButton = (
                QCheckBox(shown, self._box) if self.multiple else QRadioButton(shown, self._box)
            )
            button.setObjectName(f"choice_{name}")
            button.setProperty("choice", name)
            button.setAccessibleName(text)
            button.installEventFilter(self)
            button.toggled.connect(lambda on, n=name: self._toggled(n, on))
            if name == PNTS and len(ordered) > 1:
                self._layout.addSpacing(12)
            self._layout.addWidget(button)
            self.group.addButton(button)
            self.buttons[name] = button
        if self.horizontal:
            self._layout.addStretch(1)
        self.set_value(keep)
        if self.buttons:
            self.setFocusProxy(self._current())

    def _current(self) -> QAbstractButton:
        checked = [b for b in self.buttons.values() if b.isChecked()]
        return checked[0] if checked else next(iter(self.buttons.values()))

    def _sync_tab_stop(self) -> None:
        if self.multiple or not self.buttons:
            return
        current = self._current()
        for button in self.buttons.values():
            policy = Qt.FocusPolicy.StrongFocus if button is current else Qt.FocusPolicy.ClickFocus
            button.setFocusPolicy(policy)
        self.setFocusProxy(current)

    def _toggled(self, name: str, on: bool) -> None:
        self._set_checked_silently(name, on)
        self._sync_tab_stop()
        self.changed.emit()

    def _set_checked_silently(self, name: str, on: bool) -> None:
        """Keeps the rules: one radio at most; pnts excludes the other ticks."""
        if not on:
            return
        for other, button in self.buttons.items():
            if other == name:
                continue
            clash = not self.multiple or name == PNTS or other == PNTS
            if clash and button.isChecked():
                button.blockSignals(True)
                button.setChecked(False)
                button.blockSignals(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        digit = _digit(event)
        if digit is not None and self.isEnabled():
            return self.pick(digit)
        if (
            not self.multiple
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right)
        ):
            return self._arrow(watched, event.key())
        return False

    def _arrow(self, watched: QObject, key: int) -> bool:
        names = list(self.buttons)
        current = next((n for n, b in self.buttons.items() if b is watched), None)
        if current is None:
            return False
        step = 1 if key in (Qt.Key.Key_Down, Qt.Key.Key_Right) else -1
        target = self.buttons[names[(names.index(current) + step) % len(names)]]
        target.setChecked(True)
        target.setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def pick(self, number: int) -> bool:
        """Chooses (or for tick boxes toggles) option `number` (1-based); True if there is one."""
        names = list(self.buttons)
        if not 1 <= number <= len(names):
            return False
        button = self.buttons[names[number - 1]]
        button.setChecked(not button.isChecked() if self.multiple else True)
        button.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def value(self) -> Any:
        chosen = [n for n, b in self.buttons.items() if b.isChecked()]
        if self.multiple:
            return " ".join(chosen) or None
        return chosen[0] if chosen else None

    def set_value(self, value: Any) -> None:
        if isinstance(value, str):
            wanted = set(value.split()) if self.multiple else {value}
        elif isinstance(value, list | tuple):
            wanted = {str(v) for v in value}
        else:
            wanted = set() if value is None else {str(value)}
        for name, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(name in wanted)
            button.blockSignals(False)
        self._sync_tab_stop()

    def focus_target(self) -> QWidget | None:
        return self._current() if self.buttons else None

    def set_name(self, name: str, description: str = "") -> None:
        self._name = name
        for button in self.buttons.values():
            button.setAccessibleDescription(name if not description else f"{name}. {description}")

    def set_read_only(self, read_only: bool) -> None:
        self._box.setEnabled(not read_only)


class ComboInput(AnswerInput):
    """A select one with the `minimal` appearance: a drop-down list."""

    def __init__(self, question: Question, choices: Choices, parent: QWidget | None = None):
        super().__init__(question, parent)
        self.combo = QComboBox(self)
        self.combo.setMinimumWidth(280)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.col.addWidget(self.combo, 0, Qt.AlignmentFlag.AlignLeft)
        self.setFocusProxy(self.combo)
        self.set_choices(choices)

    def set_choices(self, choices: Choices) -> None:
        keep = self.value()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("Choose…"), None)
        for name, text in choices:
            self.combo.addItem(text, name)
        self.combo.blockSignals(False)
        self.set_value(keep)

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(0, self.combo.findData(value)) if value else 0)
        self.combo.blockSignals(False)


class RankInput(AnswerInput):
    """Put the options in order: a list with Move up / Move down (Alt+Up / Alt+Down)."""

    def __init__(self, question: Question, choices: Choices, parent: QWidget | None = None):
        super().__init__(question, parent)
        self.list = QListWidget(self)
        self.list.setMinimumHeight(160)
        self._answered = False
        row = QHBoxLayout()
        self.up = QPushButton(self.tr("Move up"), self)
        self.down = QPushButton(self.tr("Move down"), self)
        self.up.setToolTip(self.tr("Move up (Alt+Up)"))
        self.down.setToolTip(self.tr("Move down (Alt+Down)"))
        self.up.clicked.connect(lambda: self.move(-1))
        self.down.clicked.connect(lambda: self.move(1))
        row.addWidget(self.up)
        row.addWidget(self.down)
        row.addStretch(1)
        self.col.addWidget(self.list)
        self.col.addLayout(row)
        self.list.installEventFilter(self)
        self.setFocusProxy(self.list)
        self.set_choices(choices)

    def set_choices(self, choices: Choices) -> None:
        self.list.clear()
        for name, text in choices:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)
        self.list.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.modifiers() == Qt.KeyboardModifier.AltModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            self.move(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return False

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._answered = True
        self.changed.emit()

    def value(self) -> Any:
        if not self._answered:
            return None
        names = [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]
        return " ".join(names)

    def set_value(self, value: Any) -> None:
        order = value.split() if isinstance(value, str) else list(value or [])
        self._answered = bool(order)
        if not order:
            return
        items = [self.list.takeItem(0) for _ in range(self.list.count())]
        rank = {name: i for i, name in enumerate(order)}
        items.sort(key=lambda it: rank.get(it.data(Qt.ItemDataRole.UserRole), len(rank)))
        for item in items:
            self.list.addItem(item)
