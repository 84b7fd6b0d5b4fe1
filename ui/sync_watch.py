"""Watches the export target: online or not, what waits, and syncs by itself when it can.

One `SyncWatch` per unlocked session (`watch_for(services)`), shared by the status bar and
the Sync page so a manual and an automatic sync never overlap. Every minute, and when the
network changes (QNetworkInformation where a backend exists, else the timer only), it asks
the target whether it is reachable on a private probe thread (an HTTPS check can take
seconds and must not hold up the workspace's worker), then reads the outbox status on the
workspace's worker. When the target is reachable and changes wait, it syncs through the
same worker. Nothing here blocks the GUI thread.

The target text lives in QSettings (`SyncSettings`): a folder path or an https:// address,
never data and never a password; an address with a password in it is kept in memory only.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync import outbox
from sylcollect.sync.outbox import SyncResult, SyncStatus
from sylcollect.sync.targets import Target, target_from
from ui import messages
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from ui.nav import Services

KEY_TARGET = "sync/target"
CHECK_MS = 60_000

TargetFactory = Callable[[str], Target]


def has_password(text: str) -> bool:
    """Whether an address carries credentials (user:password@host): never stored."""
    return "@" in urlsplit(text).netloc


class SyncSettings:
    """The export target in QSettings (a path or an address without a password). GUI thread."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings()

    @property
    def target(self) -> str:
        return str(self._settings.value(KEY_TARGET, "") or "")

    def set_target(self, text: str) -> bool:
        """Stores `text`; returns False (and stores nothing) if it holds a password."""
        if has_password(text):
            return False
        self._settings.setValue(KEY_TARGET, text)
        return True


@dataclass(frozen=True)
class SyncState:
    """What the status bar and the Sync page show. `online` is None until first checked."""

    target: str = ""
    online: bool | None = None
    status: SyncStatus | None = None
    syncing: bool = False
    error: str = ""
    checked_at: datetime | None = None

    @property
    def can_sync(self) -> bool:
        """A study package is installed (a workspace made without one has nothing to seal to)."""
        return self.status is not None and self.status.study_version is not None

    @property
    def waiting(self) -> int:
        if self.status is None:
            return 0
        return self.status.waiting.changes + self.status.staged


def run_sync(ws: UnlockedWorkspace, text: str, factory: TargetFactory) -> SyncResult:
    """Worker thread: one sync to `text`, remembered in the workspace as the CLI does."""
    remember = None if has_password(text) else text
    return outbox.sync(ws, factory(text), remember_as=remember)


class SyncWatch(QObject):
    """Checks reachability, reads the outbox status and syncs when online. GUI-thread API."""

    state_changed = Signal(object)  # SyncState
    synced = Signal(object)  # SyncResult
    failed = Signal(str)  # a plain message

    def __init__(
        self,
        services: Services,
        *,
        settings: SyncSettings | None = None,
        factory: TargetFactory = target_from,
        interval_ms: int = CHECK_MS,
        clock: Callable[[], datetime] = datetime.now,
        network: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.settings = settings or SyncSettings()
        self.factory = factory
        self._clock = clock
        self._memory_target = ""  # an address with a password: this session only
        self.auto = True
        self.state = SyncState(target=self.settings.target)
        self._probe = TaskRunner(self)  # its own thread: probes never wait behind saves
        self._probing = False
        self._again = False  # "Sync now" pressed while a sync ran: run once more after it
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check_now)
        info = _network_information() if network else None
        if info is not None:
            info.reachabilityChanged.connect(self._network_changed)

    # --- target -----------------------------------------------------------------------
    @property
    def target(self) -> str:
        return self._memory_target or self.settings.target or self._remembered()

    def _remembered(self) -> str:
        st = self.state.status
        return st.target or "" if st is not None else ""

    def set_target(self, text: str) -> bool:
        """Uses `text` from now on; returns whether it was stored (False: memory only)."""
        text = text.strip()
        stored = self.settings.set_target(text)
        self._memory_target = "" if stored else text
        self._set(target=self.target, online=None, error="")
        return stored

    # --- lifecycle --------------------------------------------------------------------
    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self, self.check_now)

    def stop(self) -> None:
        self.timer.stop()

    @property
    def _open(self) -> bool:
        return self._services.session.open

    # --- checking ---------------------------------------------------------------------
    def _network_changed(self, *_args: object) -> None:
        QTimer.singleShot(1000, self, self.check_now)  # let the new network settle

    def refresh(self) -> None:
        """Re-reads the outbox status on the workspace's worker."""
        if not self._open:
            return
        self._services.run(
            outbox.status,
            self._services.workspace,
            on_done=self._status_read,
            on_error=lambda _exc: None,  # a workspace that can't sync shows no sync facts
            context=self,
        )

    def check_now(self) -> None:
        """Probes the target (off the GUI thread), then re-reads the status; may sync."""
        if not self._open:
            self.stop()
            return
        text = self.target
        if not text:
            self._set(online=None)
            self.refresh()
            return
        if self._probing:
            return
        self._probing = True
        self._probe.run(_reachable, self.factory, text, on_done=self._probed, context=self)

    def _probed(self, online: bool) -> None:
        self._probing = False
        if not self._open:
            return
        self._set(online=online, checked_at=self._clock())
        self.refresh()

    def _status_read(self, status: SyncStatus) -> None:
        error = self.state.error or (status.last_failure or "")
        self.state = replace(self.state, status=status)  # `target` may come from it
        self._set(target=self.target, error=error)
        st = self.state
        if st.online is None and st.target and st.can_sync:
            self.check_now()  # the target just became known (remembered by the workspace)
        elif self.auto and st.online and st.can_sync and st.waiting and not st.syncing:
            self.sync_now()

    # --- syncing ----------------------------------------------------------------------
    def sync_now(self) -> bool:
        """Starts a sync on the workspace's worker; False if there's no target, or if one
        runs already (then this one follows it, so a target changed meanwhile, or a change
        saved meanwhile, is sent without pressing again)."""
        text = self.target
        if not text or not self._open:
            return False
        if self.state.syncing:
            self._again = True
            return False
        self._set(syncing=True, error="")
        self._services.run(
            run_sync,
            self._services.workspace,
            text,
            self.factory,
            on_done=self._synced,
            on_error=self._sync_failed,
            context=self,
        )
        return True

    def _synced(self, result: SyncResult) -> None:
        self._set(syncing=False, online=True, error="")
        self.synced.emit(result)
        self._follow_up()

    def _sync_failed(self, exc: BaseException) -> None:
        text = messages.message_for(exc, "sync")
        self._set(syncing=False, error=text, online=False if _is_target(exc) else None)
        self.failed.emit(text)
        self._follow_up()

    @property
    def queued(self) -> bool:
        """Whether another sync waits for the running one to end."""
        return self._again

    def _follow_up(self) -> None:
        if self._again:
            self._again = False
            if self.sync_now():
                return
        self.refresh()

    def _set(self, **changes: object) -> None:
        self.state = replace(self.state, **changes)  # type: ignore[arg-type]
        self.state_changed.emit(self.state)

    # --- status bar -------------------------------------------------------------------
    def summary(self) -> list[str]:
        """Status-bar parts: "Online", "3 waiting to sync", "Synced 14:02"."""
        st = self.state
        parts = [self.tr("Online") if st.online else self.tr("Offline")]
        if not st.can_sync or st.status is None:
            return parts
        if st.syncing:
            parts.append(self.tr("Syncing…"))
        elif st.waiting:
            parts.append(self.tr("%n waiting to sync", "", st.waiting))
        else:
            parts.append(self.tr("All synced"))
        if st.error and not st.syncing:
            parts.append(self.tr("Last sync failed"))
        elif st.status.last_sync_at:
            parts.append(self.tr("Synced {time}").format(time=short_time(st.status.last_sync_at)))
        return parts


def _reachable(factory: TargetFactory, text: str) -> bool:
    try:
        return factory(text).reachable()
    except Exception:  # an address we can't even parse is not reachable
        return False


def _is_target(exc: BaseException) -> bool:
    from sylcollect.sync.targets import TargetError

    return isinstance(exc, TargetError)


def short_time(iso: str) -> str:
    """'2026-03-01T14:02:11+00:00' -> '14:02' (local time) or the date if not today."""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    local = when.astimezone() if when.tzinfo else when
    if local.date() == datetime.now().date():
        return local.strftime("%H:%M")
    return local.strftime("%d %b %H:%M")


def _network_information() -> QObject | None:
    """Qt's network information with reachability, or None (then the timer alone checks)."""
    try:
        from PySide6.QtNetwork import QNetworkInformation
    except ImportError:
        return None
    try:
        feature = QNetworkInformation.Feature.Reachability
        loaded = QNetworkInformation.loadBackendByFeatures(feature)
    except Exception:
        return None
    return QNetworkInformation.instance() if loaded else None


_WATCHES: weakref.WeakKeyDictionary[object, SyncWatch] = weakref.WeakKeyDictionary()


def watch_for(services: Services, parent: QObject | None = None, **kw: object) -> SyncWatch:
    """The session's one SyncWatch, made (and started) the first time it is asked for."""
    watch = _WATCHES.get(services.session)
    if watch is not None:
        import shiboken6

        if shiboken6.isValid(watch):
            return watch
    watch = SyncWatch(services, parent=parent, **kw)  # type: ignore[arg-type]
    _WATCHES[services.session] = watch
    watch.start()
    return watch
