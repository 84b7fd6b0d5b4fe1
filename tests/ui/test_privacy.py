"""The privacy screen: one key or the toolbar button covers everything; the password ends it."""

# ruff: noqa: F811 - pytest fixtures imported from test_participants_support

from __future__ import annotations

import contextlib

from a11y import check_names, check_targets
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_participants_support import prefs, unlocked  # noqa: F401
from ui_helpers import PASSWORD, show, wait_idle

from sylcollect.domain.audit import AuditAction


def make_window(qtbot, unlocked, tasks, prefs):
    from ui.windows.main_window import MainWindow

    window = MainWindow(unlocked, tasks, 60_000, prefs)
    show(qtbot, window)
    qtbot.waitUntil(lambda: window.services is not None, timeout=15000)
    wait_idle(qtbot, tasks)
    return window


def test_f12_covers_and_the_password_uncovers(qtbot, unlocked, tasks, prefs) -> None:
    window = make_window(qtbot, unlocked, tasks, prefs)
    window.show_page("participants")
    wait_idle(qtbot, tasks)
    qtbot.keyClick(window, Qt.Key.Key_F12)
    screen = window.privacy
    assert screen.covering and screen.geometry() == window.rect()
    assert screen.title.text() == "Paused"
    assert QApplication.focusWidget() is screen.password.edit
    assert not window.centralWidget().isEnabled() and not window.menuBar().isEnabled()
    grab = window.grab().toImage()
    assert grab.pixelColor(300, 400) == grab.pixelColor(900, 700)  # nothing of the page shows
    # Tab stays on the cover: nothing behind it can take the focus.
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert screen.isAncestorOf(QApplication.focusWidget())
    assert check_names(screen) == [] and check_targets(screen) == []
    # A wrong password keeps it up.
    qtbot.keyClicks(screen.password.edit, "not the password")
    qtbot.keyClick(screen.password.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.error.message() != "", timeout=10000)
    assert "didn't work" in screen.error.message() and screen.covering
    # The right one removes it.
    qtbot.keyClicks(screen.password.edit, PASSWORD)
    qtbot.keyClick(screen.password.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not screen.covering, timeout=10000)
    assert window.centralWidget().isEnabled()
    assert window.workspace is unlocked and not unlocked.locked
    wait_idle(qtbot, tasks)
    with unlocked.transaction() as tx:
        failed = [e for e in tx.audit_log.events() if e.action == AuditAction.UNLOCK]
    assert failed  # the check is the same unlock as sign-in


def test_toolbar_button_and_the_other_shortcut(qtbot, unlocked, tasks, prefs) -> None:
    window = make_window(qtbot, unlocked, tasks, prefs)
    assert window.privacy_button.toolTip() == "Hide screen at once (F12 or Ctrl+Shift+H)"
    qtbot.mouseClick(window.privacy_button, Qt.MouseButton.LeftButton)
    assert window.privacy.covering
    window.privacy.hide()
    window._set_covered(False)
    qtbot.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.privacy.covering


def test_lock_instead(qtbot, unlocked, tasks, prefs) -> None:
    window = make_window(qtbot, unlocked, tasks, prefs)
    window.cover()
    with qtbot.waitSignal(window.locked, timeout=5000):
        qtbot.mouseClick(window.privacy.lock_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    assert unlocked.locked and not window.privacy.covering


def test_backoff_applies(qtbot, unlocked, tasks, prefs, locked_ws) -> None:
    from sylcollect.errors import WrongPassword

    window = make_window(qtbot, unlocked, tasks, prefs)
    window.cover()
    screen = window.privacy
    for _ in range(3):
        with contextlib.suppress(WrongPassword):
            locked_ws.unlock("ann", "wrong wrong wrong")
    qtbot.keyClicks(screen.password.edit, "still wrong")
    qtbot.keyClick(screen.password.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.wait.message().startswith("Too many tries"), timeout=10000)
    assert not screen.continue_button.isEnabled()
    assert screen.covering
