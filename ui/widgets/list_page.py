"""The parts every list page shares: its main action (Ctrl+N), its header with the primary
button, busy row and notice, and a read-only row table. GUI thread only."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.basics import BusyRow, Notice, PageHeader


def main_action(page: QWidget, text: str, slot: Callable[[], object]) -> QAction:
    """The page's main action on Ctrl+N (the platform's New), live while the page has focus."""
    action = QAction(text, page)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    page.addAction(action)
    return action


def shortcut_text(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


class ListPageFrame:
    """Lays out the top of a list page: header (title, purpose, primary button for the main
    action), then the busy row and the notice. The caller adds its own rows below."""

    def __init__(
        self, page: QWidget, title: str, purpose: str, action: QAction, tooltip: str
    ) -> None:
        self.outer = QVBoxLayout(page)
        self.outer.setContentsMargins(32, 24, 32, 16)
        self.outer.setSpacing(8)
        self.header = PageHeader(title, purpose, page)
        self.button = QPushButton(action.text(), page)
        self.button.setProperty("primary", True)
        self.button.setAutoDefault(False)
        self.button.setToolTip(tooltip)
        self.button.clicked.connect(action.trigger)
        self.header.add_action(self.button)
        self.outer.addWidget(self.header)
        self.busy = BusyRow(page)
        self.notice = Notice(page)
        self.outer.addWidget(self.busy)
        self.outer.addWidget(self.notice)


def row_table(
    parent: QWidget, object_name: str, accessible_name: str, model: QAbstractItemModel
) -> QTableView:
    """A read-only table that selects whole rows, one at a time, with tall rows."""
    table = QTableView(parent)
    table.setTabKeyNavigation(False)  # one tab stop; arrows move inside
    table.setObjectName(object_name)
    table.setAccessibleName(accessible_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(36)
    head = table.horizontalHeader()
    head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    head.setHighlightSections(False)
    return table
