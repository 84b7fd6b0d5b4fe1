"""Participants: search and filter everyone enrolled, add one, open one's detail page."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sylcollect.domain.participant import Participant
from ui import messages
from ui.dialogs.participant import ParticipantDialog
from ui.models.participants import CODE, COLUMNS, SITE, ParticipantFilter, ParticipantsModel
from ui.nav import Services
from ui.pages.participant_detail import ParticipantDetailPage
from ui.pages.participants_data import ParticipantsSnapshot, load_participants
from ui.pages.participants_widgets import EmptyState, FilterBar
from ui.widgets.basics import BusyRow, Notice, PageHeader, label

# Column widths in COLUMNS order; Site takes what is left, never less than SITE_MIN_WIDTH
# (a narrow window scrolls sideways rather than squeezing the site names to nothing).
WIDTHS = (110, 0, 150, 100, 180, 240, 110)
SITE_MIN_WIDTH = 180


class ParticipantsList(QWidget):
    """The header, filter bar and table (or the empty state). GUI thread."""

    open_requested = Signal(str)  # a participant code

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("participantsList")
        col = QVBoxLayout(self)
        col.setContentsMargins(32, 24, 32, 16)
        self.header = PageHeader(
            self.tr("Participants"),
            self.tr("Everyone taking part, known here only by their code."),
        )
        new = QKeySequence(QKeySequence.StandardKey.New).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.add_button = QPushButton(self.tr("Add participant"), self)
        self.add_button.setProperty("primary", True)
        self.add_button.setToolTip(self.tr("Add participant ({key})").format(key=new))
        self.header.add_action(self.add_button)
        col.addWidget(self.header)
        self.filters = FilterBar(services.study, self)
        col.addWidget(self.filters)
        self.count = label("", "muted")
        col.addWidget(self.count)
        self.busy = BusyRow(self)
        self.error = Notice(self)
        col.addWidget(self.busy)
        col.addWidget(self.error)
        self.model = ParticipantsModel(self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # one tab stop; arrows move inside
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Participants"))
        self.table.setAccessibleDescription(self.tr("Press Enter to open a participant."))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CODE, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(36)
        head = self.table.horizontalHeader()
        head.setStretchLastSection(False)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in zip(COLUMNS, WIDTHS, strict=True):
            head.resizeSection(column, width or SITE_MIN_WIDTH)
        head.sectionResized.connect(lambda column, *_: column == SITE or self._fit_site())
        self.table.viewport().installEventFilter(self)
        self.table.activated.connect(self._activated)
        self.views = QStackedWidget(self)
        self.empty = EmptyState(
            self.tr("No participants yet"),
            self.tr("Add the first person taking part, with the code on their consent form."),
            self.tr("Add participant"),
            self,
        )
        self.no_match = EmptyState(
            self.tr("No participants match"),
            self.tr("Try fewer letters of the code, or show everyone again."),
            self.tr("Clear search and filters"),
            self,
        )
        self.no_match.icon.hide()
        for w in (self.table, self.empty, self.no_match):
            self.views.addWidget(w)
        col.addWidget(self.views, 1)
        self.filters.changed.connect(self.apply_filter)
        self.no_match.button.clicked.connect(self.filters.reset)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(
            lambda: self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        )
        self.setTabOrder(self.add_button, self.filters.search)
        self.loaded = False
        self._refresh_view()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_site()
        return super().eventFilter(watched, event)

    def _fit_site(self) -> None:
        """Site takes the width the other columns leave (at least SITE_MIN_WIDTH)."""
        head = self.table.horizontalHeader()
        others = sum(head.sectionSize(c) for c in COLUMNS if c != SITE)
        head.resizeSection(SITE, max(SITE_MIN_WIDTH, self.table.viewport().width() - others))

    def show_snapshot(self, snap: ParticipantsSnapshot) -> None:
        self.busy.stop()
        self.error.clear()
        self.model.set_entries(snap.entries, snap.site_names)
        self.loaded = True
        self._refresh_view()

    def apply_filter(self, f: ParticipantFilter) -> None:
        self.model.set_filter(f)
        self._refresh_view()

    def _refresh_view(self) -> None:
        total, shown = self.model.total, self.model.rowCount()
        if total == 0:
            self.views.setCurrentWidget(self.empty)
        elif shown == 0:
            self.views.setCurrentWidget(self.no_match)
        else:
            self.views.setCurrentWidget(self.table)
        self.filters.setVisible(total > 0)
        self.count.setVisible(total > 0)
        if shown == total:
            self.count.setText(self.tr("{n} participants").format(n=total))
        else:
            self.count.setText(self.tr("Showing {shown} of {n}").format(shown=shown, n=total))
        if not self.loaded:
            self.views.setCurrentWidget(self.table)

    def select(self, code: str) -> None:
        row = self.model.row_of(code)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.model.entry(index.row()).code)

    def clear(self) -> None:
        self.model.clear()
        self.loaded = False
        self.filters.reset()
        self.busy.stop()
        self.error.clear()


class ParticipantsPage(QWidget):
    """The list and the detail of one participant, in a stack. Built with Services."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("participantsPage")
        self._services = services
        self.stack = QStackedWidget(self)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.stack)
        self.list = ParticipantsList(services, self)
        self.detail = ParticipantDetailPage(services, self)
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.detail)
        self.header = self.list.header
        self.list.add_button.clicked.connect(self.add_participant)
        self.list.empty.button.clicked.connect(self.add_participant)
        self.list.open_requested.connect(self.open_participant)
        self.detail.back.connect(self.show_list)
        self.detail.changed.connect(self.reload)
        new = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        new.activated.connect(self.add_participant)
        self.dialog: ParticipantDialog | None = None

    def activated(self) -> None:
        """Shown from the rail: back to the list, reloaded."""
        if self.stack.currentWidget() is not self.detail:
            self.reload()

    def reload(self) -> None:
        self.list.busy.start(self.tr("Reading participants…"))
        self._services.run(
            load_participants,
            self._services.workspace,
            on_done=self.list.show_snapshot,
            on_error=self._failed,
            context=self,
        )

    def _failed(self, exc: BaseException) -> None:
        self.list.busy.stop()
        self.list.error.show_message("error", messages.message_for(exc, "participants"))

    def add_participant(self) -> None:
        s = self._services
        self.dialog = ParticipantDialog(
            s.workspace, s.tasks, s.study, default_site=s.prefs.site_id, parent=self
        )
        self.dialog.saved.connect(self._added)
        self.dialog.open()

    def _added(self, participant: Participant) -> None:
        self.reload_then_select(participant.code)

    def reload_then_select(self, code: str) -> None:
        def done(snap: ParticipantsSnapshot) -> None:
            self.list.show_snapshot(snap)
            self.list.select(code)

        self._services.run(load_participants, self._services.workspace, on_done=done, context=self)

    def open_participant(self, code: str) -> None:
        self.stack.setCurrentWidget(self.detail)
        self.detail.load(code)

    def show_list(self) -> None:
        code = self.detail.code
        self.detail.clear()
        self.stack.setCurrentWidget(self.list)
        if code:
            self.list.select(code)
        self.list.table.setFocus()

    def clear(self) -> None:
        """Drops every participant shown (used when locking)."""
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.discard()
        self.dialog = None
        self.detail.clear()
        self.list.clear()
        self.stack.setCurrentWidget(self.list)
