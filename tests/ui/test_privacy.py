"""The privacy screen: one key or the toolbar button covers everything, from any window of the
app (its dialogs are put away, and come back after the password); the clipboard is emptied."""

# ruff: noqa: F811 - pytest fixtures imported from test_participants_support

from __future__ import annotations

import contextlib

import pytest
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


# --- from every window: dialogs are put away, and come back after the password -------------


def open_add_participant(qtbot, window, tasks):
    """The participants page's "Add participant" dialog, opened window-modal, a name typed."""
    window.show_page("participants")
    page = window.page("participants")
    wait_idle(qtbot, tasks)
    page.add_participant()
    dialog = page.dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.name.setFocus()
    qtbot.keyClicks(dialog.name, "Someone Typed")
    assert dialog.isModal() and dialog.name.hasFocus()
    return dialog


def resume(qtbot, window) -> None:
    screen = window.privacy
    qtbot.keyClicks(screen.password.edit, PASSWORD)
    qtbot.keyClick(screen.password.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not screen.covering, timeout=10000)


def test_f12_in_a_modal_dialog_hides_it_and_the_password_brings_it_back(
    qtbot, unlocked, tasks, prefs
) -> None:
    window = make_window(qtbot, unlocked, tasks, prefs)
    dialog = open_add_participant(qtbot, window, tasks)
    where = dialog.pos()
    qtbot.keyClick(dialog.name, Qt.Key.Key_F12)
    assert window.privacy.covering  # at once: no worker round trip
    assert not dialog.isVisible()  # the typed name shows nowhere
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert visible == [window]
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    assert QApplication.focusWidget() is window.privacy.password.edit
    resume(qtbot, window)
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    assert dialog.pos() == where and dialog.name.text() == "Someone Typed"
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    assert dialog.name.hasFocus() and dialog.isModal()
    dialog.reject()


def test_ctrl_shift_h_and_ctrl_l_from_a_dialog(qtbot, unlocked, tasks, prefs) -> None:
    import shiboken6

    window = make_window(qtbot, unlocked, tasks, prefs)
    dialog = open_add_participant(qtbot, window, tasks)
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(dialog.name, Qt.Key.Key_H, modifiers)
    assert window.privacy.covering and not dialog.isVisible()
    resume(qtbot, window)
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.isActiveWindow(), timeout=2000)
    with qtbot.waitSignal(window.locked, timeout=5000):
        qtbot.keyClick(dialog.name, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, tasks)
    assert unlocked.locked
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=2000)  # closed and gone


def test_locking_under_the_cover_closes_the_hidden_windows_for_good(
    qtbot, unlocked, tasks, prefs
) -> None:
    import shiboken6
    from PySide6.QtWidgets import QDialog, QLineEdit

    window = make_window(qtbot, unlocked, tasks, prefs)
    form = open_add_participant(qtbot, window, tasks)
    page = window.page("participants")
    other = QDialog(page)  # a non-modal window from a page, with data in it
    QLineEdit("YP-001 Someone", other)
    other.show()
    finished = []
    other.finished.connect(finished.append)
    qtbot.keyClick(form.name, Qt.Key.Key_F12)
    assert window.privacy.covering and not form.isVisible() and not other.isVisible()
    with qtbot.waitSignal(window.locked, timeout=5000):
        qtbot.mouseClick(window.privacy.lock_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    assert finished == [QDialog.DialogCode.Rejected]  # closed like a visible dialog
    qtbot.waitUntil(lambda: not shiboken6.isValid(form), timeout=2000)
    window.away.bring_back()  # nothing is left to bring back
    assert not other.isVisible()
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]


@pytest.mark.parametrize("kind", ["question box", "plain dialog"])
def test_a_dialog_in_its_own_event_loop_is_cancelled(qtbot, unlocked, tasks, prefs, kind) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox

    from ui.widgets.basics import confirm

    window = make_window(qtbot, unlocked, tasks, prefs)
    answers = []
    if kind == "question box":
        box: QDialog = QMessageBox(window)
        box.setText("Remove this?")
        ask = lambda: confirm(box, "Remove", QMessageBox.ButtonRole.AcceptRole)  # noqa: E731
    else:
        box = QDialog(window.page("home"))
        QLineEdit(box).setFocus()
        ask = box.exec

    def press_f12() -> None:
        assert box.isVisible()
        qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_F12)

    QTimer.singleShot(300, press_f12)
    QTimer.singleShot(0, lambda: answers.append(ask()))
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=5000)  # exec() returned: cancelled
    assert not answers[0]
    assert window.privacy.covering and not box.isVisible()
    resume(qtbot, window)
    qtbot.wait(50)
    assert not box.isVisible()  # nothing waits for its answer any more: it stays closed


def test_no_staff_keys_while_a_young_person_self_completes(qtbot, unlocked, tasks, prefs) -> None:
    from PySide6.QtWidgets import QLineEdit, QWidget

    from ui.windows.privacy import belongs_to

    window = make_window(qtbot, unlocked, tasks, prefs)
    dialog = open_add_participant(qtbot, window, tasks)
    window._pause_idle(True)  # what the Collect page's hand-over signals
    qtbot.keyClick(dialog.name, Qt.Key.Key_F12)
    assert not window.privacy.covering and dialog.isVisible()
    window._pause_idle(False)
    qtbot.keyClick(dialog.name, Qt.Key.Key_F12)
    assert window.privacy.covering
    # A window of its own (the self-complete window has no parent) is not the staff side.
    alone = QWidget()
    edit = QLineEdit(alone)
    assert not belongs_to(edit, window) and belongs_to(dialog.name, window)
    alone.deleteLater()


# --- the clipboard --------------------------------------------------------------------


def copy_from_the_search_box(qtbot, window, tasks, text: str):
    from PySide6.QtWidgets import QLineEdit

    window.show_page("participants")
    wait_idle(qtbot, tasks)
    edit = window.page("participants").findChild(QLineEdit)
    edit.setText(text)
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == text


def test_lock_empties_the_clipboard_it_filled(qtbot, unlocked, tasks, prefs) -> None:
    window = make_window(qtbot, unlocked, tasks, prefs)
    copy_from_the_search_box(qtbot, window, tasks, "YP-001")
    window.lock()
    assert QApplication.clipboard().text() == ""


def test_the_privacy_screen_empties_the_clipboard_it_filled(qtbot, unlocked, tasks, prefs) -> None:
    window = make_window(qtbot, unlocked, tasks, prefs)
    copy_from_the_search_box(qtbot, window, tasks, "YP-002")
    qtbot.keyClick(window, Qt.Key.Key_F12)
    assert window.privacy.covering and QApplication.clipboard().text() == ""


class FakeClipboard:
    """Stands in for QClipboard: which modes this app owns, and what was cleared."""

    def __init__(self, clipboard: bool, selection: bool, selection_supported: bool = True):
        self.owns = {"clipboard": clipboard, "selection": selection}
        self.selection_supported = selection_supported
        self.cleared: list[object] = []

    def ownsClipboard(self) -> bool:
        return self.owns["clipboard"]

    def ownsSelection(self) -> bool:
        return self.owns["selection"]

    def ownsFindBuffer(self) -> bool:
        return False

    def supportsSelection(self) -> bool:
        return self.selection_supported

    def supportsFindBuffer(self) -> bool:
        return False

    def clear(self, mode) -> None:
        self.cleared.append(mode)


def test_only_what_this_app_put_on_the_clipboard_is_cleared() -> None:
    from PySide6.QtGui import QClipboard

    from ui.windows.privacy import clear_owned_clipboard

    mine = FakeClipboard(clipboard=True, selection=False)
    assert clear_owned_clipboard(mine, "xcb") == ["clipboard"]
    assert mine.cleared == [QClipboard.Mode.Clipboard]  # another app's selection stays
    theirs = FakeClipboard(clipboard=False, selection=True)
    assert clear_owned_clipboard(theirs, "xcb") == ["selection"]
    assert theirs.cleared == [QClipboard.Mode.Selection]
    nobody = FakeClipboard(clipboard=False, selection=True, selection_supported=False)
    assert clear_owned_clipboard(nobody, "windows") == [] and nobody.cleared == []
    # offscreen and minimal keep the clipboard in this process: all of it came from here
    local = FakeClipboard(clipboard=False, selection=False, selection_supported=False)
    assert clear_owned_clipboard(local, "offscreen") == ["clipboard"]
