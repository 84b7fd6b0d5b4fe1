"""Two versions of one record side by side (read-only: the core can't record a choice)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.pages.supervisor_data import ConflictDetail
from ui.widgets.basics import button_row, label


def describe(version: dict[str, Any] | None) -> str:
    """A version as plain lines: revision, status, when, then each answer."""
    if version is None:
        return QCoreApplication.translate(
            "conflict_view", "This version can't be read: the participant withdrew."
        )
    content = version.get("content") if isinstance(version.get("content"), dict) else version
    lines = [f"{k}: {version[k]}" for k in ("revision", "status", "updated_at") if k in version]
    answers = content.get("answers") if isinstance(content, dict) else None
    if isinstance(answers, dict):
        lines.append("")
        lines += [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in sorted(answers.items())]
    else:
        lines.append(json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True, default=str))
    return "\n".join(lines)


class ConflictDialog(QDialog):
    """Shows the kept version beside each other laptop's version. Read-only; GUI thread."""

    def __init__(self, detail: ConflictDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Compare versions"))
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 20, 24, 16)
        col.addWidget(label(self.tr("Record {r}").format(r=detail.record_uuid[:8]), "subtitle"))
        col.addWidget(
            label(
                self.tr(
                    "Both versions are kept. The one on the left is used. Choosing the other "
                    "isn't possible yet: the central store has no way to record that choice."
                ),
                "muted",
            )
        )
        row = QHBoxLayout()
        self.panes: list[QPlainTextEdit] = []
        sides = [(self.tr("Kept: laptop {d}").format(d=detail.kept_device[:8]), detail.kept)]
        sides += [
            (self.tr("Also: laptop {d}, revision {r}").format(d=d[:8], r=r), item)
            for d, r, item in detail.others
        ]
        for title, version in sides:
            box = QVBoxLayout()
            head = label(title, "caption")
            pane = QPlainTextEdit(self)
            pane.setReadOnly(True)
            pane.setPlainText(describe(version))
            pane.setAccessibleName(title)
            head.setBuddy(pane)
            box.addWidget(head)
            box.addWidget(pane, 1)
            row.addLayout(box, 1)
            self.panes.append(pane)
        col.addLayout(row, 1)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        col.addLayout(button_row(self.close_button))
        self.resize(900, 560)
