"""Settings: auto-lock reaches the idle watcher, text size and contrast restyle the app,
password change, and users (a supervisor adds and removes; a fieldworker only sees)."""

# ruff: noqa: F811 - pytest fixtures imported from test_participants_support

from __future__ import annotations

from a11y import check_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from test_participants_support import (
    dialog_of,
    fieldworker,  # noqa: F401
    make_services,
    prefs,  # noqa: F401
    unlocked,  # noqa: F401
)
from ui_helpers import NEW_PASSWORD, PASSWORD, show, wait_idle

from ui import theme


def settings_page(qtbot, services, tasks):
    from ui.pages.settings import SettingsPage

    page = SettingsPage(services)
    page.resize(1000, 900)
    show(qtbot, page)
    page.activated()
    qtbot.waitUntil(lambda: bool(page.users), timeout=10000)
    return page


def test_auto_lock_applies_to_the_main_window(qtbot, unlocked, tasks, prefs) -> None:
    from ui.windows.main_window import MainWindow

    window = MainWindow(unlocked, tasks, None, prefs)
    show(qtbot, window)
    assert window.idle_ms == 5 * 60_000  # the default
    qtbot.waitUntil(lambda: window.services is not None, timeout=10000)
    window.show_page("settings")
    page = window.page("settings")
    combo = page.auto_lock
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # 5 -> 2 minutes
    assert prefs.auto_lock_minutes == 2 and window.idle_ms == 2 * 60_000
    page.auto_lock.setCurrentIndex(page.auto_lock.findData(1))
    assert window.idle_ms == 60_000
    window.set_idle_ms(150)
    with qtbot.waitSignal(window.locked, timeout=3000):
        pass
    wait_idle(qtbot, tasks)
    assert unlocked.locked


def test_text_size_and_contrast_restyle_the_app(qtbot, unlocked, tasks, prefs, qapp) -> None:
    page = settings_page(qtbot, make_services(unlocked, tasks, prefs), tasks)
    assert f"font-size: {theme.BODY_PX}px" in qapp.styleSheet()
    page.text_size.setCurrentIndex(page.text_size.findData(1.5))
    assert prefs.text_scale == 1.5
    assert "font-size: 24px; color" in qapp.styleSheet()  # 16 px x 1.5
    assert QApplication.font().pixelSize() == 24
    page.text_size.setCurrentIndex(page.text_size.findData(2.0))
    assert f"font-size: {theme.TITLE_PX * 2}px" in qapp.styleSheet()
    qtbot.mouseClick(page.high_contrast, Qt.MouseButton.LeftButton)
    assert prefs.high_contrast and theme.current().name == "high-contrast"
    assert check_window(qtbot, page) == []  # still passes at x2, high contrast
    page.high_contrast.setChecked(False)
    page.text_size.setCurrentIndex(0)
    assert theme.current().name == "light" and "font-size: 16px; color" in qapp.styleSheet()


def test_site_choice_shows_in_the_status_bar(qtbot, unlocked, tasks, prefs, demo_study) -> None:
    from ui.windows.main_window import MainWindow

    window = MainWindow(unlocked, tasks, 60_000, prefs)
    show(qtbot, window)
    qtbot.waitUntil(lambda: window.services is not None, timeout=10000)
    window.show_page("settings")
    page = window.page("settings")
    page.site.setCurrentIndex(page.site.findData(demo_study.sites[1].id))
    assert demo_study.sites[1].name in window.status.text()
    assert prefs.site_id == demo_study.sites[1].id


def test_supervisor_adds_and_removes_users(qtbot, unlocked, tasks, prefs, monkeypatch) -> None:
    from ui.dialogs.passwords import AddUserDialog
    from ui.pages.settings import SettingsPage

    page = settings_page(qtbot, make_services(unlocked, tasks, prefs), tasks)
    assert [u.name for u in page.users] == ["ann"]
    assert page.add_user_button.isVisible() and page.remove_buttons == {}  # not yourself
    assert check_window(qtbot, page) == []
    qtbot.mouseClick(page.add_user_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(page, AddUserDialog)
    qtbot.waitExposed(dialog)
    assert check_window(qtbot, dialog) == []
    qtbot.keyClicks(dialog.name, "cara")
    qtbot.keyClicks(dialog.password.edit, "short")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.fields["password"].error.isVisible()
    dialog.password.clear()
    qtbot.keyClicks(dialog.password.edit, "cara's long pass phrase")
    with qtbot.waitSignal(dialog.added, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cara" in page.remove_buttons, timeout=10000)
    assert [u.name for u in unlocked.workspace.users()] == ["ann", "cara"]
    monkeypatch.setattr(SettingsPage, "confirm_remove", lambda self, name: True)
    qtbot.mouseClick(page.remove_buttons["cara"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cara" not in page.remove_buttons, timeout=10000)
    assert [u.name for u in unlocked.workspace.users()] == ["ann"]


def test_remove_asks_first_with_cancel_the_default(qtbot, unlocked, tasks, prefs) -> None:
    from PySide6.QtCore import QTimer

    unlocked.add_user("dee", "dee has a long passphrase", "fieldworker")
    page = settings_page(qtbot, make_services(unlocked, tasks, prefs), tasks)
    seen = {}

    def answer() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox))
        seen["default"] = box.defaultButton().text()
        seen["text"] = box.text()
        box.reject()

    QTimer.singleShot(100, answer)
    page.remove_user("dee")
    assert seen == {"default": "Cancel", "text": "Remove dee from this laptop?"}
    assert "dee" in [u.name for u in unlocked.workspace.users()]


def test_fieldworker_sees_the_list_only(qtbot, fieldworker, tasks, prefs) -> None:
    page = settings_page(qtbot, make_services(fieldworker, tasks, prefs), tasks)
    assert [u.name for u in page.users] == ["ann", "bob"]
    assert not page.add_user_button.isVisible() and page.remove_buttons == {}
    assert check_window(qtbot, page) == []


def test_change_password(qtbot, unlocked, tasks, prefs, locked_ws) -> None:
    from ui.dialogs.passwords import ChangePasswordDialog

    page = settings_page(qtbot, make_services(unlocked, tasks, prefs), tasks)
    qtbot.mouseClick(page.password_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(page, ChangePasswordDialog)
    qtbot.waitExposed(dialog)
    assert check_window(qtbot, dialog) == []
    qtbot.keyClicks(dialog.old.edit, "wrong old password")
    qtbot.keyClicks(dialog.new.edit, NEW_PASSWORD)
    assert dialog.meter.acceptable
    qtbot.keyClicks(dialog.repeat.edit, NEW_PASSWORD)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.fields["old"].error.isVisible(), timeout=10000)
    assert "isn't your current password" in dialog.fields["old"].error.text()
    qtbot.keyClicks(dialog.old.edit, PASSWORD)
    with qtbot.waitSignal(dialog.changed, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "was changed" in page.password_notice.message()
    wait_idle(qtbot, tasks)
    locked_ws.unlock("ann", NEW_PASSWORD).lock()
