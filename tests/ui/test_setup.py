"""The demo set-up dialog and its recovery-key page."""

from __future__ import annotations

import re

import pytest
from a11y import check_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import PASSWORD, show, wait_idle

from sylcollect.storage.workspace import Workspace

KEY = re.compile(r"^([0-9A-Z]{6}-){5}[0-9A-Z]{6}$")


@pytest.fixture
def dialog(qtbot, tmp_path, tasks, cheap):
    from ui.windows.setup import SetupDialog

    d = SetupDialog(tmp_path / "demo", tasks)
    show(qtbot, d)
    return d


def fill(qtbot, d, user: str, password: str, confirm: str | None = None) -> None:
    qtbot.keyClicks(d.user, user)
    qtbot.keyClicks(d.password.edit, password)
    qtbot.keyClicks(d.confirm, password if confirm is None else confirm)


def test_refuses_a_weak_password(qtbot, dialog, tasks, tmp_path) -> None:
    fill(qtbot, dialog, "ann", "short")
    assert dialog.meter.text() == "Not yet: 5 of 12 characters, or 1 of 4 words."
    qtbot.mouseClick(dialog.setup_button, Qt.MouseButton.LeftButton)
    assert dialog.error.message().startswith("Choose a stronger password")
    assert QApplication.focusWidget() is dialog.password.edit
    assert not tasks.busy
    assert not Workspace.exists(tmp_path / "demo")


def test_refuses_different_passwords(qtbot, dialog, tasks) -> None:
    fill(qtbot, dialog, "ann", PASSWORD, "correct horse battery stable")
    qtbot.mouseClick(dialog.setup_button, Qt.MouseButton.LeftButton)
    assert dialog.error.message() == "The two passwords are different. Type it again."
    assert not tasks.busy


def test_sets_up_and_shows_the_recovery_key_once(qtbot, dialog, tasks, tmp_path) -> None:
    fill(qtbot, dialog, "ann", PASSWORD)
    assert dialog.meter.acceptable and dialog.meter.text() == "Strong enough."
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)  # Enter presses the default "Set up"
    assert dialog.busy.isVisible()
    wait_idle(qtbot, tasks)
    assert dialog.stack.currentIndex() == 1
    key = dialog._key
    assert KEY.match(key)
    assert dialog.key_label.text().split() == key.split("-")
    assert dialog.key_label.font().family()  # monospace font set
    assert check_window(qtbot, dialog) == []

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == key
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert "I have written it down" in dialog.key_notice.message()
    assert dialog.isVisible()

    dialog.written.setChecked(True)
    with qtbot.waitSignal(dialog.completed, timeout=5000) as signal:
        qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    assert QApplication.clipboard().text() == ""
    workspace = signal.args[0]
    assert [u.name for u in workspace.users()] == ["ann"]
    workspace.unlock("ann", PASSWORD).lock()
    workspace.unlock_with_recovery(key).lock()


def test_clipboard_is_left_alone_if_something_else_was_copied(qtbot, dialog, tasks) -> None:
    fill(qtbot, dialog, "ann", PASSWORD)
    qtbot.mouseClick(dialog.setup_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    QApplication.clipboard().setText("something else")
    dialog.written.setChecked(True)
    dialog.finish()
    wait_idle(qtbot, tasks)
    assert QApplication.clipboard().text() == "something else"


def test_accessibility_of_the_form(qtbot, dialog) -> None:
    assert check_window(qtbot, dialog) == []
