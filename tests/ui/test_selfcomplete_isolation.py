"""Self-complete keeps the staff side out of reach: while the questionnaire is up no other
window of the app is visible (Alt+Tab finds nothing), the fieldworker's password brings them
back, and a lock leaves only the unlock window."""

# ruff: noqa: F811 - pytest fixtures imported from test_participants_support

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout
from test_main_window import make_window
from test_participants_support import prefs, unlocked  # noqa: F401 - fixtures
from ui_helpers import PASSWORD, wait_idle

from sylcollect.domain.record import RecordMode


def visible_windows() -> list:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def data_dialog(parent) -> QDialog:
    """A modeless dialog showing data, as a participant's details would."""
    dialog = QDialog(parent)
    QVBoxLayout(dialog).addWidget(QLabel("YP-001 · lives at Durham House", dialog))
    dialog.show()
    return dialog


def collect_page(qtbot, main):
    main.show_page("collect")
    page = main.page("collect")
    qtbot.waitUntil(lambda: page.data is not None, timeout=15000)
    page.handover.speaker_factory = lambda _parent: None
    return page


def hand_over(qtbot, page, form_id: str = "phq9"):
    page.form.setCurrentIndex(page.form.findData(form_id))
    page.subject.setCurrentText("YP-001")
    page.mode_buttons[RecordMode.SELF_COMPLETE].setChecked(True)
    page.start()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.handover, timeout=15000)
    qtbot.mouseClick(page.handover.go_button, Qt.MouseButton.LeftButton)
    window = page.handover.window_
    assert window is not None  # closed by the handover (or the main window's lock)
    return window


def type_password(qtbot, window) -> None:
    window.ask_staff()
    qtbot.keyClicks(window.staff_screen.password.edit, PASSWORD)
    qtbot.keyClick(window.staff_screen.password.edit, Qt.Key.Key_Return)


def test_the_staff_windows_are_hidden_until_the_password(qtbot, unlocked, tasks) -> None:
    main = make_window(qtbot, unlocked, tasks)
    page = collect_page(qtbot, main)
    dialog = data_dialog(main)
    window = hand_over(qtbot, page)
    assert window.isFullScreen()
    # closing it with every other window hidden must not quit the app (Qt quits only
    # from its event loop, so this is checked by its attribute)
    assert not window.testAttribute(Qt.WidgetAttribute.WA_QuitOnClose)
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert visible_windows() == [window]  # nothing else to Alt+Tab to
    assert not main.isVisible() and not dialog.isVisible()
    assert page.handover.hidden and main in page.handover.hidden
    window.close()  # Alt+F4: the questionnaire stays, the staff side stays hidden
    assert visible_windows() == [window]
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.question.block.input.buttons["1"], Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    type_password(qtbot, window)
    qtbot.waitUntil(lambda: page.filler is not None, timeout=15000)  # the review
    assert main.isVisible() and dialog.isVisible()
    assert visible_windows() == [main, dialog] or visible_windows() == [dialog, main]
    qtbot.waitUntil(main.isActiveWindow, timeout=5000)
    assert page.handover.hidden == []


def test_a_wrong_password_shows_nothing_of_the_staff_side(qtbot, unlocked, tasks) -> None:
    main = make_window(qtbot, unlocked, tasks)
    window = hand_over(qtbot, collect_page(qtbot, main))
    window.ask_staff()
    qtbot.keyClicks(window.staff_screen.password.edit, "not the password")
    qtbot.keyClick(window.staff_screen.password.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.staff_screen.error.kind != "", timeout=15000)
    assert visible_windows() == [window] and not main.isVisible()


def test_a_lock_meanwhile_leaves_no_data_window(qtbot, unlocked, tasks) -> None:
    main = make_window(qtbot, unlocked, tasks)
    page = collect_page(qtbot, main)
    dialog = data_dialog(main)
    window = hand_over(qtbot, page)
    assert visible_windows() == [window]
    main.lock()  # the system went to sleep: the lock clears the pages
    wait_idle(qtbot, tasks)
    assert unlocked.locked and page.handover.window_ is None
    assert not main.isVisible() and not dialog.isVisible()
    assert visible_windows() == []


@pytest.fixture
def controller(demo_folder, tasks, cheap):
    from ui.app import AppController

    made = AppController(demo_folder.path, demo=False, tasks=tasks, idle_ms=60_000)
    yield made
    made.shutdown()


def test_a_lock_meanwhile_shows_only_the_unlock_window(qtbot, controller, tasks) -> None:
    from ui.windows.main_window import MainWindow
    from ui.windows.unlock import UnlockWindow

    controller.start()
    assert controller.workspace is not None
    controller.show_main(controller.workspace.unlock("ann", PASSWORD))
    main = controller.window
    assert isinstance(main, MainWindow)
    qtbot.waitUntil(lambda: main.home is not None, timeout=15000)
    window = hand_over(qtbot, collect_page(qtbot, main))
    assert visible_windows() == [window]
    controller.lock_now("suspend")
    wait_idle(qtbot, tasks)
    assert isinstance(controller.window, UnlockWindow)
    assert visible_windows() == [controller.window]
