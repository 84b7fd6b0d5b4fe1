"""Supervisor tools: open the study home, then import bundles (report), laptops (approve,
revoke, gaps), held bundles (quarantine), conflicts and participants' signed consent forms,
and export analysis files from the central store (the app's export dialog, on this page's
worker).

Central work runs on this page's own TaskRunner (one thread, in order) so a long import
never holds up the laptop's own saves; the open connection (study keys and central store
unlocked) lives until the workspace locks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from sylcollect.storage.workspace import UnlockedWorkspace
from ui import messages
from ui.dialogs.observation_widgets import controls_stylesheet
from ui.nav import Services
from ui.pages.supervisor_consent import ConsentPanel
from ui.pages.supervisor_data import CentralConnection, conflicts, devices, participant_codes
from ui.pages.supervisor_devices import ConflictsPanel, DevicesPanel
from ui.pages.supervisor_import import ImportPanel
from ui.tasks import TaskRunner
from ui.widgets.basics import BusyRow, Notice, PageHeader, label

if TYPE_CHECKING:
    from ui.dialogs.export import ExportDialog

IMPORT_SHORTCUT = QKeySequence(QKeySequence.StandardKey.Open)


class SupervisorPage(QWidget):
    """The supervisor's central tools. GUI thread; central work on `self.central_tasks`."""

    def __init__(
        self,
        services: Services,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorPage")
        self.setStyleSheet(controls_stylesheet() + _tabs_stylesheet())
        self.services: Services | None = services
        self.settings = settings or QSettings()
        self.central_tasks = TaskRunner(self)
        self.connection: CentralConnection | None = None
        self.dialog: QWidget | None = None
        self.export_dialog: ExportDialog | None = None

        self.title = self.tr("Supervisor tools")
        self.purpose = self.tr(
            "Import the laptops' bundles, approve laptops, resolve conflicts, open signed "
            "consent forms, export for analysis."
        )
        self.main_action = QAction(self.tr("Import bundles…"), self)
        self.main_action.setShortcut(IMPORT_SHORTCUT)
        self.main_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.main_action.triggered.connect(self._import_clicked)
        self.addAction(self.main_action)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 16)
        outer.setSpacing(8)
        self.header = PageHeader(self.title, self.purpose, self)
        self.import_button = QPushButton(self.main_action.text(), self)
        self.import_button.setProperty("primary", True)
        self.import_button.setAutoDefault(False)
        key = IMPORT_SHORTCUT.toString(QKeySequence.SequenceFormat.NativeText)
        self.import_button.setToolTip(self.tr("Import bundles ({key})").format(key=key))
        self.import_button.clicked.connect(self.main_action.trigger)
        self.export_button = QPushButton(self.tr("Export for analysis…"), self)
        self.export_button.setObjectName("centralExport")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.open_export)
        self.header.add_action(self.export_button)
        self.header.add_action(self.import_button)
        outer.addWidget(self.header)

        row = QHBoxLayout()
        self.where = label("", "muted")
        self.connect_button = QPushButton(self.tr("Open study home…"), self)
        self.connect_button.setAutoDefault(False)
        self.connect_button.clicked.connect(self.open_dialog)
        row.addWidget(self.where, 1)
        row.addWidget(self.connect_button)
        outer.addLayout(row)
        self.busy = BusyRow(self)
        self.notice = Notice(self)
        outer.addWidget(self.busy)
        outer.addWidget(self.notice)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Supervisor tools"))
        self.tabs.setUsesScrollButtons(False)  # five short tabs: never hidden behind arrows
        self.imports = ImportPanel(self.run, self.settings, self)
        self.devices = DevicesPanel(self.run, parent=self)
        self.held = DevicesPanel(self.run, held_only=True, parent=self)
        self.conflicts = ConflictsPanel(self.run, self._user, self)
        self.tabs.addTab(self.imports, self.tr("Import"))
        self.tabs.addTab(self.devices, self.tr("Laptops"))
        self.tabs.addTab(self.held, self.tr("Held bundles"))
        self.consent = ConsentPanel(self.run, self.central_tasks.run, self._store, self)
        self.tabs.addTab(self.conflicts, self.tr("Conflicts"))
        self.tabs.addTab(self.consent, self.tr("Consent forms"))
        outer.addWidget(self.tabs, 1)

        self.imports.finished.connect(lambda _t: self.reload())
        self.conflicts.changed.connect(self.reload)
        for panel in (self.devices, self.held):
            panel.approved.connect(self._approved)
            panel.changed.connect(self.reload)
        self._connected_state()

    # --- connection -------------------------------------------------------------------
    def open_dialog(self) -> None:
        if self.connection is not None:
            self.disconnect_home()
            return
        from ui.dialogs.import_connect import ConnectDialog

        dialog = ConnectDialog(self.central_tasks, self.settings, self)
        dialog.opened.connect(self.set_connection)
        self.dialog = dialog
        dialog.open()

    def set_connection(self, connection: CentralConnection) -> None:
        if self.services is None:  # locked meanwhile
            self.central_tasks.run(connection.close)
            return
        self.connection = connection
        self.notice.clear()
        self._connected_state()
        self.reload()

    def disconnect_home(self) -> None:
        conn, self.connection = self.connection, None
        dialog, self.export_dialog = self.export_dialog, None
        if dialog is not None:  # a running export stops at its next check, files removed;
            dialog.discard()  # the store closes after it (one worker, in order)
        if conn is not None:
            self.central_tasks.run(conn.close)
        for panel in (self.devices, self.held):
            panel.set_devices(())
        self.conflicts.set_rows(())
        self.conflicts.notice.clear()
        shown = self.conflicts.dialog
        if shown is not None and shown.isVisible():  # decrypted answers go with the keys
            shown.reject()
        self.consent.clear()  # the signed document and its pages go with the keys
        self.imports.clear()
        self._connected_state()

    def _connected_state(self) -> None:
        on = self.connection is not None
        self.where.setText(
            self.tr("Study {s} · central store {d}").format(
                s=self.connection.study_id, d=self.connection.description
            )
            if self.connection is not None
            else self.tr(
                "Open the study home to import bundles, see the laptops and export for analysis."
            )
        )
        self.connect_button.setText(
            self.tr("Close study home") if on else self.tr("Open study home…")
        )
        self.tabs.setEnabled(on)
        self.export_button.setEnabled(on)
        self.export_button.setToolTip(
            self.tr("Analysis files of every laptop's records imported into the central store")
            if on
            else self.tr("Open the study home first: the export reads its central store")
        )
        self.export_button.setAccessibleDescription(self.export_button.toolTip())

    # --- export for analysis ------------------------------------------------------------
    def open_export(self) -> None:
        """The export dialog over the central store, run on this page's worker."""
        from ui.dialogs.export import ExportDialog, ExportFrom

        conn = self.connection
        if conn is None or self.services is None or self.export_dialog is not None:
            return
        origin = ExportFrom.central_store(conn.study, lambda: conn.session.store)
        dialog = ExportDialog(origin, self.central_tasks, self)
        dialog.finished.connect(self._export_closed)
        self.export_dialog = dialog
        dialog.open()

    def _export_closed(self) -> None:
        dialog, self.export_dialog = self.export_dialog, None
        if dialog is not None:
            dialog.deleteLater()
            self.export_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- work on the central thread ---------------------------------------------------
    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """Runs `fn(connection, *args)` on the central worker; errors in plain words."""
        conn = self.connection
        if conn is None or self.services is None:
            return

        def done(value: Any) -> None:
            if self.services is not None:
                on_done(value)

        def failed(exc: BaseException) -> None:
            if self.services is None:
                return
            text = messages.message_for(exc, "central")
            if on_error is not None:
                on_error(text)
            else:
                self.notice.show_message("error", text)

        self.central_tasks.run(fn, conn, *args, on_done=done, on_error=failed, context=self)

    def _store(self) -> UnlockedWorkspace | None:
        """The open central store (handed to the worker only), or None."""
        if self.connection is None or self.services is None:
            return None
        return self.connection.session.store

    def _user(self) -> str:
        """Who is choosing, for the audit event of a resolved conflict."""
        return self.services.user if self.services is not None else ""

    def reload(self) -> None:
        self.run(devices, on_done=self._devices)
        self.run(conflicts, on_done=self.conflicts.set_rows)
        self.run(participant_codes, on_done=self.consent.set_codes)

    def _devices(self, found: tuple) -> None:
        self.devices.set_devices(found)
        self.held.set_devices(found)
        held = sum(1 for d in found if d.status == "pending" or d.quarantined)
        self.tabs.setTabText(
            2, self.tr("Held bundles ({n})").format(n=held) if held else self.tr("Held bundles")
        )

    def _approved(self, outcomes: tuple) -> None:
        self.imports.add_outcomes(outcomes)
        self.tabs.setCurrentWidget(self.imports)

    def _import_clicked(self) -> None:
        if self.connection is None:
            self.open_dialog()
        else:
            self.tabs.setCurrentWidget(self.imports)
            self.imports.choose_files()

    def activated(self) -> None:
        if self.connection is not None:
            self.reload()

    def clear(self) -> None:
        """On lock: close the central store (keys dropped) and forget what was shown."""
        self.disconnect_home()
        self.services = None
        self.notice.clear()


def _tabs_stylesheet() -> str:
    """Tabs with room for a visible 2 px focus ring (the app stylesheet has no tabs yet)."""
    from ui import theme

    t = theme.current()
    return (
        f"QTabBar::tab {{ padding: 6px 14px; border: 2px solid transparent; color: {t.text}; }}"
        f"QTabBar::tab:selected {{ border-bottom: 3px solid {t.primary}; }}"
        f"QTabBar:focus QTabBar::tab:selected, QTabBar::tab:focus"
        f" {{ border: 2px solid {t.focus}; border-radius: 6px; }}"
    )
