"""The main window after unlocking: navigation rail, pages, status bar, privacy screen, Lock.

Pages come from the registry in ui/nav.py and are built lazily with their Services. Locking
(button, Ctrl+L, idle) clears every page that was built, closes open dialogs (hidden ones
too), empties the clipboard if what it holds was copied here, drops the keys and emits
`locked`. The privacy and lock keys work from every window of the app while it is unlocked,
dialogs included (an application event filter: a modal dialog blocks the window's own
shortcuts). The window's title never holds data; only geometry goes to QSettings.
"""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from sylcollect.domain.study import Study
from sylcollect.storage.workspace import RECOVERY_USER, UnlockedWorkspace
from ui import icons, messages, theme
from ui.dialogs.form_dialog import FormDialog
from ui.idle import IdleWatcher
from ui.nav import PageSpec, Services, pages_for
from ui.pages.settings_prefs import KEY_AUTO_LOCK, KEY_SITE, Preferences
from ui.sync_watch import SyncWatch, watch_for
from ui.tasks import TaskRunner
from ui.widgets.basics import BusyRow, Notice
from ui.windows import geometry
from ui.windows.privacy import (
    PRIVACY_SHORTCUTS,
    OpenDialogs,
    PrivacyScreen,
    StaffKeys,
    clear_owned_clipboard,
)
from ui.windows_away import WindowsAway

LOCK_SHORTCUT = QKeySequence("Ctrl+L")


@dataclass(frozen=True)
class SessionFacts:
    """Read once after unlocking, on the worker thread: the user's role and the study."""

    role: str
    study: Study


def session_facts(ws: UnlockedWorkspace) -> SessionFacts:
    return SessionFacts(ws.user_role(), ws.study)


def native(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.SequenceFormat.NativeText)


class MainWindow(QMainWindow):
    """Holds the UnlockedWorkspace until Lock (button, Ctrl+L, idle); GUI thread only."""

    locked = Signal()

    def __init__(
        self,
        workspace: UnlockedWorkspace,
        tasks: TaskRunner,
        idle_ms: int | None = None,
        prefs: Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("SYL Collect"))  # never data in the title
        self._ws: UnlockedWorkspace | None = workspace
        self._tasks = tasks
        self.prefs = prefs or Preferences(parent=self)
        self.closing = False  # set when the window closes (the app quits, no unlock window)
        self.services: Services | None = None
        self.sync_watch: SyncWatch | None = None
        self.specs: list[PageSpec] = []
        self.pages: dict[str, QWidget] = {}
        self._build_actions()
        self._build_layout()
        self.privacy = PrivacyScreen(workspace, tasks, self)
        self.privacy.resumed.connect(self._uncover)
        self.privacy.lock_requested.connect(self.lock)
        self.away = WindowsAway()  # the app's other windows while the privacy screen is up
        self.keys = StaffKeys(self, (LOCK_SHORTCUT,))
        self.keys.privacy_requested.connect(self.cover)
        self.keys.lock_requested.connect(self.lock)
        self.keys.install()
        self.dialogs = OpenDialogs(self)  # to close on lock, even where something hid them

        self.status = QLabel(self)
        self.statusBar().addWidget(self.status, 1)
        self.statusBar().setSizeGripEnabled(False)
        self._set_status()

        self._idle_ms = idle_ms if idle_ms is not None else self.prefs.auto_lock_ms
        self.idle = IdleWatcher(self._idle_ms, self)
        self.idle.idle.connect(self.lock)
        self.idle.start()
        self.prefs.changed.connect(self._pref_changed)

        self.resize(1180, 800)
        geometry.restore(self)
        self.busy.start(self.tr("Opening…"))
        tasks.run(
            session_facts, workspace, on_done=self._opened, on_error=self._failed, context=self
        )

    # --- building ---------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setShortcut(LOCK_SHORTCUT)
        self.lock_action.setStatusTip(self.tr("Lock the workspace: the keys leave memory"))
        self.lock_action.setToolTip(self.tr("Lock ({key})").format(key=native(LOCK_SHORTCUT)))
        self.lock_action.setIcon(icons.icon("lock", theme.current().text))
        self.lock_action.triggered.connect(self.lock)
        self.privacy_action = QAction(self.tr("&Hide screen"), self)
        self.privacy_action.setShortcuts(list(PRIVACY_SHORTCUTS))
        self.privacy_action.setToolTip(
            self.tr("Hide screen at once ({key} or {alt})").format(
                key=native(PRIVACY_SHORTCUTS[0]), alt=native(PRIVACY_SHORTCUTS[1])
            )
        )
        self.privacy_action.setIcon(icons.icon("eye-off", theme.current().text))
        self.privacy_action.triggered.connect(self.cover)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        for a in (self.lock_action, self.privacy_action, self.quit_action):
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(a)
        menu = self.menuBar().addMenu(self.tr("&Workspace"))
        menu.addAction(self.privacy_action)
        menu.addAction(self.lock_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        self.go_menu = self.menuBar().addMenu(self.tr("&Go"))
        self.go_actions: dict[str, QAction] = {}

    def _build_layout(self) -> None:
        self.toolbar = QToolBar(self.tr("Main tools"), self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.setIconSize(QSize(20, 20))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        name = QLabel(self.tr("SYL Collect"), self.toolbar)
        name.setProperty("role", "muted")
        name.setContentsMargins(8, 0, 8, 0)
        self.toolbar.addWidget(name)
        spacer = QWidget(self.toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addAction(self.privacy_action)
        self.toolbar.addAction(self.lock_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.privacy_button: QToolButton = self.toolbar.widgetForAction(self.privacy_action)  # type: ignore[assignment]
        self.lock_button: QToolButton = self.toolbar.widgetForAction(self.lock_action)  # type: ignore[assignment]
        for action, button in (
            (self.privacy_action, self.privacy_button),
            (self.lock_action, self.lock_button),
        ):
            button.setAccessibleName(action.text().replace("&", ""))
            button.setAccessibleDescription(action.toolTip())
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.rail = QListWidget(central)
        self.rail.setObjectName("navRail")
        self.rail.setAccessibleName(self.tr("Sections"))
        self.rail.setFixedWidth(210)
        self.rail.setIconSize(QSize(20, 20))
        self.rail.currentRowChanged.connect(self._rail_moved)
        self.stack = QStackedWidget(central)
        opening = QWidget()
        ocol = QHBoxLayout(opening)
        ocol.setContentsMargins(32, 32, 32, 32)
        self.busy = BusyRow(opening)
        self.error = Notice(opening)
        ocol.addWidget(self.busy, 1)
        ocol.addWidget(self.error, 1)
        self.stack.addWidget(opening)
        row.addWidget(self.rail, 0)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _opened(self, facts: SessionFacts) -> None:
        if self._ws is None:
            return
        self.busy.stop()
        self.services = Services(
            workspace=self._ws,
            tasks=self._tasks,
            study=facts.study,
            user=self._ws.actor,
            role=facts.role,
            prefs=self.prefs,
        )
        self.sync_watch = watch_for(self.services, self)
        self.sync_watch.state_changed.connect(lambda _state: self._set_status())
        self.specs = pages_for(facts.role)
        show_icons = all(spec.icon and _has_icon(spec.icon) for spec in self.specs)
        for n, spec in enumerate(self.specs, start=1):
            title = spec.translated_title()
            item = QListWidgetItem(title)
            if show_icons and spec.icon:
                item.setIcon(icons.icon(spec.icon, theme.current().text))
            action = QAction(title, self)
            if n <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+{n}"))
                item.setToolTip(f"{title} ({native(action.shortcut())})")
            action.triggered.connect(lambda _c=False, key=spec.key: self.show_page(key))
            self.addAction(action)
            self.go_menu.addAction(action)
            self.go_actions[spec.key] = action
            self.rail.addItem(item)
        self._set_status()
        if self.specs:
            self.rail.setCurrentRow(0)

    def _failed(self, exc: BaseException) -> None:
        if self._ws is not None:
            self.busy.stop()
            self.error.show_message("error", messages.message_for(exc, "open"))

    @property
    def workspace(self) -> UnlockedWorkspace | None:
        return self._ws

    # --- pages ------------------------------------------------------------------------
    def page(self, key: str) -> QWidget | None:
        """The page for `key`, built on first use (None if not in the registry)."""
        if key in self.pages:
            return self.pages[key]
        spec = next((s for s in self.specs if s.key == key), None)
        if spec is None or self.services is None:
            return None
        widget = spec.factory(self.services)
        handing_over = getattr(widget, "self_complete_active", None)
        if handing_over is not None:  # no auto-lock while a young person is answering
            handing_over.connect(self._pause_idle)
        follow_sync = getattr(widget, "follow_sync", None)
        if callable(follow_sync) and self.sync_watch is not None:
            follow_sync(self.sync_watch)  # Home's sync card shows what the status bar shows
        self.pages[key] = widget
        self.stack.addWidget(widget)
        return widget

    @property
    def home(self) -> QWidget | None:
        return self.page("home")

    def current_key(self) -> str:
        row = self.rail.currentRow()
        return self.specs[row].key if 0 <= row < len(self.specs) else ""

    def show_page(self, key: str) -> None:
        keys = [s.key for s in self.specs]
        if key in keys:
            if self.rail.currentRow() == keys.index(key):
                self._rail_moved(keys.index(key))
            else:
                self.rail.setCurrentRow(keys.index(key))

    def _rail_moved(self, row: int) -> None:
        if self._ws is None or not 0 <= row < len(self.specs):
            return
        widget = self.page(self.specs[row].key)
        if widget is None:
            return
        self.stack.setCurrentWidget(widget)
        activated = getattr(widget, "activated", None)
        if callable(activated):
            activated()

    # --- status and preferences -------------------------------------------------------
    def _set_status(self) -> None:
        if self._ws is None:
            self.status.setText(self.tr("Locked"))
            return
        if self._ws.actor == RECOVERY_USER:
            who = self.tr("Signed in with the recovery key")
        else:
            who = self.tr("Signed in as {user}").format(user=self._ws.actor)
        watch = self.sync_watch if self.services is not None else None
        parts = [*(watch.summary() if watch is not None else [self.tr("Offline")]), who]
        if self.services is not None:
            study = self.services.study
            site = study.site(self.prefs.site_id)
            if site is not None:
                parts.append(site.name)
            parts.append(self.tr("Study v{v}").format(v=study.version))
        self.status.setText(" · ".join(parts))

    def _pref_changed(self, key: str) -> None:
        if key == KEY_AUTO_LOCK and self._ws is not None:
            self.set_idle_ms(self.prefs.auto_lock_ms)
        elif key == KEY_SITE:
            self._set_status()

    def _pause_idle(self, active: bool) -> None:
        """Self-complete has no time-outs (UX.md): the fieldworker's password guards it.
        Nor staff shortcuts: its own window has its own hide key."""
        self.keys.enabled = not active
        if active:
            self.idle.stop()
        elif self._ws is not None:
            self.idle.start()

    def set_idle_ms(self, ms: int) -> None:
        """Restarts the idle watcher with a new auto-lock time."""
        self._idle_ms = ms
        self.idle.stop()
        self.idle.deleteLater()
        self.idle = IdleWatcher(ms, self)
        self.idle.idle.connect(self.lock)
        self.idle.start()

    @property
    def idle_ms(self) -> int:
        return self._idle_ms

    # --- privacy screen ---------------------------------------------------------------
    def cover(self) -> None:
        """Hides everything behind the neutral "Paused" screen at once: this window's pages,
        the app's other windows (dialogs) and the clipboard if it holds what was copied here."""
        if self._ws is None or self.privacy.covering:
            return
        self.away.put_away(keep=self)
        clear_owned_clipboard()
        self._set_covered(True)
        self.privacy.cover()
        self.raise_()
        self.activateWindow()

    def _uncover(self) -> None:
        self._set_covered(False)
        if self._ws is not None:
            self.away.bring_back()

    def _set_covered(self, covered: bool) -> None:
        for w in (self.menuBar(), self.toolbar, self.centralWidget()):
            w.setEnabled(not covered)
        for a in (self.privacy_action, *self.go_actions.values()):
            a.setEnabled(not covered)
        if not covered:
            widget = self.stack.currentWidget()
            (widget or self.rail).setFocus()

    # --- locking ----------------------------------------------------------------------
    def lock(self) -> None:
        """Clears every page, closes every open dialog (shown or hidden), empties the clipboard
        it filled, drops the keys (after queued work), emits `locked`."""
        ws, self._ws = self._ws, None
        if ws is None:
            return
        self.idle.stop()
        self.keys.remove()
        if self.sync_watch is not None:
            self.sync_watch.stop()
        self.privacy.release()
        self.away.close_all()  # dialogs the privacy screen had put away never come back
        clear_owned_clipboard()
        for dialog in self.findChildren(FormDialog):
            if shiboken6.isValid(dialog):
                dialog.discard()
        for dialog in self.findChildren(QDialog):
            if shiboken6.isValid(dialog) and dialog.isVisible():
                dialog.reject()
        self.dialogs.close_all()  # open but hidden ones too (self-complete hides them)
        if self.services is not None:
            self.services.session.close()
        for widget in self.pages.values():
            clear = getattr(widget, "clear", None)
            if callable(clear):
                clear()
        self.services = None
        self._set_status()
        self._tasks.run(ws.lock)
        self.locked.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        geometry.save(self)
        self.closing = True
        self.lock()
        super().closeEvent(event)


def _has_icon(name: str) -> bool:
    from sylcollect.resources import resource

    return resource("icons", f"{name}.svg").exists()
