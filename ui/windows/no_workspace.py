"""Shown when this laptop has no workspace and the demo was not asked for."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from ui import theme
from ui.widgets.basics import PageHeader, button_row, card_window, label

INIT_COMMAND = "sylcollect init --package study.sylpkg --user YOUR-NAME"


class NoWorkspaceWindow(QDialog):
    """Explains how to set up a workspace; offers the demo study. GUI thread only."""

    demo_requested = Signal()

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noWorkspaceWindow")
        self.setWindowTitle(self.tr("SYL Collect"))
        self.setWindowFlags(Qt.WindowType.Window)
        host = QWidget(self)
        col = card_window(host, 640)
        col.addWidget(label(self.tr("SYL Collect"), "caption"))
        col.addWidget(
            PageHeader(
                self.tr("No workspace on this laptop"),
                self.tr(
                    "SYL Collect keeps its encrypted data in a workspace. There isn't one yet."
                ),
            )
        )
        col.addWidget(
            label(
                self.tr(
                    "To set up this laptop for a real study, ask your supervisor for the study "
                    "package (a .sylpkg file), then run this command:"
                )
            )
        )
        command = QLabel(INIT_COMMAND, host)
        command.setFont(theme.mono_font(15))
        command.setProperty("role", "command")
        command.setWordWrap(True)
        command.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        col.addSpacing(8)
        col.addWidget(command)
        col.addSpacing(8)
        col.addWidget(label(self.tr("Data folder: {path}").format(path=data_dir), "caption"))
        col.addSpacing(16)
        col.addWidget(
            label(self.tr("Or practise first with the demo study. It is kept in its own folder."))
        )
        self.quit_button = QPushButton(self.tr("Quit"), host)
        self.demo_button = QPushButton(self.tr("Set up the demo study"), host)
        self.demo_button.setProperty("primary", True)
        self.demo_button.setDefault(True)
        col.addLayout(button_row(self.quit_button, self.demo_button))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(host)
        self.quit_button.clicked.connect(self.reject)
        self.demo_button.clicked.connect(self.demo_requested)
        self.resize(760, 560)
        self.demo_button.setFocus()
