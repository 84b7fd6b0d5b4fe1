"""Self-complete keeps the staff side out of reach: while the questionnaire is up no other
window of the app is visible (Alt+Tab finds nothing), the fieldworker's password brings them
back, a lock leaves only the unlock window, and an anonymous staff survey's answers are never
shown to the fieldworker who takes the laptop back."""

# ruff: noqa: F811 - pytest fixtures imported from test_participants_support

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout
from test_main_window import make_window
from test_participants_support import prefs, unlocked  # noqa: F401 - fixtures
from ui_helpers import PASSWORD, wait_idle

from sylcollect.domain.record import RecordMode, RecordStatus
from sylcollect.services.drafts import open_drafts


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
    assert main in page.handover.away.windows
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
    assert page.handover.away.windows == []


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


def test_a_staff_survey_is_saved_but_not_shown_to_the_fieldworker(qtbot, unlocked, tasks) -> None:
    main = make_window(qtbot, unlocked, tasks)
    page = collect_page(qtbot, main)
    page.form.setCurrentIndex(page.form.findData("staff_survey"))
    page.mode_buttons[RecordMode.SELF_COMPLETE].setChecked(True)
    page.start()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.handover, timeout=15000)
    handover = page.handover
    assert not handover.adult_box.isVisible()  # no named adult: the support words differ
    assert "not shown to you" in handover.bullets[3].text()
    qtbot.mouseClick(handover.go_button, Qt.MouseButton.LeftButton)
    window = handover.window_
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    while window.controller.page.key[0].rsplit("/", 1)[-1] != "comments":
        qtbot.mouseClick(window.question.next_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.question.first_focus(), "A secret only for the study team")
    wait_idle(qtbot, tasks)
    uuid = window.controller.uuid
    returned = []
    page.handover.returned.connect(returned.append)
    type_password(qtbot, window)  # taken back midway: still nothing to review
    qtbot.waitUntil(lambda: bool(returned), timeout=15000)
    wait_idle(qtbot, tasks)
    back = returned[0]
    assert back.uuid == uuid and back.staff_survey and back.final and not back.review
    assert page.filler is None and page.stack.currentWidget() is page.chooser
    assert "not shown here" in page.notice.text.text()
    assert main.isVisible()
    texts = " ".join(lab.text() for lab in main.findChildren(QLabel) if lab.isVisible())
    assert "secret" not in texts
    with unlocked.transaction() as tx:
        record = tx.records.get(uuid)
    assert record.status is RecordStatus.FINAL
    assert record.answers["comments"] == "A secret only for the study team"
    assert open_drafts(unlocked) == []


def test_who_reviews_what_comes_back() -> None:
    from ui.pages.collect_handover import HandBack

    assert HandBack("u").review  # a young person's record: the review, alerts first
    assert not HandBack(None).review
    assert not HandBack("u", staff_survey=True, final=True).review
    assert not HandBack("u", staff_survey=True).review  # a draft that couldn't be final
    assert HandBack("u", staff_survey=True, alerts_waiting=1).review  # safety first
