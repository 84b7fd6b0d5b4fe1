"""The unlock window, driven from the keyboard and mouse like a person would."""

from __future__ import annotations

import pytest
from a11y import check_tab_order, check_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import NEW_PASSWORD, PASSWORD, show, wait_idle

from sylcollect.errors import WrongPassword
from sylcollect.storage.workspace import UnlockedWorkspace


@pytest.fixture
def window(qtbot, locked_ws, tasks):
    from ui.windows.unlock import UnlockWindow

    w = UnlockWindow(locked_ws, tasks)
    show(qtbot, w)
    return w


def type_password(qtbot, window, text: str) -> None:
    edit = window.sign_in.password.edit
    edit.setFocus()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_the_only_user_is_preselected_and_the_password_has_focus(window) -> None:
    page = window.sign_in
    assert page.user.currentText() == "ann"
    assert QApplication.focusWidget() is page.password.edit
    assert page.password.edit.echoMode() == page.password.edit.EchoMode.Password
    assert window.windowTitle() == "SYL Collect"


def test_right_password_unlocks(qtbot, window, tasks) -> None:
    with qtbot.waitSignal(window.unlocked, timeout=15000) as signal:
        type_password(qtbot, window, PASSWORD)
    unlocked = signal.args[0]
    assert isinstance(unlocked, UnlockedWorkspace)
    assert unlocked.actor == "ann" and not unlocked.locked
    assert window.sign_in.password.text() == ""
    unlocked.lock()


def test_wrong_password_says_so_and_does_not_unlock(qtbot, window, tasks) -> None:
    got = []
    window.unlocked.connect(got.append)
    type_password(qtbot, window, "not the password")
    wait_idle(qtbot, tasks)
    assert window.sign_in.error.message() == (
        "That password didn't work. Check Caps Lock and try again."
    )
    assert got == []
    assert window.sign_in.password.text() == ""
    assert QApplication.focusWidget() is window.sign_in.password.edit


def test_busy_indicator_shows_while_unlocking(qtbot, window, tasks) -> None:
    with qtbot.waitSignal(window.unlocked, timeout=15000):
        type_password(qtbot, window, PASSWORD)
        assert window.sign_in.busy.isVisible()
        assert not window.sign_in.unlock_button.isEnabled()
    assert not window.sign_in.busy.isVisible()


def test_show_hide_toggle(qtbot, window) -> None:
    field = window.sign_in.password
    assert field.toggle.accessibleName() == "Show password"
    qtbot.mouseClick(field.toggle, Qt.MouseButton.LeftButton)
    assert field.edit.echoMode() == field.edit.EchoMode.Normal
    assert field.toggle.accessibleName() == "Hide password"


def test_failures_start_a_countdown_that_disables_unlock(qtbot, window, tasks) -> None:
    for _ in range(3):
        type_password(qtbot, window, "wrong wrong wrong")
        wait_idle(qtbot, tasks)
    page = window.sign_in
    assert page.wait.message().startswith("Too many tries. You can try again in 0:0")
    assert not page.unlock_button.isEnabled()
    assert page.unlock_button.accessibleDescription() == page.wait.message()
    # Enter does nothing while waiting: no task starts.
    type_password(qtbot, window, PASSWORD)
    assert not tasks.busy
    qtbot.waitUntil(page.unlock_button.isEnabled, timeout=5000)
    assert page.wait.message() == "You can try again now."


def test_backoff_is_read_from_the_workspace_on_open(qtbot, locked_ws, tasks) -> None:
    from ui.windows.unlock import UnlockWindow

    for _ in range(3):  # recorded by the core, as if from an earlier run of the app
        with pytest.raises(WrongPassword):
            locked_ws.unlock("ann", "wrong wrong wrong")
    window = UnlockWindow(locked_ws, tasks)
    show(qtbot, window)
    assert window.sign_in.wait.message() in {
        "Too many tries. You can try again in 0:02.",
        "Too many tries. You can try again in 0:01.",
    }
    assert not window.sign_in.unlock_button.isEnabled()


def test_recovery_key_sets_a_new_password(qtbot, window, tasks, demo_folder, locked_ws) -> None:
    qtbot.mouseClick(window.sign_in.forgot_button, Qt.MouseButton.LeftButton)
    page = window.recovery
    assert window.stack.currentWidget() is page
    assert QApplication.focusWidget() is page.key
    messy = demo_folder.recovery_key.lower().replace("-", " ")
    qtbot.keyClicks(page.key, messy)
    assert page.count.text() == "36 of 36 characters"
    assert page.user.currentText() == "ann"
    qtbot.keyClicks(page.password.edit, NEW_PASSWORD)
    assert page.meter.acceptable
    qtbot.keyClicks(page.confirm, NEW_PASSWORD)
    with qtbot.waitSignal(window.unlocked, timeout=15000) as signal:
        qtbot.keyClick(page.confirm, Qt.Key.Key_Return)
    unlocked = signal.args[0]
    assert unlocked.actor == "ann" and not unlocked.locked
    unlocked.lock()
    with pytest.raises(WrongPassword):
        locked_ws.unlock("ann", PASSWORD)
    locked_ws.unlock("ann", NEW_PASSWORD).lock()


def test_recovery_refuses_a_mistyped_key_and_a_weak_password(
    qtbot, window, tasks, demo_folder
) -> None:
    window.show_recovery()
    page = window.recovery
    qtbot.keyClicks(page.key, "ABC")
    qtbot.mouseClick(page.submit, Qt.MouseButton.LeftButton)
    assert page.error.message() == "A recovery key has 36 letters and digits; you've typed 3."
    page.key.clear()
    key = demo_folder.recovery_key
    typo = ("0" if key[0] != "0" else "1") + key[1:]
    qtbot.keyClicks(page.key, typo)
    qtbot.keyClicks(page.password.edit, "short")
    qtbot.mouseClick(page.submit, Qt.MouseButton.LeftButton)
    assert page.error.message().startswith("Choose a stronger new password")
    page.password.clear()
    qtbot.keyClicks(page.password.edit, NEW_PASSWORD)
    qtbot.keyClicks(page.confirm, NEW_PASSWORD)
    qtbot.mouseClick(page.submit, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    assert "typing mistake" in page.error.message()
    qtbot.keyClick(page.key, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.sign_in


def test_tab_order(qtbot, window) -> None:
    page = window.sign_in
    expected = [
        page.user,
        page.password.edit,
        page.password.toggle,
        page.unlock_button,
        page.forgot_button,
    ]
    assert check_tab_order(qtbot, expected) == []


def test_accessibility_of_both_pages(qtbot, window) -> None:
    assert check_window(qtbot, window) == []
    window.show_recovery()
    assert check_window(qtbot, window) == []


def test_recovery_while_waiting_out_a_backoff(qtbot, locked_ws, tasks, demo_folder) -> None:
    from ui.windows.main_window import MainWindow
    from ui.windows.unlock import UnlockWindow

    for _ in range(3):
        with pytest.raises(WrongPassword):
            locked_ws.unlock("ann", "wrong wrong wrong")
    window = UnlockWindow(locked_ws, tasks)
    show(qtbot, window)
    qtbot.mouseClick(window.sign_in.forgot_button, Qt.MouseButton.LeftButton)
    page = window.recovery
    qtbot.keyClicks(page.key, demo_folder.recovery_key)
    qtbot.keyClicks(page.password.edit, NEW_PASSWORD)
    qtbot.keyClicks(page.confirm, NEW_PASSWORD)
    with qtbot.waitSignal(window.unlocked, timeout=15000) as signal:
        qtbot.mouseClick(page.submit, Qt.MouseButton.LeftButton)
    unlocked = signal.args[0]
    assert not unlocked.locked  # a new password clears the backoff: ann is signed in
    main = MainWindow(unlocked, tasks)
    show(qtbot, main)
    assert main.status.text().startswith("Offline · Signed in as ann")
    main.lock()
    wait_idle(qtbot, tasks)
    assert unlocked.locked
