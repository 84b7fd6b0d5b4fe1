"""The accessibility checker itself catches what it should."""

from __future__ import annotations

from a11y import check_focus_visible, check_names, check_targets
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QToolButton, QVBoxLayout, QWidget
from ui_helpers import show


def test_finds_unnamed_small_and_focus_less_widgets(qtbot) -> None:
    window = QWidget()
    col = QVBoxLayout(window)
    bare = QLineEdit()
    named = QLineEdit()
    buddy = QLabel("Site name")
    buddy.setBuddy(named)
    tiny = QToolButton()
    tiny.setFixedSize(16, 16)
    tiny.setAccessibleName("Remove")
    no_ring = QPushButton("No ring")
    same = "border: 1px solid black; margin: 2px;"
    no_ring.setStyleSheet(f"QPushButton {{ {same} }} QPushButton:focus {{ {same} }}")
    for w in (bare, buddy, named, tiny, no_ring):
        col.addWidget(w)
    show(qtbot, window)
    names = check_names(window)
    assert len(names) == 1 and "QLineEdit" in names[0]
    targets = check_targets(window)
    assert len(targets) == 1 and "Remove" in targets[0]
    assert check_focus_visible(qtbot, window, [named]) == []
    assert check_focus_visible(qtbot, window, [no_ring]) == ["focus on 'No ring' changes no pixels"]
