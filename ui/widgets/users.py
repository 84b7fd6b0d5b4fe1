"""The user picker shared by the unlock and recovery pages."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from sylcollect.storage.workspace import Workspace


def user_combo(workspace: Workspace, parent: QWidget | None = None) -> QComboBox:
    """The users of this laptop; preselected when there is only one."""
    combo = QComboBox(parent)
    for user in workspace.users():
        combo.addItem(user.name, user.name)
    combo.setPlaceholderText(combo.tr("Choose your name"))
    combo.setCurrentIndex(0 if combo.count() == 1 else -1)
    return combo
