"""Observations: the activities logged at each site, filterable, and the quick log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sylcollect.domain.observation import Observation
from sylcollect.storage.workspace import UnlockedWorkspace
from ui import messages
from ui.dialogs.observation import ObservationDialog
from ui.dialogs.observation_data import ObservationChoices, build_choices
from ui.dialogs.observation_widgets import DateEdit, EmptyState, controls_stylesheet
from ui.models.observations import ObservationFilter, ObservationsModel
from ui.tasks import TaskRunner
from ui.widgets.basics import label
from ui.widgets.list_page import ListPageFrame, main_action, row_table, shortcut_text

NO_DATE = QDate(2000, 1, 1)


@dataclass(frozen=True)
class ObservationsData:
    """Every observation on this laptop and the log form's choices; built on the worker."""

    observations: tuple[Observation, ...]
    choices: ObservationChoices
    short_names: tuple[tuple[str, str], ...] = ()


def load_observations(ws: UnlockedWorkspace) -> ObservationsData:
    """Worker thread: decrypts the observations and lists participant codes."""
    with ws.transaction() as tx:
        observations = tx.observations.list()
        people = tx.participants.list()
    short = tuple((s.id, s.project or s.name) for s in ws.study.sites)
    return ObservationsData(tuple(observations), build_choices(ws, observations, people), short)


class ObservationsPage(QWidget):
    """Lists, filters and logs observations; reads and saves via the TaskRunner. GUI thread."""

    def __init__(
        self, workspace: UnlockedWorkspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("observationsPage")
        self.setStyleSheet(controls_stylesheet())
        self._ws: UnlockedWorkspace | None = workspace
        self._tasks = tasks
        self.data: ObservationsData | None = None
        self.dialog: ObservationDialog | None = None
        self._open_when_loaded = False

        self.title = self.tr("Observations")
        self.purpose = self.tr("Project activities you observed, and the milestones they show.")
        self.main_action = main_action(self, self.tr("Log an observation"), self.log_observation)
        frame = ListPageFrame(
            self,
            self.title,
            self.purpose,
            self.main_action,
            self.tr("Log an observation ({key})").format(key=shortcut_text(self.main_action)),
        )
        outer, self.header, self.log_button = frame.outer, frame.header, frame.button
        self.busy, self.notice = frame.busy, frame.notice
        outer.addLayout(self._filters())

        self.model = ObservationsModel(self)
        self.table = row_table(self, "observationsTable", self.tr("Observations"), self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ObservationsModel.DATE, Qt.SortOrder.DescendingOrder)
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        for column in (ObservationsModel.SITE, ObservationsModel.ACTIVITY, ObservationsModel.TAGS):
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.empty = EmptyState(
            self.tr("No observations yet"),
            self.tr("Log what you saw: where, when, who took part and what it showed."),
            self.tr("Log an observation"),
            parent=self,
        )
        self.empty.activated.connect(self._empty_clicked)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.count = label("", "muted")
        outer.addWidget(self.stack, 1)
        outer.addWidget(self.count)
        self._show_state()
        self.reload()

    # --- layout -----------------------------------------------------------------------
    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(12)
        self.site_filter = QComboBox(self)
        self.date_from = self._date_filter()
        self.date_to = self._date_filter()
        self.tag_filter = QComboBox(self)
        self.milestone_filter = QComboBox(self)
        self.milestone_filter.setMinimumWidth(220)
        self.clear_filters = QPushButton(self.tr("Clear filters"), self)
        self.clear_filters.setAutoDefault(False)
        self.clear_filters.clicked.connect(self.reset_filters)
        for text, name, widget in (
            (self.tr("Site"), self.tr("Filter by site"), self.site_filter),
            (self.tr("From"), self.tr("From date"), self.date_from),
            (self.tr("To"), self.tr("To date"), self.date_to),
            (self.tr("Tag"), self.tr("Filter by tag"), self.tag_filter),
            (self.tr("Milestone"), self.tr("Filter by milestone"), self.milestone_filter),
        ):
            col = QVBoxLayout()
            col.setSpacing(2)
            lab = label(text, "caption")
            lab.setBuddy(widget)
            widget.setAccessibleName(name)
            col.addWidget(lab)
            col.addWidget(widget)
            row.addLayout(col, 2 if widget is self.milestone_filter else 1)
        row.addWidget(self.clear_filters, 0, Qt.AlignmentFlag.AlignBottom)
        for combo in (self.site_filter, self.tag_filter, self.milestone_filter):
            combo.currentIndexChanged.connect(self._filter_changed)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._filter_changed)
        return row

    def _date_filter(self) -> DateEdit:
        edit = DateEdit(self)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("Any date"))
        edit.setDisplayFormat("d MMM yyyy")
        edit.setDate(NO_DATE)
        return edit

    # --- loading ----------------------------------------------------------------------
    def reload(self) -> None:
        if self._ws is None:
            return
        self.busy.start(self.tr("Reading observations…"))
        self._tasks.run(
            load_observations,
            self._ws,
            on_done=self._loaded,
            on_error=self._failed,
            context=self,
        )

    def _loaded(self, data: ObservationsData) -> None:
        if self._ws is None:
            return
        self.busy.stop()
        self.data = data
        names = {**dict(data.choices.sites), **dict(data.short_names)}
        self.model.set_observations(data.observations, names)
        self._fill_filters(data)
        self._show_state()
        if self._open_when_loaded:
            self._open_when_loaded = False
            self.log_observation()

    def _failed(self, exc: BaseException) -> None:
        self.busy.stop()
        self.notice.show_message("error", messages.message_for(exc, "observations"))

    def _fill_filters(self, data: ObservationsData) -> None:
        def refill(combo: QComboBox, anything: str, items: list[tuple[str, str]]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(anything, None)
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

        refill(self.site_filter, self.tr("All sites"), [(n, i) for i, n in data.choices.sites])
        tags = sorted({t for o in data.observations for t in o.tags}, key=str.casefold)
        refill(self.tag_filter, self.tr("Any tag"), [(t, t) for t in tags])
        self._fill_milestones()
        self._filter_changed()

    def _fill_milestones(self) -> None:
        if self.data is None:
            return
        site = self.site_filter.currentData()
        current = self.milestone_filter.currentData()
        self.milestone_filter.blockSignals(True)
        self.milestone_filter.clear()
        self.milestone_filter.addItem(self.tr("Any milestone"), None)
        stages = {"early": self.tr("Early"), "medium": self.tr("Medium-term")}
        for site_id, _name in self.data.choices.sites:
            if site is not None and site_id != site:
                continue
            for m in self.data.choices.milestones_for(site_id):
                self.milestone_filter.addItem(f"{stages.get(m.stage, m.stage)} · {m.title}", m.id)
        self.milestone_filter.setCurrentIndex(max(0, self.milestone_filter.findData(current)))
        self.milestone_filter.blockSignals(False)

    # --- filters and states -----------------------------------------------------------
    def current_filter(self) -> ObservationFilter:
        def day(edit: DateEdit) -> date | None:
            d = edit.date()
            return None if d == NO_DATE else d.toPython()  # type: ignore[return-value]

        return ObservationFilter(
            site_id=self.site_filter.currentData(),
            date_from=day(self.date_from),
            date_to=day(self.date_to),
            tag=self.tag_filter.currentData(),
            milestone_id=self.milestone_filter.currentData(),
        )

    def _filter_changed(self) -> None:
        if self.sender() is self.site_filter:
            self._fill_milestones()
        self.model.set_filter(self.current_filter())
        self._show_state()

    def reset_filters(self) -> None:
        for combo in (self.site_filter, self.tag_filter, self.milestone_filter):
            combo.setCurrentIndex(0)
        self.date_from.setDate(NO_DATE)
        self.date_to.setDate(NO_DATE)

    def _show_state(self) -> None:
        total, shown = self.model.total, self.model.rowCount()
        if shown:
            self.stack.setCurrentWidget(self.table)
        else:
            self.stack.setCurrentWidget(self.empty)
        if total == 0:
            self.empty.set_text(
                self.tr("No observations yet"),
                self.tr("Log what you saw: where, when, who took part and what it showed."),
                self.tr("Log an observation"),
            )
            self.count.setText("")
        elif shown == 0:
            self.empty.set_text(
                self.tr("No observations match these filters"),
                self.tr("There are {n} observations in all. Clear the filters to see them.").format(
                    n=total
                ),
                self.tr("Clear filters"),
            )
        if total:
            text = (
                self.tr("{n} observations").format(n=total)
                if shown == total
                else self.tr("Showing {shown} of {n} observations").format(shown=shown, n=total)
            )
            self.count.setText(text)

    def _empty_clicked(self) -> None:
        if self.model.total:
            self.reset_filters()
        else:
            self.log_observation()

    # --- logging ----------------------------------------------------------------------
    def log_observation(self) -> None:
        """Opens the log form (once the choices are read)."""
        if self._ws is None:
            return
        if self.data is None:
            self._open_when_loaded = True
            return
        site = self.site_filter.currentData()
        self.dialog = ObservationDialog(self._ws, self._tasks, self.data.choices, self, site)
        self.dialog.saved.connect(self._saved)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        self.log_button.setFocus()

    def _saved(self, obs: Observation) -> None:
        name = self.data.choices.site_name(obs.site_id) if self.data else obs.site_id
        text = self.tr("Saved: {activity} at {site}, {when}.").format(
            activity=obs.activity_type, site=name, when=obs.started_at.strftime("%d %b %H:%M")
        )
        if not self.current_filter().matches(obs):
            text += " " + self.tr("The filters hide it: clear them to see it.")
        self.notice.show_message("success", text)
        self.reload()

    def clear(self) -> None:
        """Drops everything read from the workspace (used when locking)."""
        self._ws = None
        if self.dialog is not None:
            self.dialog.done(0)
        self.data = None
        self.model.clear()
        self.notice.clear()
        self.busy.stop()
        self._show_state()
