"""Small widgets shared by the observation and indicator screens. GUI thread only.

An error summary that takes focus, an empty state, a completer for comma lists, a notice
kind for "check this" warnings and the focus rings of the controls the app stylesheet does
not style yet. Candidates for `ui/widgets/` once other pages need them.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sylcollect.resources import resource
from ui import icons, theme
from ui.widgets.basics import BusyRow, Notice, label


def split_list(text: str, *, spaces: bool = False) -> tuple[str, ...]:
    """'a, b,,A ' -> ('a', 'b'): trimmed, empty items dropped, duplicates (any case) too."""
    if spaces:
        text = text.replace(" ", ",").replace(";", ",")
    seen: set[str] = set()
    items = []
    for raw in text.split(","):
        item = " ".join(raw.split())
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            items.append(item)
    return tuple(items)


class ListCompleter(QCompleter):
    """Completes the last item of a comma-separated list typed in a QLineEdit."""

    def __init__(self, words: Iterable[str], edit: QLineEdit) -> None:
        self._words = QStringListModel(list(words))
        super().__init__(self._words, edit)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._edit = edit
        edit.setCompleter(self)

    def set_words(self, words: Iterable[str]) -> None:
        self._words.setStringList(list(words))

    def words(self) -> list[str]:
        return self._words.stringList()

    def splitPath(self, path: str) -> list[str]:
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        item = super().pathFromIndex(index)
        head = [p.strip() for p in self._edit.text().split(",")[:-1] if p.strip()]
        return ", ".join([*head, item])


class DateTimeEdit(QDateTimeEdit):
    """A QDateTimeEdit whose Tab leaves it (Qt's own moves between its sections)."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class DateEdit(QDateEdit):
    """A QDateEdit whose Tab leaves it; arrows and typing still move between sections."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class CheckNotice(Notice):
    """A Notice that also knows 'check': the attention icon in the muted warning colour."""

    KINDS: ClassVar[dict[str, tuple[str, str]]] = {
        **Notice.KINDS,
        "check": ("attention", "warning"),
    }


class ErrorSummary(QFrame):
    """'Check these before saving' and one line per problem; takes focus when shown.

    The frame itself is the tab stop (its accessible name reads every problem); each line
    is a link that moves focus to its field when clicked.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorSummary")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        t = theme.current()
        self.setStyleSheet(
            f"#errorSummary {{ background: {t.surface}; border: 2px solid {t.attention};"
            " border-radius: 8px; margin: 2px; }"
            f"#errorSummary:focus {{ border: 4px solid {t.focus}; margin: 0px; }}"
        )
        col = QVBoxLayout(self)
        col.setContentsMargins(16, 12, 16, 12)
        col.setSpacing(4)
        head = QHBoxLayout()
        icon = QLabel(self)
        icon.setPixmap(icons.pixmap("attention", t.attention, 20))
        icon.setFixedSize(24, 24)
        self.title = label(self.tr("Check these before saving"), "attention")
        self.title.setStyleSheet("font-weight: 600;")
        head.addWidget(icon)
        head.addWidget(self.title, 1)
        col.addLayout(head)
        self._lines = QVBoxLayout()
        self._lines.setSpacing(2)
        col.addLayout(self._lines)
        self.lines: list[QLabel] = []
        self._targets: list[QWidget | None] = []
        self.hide()

    def show_problems(self, problems: Sequence[tuple[str, QWidget | None]]) -> None:
        """Lists `problems` (words, the field to jump to) and takes focus."""
        self.clear()
        link = theme.current().link
        for i, (text, target) in enumerate(problems):
            line = label("", parent=self)
            line.setTextFormat(Qt.TextFormat.RichText)
            escaped = html.escape(text)
            if target is not None:
                line.setText(f'<a href="{i}" style="color: {link};">{escaped}</a>')
                line.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
                line.linkActivated.connect(self._jump)
            else:
                line.setText(escaped)
            self._lines.addWidget(line)
            self.lines.append(line)
            self._targets.append(target)
        if not problems:
            return
        self.setAccessibleName(" ".join([self.title.text(), *(text for text, _ in problems)]))
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def _jump(self, href: str) -> None:
        target = self._targets[int(href)]
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        for line in self.lines:
            line.hide()
            line.deleteLater()
        self.lines = []
        self._targets = []
        self.hide()

    def texts(self) -> list[str]:
        return [
            html.unescape(QTextDocumentFragment.fromHtml(w.text()).toPlainText())
            for w in self.lines
        ]


class EmptyState(QWidget):
    """Icon, title, one sentence and one button, centred ('No observations yet')."""

    activated = Signal()

    def __init__(
        self, title: str, text: str, button: str, icon: str = "info", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 48, 24, 48)
        col.setSpacing(12)
        col.addStretch(1)
        self.icon = QLabel(self)
        self.icon.setPixmap(icons.pixmap(icon, theme.current().text_muted, 40))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title = label(title, "subtitle")
        self.text = label(text, "muted")
        self.button = QPushButton(button, self)
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.activated)
        for w in (self.title, self.text):
            w.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        col.addWidget(self.icon)
        col.addWidget(self.title)
        col.addWidget(self.text)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        row.addStretch(1)
        col.addLayout(row)
        col.addStretch(2)

    def set_text(self, title: str, text: str, button: str) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.button.setText(button)


class ScrollingBody(QScrollArea):
    """A dialog's scrolling body that keeps the focused field in view, however focus got
    there (Tab, an error-summary link, a click)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget()
        self.setWidget(self.body)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.body.isAncestorOf(new):
            self.ensureWidgetVisible(new, 16, 32)


SAVE_KEYS = (QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter"))


class EntryFrame:
    """The frame of an entry dialog: a scrolling body that starts with its title, intro and
    error summary (`col` for the caller's fields), then `add_footer` for the busy row,
    Cancel and the primary Save button, which Ctrl+Enter also presses. Callers pass the
    words, translated in their own context."""

    def __init__(self, dialog: QDialog, title: str, intro: str) -> None:
        self.dialog = dialog
        self.outer = QVBoxLayout(dialog)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = ScrollingBody(dialog)
        self.outer.addWidget(self.scroll, 1)
        self.col = QVBoxLayout(self.scroll.body)
        self.col.setContentsMargins(32, 24, 32, 8)
        self.col.setSpacing(4)
        self.col.addWidget(label(title, "title"))
        self.col.addWidget(label(intro, "muted"))
        self.col.addSpacing(8)
        self.summary = ErrorSummary(self.scroll.body)
        self.col.addWidget(self.summary)

    def add_footer(
        self, cancel_text: str, save_text: str, save_tip: str, on_save: Callable[[], object]
    ) -> tuple[BusyRow, QPushButton, QPushButton]:
        """Busy row, Cancel (rejects) and Save (`on_save`, also on Ctrl+Enter)."""
        dialog = self.dialog
        footer = QHBoxLayout()
        footer.setContentsMargins(32, 8, 32, 20)
        busy = BusyRow(dialog)
        footer.addWidget(busy, 1)
        footer.addStretch(0)
        cancel = QPushButton(cancel_text, dialog)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(dialog.reject)
        save = QPushButton(save_text, dialog)
        save.setProperty("primary", True)
        save.setDefault(True)
        save.setToolTip(save_tip)
        save.clicked.connect(on_save)
        footer.addWidget(cancel)
        footer.addWidget(save)
        self.outer.addLayout(footer)
        for keyseq in SAVE_KEYS:
            QShortcut(keyseq, dialog, activated=on_save)
        return busy, cancel, save


def save_key_text() -> str:
    """The save shortcut as the platform writes it (for tooltips)."""
    return SAVE_KEYS[0].toString(QKeySequence.SequenceFormat.NativeText)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resizes `window` to width x height, or less where the screen is smaller."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width() - 40), min(height, room.height() - 60)
    window.resize(width, height)


def controls_stylesheet(t: theme.Tokens | None = None) -> str:
    """Focus rings and heights for spin boxes, date edits, text areas, lists and tables."""
    t = t or theme.current()
    chevron = resource("icons", f"chevron-down-{t.name}.svg").as_posix()
    return f"""
QAbstractSpinBox {{
    min-height: {theme.CONTROL_MIN_PX}px; padding: 0px 8px; margin: 2px;
    border: 1px solid {t.border_input}; border-radius: 6px; background: {t.surface};
}}
QAbstractSpinBox:focus {{ margin: 0px; border: 3px solid {t.focus}; }}
QSpinBox {{ padding-left: 10px; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ width: 0px; border: none; }}
QDateTimeEdit::drop-down {{ border: none; width: 32px; }}
QDateTimeEdit::down-arrow {{ image: url("{chevron}"); width: 16px; height: 16px; }}
QPlainTextEdit, QListWidget, QTableView {{
    border: 1px solid {t.border_input}; border-radius: 6px; background: {t.surface};
    margin: 2px;
}}
QPlainTextEdit:focus, QListWidget:focus, QTableView:focus {{
    margin: 0px; border: 3px solid {t.focus};
}}
QTableView {{ gridline-color: {t.divider}; selection-background-color: {t.selected_bg};
    selection-color: {t.text}; }}
QTableView::item {{ padding: 0px 10px; }}
QHeaderView::section {{
    background: {t.page}; color: {t.text}; padding: 6px 8px; border: none;
    border-bottom: 1px solid {t.divider}; font-weight: 600;
}}
QListWidget::item {{ min-height: 28px; padding: 2px 4px; }}
QListWidget::item:selected {{ background: {t.selected_bg}; color: {t.text}; }}
QLabel[role="section"] {{ font-size: 17px; font-weight: 600; }}
"""
