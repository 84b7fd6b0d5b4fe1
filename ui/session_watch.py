"""Asks for a lock when the computer goes to sleep, the screen locks, or the app is suspended.

DESIGN.md §3: the workspace locks on system suspend and screen lock, not only after idle.

- Every platform: `QGuiApplication.applicationStateChanged` → `Qt.ApplicationSuspended`
  (mobile-style suspension; desktop platforms that report it).
- Linux, through QtDBus (part of PySide6-Essentials): logind's `PrepareForSleep(true)` on the
  system bus (suspend and hibernate), logind's session `Lock` signal (`loginctl lock-session`,
  most desktops' lock screens), and `ActiveChanged(true)` of the freedesktop, GNOME, Cinnamon
  and MATE screensaver interfaces on the session bus. A bus that isn't there (a container, a
  minimal window manager, Windows, macOS) is skipped quietly: idle auto-lock still applies.

Sources are plain Qt signals carrying a bool, so tests add a fake one with `add_source`.
GUI thread only.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import SLOT, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)

SUSPENDED = "suspended"
SLEEP = "sleep"
SCREEN_LOCK = "screen_lock"

LOGIND = ("org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager")
LOGIND_SESSION = "org.freedesktop.login1.Session"
SCREENSAVERS = (
    ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
    ("/org/cinnamon/ScreenSaver", "org.cinnamon.ScreenSaver"),
    ("/org/mate/ScreenSaver", "org.mate.ScreenSaver"),
)


class SessionWatch(QObject):
    """Emits `lock_requested(reason)` on suspend, sleep or screen lock. GUI thread only."""

    lock_requested = Signal(str)

    def __init__(
        self,
        app: QGuiApplication | None = None,
        *,
        dbus: bool = True,
        system_bus: Any = None,
        session_bus: Any = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.listening: list[str] = []  # what is being watched, for logs and tests
        app = app or QGuiApplication.instance()  # type: ignore[assignment]
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)
            self.listening.append("application state")
        if dbus and (system_bus is not None or session_bus is not None or _linux()):
            self._listen_dbus(system_bus, session_bus)

    # --- sources ------------------------------------------------------------------------
    def add_source(self, signal: Any, reason: str) -> None:
        """Locks when `signal(bool)` fires with True (e.g. a fake source in tests)."""
        signal.connect(lambda active, reason=reason: self._fired(bool(active), reason))
        self.listening.append(reason)

    def _listen_dbus(self, system_bus: Any, session_bus: Any) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # pragma: no cover - QtDBus ships with PySide6-Essentials
            log.info("QtDBus unavailable: no lock on suspend or screen lock")
            return
        system = system_bus if system_bus is not None else QDBusConnection.systemBus()
        session = session_bus if session_bus is not None else QDBusConnection.sessionBus()
        if system.isConnected():
            service, path, interface = LOGIND
            if system.connect(
                service, path, interface, "PrepareForSleep", self, SLOT("_sleeping(bool)")
            ):
                self.listening.append("logind sleep")
            if system.connect(service, "", LOGIND_SESSION, "Lock", self, SLOT("_session_lock()")):
                self.listening.append("logind session lock")
        else:
            log.info("no D-Bus system bus: no lock on suspend through logind")
        if session.isConnected():
            for path, interface in SCREENSAVERS:
                if session.connect(
                    "", path, interface, "ActiveChanged", self, SLOT("_screensaver(bool)")
                ):
                    self.listening.append(interface)
        else:
            log.info("no D-Bus session bus: no lock on screen lock through the screensaver")

    # --- handlers -----------------------------------------------------------------------
    @Slot(Qt.ApplicationState)
    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.lock_requested.emit(SUSPENDED)

    @Slot(bool)
    def _sleeping(self, starting: bool) -> None:
        self._fired(starting, SLEEP)

    @Slot()
    def _session_lock(self) -> None:
        self._fired(True, SCREEN_LOCK)

    @Slot(bool)
    def _screensaver(self, active: bool) -> None:
        self._fired(active, SCREEN_LOCK)

    def _fired(self, active: bool, reason: str) -> None:
        if active:
            log.info("locking: %s", reason)
            self.lock_requested.emit(reason)


def _linux() -> bool:
    return sys.platform.startswith("linux")
