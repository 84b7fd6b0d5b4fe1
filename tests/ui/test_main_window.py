"""The main window and the app controller: Home, status bar, Lock, auto-lock."""

# ruff: noqa: F811 - pytest fixtures imported from test_participants_support

from __future__ import annotations

import shiboken6
from a11y import check_window
from PySide6.QtCore import Qt
from test_participants_support import prefs, unlocked  # noqa: F401 - fixtures
from ui_helpers import PASSWORD, show, wait_idle

from sylcollect.storage.workspace import Workspace


def make_window(qtbot, unlocked, tasks, idle_ms: int | None = 60_000, prefs=None):
    from ui.windows.main_window import MainWindow

    window = MainWindow(unlocked, tasks, idle_ms, prefs)
    show(qtbot, window)
    qtbot.waitUntil(
        lambda: window.home is not None and window.home.summary is not None, timeout=15000
    )
    return window


def test_home_shows_the_study_and_counts(qtbot, unlocked, tasks, demo_study) -> None:
    window = make_window(qtbot, unlocked, tasks)
    text = window.home.text_content()
    assert demo_study.name in text
    for site in demo_study.sites:
        assert site.name in text
        assert all(unit.name in text for unit in site.units)
    assert all(wave.name in text for wave in demo_study.waves)
    assert all(form.title in text and form.id in text for form in demo_study.forms)
    summary = window.home.summary
    assert (summary.participants, summary.records) == (2, 0)
    count = window.home.findChild(type(window.status), "count_participants")
    assert count.text() == "2"
    assert window.status.text() == "Offline · Signed in as ann · Study v1"
    assert window.windowTitle() == "SYL Collect"


def test_ctrl_l_locks_and_clears(qtbot, unlocked, tasks, demo_study) -> None:
    window = make_window(qtbot, unlocked, tasks)
    with qtbot.waitSignal(window.locked, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, tasks)
    assert unlocked.locked
    assert window.workspace is None
    assert demo_study.name not in window.home.text_content()
    assert window.status.text() == "Locked"


def test_lock_button(qtbot, unlocked, tasks) -> None:
    window = make_window(qtbot, unlocked, tasks)
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    with qtbot.waitSignal(window.locked, timeout=5000):
        qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    assert unlocked.locked


def test_auto_lock_after_idle(qtbot, unlocked, tasks) -> None:
    from ui.windows.main_window import MainWindow

    window = MainWindow(unlocked, tasks, 200)
    with qtbot.waitSignal(window.locked, timeout=5000):  # whether Home has loaded by then or not
        show(qtbot, window)
    wait_idle(qtbot, tasks)
    assert unlocked.locked


def test_activity_postpones_auto_lock(qtbot, unlocked, tasks) -> None:
    # 8 key presses 200 ms apart outlast the 1 s idle limit; a loaded machine has 800 ms of
    # slack between two presses before this could lock by itself.
    window = make_window(qtbot, unlocked, tasks, idle_ms=1000)
    for _ in range(8):
        qtbot.wait(200)
        qtbot.keyClick(window.lock_button, Qt.Key.Key_Shift)
    assert not unlocked.locked and window.workspace is unlocked
    qtbot.waitSignal(window.locked, timeout=3000).wait()


def test_accessibility(qtbot, unlocked, tasks) -> None:
    window = make_window(qtbot, unlocked, tasks)
    assert check_window(qtbot, window) == []


def test_controller_unlock_lock_and_back(qtbot, demo_folder, tasks, cheap, demo_study) -> None:
    from ui.app import AppController
    from ui.windows.main_window import MainWindow
    from ui.windows.unlock import UnlockWindow

    controller = AppController(demo_folder.path, demo=False, tasks=tasks, idle_ms=60_000)
    controller.start()
    first = controller.window
    assert isinstance(first, UnlockWindow)
    qtbot.waitExposed(first)
    qtbot.keyClicks(first.sign_in.password.edit, PASSWORD)
    qtbot.keyClick(first.sign_in.password.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(controller.window, MainWindow), timeout=15000)
    main = controller.window
    qtbot.waitUntil(lambda: main.home is not None and main.home.summary is not None, timeout=15000)
    assert demo_study.name in main.home.text_content()
    unlocked = controller.unlocked
    qtbot.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=5000)
    wait_idle(qtbot, tasks)
    assert unlocked.locked
    assert controller.unlocked is None
    qtbot.waitUntil(lambda: not shiboken6.isValid(main), timeout=2000)  # main window is gone
    controller.shutdown()


def test_controller_without_workspace_offers_the_demo(qtbot, tmp_path, tasks, cheap) -> None:
    from ui.app import AppController
    from ui.windows.first_run import FirstRunWizard

    controller = AppController(
        tmp_path / "real", demo=False, tasks=tasks, demo_dir=tmp_path / "demo"
    )
    controller.start()
    window = controller.window
    assert isinstance(window, FirstRunWizard)
    qtbot.waitExposed(window)
    assert check_window(qtbot, window) == []
    window.choose.demo.setChecked(True)
    qtbot.mouseClick(window.choose.next_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.user
    assert not Workspace.exists(tmp_path / "real")
    controller.shutdown()


def test_closing_the_main_window_locks_without_reopening(qtbot, demo_folder, tasks, cheap) -> None:
    from ui.app import AppController
    from ui.windows.main_window import MainWindow

    controller = AppController(demo_folder.path, demo=False, tasks=tasks)
    controller.start()
    workspace = controller.workspace
    controller.show_main(workspace.unlock("ann", PASSWORD))
    main = controller.window
    assert isinstance(main, MainWindow)
    unlocked = controller.unlocked
    main.close()
    wait_idle(qtbot, tasks)
    assert unlocked.locked
    assert controller.window is main  # no unlock window popped up: the app quits
    controller.shutdown()


def test_rail_lists_the_registered_pages(qtbot, unlocked, tasks, prefs) -> None:
    from ui.nav import pages_for

    window = make_window(qtbot, unlocked, tasks, prefs=prefs)
    titles = [window.rail.item(i).text() for i in range(window.rail.count())]
    assert titles == [s.translated_title() for s in pages_for("supervisor")]
    assert titles[:2] == ["Home", "Participants"] and titles[-1] == "Settings"
    assert titles[2] == "Collect"
    assert window.rail.item(1).toolTip() == "Participants (Ctrl+2)"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "participants"
    page = window.page("participants")
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.list.loaded, timeout=10000)
    window.rail.setFocus()
    qtbot.keyClick(window.rail, Qt.Key.Key_Down)
    assert window.current_key() == titles[2].lower()


def test_supervisor_tools_only_for_a_supervisor() -> None:
    from PySide6.QtWidgets import QWidget

    from ui.nav import REGISTRY, PageSpec, pages_for

    tools = PageSpec("supervisor", "Supervisor tools", None, lambda s: QWidget(), True)
    extra = PageSpec("sync", "Sync", None, lambda s: QWidget())
    registry = (*REGISTRY, tools, extra)
    assert "supervisor" in [p.key for p in pages_for("supervisor", registry)]
    fieldworker = [p.key for p in pages_for("fieldworker", registry)]
    assert "supervisor" not in fieldworker
    assert fieldworker.index("sync") < fieldworker.index("settings")


def test_lock_clears_participant_pages_and_dialogs(qtbot, unlocked, tasks, prefs) -> None:
    from ui.dialogs.participant import ParticipantDialog

    window = make_window(qtbot, unlocked, tasks, prefs=prefs)
    window.show_page("participants")
    page = window.page("participants")
    qtbot.waitUntil(lambda: page.list.loaded, timeout=10000)
    page.open_participant("YP-001")
    qtbot.waitUntil(lambda: page.detail.detail is not None, timeout=10000)
    page.detail.show_details()
    qtbot.waitUntil(lambda: page.detail.identity is not None, timeout=10000)
    page.add_participant()
    dialog = page.dialog
    dialog.name.setText("Someone Typed")
    assert isinstance(dialog, ParticipantDialog) and dialog.isVisible()
    window.lock()
    wait_idle(qtbot, tasks)
    assert page.list.model.rowCount() == 0 and page.detail.identity is None
    assert page.detail.detail is None and page.detail.scroll.widget() is None
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=2000)  # closed and gone
    assert window.services is None and window.status.text() == "Locked"


def test_results_after_the_lock_are_dropped(qtbot, unlocked, tasks, prefs) -> None:
    window = make_window(qtbot, unlocked, tasks, prefs=prefs)
    window.show_page("participants")
    page = window.page("participants")
    page.reload()  # still queued when the lock comes
    window.lock()
    wait_idle(qtbot, tasks)
    assert page.list.model.rowCount() == 0


def test_accessibility_with_participants(qtbot, unlocked, tasks, prefs) -> None:
    window = make_window(qtbot, unlocked, tasks, prefs=prefs)
    window.show_page("participants")
    page = window.page("participants")
    qtbot.waitUntil(lambda: page.list.loaded, timeout=10000)
    assert check_window(qtbot, window) == []
    assert window.lock_button.toolTip() == "Lock (Ctrl+L)"


def test_lock_closes_dialogs_hidden_meanwhile(qtbot, unlocked, tasks, prefs) -> None:
    """Self-complete hides the staff side's open dialogs; a lock must still close them."""
    from PySide6.QtWidgets import QDialog, QLineEdit

    window = make_window(qtbot, unlocked, tasks, prefs=prefs)
    window.show_page("participants")
    page = window.page("participants")
    dialogs = []
    for _ in range(3):
        dialog = QDialog(page)
        QLineEdit("YP-001 Someone Typed", dialog)
        dialog.open()
        qtbot.waitExposed(dialog)
        dialog.results = []
        dialog.finished.connect(dialog.results.append)
        dialogs.append(dialog)
    done, hidden, shown = dialogs
    done.accept()  # closed before: not closed again
    hidden.hide()  # as the self-complete hand-over does
    window.lock()
    wait_idle(qtbot, tasks)
    assert done.results == [QDialog.DialogCode.Accepted]
    assert hidden.results == [QDialog.DialogCode.Rejected] and not hidden.isVisible()
    assert shown.results == [QDialog.DialogCode.Rejected] and not shown.isVisible()
