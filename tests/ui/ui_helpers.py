"""Constants and small helpers shared by the UI tests."""

from __future__ import annotations

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a brand new passphrase for ann"


def wait_idle(qtbot, tasks) -> None:
    """Waits until every background task has run and its result was delivered."""
    qtbot.waitUntil(lambda: not tasks.busy, timeout=15000)


def show(qtbot, window) -> None:
    """Shows `window`, registers it for clean-up and waits until it is exposed and active."""
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
