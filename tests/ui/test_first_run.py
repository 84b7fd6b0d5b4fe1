"""The first-run wizard, driven by keyboard and mouse: demo and study-package paths."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from a11y import check_tab_order, check_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import PASSWORD, show, wait_idle

from sylcollect.storage.workspace import Workspace

KEY = re.compile(r"^([0-9A-Z]{6}-){5}[0-9A-Z]{6}$")


@pytest.fixture
def make_wizard(qtbot, tmp_path, tasks, cheap):
    from ui.windows.first_run import FirstRunWizard

    made = []

    def make(demo: bool = True, data_dir: Path | None = None):
        w = FirstRunWizard(
            data_dir or tmp_path / "real", tasks, demo_dir=tmp_path / "demo", demo=demo
        )
        show(qtbot, w)
        made.append(w)
        return w

    yield make
    wait_idle(qtbot, tasks)
    for w in made:
        if w._done is not None:
            w._done.workspace.lock()


def press_enter(qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def to_user_page(qtbot, w) -> None:
    assert w.choose.demo.isChecked()
    w.choose.demo.setFocus()
    press_enter(qtbot)  # Enter presses the default "Continue"
    assert w.stack.currentWidget() is w.user


def fill_user(qtbot, w, user: str = "ann", password: str = PASSWORD, confirm: str | None = None):
    qtbot.keyClicks(w.user.user, user)
    qtbot.keyClicks(w.user.password.edit, password)
    qtbot.keyClicks(w.user.confirm, password if confirm is None else confirm)


def set_up_demo(qtbot, w, tasks) -> None:
    to_user_page(qtbot, w)
    fill_user(qtbot, w)
    assert w.user.meter.acceptable
    qtbot.keyClick(w.user.confirm, Qt.Key.Key_Return)
    assert w.user.busy.isVisible()  # key derivation runs off the GUI thread
    wait_idle(qtbot, tasks)
    assert w.stack.currentWidget() is w.key


def test_pure_steps() -> None:
    from ui.windows import setup

    key = "AAAAAA-BBBBBB-CCCCCC-DDDDDD-EEEEEE-FFFFFF"
    assert setup.key_for_reading(key) == "AAAAAA  BBBBBB  CCCCCC\nDDDDDD  EEEEEE  FFFFFF"
    assert setup.fingerprint_for_reading("ab12:cd34:ef56:78") == "ab12 cd34 ef56 78"
    assert setup.user_problem("  ") and setup.user_problem("x" * 65)
    assert setup.user_problem("ann") is None
    assert setup.password_problem("short", "short").startswith("Choose a stronger password")
    assert setup.password_problem("four small words here", "four small words here") is None
    assert "different" in setup.password_problem(PASSWORD, PASSWORD + "x")
    assert setup.package_problem("") and setup.package_problem("/no/such/file.sylpkg")
    plan = setup.SetupPlan(setup.Source.DEMO, Path("x"), "ann", PASSWORD)
    assert PASSWORD not in repr(plan)


def test_demo_end_to_end_with_the_keyboard(qtbot, make_wizard, tasks, tmp_path) -> None:
    w = make_wizard(demo=True)
    assert QApplication.focusWidget() is w.choose.demo  # --demo: the demo option is chosen
    assert check_window(qtbot, w) == []
    set_up_demo(qtbot, w, tasks)
    key = w._done.recovery_key
    assert KEY.match(key)
    assert w.key.key_label.text().split() == key.split("-")
    assert w.user.password.text() == "" and w.user.confirm.text() == ""
    assert check_window(qtbot, w) == []
    # the demo has its own study home and export folder beside its data folder
    assert (tmp_path / "demo-study-home").is_dir() and (tmp_path / "demo-export").is_dir()
    assert Workspace.exists(tmp_path / "demo") and not Workspace.exists(tmp_path / "real")

    # Finishing needs "I have stored it safely"; Escape does nothing here
    qtbot.keyClick(w.key.finish_button, Qt.Key.Key_Escape)
    assert w.isVisible() and w.stack.currentWidget() is w.key
    qtbot.mouseClick(w.key.finish_button, Qt.MouseButton.LeftButton)
    assert "I have stored it safely" in w.key.notice.message()
    assert QApplication.focusWidget() is w.key.stored
    qtbot.keyClick(w.key.stored, Qt.Key.Key_Space)
    assert w.key.stored.isChecked()
    with qtbot.waitSignal(w.completed, timeout=5000) as signal:
        qtbot.mouseClick(w.key.finish_button, Qt.MouseButton.LeftButton)
    unlocked = signal.args[0]
    assert not unlocked.locked and unlocked.actor == "ann"  # ends signed in
    assert w.key.key_label.text() == ""
    unlocked.lock()
    unlocked.workspace.unlock_with_recovery(key).lock()


def test_save_and_print_the_recovery_sheet(qtbot, make_wizard, tasks, tmp_path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    w = make_wizard(demo=True)
    set_up_demo(qtbot, w, tasks)
    target = tmp_path / "sheet"
    w.ask_save_path = lambda _parent: str(target)
    qtbot.mouseClick(w.key.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    saved = tmp_path / "sheet.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert "Saved to" in w.key.notice.message()
    ws = w._done.workspace
    with ws.transaction() as tx:
        events = tx.audit_log.events()
    sheet = [e for e in events if e.entity == "recovery_sheet"]
    assert [e.action.value for e in sheet] == ["export"]
    assert sheet[0].details == {"file": "sheet.pdf"}

    printed = tmp_path / "printed.pdf"

    def printer(_parent):
        p = QPrinter(QPrinter.PrinterMode.HighResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(printed))
        return p

    w.ask_printer = printer
    qtbot.mouseClick(w.key.print_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    assert w.key.notice.message() == "The recovery sheet was sent to the printer."
    assert printed.read_bytes().startswith(b"%PDF") and printed.stat().st_size > 20_000

    w.ask_printer = lambda _parent: None  # cancelled: nothing happens
    qtbot.mouseClick(w.key.print_button, Qt.MouseButton.LeftButton)
    assert not tasks.busy


def test_weak_or_different_passwords_are_refused(qtbot, make_wizard, tasks, tmp_path) -> None:
    w = make_wizard(demo=True)
    to_user_page(qtbot, w)
    fill_user(qtbot, w, password="short")
    assert w.user.meter.text() == "Not yet: 5 of 12 characters, or 1 of 4 words."
    qtbot.mouseClick(w.user.setup_button, Qt.MouseButton.LeftButton)
    assert w.user.error.message().startswith("Choose a stronger password")
    assert QApplication.focusWidget() is w.user.password.edit
    w.user.password.clear()
    qtbot.keyClicks(w.user.password.edit, PASSWORD)
    w.user.confirm.clear()
    qtbot.keyClicks(w.user.confirm, PASSWORD + "!")
    qtbot.mouseClick(w.user.setup_button, Qt.MouseButton.LeftButton)
    assert w.user.error.message() == "The two passwords are different. Type it again."
    assert not tasks.busy and not Workspace.exists(tmp_path / "demo")


def test_user_page_tab_order(qtbot, make_wizard) -> None:
    w = make_wizard(demo=True)
    to_user_page(qtbot, w)
    u = w.user
    order = [u.user, u.password.edit, u.password.toggle, u.confirm, u.back_button, u.setup_button]
    assert check_tab_order(qtbot, order) == []


@pytest.fixture
def package_file(tmp_path, cheap, demo_study) -> Path:
    from sylcollect.sync.study_home import StudyHome

    home, _keys, _key = StudyHome.create(tmp_path / "home", demo_study, PASSWORD)
    return home.package_path


def test_study_package_path(qtbot, make_wizard, tasks, tmp_path, package_file) -> None:
    from sylcollect.sync.device import installed_package, read_new_package

    w = make_wizard(demo=False)
    assert w.choose.package.isChecked()
    qtbot.keyClick(w.choose.package, Qt.Key.Key_Down)  # arrows move inside the group
    assert w.choose.demo.isChecked()
    qtbot.keyClick(w.choose.demo, Qt.Key.Key_Up)
    assert w.choose.package.isChecked()
    qtbot.mouseClick(w.choose.next_button, Qt.MouseButton.LeftButton)
    assert w.stack.currentWidget() is w.package
    assert check_window(qtbot, w) == []

    qtbot.mouseClick(w.package.next_button, Qt.MouseButton.LeftButton)
    assert w.package.error.message() == "Choose the study package file first."
    w.ask_package = lambda _parent: str(package_file)
    qtbot.mouseClick(w.package.browse_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    expected = read_new_package(package_file).signing_fingerprint
    shown = w.package.fingerprint.text().replace(" ", "")
    assert shown == "".join(ch for ch in expected if ch.isalnum())
    assert "package version 1" in w.package.details_text.text()
    assert check_window(qtbot, w) == []

    qtbot.mouseClick(w.package.next_button, Qt.MouseButton.LeftButton)
    assert "tick that it matches" in w.package.error.message()
    qtbot.keyClick(w.package.matches, Qt.Key.Key_Space)
    qtbot.mouseClick(w.package.next_button, Qt.MouseButton.LeftButton)
    assert w.stack.currentWidget() is w.user
    assert "Demo" in w.user.study.text() or w.user.study.text().startswith("Study:")
    fill_user(qtbot, w)
    qtbot.mouseClick(w.user.setup_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    assert w.stack.currentWidget() is w.key
    installed = installed_package(w._done.workspace)
    assert installed is not None and installed.signing_fingerprint == expected
    assert Workspace.exists(tmp_path / "real")


def test_a_file_that_is_not_a_package(qtbot, make_wizard, tasks, tmp_path) -> None:
    bad = tmp_path / "bad.sylpkg"
    bad.write_bytes(b"not a package")
    w = make_wizard(demo=False)
    qtbot.mouseClick(w.choose.next_button, Qt.MouseButton.LeftButton)
    w.ask_package = lambda _parent: str(bad)
    qtbot.mouseClick(w.package.browse_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    assert w.package.error.message().startswith("This file can't be used as a study package.")
    assert not w.package.fingerprint.isVisible()
    qtbot.keyClick(w.package.browse_button, Qt.Key.Key_Escape)  # Escape goes back one step
    assert w.stack.currentWidget() is w.choose


def test_demo_set_up_before_opens_the_unlock_window(qtbot, make_wizard, demo_folder) -> None:
    from ui.windows.first_run import FirstRunWizard

    w = FirstRunWizard(demo_folder.path.parent / "real", None, demo_dir=demo_folder.path, demo=True)  # type: ignore[arg-type]
    show(qtbot, w)
    with qtbot.waitSignal(w.open_existing, timeout=2000) as signal:
        qtbot.mouseClick(w.choose.next_button, Qt.MouseButton.LeftButton)
    assert signal.args[0] == demo_folder.path


def test_closing_on_the_key_page_warns_once(qtbot, make_wizard, tasks) -> None:
    w = make_wizard(demo=True)
    set_up_demo(qtbot, w, tasks)
    ws = w._done.workspace
    w.close()
    assert w.isVisible() and "shown only once" in w.key.notice.message()
    w.close()
    wait_idle(qtbot, tasks)
    assert not w.isVisible() and ws.locked


def test_controller_runs_the_wizard_and_ends_on_the_dashboard(qtbot, tmp_path, tasks, cheap):
    from ui.app import AppController
    from ui.windows.first_run import FirstRunWizard
    from ui.windows.main_window import MainWindow

    controller = AppController(tmp_path / "real", demo=False, tasks=tasks, demo_dir=tmp_path / "d")
    controller.start()
    w = controller.window
    assert isinstance(w, FirstRunWizard) and w.choose.package.isChecked()
    qtbot.waitExposed(w)
    w.choose.demo.setChecked(True)
    qtbot.mouseClick(w.choose.next_button, Qt.MouseButton.LeftButton)
    fill_user(qtbot, w)
    qtbot.mouseClick(w.user.setup_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tasks)
    w.key.stored.setChecked(True)
    qtbot.mouseClick(w.key.finish_button, Qt.MouseButton.LeftButton)
    main = controller.window
    assert isinstance(main, MainWindow) and controller.unlocked is not None
    qtbot.waitUntil(lambda: main.home is not None and main.home.summary is not None, timeout=15000)
    controller.lock_now("sleep")  # what the session watch asks for on suspend
    wait_idle(qtbot, tasks)
    assert controller.unlocked is None
    controller.shutdown()
