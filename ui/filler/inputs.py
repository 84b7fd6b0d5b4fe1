"""One answer input per question type: text, numbers, dates, times, geopoints, barcodes,
acknowledgements and files (`FileInput`, with `ui.filler.files`). Choice inputs live in
`ui.filler.choices`. GUI thread only.

Every input is an `AnswerInput`: `value()` gives the answer (None when empty), `set_value`
shows one without emitting `changed`, and `local_problem()` says in plain words why typed
text is not an answer yet ("Type a whole number, like 14."), before the form's own rules.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sylcollect.forms.model import Question
from ui.filler import files
from ui.widgets.basics import Notice, label

FILE_TYPES = frozenset({"image", "audio", "video", "file", "osm", "background-audio"})


class AnswerInput(QWidget):
    """The input of one question; `changed` fires when the person changes the answer."""

    changed = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.col = QVBoxLayout(self)
        self.col.setContentsMargins(0, 0, 0, 0)
        self.col.setSpacing(6)

    def value(self) -> Any:
        return None

    def set_value(self, value: Any) -> None:
        """Shows `value` (as stored) without emitting `changed`."""

    def local_problem(self) -> str:
        return ""

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def focus_target(self) -> QWidget | None:
        return self.focusProxy()

    def set_name(self, name: str, description: str = "") -> None:
        """The accessible name (the question's label) of every control of the input."""
        target = self.focus_target()
        if target is not None:
            target.setAccessibleName(name)
            if description:
                target.setAccessibleDescription(description)


class TextInput(AnswerInput):
    """One line of text, or a text area for `multiline`; barcodes and geo types too."""

    # Translated in the "TextInput" context whichever subclass shows them (see __init__).
    HINTS: ClassVar[dict[str, str]] = {
        "barcode": QT_TRANSLATE_NOOP("TextInput", "Type or scan the code."),
        "geopoint": QT_TRANSLATE_NOOP("TextInput", "Type latitude and longitude, like 54.62 -1.57"),
        "geotrace": QT_TRANSLATE_NOOP(
            "TextInput", "Type points as 'latitude longitude', separated by ';'"
        ),
        "geoshape": QT_TRANSLATE_NOOP(
            "TextInput",
            "Type points as 'latitude longitude' separated by ';', ending at the first",
        ),
    }

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.multiline = "multiline" in question.appearance.split()
        self.edit: QLineEdit | QPlainTextEdit
        if self.multiline:
            self.edit = QPlainTextEdit(self)
            self.edit.setTabChangesFocus(True)
            self.edit.setMinimumHeight(96)
            self.edit.setMaximumHeight(200)
        else:
            self.edit = QLineEdit(self)
        self.edit.textChanged.connect(self.changed)
        hint = self.HINTS.get(question.type, "")
        if hint:
            self.edit.setPlaceholderText(QCoreApplication.translate("TextInput", hint))
        self.col.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def text(self) -> str:
        if isinstance(self.edit, QPlainTextEdit):
            return self.edit.toPlainText()
        return self.edit.text()

    def value(self) -> Any:
        text = self.text()
        return text if text.strip() else None

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if text == self.text():
            return
        self.edit.blockSignals(True)
        if isinstance(self.edit, QPlainTextEdit):
            self.edit.setPlainText(text)
        else:
            self.edit.setText(text)
        self.edit.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


_INT = re.compile(r"^[+-]?\d+$")


class NumberInput(TextInput):
    """A whole number (integer) or a number (decimal), typed; checked as you type."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.whole = question.type == "integer"
        self.edit.setPlaceholderText(
            self.tr("A whole number, like 14") if self.whole else self.tr("A number, like 2.5")
        )
        self.edit.setMaximumWidth(320)

    def _parse(self) -> int | float | None:
        text = self.text().strip().replace(",", "")
        if not text:
            return None
        if _INT.match(text):
            return int(text)
        if self.whole:
            raise ValueError(text)
        number = float(text)
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(text)
        return number

    def value(self) -> Any:
        try:
            return self._parse()
        except ValueError:
            return None

    def local_problem(self) -> str:
        try:
            self._parse()
        except ValueError:
            if self.whole:
                return self.tr("Type a whole number, like 14.")
            return self.tr("Type a number, like 14 or 2.5.")
        return ""


def _parse_date(text: str) -> str:
    """'14/3/2025' or '2025-03-14' -> '2025-03-14'; ValueError otherwise."""
    text = text.strip()
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return date(year, month, day).isoformat()
    return date.fromisoformat(text).isoformat()


def _parse_time(text: str) -> str:
    """'9:05' -> '09:05'; '14:05:30' stays; ValueError otherwise."""
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})(?::(\d{2}))?", text.strip())
    if not match:
        raise ValueError(text)
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(text)
    return f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if match.group(3) else "")


class DateTimeInput(TextInput):
    """A date, a time, or both, typed (no calendar): '14/03/2025', '09:30'."""

    # Looked up with self.tr() in this class: its context is "DateTimeInput".
    FORMATS: ClassVar[dict[str, tuple[str, str]]] = {
        "date": (
            QT_TRANSLATE_NOOP("DateTimeInput", "Day/month/year, like 14/03/2025"),
            QT_TRANSLATE_NOOP("DateTimeInput", "Type a date, like 14/03/2025."),
        ),
        "time": (
            QT_TRANSLATE_NOOP("DateTimeInput", "Hours:minutes, like 09:30"),
            QT_TRANSLATE_NOOP("DateTimeInput", "Type a time, like 09:30."),
        ),
        "datetime": (
            QT_TRANSLATE_NOOP("DateTimeInput", "Like 14/03/2025 09:30"),
            QT_TRANSLATE_NOOP("DateTimeInput", "Type a date and a time, like 14/03/2025 09:30."),
        ),
    }

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        placeholder, self._problem = self.FORMATS[question.type]
        self.edit.setPlaceholderText(self.tr(placeholder))
        self.edit.setMaximumWidth(360)

    def _parse(self) -> str | None:
        text = self.text().strip()
        if not text:
            return None
        kind = self.question.type
        if kind == "date":
            return _parse_date(text)
        if kind == "time":
            return _parse_time(text)
        day, _sep, clock = text.replace("T", " ").partition(" ")
        return f"{_parse_date(day)}T{_parse_time(clock)}"

    def value(self) -> Any:
        try:
            return self._parse()
        except ValueError:
            return None

    def local_problem(self) -> str:
        try:
            self._parse()
        except ValueError:
            return self.tr(self._problem)
        return ""

    def set_value(self, value: Any) -> None:
        if value is None or self.value() == value:
            super().set_value(None if value is None else self.text())
            return
        text = str(value)
        try:
            if self.question.type == "date":
                text = date.fromisoformat(text).strftime("%d/%m/%Y")
            elif self.question.type == "datetime":
                moment = datetime.fromisoformat(text)
                text = moment.strftime("%d/%m/%Y %H:%M")
        except ValueError:
            pass
        super().set_value(text)


class RangeInput(AnswerInput):
    """A number from a range: a slider with its value in words (`picker`: a spin box)."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        params = question.parameters

        def number(key: str, default: str) -> int:
            try:
                return round(float(params.get(key, default)))
            except ValueError:
                return int(default)

        self.start, self.end = number("start", "1"), number("end", "10")
        self.step = max(1, abs(number("step", "1")))
        low, high = min(self.start, self.end), max(self.start, self.end)
        self._answered = False
        row = QHBoxLayout()
        self.picker = "picker" in question.appearance.split()
        self.slider: QSlider | QSpinBox
        if self.picker:
            self.slider = QSpinBox(self)
            self.slider.setRange(low, high)
            self.slider.setSingleStep(self.step)
            self.slider.setMaximumWidth(200)
        else:
            self.slider = QSlider(Qt.Orientation.Horizontal, self)
            self.slider.setRange(low, high)
            self.slider.setSingleStep(self.step)
            self.slider.setPageStep(self.step)
            self.slider.setTickInterval(self.step)
            self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
            self.slider.setMinimumHeight(32)
        self.shown = label("", "muted")
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.setProperty("link", True)
        self.clear_button.setAccessibleName(self.tr("Clear this answer"))
        self.clear_button.clicked.connect(self._clear)
        row.addWidget(label(str(low), "caption"))
        row.addWidget(self.slider, 1)
        row.addWidget(label(str(high), "caption"))
        self.col.addLayout(row)
        self.col.addWidget(self.shown)
        self.col.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.slider.valueChanged.connect(self._moved)
        if isinstance(self.slider, QSlider):
            # Home/Left/PageDown on an unanswered slider already at its start move nothing,
            # so valueChanged never comes: any key or mouse action answers with where it is.
            self.slider.actionTriggered.connect(self._acted)
        self.setFocusProxy(self.slider)
        self._show()

    def _moved(self, _value: int) -> None:
        self._answered = True
        self._show()
        self.changed.emit()

    def _acted(self, _action: int) -> None:
        if not self._answered and self.slider.sliderPosition() == self.slider.value():
            self._moved(self.slider.value())  # the action left it where it was: still chosen

    def _clear(self) -> None:
        self._answered = False
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        if self._answered:
            self.shown.setText(self.tr("Your answer: {n}").format(n=self.slider.value()))
        else:
            self.shown.setText(self.tr("Not answered yet. Use the arrow keys to choose."))
        self.clear_button.setVisible(self._answered)

    def value(self) -> Any:
        return self.slider.value() if self._answered else None

    def set_value(self, value: Any) -> None:
        self.slider.blockSignals(True)
        try:
            self._answered = value is not None and value != ""
            if self._answered:
                self.slider.setValue(round(float(value)))
        except (TypeError, ValueError):
            self._answered = False
        self.slider.blockSignals(False)
        self._show()


class AcknowledgeInput(AnswerInput):
    """A tick box that stores 'OK' (acknowledge and trigger questions)."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.box = QCheckBox(self.tr("OK"), self)
        self.box.toggled.connect(self.changed)
        self.col.addWidget(self.box)
        self.setFocusProxy(self.box)

    def value(self) -> Any:
        return "OK" if self.box.isChecked() else None

    def set_value(self, value: Any) -> None:
        self.box.blockSignals(True)
        self.box.setChecked(value == "OK")
        self.box.blockSignals(False)


class NoteInput(AnswerInput):
    """A note: its label is all there is."""


class FileInput(AnswerInput):
    """A file for an image, audio, video or file question, picked from disk.

    "Choose a file…" opens a file dialog filtered by the question's kind of file; the file
    is attached encrypted on the worker (`ui.filler.files`), after the draft's first save,
    and its name and size show with "Remove" (which clears the answer; the encrypted copy
    stays with the record's earlier revision: the core has no delete). Problems say in
    plain words what to do (too big, wrong kind, can't be read). In self-complete mode, and
    for types the app doesn't collect (osm, background-audio), there is nothing to pick:
    the notice (or the screen) says so.
    """

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self._value: str | None = None
        self._size: int | None = None
        self._name = ""
        controller, key, plain = files.context_of(self)
        self.key = key
        self.attacher = (
            files.attacher_for(controller)
            if controller is not None and key is not None and not plain
            else None
        )
        if question.type not in files.ATTACHABLE or self.attacher is None:
            self.notice = label(
                self.tr(
                    "Photos, recordings and files can't be added here. Leave this question "
                    "empty, or note on paper where the file is kept."
                ),
                "muted",
            )
            self.col.addWidget(self.notice)
            return
        self.attacher.register(key, self)  # type: ignore[arg-type]
        self.shown = label("", wrap=True)
        self.shown.setTextFormat(Qt.TextFormat.PlainText)
        self.status = Notice(self)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.choose_button = QPushButton(self.tr("Choose a file…"), self)
        self.choose_button.clicked.connect(self.choose)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove)
        self.remove_button.setToolTip(
            self.tr(
                "Clears this answer. The encrypted copy of the file stays in the workspace "
                "with this record."
            )
        )
        self.remove_button.setAccessibleDescription(self.remove_button.toolTip())
        row.addWidget(self.choose_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        self.col.addWidget(self.shown)
        self.col.addLayout(row)
        self.col.addWidget(self.status)
        self.setFocusProxy(self.choose_button)
        self.setTabOrder(self.choose_button, self.remove_button)
        self._label = question.name
        busy = self.attacher.busy.get(key)  # type: ignore[arg-type]
        if busy:
            self._adding(busy)
        self._show()

    # --- answer -----------------------------------------------------------------------
    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        value = value if files.file_name(value) else None
        if value == self._value or self.attacher is None:
            return
        self._value = value
        self._name = files.file_name(value)
        self._size = None
        self._show()
        if value is not None:
            self.attacher.describe(self.key, value)  # type: ignore[arg-type]

    # --- actions ----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.attacher is not None and self.key in self.attacher.busy

    def choose(self) -> None:
        """Asks for a file (the dialog filtered by kind), then attaches it."""
        if self.busy:
            return
        path = files.ask_for_file(self.window(), self.question)
        if path is not None:
            self.attach_path(path)

    def attach_path(self, path: Path) -> None:
        """Attaches the file at `path` (on the worker); the answer changes when it is in."""
        if self.attacher is None or self.key is None or self.busy:
            return
        self._adding(path.name)
        self.attacher.attach(self.key, self.question, path)

    def remove(self) -> None:
        """Clears the answer (the attachment itself stays with the earlier revision)."""
        name = self._name
        self._value, self._name, self._size = None, "", None
        self._show()
        self.status.show_message(
            "info", self.tr("{name} removed from this answer.").format(name=name)
        )
        self.choose_button.setFocus()
        self.changed.emit()

    # --- results from the attacher ---------------------------------------------------
    def _adding(self, name: str) -> None:
        # The buttons stay enabled (focus stays put); a second pick waits for this one.
        self.status.show_message("wait", self.tr("Adding {name}…").format(name=name))
        self.remove_button.setEnabled(False)

    def attached(self, result: files.Attached) -> None:
        self._value, self._name, self._size = result.value, result.filename, result.size
        self._show()
        self.status.show_message("success", self.tr("File added."))
        self.changed.emit()

    def show_details(self, result: files.Attached) -> None:
        if result.value == self._value:
            self._name, self._size = result.filename, result.size
            self._show()

    def failed(self, words: str) -> None:
        self._show()
        self.status.show_message("error", words)
        self.choose_button.setAccessibleDescription(words)

    def _show(self) -> None:
        if self._value is None:
            self.shown.setText(self.tr("No file added yet."))
            self.shown.setProperty("role", "muted")
            self.choose_button.setText(self.tr("Choose a file…"))
        else:
            size = f" · {files.human_size(self._size)}" if self._size is not None else ""
            self.shown.setText(self.tr("File: {name}").format(name=self._name) + size)
            self.shown.setProperty("role", "")
            self.choose_button.setText(self.tr("Choose another file…"))
        self.shown.style().unpolish(self.shown)
        self.shown.style().polish(self.shown)
        self.remove_button.setVisible(self._value is not None)
        self.remove_button.setEnabled(self.choose_button.isEnabled() and not self.busy)
        self._name_buttons()

    # --- accessibility -----------------------------------------------------------------
    def set_name(self, name: str, description: str = "") -> None:
        self._label = name
        if self.attacher is None:
            return
        self._name_buttons()
        if description:
            self.choose_button.setAccessibleDescription(description)

    def _name_buttons(self) -> None:
        self.choose_button.setAccessibleName(f"{self._label}: {self.choose_button.text()}")
        self.remove_button.setAccessibleName(
            self.tr("Remove {name} from: {question}").format(name=self._name, question=self._label)
        )

    def set_read_only(self, read_only: bool) -> None:
        if self.attacher is None:
            return
        self.choose_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only and not self.busy)

    def focus_target(self) -> QWidget | None:
        return self.choose_button if self.attacher is not None else None
