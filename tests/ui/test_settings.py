"""Settings: auto-lock reaches the idle watcher, text size and contrast restyle the app,
password change, users (a supervisor adds and removes; a fieldworker only sees), the
language forms open in, and the export target the Sync page and auto-sync use."""

# ruff: noqa: F811 - pytest fixtures imported from test_participants_support, test_sync_support

from __future__ import annotations

import pytest
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
from test_sync_support import laptop  # noqa: F401
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


# --- language of forms ----------------------------------------------------------------

TWO_LANGUAGES = """
| survey |
| | type | name | label::English (en) | label::Cymraeg (cy) |
| | text | name_of_place | Where are you? | Ble wyt ti? |
| settings |
| | form_id | version | default_language |
| | {id} | 1 | English (en) |
"""

ONE_LANGUAGE = """
| survey |
| | type | name | label |
| | text | note | Anything else? |
| settings |
| | form_id | version |
| | plain | 1 |
"""


@pytest.fixture
def forms_ws(tmp_path, cheap):
    """A workspace whose study has a Welsh and English form, a French and English one, and
    one without translations."""
    from sylcollect.domain.study import FormRef, Site, Study, Wave
    from sylcollect.storage.workspace import Workspace

    french = TWO_LANGUAGES.replace("label::Cymraeg (cy)", "label::Français (fr)")
    study = Study(
        id="langs",
        name="Languages study",
        version=1,
        description="",
        sites=(Site("s1", "Site one", "P"),),
        waves=(Wave("baseline", "Baseline"),),
        milestones=(),
        forms=(
            FormRef(
                "welsh", "1", "Welsh", "welsh.md", "participant", TWO_LANGUAGES.format(id="welsh")
            ),
            FormRef(
                "french", "1", "French", "french.md", "participant", french.format(id="french")
            ),
            FormRef("plain", "1", "Plain", "plain.md", "participant", ONE_LANGUAGE),
        ),
    )
    made, _ = Workspace.create(tmp_path / "data", study, "ann", PASSWORD)
    yield made
    if not made.locked:
        made.lock()
    made.workspace.close()


def test_language_of_forms_lists_the_study_languages(qtbot, forms_ws, tasks, prefs) -> None:
    page = settings_page(qtbot, make_services(forms_ws, tasks, prefs), tasks)
    combo = page.forms.combo
    qtbot.waitUntil(lambda: combo.count() == 4, timeout=10000)
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items == ["The form's default", "Cymraeg (cy)", "English (en)", "Français (fr)"]
    assert combo.currentIndex() == 0 and prefs.form_language == ""
    assert not page.forms.note.isVisible()
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # keyboard: the form's default -> Cymraeg (cy)
    assert prefs.form_language == "Cymraeg (cy)"
    assert check_window(qtbot, page) == []
    again = settings_page(qtbot, make_services(forms_ws, tasks, prefs), tasks)
    assert again.forms.combo.currentText() == "Cymraeg (cy)"  # shown before the forms are read
    qtbot.waitUntil(lambda: again.forms.combo.count() == 4, timeout=10000)
    assert again.forms.combo.currentText() == "Cymraeg (cy)"


def test_one_language_study_says_so(qtbot, unlocked, tasks, prefs) -> None:
    page = settings_page(qtbot, make_services(unlocked, tasks, prefs), tasks)
    qtbot.waitUntil(lambda: page.forms.note.isVisible(), timeout=10000)
    assert page.forms.note.text() == "This study's forms are in one language."
    assert page.forms.combo.count() == 1


def test_language_matching_falls_back_to_the_form_default() -> None:
    from ui.pages.settings_prefs import match_language, study_languages

    langs = ("English (en)", "Cymraeg (cy)")
    assert match_language(langs, "Cymraeg (cy)") == "Cymraeg (cy)"
    assert match_language(langs, "Welsh (cy)") == "Cymraeg (cy)"  # by the code
    assert match_language(langs, "english") == "English (en)"  # by the name
    assert match_language(langs, "Français (fr)") is None  # the form's default
    assert match_language(langs, "") is None
    assert study_languages([("default",), ("English (en)", "Welsh (cy)"), langs]) == [
        "English (en)",
        "Welsh (cy)",
    ]


# --- export target ----------------------------------------------------------------------


def target_page(qtbot, lap, tasks):
    from test_sync_support import fake_factory, services_for, settings

    from ui.pages.settings import SettingsPage
    from ui.sync_watch import SyncSettings, SyncWatch

    services = services_for(lap.ws, tasks, lap.tmp)
    watch = SyncWatch(
        services, settings=SyncSettings(settings(lap.tmp)), factory=fake_factory, network=False
    )
    page = SettingsPage(services, watch)
    page.resize(1000, 900)
    show(qtbot, page)
    page.activated()
    qtbot.waitUntil(lambda: bool(page.users), timeout=10000)
    return services, watch, page


def test_export_target_set_in_settings_is_what_sync_uses(qtbot, laptop, tasks, monkeypatch) -> None:
    from test_sync_support import enrol

    from ui.pages.settings_sections import ExportTargetCard
    from ui.pages.sync import SyncPage

    enrol(laptop.ws, "DH-001")
    services, watch, page = target_page(qtbot, laptop, tasks)
    card = page.export_target
    watch.refresh()  # the demo laptop remembers its own export folder
    qtbot.waitUntil(lambda: card.edit.text() == str(laptop.export), timeout=10000)
    assert card.now.text() == f"Bundles go to {laptop.export}."
    usb = laptop.tmp / "usb"
    usb.mkdir()
    monkeypatch.setattr(ExportTargetCard, "ask_folder", lambda self: str(usb))
    qtbot.mouseClick(card.choose_button, Qt.MouseButton.LeftButton)
    assert watch.target == str(usb) and watch.settings.target == str(usb)  # saved
    assert card.notice.message() == f"Saved. Bundles will go to {usb}."
    assert card.now.text() == f"Bundles go to {usb}."
    sync = SyncPage(services, watch)
    sync.resize(1000, 760)
    show(qtbot, sync)
    assert sync.target_edit.text() == str(usb)
    qtbot.mouseClick(sync.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sync.notice.kind == "success", timeout=15000)
    wait_idle(qtbot, tasks)
    assert [p.suffix for p in usb.iterdir()] == [".sylb"]
    assert not list(laptop.export.glob("*.sylb"))
    stick = laptop.tmp / "stick"
    card.edit.clear()
    qtbot.keyClicks(card.edit, str(stick))
    qtbot.keyClick(card.edit, Qt.Key.Key_Return)  # keyboard: Enter uses it
    assert watch.target == str(stick) and watch.settings.target == str(stick)
    wait_idle(qtbot, tasks)


def test_export_target_with_a_password_is_used_until_lock(qtbot, laptop, tasks) -> None:
    _services, watch, page = target_page(qtbot, laptop, tasks)
    card = page.export_target
    address = "https://ann:secret@files.example.org/syl"
    card.edit.clear()
    qtbot.mouseClick(card.use_button, Qt.MouseButton.LeftButton)
    assert card.notice.kind == "error" and card.edit.hasFocus()
    qtbot.keyClicks(card.edit, address)
    qtbot.mouseClick(card.use_button, Qt.MouseButton.LeftButton)
    assert card.notice.message() == (
        "This address holds a password: it is used until you lock, not saved."
    )
    assert watch.target == address and watch.settings.target == ""
    ini = laptop.tmp / "sync.ini"
    assert not ini.exists() or "secret" not in ini.read_text()
    assert card.edit.text() == ""  # not left on the screen
    assert card.now.text() == (
        "Bundles go to https://files.example.org/syl, "
        "with a password that is forgotten when you lock."
    )
    assert check_window(qtbot, page) == []
    wait_idle(qtbot, tasks)
    page.clear()  # locking
    assert card.edit.text() == "" and card.notice.message() == "" and card.now.text() == ""


def test_new_sections_keyboard_order(qtbot, unlocked, tasks, prefs) -> None:
    from a11y import check_tab_order

    page = settings_page(qtbot, make_services(unlocked, tasks, prefs), tasks)
    card = page.export_target
    expected = [
        page.high_contrast,
        page.forms.combo,
        card.edit,
        card.choose_button,
        card.use_button,
        page.password_button,
    ]
    assert check_tab_order(qtbot, expected) == []
    wait_idle(qtbot, tasks)
