"""The Sync page and the SyncWatch: sync now, a missing target, auto-sync, package update."""

# ruff: noqa: F811 - pytest fixtures imported from test_sync_support

from __future__ import annotations

from a11y import check_window
from PySide6.QtCore import Qt
from test_sync_support import (
    FakeTarget,
    enrol,
    fake_factory,
    laptop,  # noqa: F401 - fixture
    services_for,
    settings,
)
from ui_helpers import show, wait_idle

from sylcollect.sync import outbox


def make_watch(lap, tasks, **kw):
    from ui.sync_watch import SyncSettings, SyncWatch

    services = services_for(lap.ws, tasks, lap.tmp)
    kw.setdefault("network", False)
    watch = SyncWatch(services, settings=SyncSettings(settings(lap.tmp)), **kw)
    return services, watch


def make_page(qtbot, lap, tasks, **kw):
    from ui.pages.sync import SyncPage

    services, watch = make_watch(lap, tasks, **kw)
    page = SyncPage(services, watch)
    page.resize(1000, 760)
    show(qtbot, page)
    qtbot.waitUntil(lambda: page.data is not None and watch.state.status is not None, timeout=15000)
    return page


def type_target(page, text: str) -> None:
    """As a user typing in the target box (setText alone is not an edit)."""
    page.target_edit.setText(text)
    page.target_edit.setModified(True)


def test_sync_now_writes_a_bundle_and_nothing_waits(qtbot, laptop, tasks) -> None:
    import shutil

    enrol(laptop.ws, "DH-001", "DH-002")
    # The demo remembers its own export folder; unplug it so the watcher can't sync there
    # by itself before the user picks the USB stick and presses Sync now.
    shutil.rmtree(laptop.export)
    folder = laptop.tmp / "usb"
    folder.mkdir()
    page = make_page(qtbot, laptop, tasks)
    assert page.watch.state.waiting == 2
    assert page.waiting.text().startswith("2 change(s) waiting to sync")
    type_target(page, str(folder))
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.notice.kind == "success", timeout=15000)
    wait_idle(qtbot, tasks)
    qtbot.waitUntil(lambda: page.watch.state.waiting == 0 and page.model.rowCount() == 1)
    assert [p.suffix for p in folder.iterdir()] == [".sylb"]
    assert page.waiting.text() == "Everything is synced."
    assert page.notice.message() == "1 bundle(s) delivered."
    assert page.model.rows[0].state == "sent" and page.model.rows[0].sequence == 1
    assert page.watch.settings.target == str(folder)  # remembered in QSettings
    assert "Last sync: " in page.last_sync.text()


def test_missing_target_says_so_and_keeps_the_outbox(qtbot, laptop, tasks) -> None:
    import shutil

    enrol(laptop.ws, "DH-001")
    shutil.rmtree(laptop.export)  # no auto-sync to the demo's own folder meanwhile
    missing = laptop.tmp / "unplugged-usb"
    page = make_page(qtbot, laptop, tasks)
    type_target(page, str(missing))
    qtbot.keyClick(
        page.target_edit,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: page.notice.kind == "error", timeout=15000)
    wait_idle(qtbot, tasks)
    text = page.notice.message()
    assert "is not there (is the USB stick or network share connected?)" in text
    assert "the changes still wait" in text
    assert not missing.exists()
    st = outbox.status(laptop.ws)
    assert st.waiting.changes == 1 and st.last_sequence == 0
    assert page.watch.summary()[:2] == ["Offline", "1 waiting to sync"]
    assert "Last sync failed" in page.watch.summary()


def test_sync_now_during_a_sync_follows_it_to_the_new_target(qtbot, laptop, tasks) -> None:
    """Pressing Sync now while a sync runs (say the automatic one) is not dropped: it runs
    when that one ends, to the target typed meanwhile, and the page says it will."""
    page = make_page(qtbot, laptop, tasks)  # nothing waits: no automatic sync starts
    qtbot.waitUntil(lambda: page.watch.state.online is not None)
    wait_idle(qtbot, tasks)
    page.watch.auto = False
    enrol(laptop.ws, "DH-001")
    page.watch.set_target(str(laptop.export))
    assert page.watch.sync_now()  # as the automatic sync would
    second = laptop.tmp / "second-usb"
    second.mkdir()
    type_target(page, str(second))
    delivered = []
    page.watch.synced.connect(lambda r: delivered.append(r))
    page.main_action.trigger()  # Ctrl+Shift+S while the first sync runs
    assert page.watch.queued
    assert page.notice.message() == "A sync is running. Yours starts as soon as it ends."
    qtbot.waitUntil(lambda: len(delivered) == 2, timeout=15000)
    wait_idle(qtbot, tasks)
    assert not page.watch.queued and not page.watch.state.syncing
    assert [len(r.delivered) for r in delivered] == [1, 0]  # the first sent it all
    assert outbox.status(laptop.ws).target == str(second)  # the second went to the new one
    assert page.notice.kind == "success"


def test_auto_sync_when_the_target_becomes_reachable(qtbot, laptop, tasks) -> None:
    enrol(laptop.ws, "DH-001", "DH-002", "DH-003")
    FakeTarget.up = False
    _services, watch = make_watch(laptop, tasks, factory=fake_factory, interval_ms=3_600_000)
    watch.set_target(str(laptop.export))
    states = []
    watch.state_changed.connect(states.append)
    watch.check_now()
    qtbot.waitUntil(lambda: watch.state.online is False and watch.state.status is not None)
    wait_idle(qtbot, tasks)
    assert watch.summary() == ["Offline", "3 waiting to sync"]
    assert list(laptop.export.glob("*.sylb")) == []

    FakeTarget.up = True
    with qtbot.waitSignal(watch.synced, timeout=15000):
        watch.timer.timeout.emit()  # the minute tick
    wait_idle(qtbot, tasks)
    qtbot.waitUntil(lambda: watch.state.waiting == 0, timeout=5000)
    assert len(list(laptop.export.glob("*.sylb"))) == 1
    summary = watch.summary()
    assert summary[:2] == ["Online", "All synced"] and summary[2].startswith("Synced ")
    assert any(s.syncing for s in states)

    # Nothing waiting: another tick does not sync again.
    watch.timer.timeout.emit()
    qtbot.wait(200)
    wait_idle(qtbot, tasks)
    assert len(list(laptop.export.glob("*.sylb"))) == 1


def test_watch_stops_after_lock(qtbot, laptop, tasks) -> None:
    services, watch = make_watch(laptop, tasks, factory=fake_factory)
    watch.start()
    assert watch.timer.isActive() and watch.timer.interval() == 60_000
    services.session.close()
    watch.check_now()
    assert not watch.timer.isActive()


def test_address_with_password_is_not_stored(qtbot, laptop, tasks) -> None:
    _services, watch = make_watch(laptop, tasks)
    assert not watch.set_target("https://ann:secret@files.example.org/syl")
    assert watch.settings.target == ""
    assert watch.target == "https://ann:secret@files.example.org/syl"
    ini = laptop.tmp / "sync.ini"
    assert not ini.exists() or "secret" not in ini.read_text()


def test_a_target_set_elsewhere_replaces_the_stale_one_shown(qtbot, laptop, tasks) -> None:
    """Settings (or the watcher) changes the target while the Sync page is open: the page
    shows the new one, and Sync now goes there instead of saving the old text back."""
    import shutil

    shutil.rmtree(laptop.export)
    enrol(laptop.ws, "DH-001")
    page = make_page(qtbot, laptop, tasks)
    wait_idle(qtbot, tasks)
    usb = laptop.tmp / "usb-from-settings"
    usb.mkdir()
    page.watch.set_target(str(usb))  # as the Settings page does
    assert page.target_edit.text() == str(usb)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.notice.kind == "success", timeout=15000)
    wait_idle(qtbot, tasks)
    assert [p.suffix for p in usb.iterdir()] == [".sylb"]
    assert page.watch.target == str(usb)


def test_a_password_address_never_stays_on_screen(qtbot, laptop, tasks) -> None:
    page = make_page(qtbot, laptop, tasks)
    wait_idle(qtbot, tasks)
    address = "https://ann:secret@files.example.org/syl"
    type_target(page, address)
    qtbot.keyClick(page.target_edit, Qt.Key.Key_Return)
    assert page.watch.target == address  # used until the lock
    assert page.target_edit.text() == "https://files.example.org/syl"
    assert "secret" not in page.target_edit.text() and "secret" not in page.connection.text()
    page.save_target()  # Enter again on the shown address keeps the one in use
    assert page.watch.target == address


def test_newer_package_installs_and_older_is_refused(qtbot, laptop, tasks) -> None:
    import shutil

    from ui_helpers import PASSWORD

    from sylcollect.sync.study_home import StudyHome

    home = StudyHome.open(laptop.study_home)
    v1 = laptop.tmp / "study-v1.sylpkg"
    shutil.copyfile(home.package_path, v1)
    home.publish(home.unlock(PASSWORD))
    page = make_page(qtbot, laptop, tasks)
    assert page.package_label.text() == "Study package version 1"
    page.update_from(home.package_path)
    qtbot.waitUntil(lambda: page.notice.kind == "success", timeout=15000)
    assert page.notice.message().startswith("Study package version 2 installed.")
    qtbot.waitUntil(lambda: page.package_label.text() == "Study package version 2")
    page.update_from(v1)
    qtbot.waitUntil(lambda: page.notice.kind == "error", timeout=15000)
    text = page.notice.message()
    assert text.startswith("That study package was not installed.")
    assert "older than the installed version" in text


def test_sync_page_accessibility(qtbot, laptop, tasks) -> None:
    page = make_page(qtbot, laptop, tasks)
    assert check_window(qtbot, page) == []


def test_main_window_status_bar_syncs_by_itself(qtbot, laptop, tasks, tmp_path) -> None:
    """The demo laptop remembers its export folder: unlocking syncs what waits, by itself."""
    from ui.pages.settings_prefs import Preferences
    from ui.windows.main_window import MainWindow

    enrol(laptop.ws, "DH-001", "DH-002")
    window = MainWindow(laptop.ws, tasks, 60_000, Preferences(settings(tmp_path, "p.ini")))
    show(qtbot, window)
    qtbot.waitUntil(lambda: len(list(laptop.export.glob("*.sylb"))) == 1, timeout=20000)
    qtbot.waitUntil(lambda: window.status.text().startswith("Online · All synced · Synced "))
    assert "Signed in as ann" in window.status.text()
    window.show_page("sync")
    page = window.page("sync")
    assert page.watch is window.sync_watch
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    window.lock()
    wait_idle(qtbot, tasks)
    assert window.status.text() == "Locked" and not window.sync_watch.timer.isActive()
    assert page.model.rowCount() == 0
