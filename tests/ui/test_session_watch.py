# ruff: noqa: F811 - pytest fixtures imported from test_participants_support
"""Lock on suspend and screen lock: fake signal sources, the application state, and (where
dbus-daemon exists) real D-Bus signals on a private bus."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from test_participants_support import prefs, unlocked  # noqa: F401 - fixtures
from ui_helpers import show, wait_idle


class FakeSource(QObject):
    """Stands in for logind or a screensaver: a signal carrying 'active'."""

    changed = Signal(bool)


def test_a_fake_source_asks_for_a_lock_only_when_active(qapp) -> None:
    from ui.session_watch import SCREEN_LOCK, SessionWatch

    watch = SessionWatch(qapp, dbus=False)
    source = FakeSource()
    watch.add_source(source.changed, SCREEN_LOCK)
    got: list[str] = []
    watch.lock_requested.connect(got.append)
    source.changed.emit(False)  # the screen unlocked: nothing to do
    assert got == []
    source.changed.emit(True)
    assert got == [SCREEN_LOCK]
    assert SCREEN_LOCK in watch.listening


def test_application_suspended_asks_for_a_lock(qapp) -> None:
    from ui.session_watch import SUSPENDED, SessionWatch

    watch = SessionWatch(qapp, dbus=False)
    got: list[str] = []
    watch.lock_requested.connect(got.append)
    watch._state_changed(Qt.ApplicationState.ApplicationActive)
    watch._state_changed(Qt.ApplicationState.ApplicationInactive)  # another window: no lock
    assert got == []
    watch._state_changed(Qt.ApplicationState.ApplicationSuspended)
    assert got == [SUSPENDED]


def test_no_bus_is_skipped_quietly(qapp) -> None:
    from ui.session_watch import SessionWatch

    class NoBus:
        def isConnected(self) -> bool:
            return False

    watch = SessionWatch(qapp, system_bus=NoBus(), session_bus=NoBus())
    assert watch.listening == ["application state"]


def test_the_main_window_locks_when_the_watch_fires(qtbot, unlocked, tasks) -> None:
    from ui.session_watch import SLEEP, SessionWatch
    from ui.windows.main_window import MainWindow

    window = MainWindow(unlocked, tasks, 60_000)
    show(qtbot, window)
    watch = SessionWatch(dbus=False)
    source = FakeSource()
    watch.add_source(source.changed, SLEEP)
    watch.lock_requested.connect(lambda _reason: window.lock())
    with qtbot.waitSignal(window.locked, timeout=3000):
        source.changed.emit(True)
    wait_idle(qtbot, tasks)
    assert unlocked.locked and window.workspace is None


DBUS_SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from PySide6.QtDBus import QDBusConnection, QDBusMessage
    from ui.session_watch import SessionWatch

    app = QApplication([])
    bus = QDBusConnection.sessionBus()
    watch = SessionWatch(app, system_bus=bus, session_bus=bus)  # the session bus plays both
    got = []
    watch.lock_requested.connect(got.append)
    logind = QDBusConnection.connectToBus(QDBusConnection.BusType.SessionBus, "fake-logind")
    assert logind.registerService("org.freedesktop.login1")

    def emit(path, interface, name, *args):
        message = QDBusMessage.createSignal(path, interface, name)
        message.setArguments(list(args))
        logind.send(message)

    def send():
        emit("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep", False)
        emit("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep", True)
        emit("/org/freedesktop/login1/session/_31", "org.freedesktop.login1.Session", "Lock")
        emit("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", False)
        emit("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged", True)

    QTimer.singleShot(200, send)
    QTimer.singleShot(2000, app.quit)
    app.exec()
    print(",".join(got))
    """
)


@pytest.mark.skipif(
    not (sys.platform.startswith("linux") and shutil.which("dbus-run-session")),
    reason="needs dbus-daemon (Debian: dbus-daemon / dbus)",
)
def test_real_dbus_signals_on_a_private_bus(tmp_path) -> None:
    script = tmp_path / "watch.py"
    script.write_text(DBUS_SCRIPT)
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = {**os.environ, "PYTHONPATH": repo, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        ["dbus-run-session", "--", sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "sleep,screen_lock,screen_lock"
