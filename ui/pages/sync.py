"""Sync (this laptop): the export target, Sync now, what waits, the bundles written, and
study package updates from a file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sylcollect.sync.outbox import SyncResult
from ui import messages
from ui.dialogs.observation_widgets import controls_stylesheet
from ui.models.devices import BundlesModel
from ui.nav import Services
from ui.pages.sync_data import PackageUpdate, SyncData, load_sync, update_package
from ui.sync_watch import SyncState, SyncWatch, short_time, watch_for
from ui.widgets.basics import BusyRow, Notice, PageHeader, label

SYNC_SHORTCUT = QKeySequence("Ctrl+Shift+S")


class SyncPage(QWidget):
    """Shows and drives this laptop's sync through the session's SyncWatch. GUI thread."""

    def __init__(
        self, services: Services, watch: SyncWatch | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncPage")
        self.setStyleSheet(controls_stylesheet())
        self.services: Services | None = services
        self.watch = watch or watch_for(services)
        self.data: SyncData | None = None

        self.title = self.tr("Sync")
        self.purpose = self.tr(
            "Send what you collected to the research team, sealed so only they can read it."
        )
        self.main_action = QAction(self.tr("Sync now"), self)
        self.main_action.setShortcut(SYNC_SHORTCUT)
        self.main_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.main_action.triggered.connect(self.sync_now)
        self.addAction(self.main_action)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 16)
        outer.setSpacing(8)
        self.header = PageHeader(self.title, self.purpose, self)
        self.sync_button = QPushButton(self.main_action.text(), self)
        self.sync_button.setProperty("primary", True)
        self.sync_button.setAutoDefault(False)
        key = SYNC_SHORTCUT.toString(QKeySequence.SequenceFormat.NativeText)
        self._sync_tip = self.tr("Sync now ({key})").format(key=key)
        self.sync_button.setToolTip(self._sync_tip)
        self.sync_button.clicked.connect(self.main_action.trigger)
        self.header.add_action(self.sync_button)
        outer.addWidget(self.header)

        self.busy = BusyRow(self)
        self.notice = Notice(self)
        outer.addWidget(self.busy)
        outer.addWidget(self.notice)

        self.waiting = label("", "subtitle")
        self.waiting.setObjectName("syncWaiting")
        self.last_sync = label("", "muted")
        self.connection = label("", "muted")
        for w in (self.waiting, self.last_sync, self.connection):
            w.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            outer.addWidget(w)
        outer.addSpacing(8)
        outer.addLayout(self._target_row())
        outer.addSpacing(8)
        outer.addWidget(label(self.tr("Bundles written"), "subtitle"))
        self.model = BundlesModel(self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # one tab stop; arrows move inside
        self.table.setObjectName("bundlesTable")
        self.table.setAccessibleName(self.tr("Bundles written"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(32)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        outer.addWidget(self.table, 1)
        outer.addLayout(self._package_row())

        self.watch.state_changed.connect(self._state)
        self.watch.synced.connect(self._synced)
        self.watch.failed.connect(self._failed)
        self._state(self.watch.state)
        self.reload()
        if self.watch.state.status is None:
            self.watch.refresh()

    # --- layout -----------------------------------------------------------------------
    def _target_row(self) -> QVBoxLayout:
        col = QVBoxLayout()
        col.setSpacing(4)
        caption = label(self.tr("Export folder or https:// address"))
        self.target_edit = QLineEdit(self)
        self.target_edit.setObjectName("syncTarget")
        self.target_edit.setPlaceholderText(
            self.tr("e.g. E:\\SYL or https://files.example.org/syl")
        )
        hint = self.tr(
            "A USB stick, network share or cloud folder, or the address the study gave you. "
            "An address with a password in it is used until you lock, never saved."
        )
        self.target_edit.setAccessibleDescription(hint)
        caption.setBuddy(self.target_edit)
        self.target_edit.setText(_shown(self.watch.target))
        self.target_edit.returnPressed.connect(self.save_target)
        self.choose_button = QPushButton(self.tr("Choose folder…"), self)
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_folder)
        self.save_button = QPushButton(self.tr("Use this target"), self)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_target)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.target_edit, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.save_button)
        col.addWidget(caption)
        col.addLayout(row)
        col.addWidget(label(hint, "caption"))
        return col

    def _package_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 8, 0, 0)
        self.package_label = label("", "muted")
        self.package_button = QPushButton(self.tr("Update study from a file…"), self)
        self.package_button.setAutoDefault(False)
        self.package_button.setToolTip(
            self.tr("Install a newer study package (.sylpkg) from the research team")
        )
        self.package_button.clicked.connect(self.choose_package)
        row.addWidget(self.package_label, 1)
        row.addWidget(self.package_button)
        return row

    # --- loading ----------------------------------------------------------------------
    def reload(self) -> None:
        if self.services is None:
            return
        self.services.run(
            load_sync,
            self.services.workspace,
            on_done=self._loaded,
            on_error=lambda exc: self.notice.show_message(
                "error", messages.message_for(exc, "sync")
            ),
            context=self,
        )

    def activated(self) -> None:
        self.reload()
        self.watch.check_now()

    def _loaded(self, data: SyncData) -> None:
        if self.services is None:
            return
        self.data = data
        self.model.set_rows(data.bundles)
        version = data.status.study_version
        self.package_label.setText(
            self.tr("Study package version {v}").format(v=version)
            if version is not None
            else self.tr("This laptop was not set up from a study package, so it can't sync.")
        )
        self._show_target(self.watch.target)

    def _state(self, state: SyncState) -> None:
        if self.services is None:
            return
        self._show_target(state.target)  # set in Settings, or remembered by the workspace
        st = state.status
        if st is None:
            self.waiting.setText(self.tr("Reading what is waiting…"))
        elif not state.can_sync:
            self.waiting.setText(self.tr("This laptop can't sync: it has no study package."))
        elif state.waiting:
            w = st.waiting
            self.waiting.setText(
                self.tr("%n change(s) waiting to sync", "", state.waiting)
                + (
                    self.tr(
                        " ({p} participants, {c} consents, {r} records, {o} observations)"
                    ).format(p=w.participants, c=w.consents, r=w.records, o=w.observations)
                    if w.changes
                    else ""
                )
            )
        else:
            self.waiting.setText(self.tr("Everything is synced."))
        last = st.last_sync_at if st is not None else None
        self.last_sync.setText(
            self.tr("Last sync: {t}").format(t=short_time(last))
            if last
            else self.tr("Never synced")
        )
        if not state.target:
            self.connection.setText(self.tr("No export target yet: choose one below."))
        elif state.online is None:
            self.connection.setText(self.tr("Target: {t}").format(t=_shown(state.target)))
        else:
            word = self.tr("reachable") if state.online else self.tr("not reachable now")
            self.connection.setText(
                self.tr("Target: {t} ({state})").format(t=_shown(state.target), state=word)
            )
        if state.syncing:
            self.busy.start(self.tr("Sealing and sending bundles…"))
        else:
            self.busy.stop()
        self.sync_button.setEnabled(not state.syncing)
        self.sync_button.setToolTip(
            self.tr("A sync is running") if state.syncing else self._sync_tip
        )
        if state.error and not state.syncing and self.notice.kind != "error":
            self.notice.show_message("error", _failure(self, state.error))

    def _show_target(self, target: str) -> None:
        """Shows the target in use (without any password in it), unless the user is typing
        a new one here: a target set in Settings, or remembered, replaces a stale one."""
        edit, shown = self.target_edit, _shown(target)
        if target and not edit.isModified() and not edit.hasFocus() and edit.text() != shown:
            edit.setText(shown)

    # --- actions ----------------------------------------------------------------------
    def sync_now(self) -> None:
        if self.services is None:
            return
        typed = self.target_edit.text().strip()
        if typed and self.target_edit.isModified():  # typed here, not shown from elsewhere
            self.save_target()
        if not self.watch.target:
            self.notice.show_message("error", self.tr("Choose an export folder or address first."))
            self.target_edit.setFocus()
            return
        self.notice.clear()
        if not self.watch.sync_now() and self.watch.queued:
            self.notice.show_message(
                "info", self.tr("A sync is running. Yours starts as soon as it ends.")
            )

    def save_target(self) -> None:
        text = self.target_edit.text().strip()
        if not text:
            self.notice.show_message("error", self.tr("Type a folder or an https:// address."))
            return
        if not self.target_edit.isModified() and text == _shown(self.watch.target):
            text = self.watch.target  # the one in use, shown without its password
        stored = self.watch.set_target(text)
        self.target_edit.setText(_shown(text))  # never leave a password on screen
        self.notice.show_message(
            "info",
            self.tr("Bundles will go to {t}.").format(t=_shown(text))
            if stored
            else self.tr("This address holds a password: it is used until you lock, not saved."),
        )
        self.watch.check_now()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the export folder"), self.target_edit.text()
        )
        if folder:
            self.target_edit.setText(folder)
            self.target_edit.setModified(True)
            self.save_target()

    def choose_package(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Study package"), "", self.tr("Study packages (*.sylpkg)")
        )
        if path:
            self.update_from(Path(path))

    def update_from(self, path: Path) -> None:
        if self.services is None:
            return
        self.busy.start(self.tr("Checking the study package…"))
        self.services.run(
            update_package,
            self.services.workspace,
            path,
            on_done=self._package_installed,
            on_error=self._package_refused,
            context=self,
        )

    def _package_installed(self, update: PackageUpdate) -> None:
        self.busy.stop()
        self.notice.show_message(
            "success",
            self.tr(
                "Study package version {v} installed. New forms show after you lock and unlock."
            ).format(v=update.version),
        )
        self.reload()
        self.watch.refresh()

    def _package_refused(self, exc: BaseException) -> None:
        self.busy.stop()
        self.notice.show_message(
            "error",
            self.tr("That study package was not installed. {why}").format(
                why=messages.message_for(exc, "package")
            ),
        )

    def _synced(self, result: SyncResult) -> None:
        if result.nothing_to_do:
            self.notice.show_message("success", self.tr("Nothing to sync: everything was sent."))
        else:
            self.notice.show_message(
                "success", self.tr("%n bundle(s) delivered.", "", len(result.delivered))
            )
        self.reload()

    def _failed(self, text: str) -> None:
        self.notice.show_message("error", _failure(self, text))
        self.reload()

    def clear(self) -> None:
        """On lock: drop what was read from the workspace."""
        self.services = None
        self.data = None
        self.model.set_rows(())
        self.notice.clear()
        self.busy.stop()
        for w in (self.waiting, self.last_sync, self.connection, self.package_label):
            w.setText("")


def _failure(page: QWidget, text: str) -> str:
    return page.tr("Sync didn't finish: {why} Nothing was lost; the changes still wait.").format(
        why=text
    )


def _shown(target: str) -> str:
    """The target as safe to show: an address without its user and password."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(target)
    if "@" in parts.netloc:
        host = parts.netloc.rsplit("@", 1)[1]
        return urlunsplit((parts.scheme, host, parts.path, "", ""))
    return target
