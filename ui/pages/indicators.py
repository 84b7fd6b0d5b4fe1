"""Monthly indicators: each site's returns over time, and entering a month's return."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QWidget,
)

from sylcollect.storage.workspace import UnlockedWorkspace
from ui import icons, messages, theme
from ui.dialogs.indicator_data import IndicatorsData, load_indicators
from ui.dialogs.indicator_return import IndicatorReturnDialog
from ui.dialogs.observation_widgets import EmptyState, controls_stylesheet
from ui.models.indicators import IndicatorReturn, IndicatorsModel, month_name
from ui.tasks import TaskRunner
from ui.widgets.basics import label
from ui.widgets.list_page import ListPageFrame, main_action, row_table, shortcut_text


class IndicatorsPage(QWidget):
    """Shows one site's monthly returns and enters new ones via the TaskRunner. GUI thread."""

    def __init__(
        self, workspace: UnlockedWorkspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorsPage")
        self.setStyleSheet(controls_stylesheet())
        self._ws: UnlockedWorkspace | None = workspace
        self._tasks = tasks
        self.data: IndicatorsData | None = None
        self.dialog: IndicatorReturnDialog | None = None
        self._open_when_loaded = False

        self.title = self.tr("Monthly indicators")
        self.purpose = self.tr(
            "Each site's monthly figures: incidents, missing episodes, restraints and staffing."
        )
        self.main_action = main_action(self, self.tr("Enter a monthly return"), self.enter_return)
        frame = ListPageFrame(
            self,
            self.title,
            self.purpose,
            self.main_action,
            self.tr("Enter a monthly return ({key})").format(key=shortcut_text(self.main_action)),
        )
        outer, self.header, self.enter_button = frame.outer, frame.header, frame.button
        self.busy, self.notice = frame.busy, frame.notice

        row = QHBoxLayout()
        row.setSpacing(12)
        site_label = label(self.tr("&Site"))
        self.site = QComboBox(self)
        self.site.setMinimumWidth(360)
        site_label.setBuddy(self.site)
        self.site.currentIndexChanged.connect(self._show_site)
        row.addWidget(site_label)
        row.addWidget(self.site)
        row.addStretch(1)
        self.legend_icon = QLabel(self)
        self.legend_icon.setPixmap(icons.pixmap("attention", theme.current().warning, 16))
        self.legend = label(self.tr("A big change from the month before"), "caption", wrap=False)
        row.addWidget(self.legend_icon)
        row.addWidget(self.legend)
        outer.addLayout(row)

        self.model = IndicatorsModel(self)
        self.table = row_table(self, "indicatorsTable", self.tr("Monthly returns"), self.model)
        head = self.table.horizontalHeader()
        head.setStretchLastSection(True)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.empty = EmptyState(
            self.tr("No returns for this site yet"),
            self.tr("Enter the first month's figures; each month is then shown beside the last."),
            self.tr("Enter a monthly return"),
            parent=self,
        )
        self.empty.activated.connect(self.main_action.trigger)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        outer.addWidget(self.stack, 1)
        self.count = label("", "muted")
        outer.addWidget(self.count)
        self._show_site()
        self.reload()

    # --- loading ----------------------------------------------------------------------
    def reload(self) -> None:
        if self._ws is None:
            return
        self.busy.start(self.tr("Reading the monthly returns…"))
        self._tasks.run(
            load_indicators, self._ws, on_done=self._loaded, on_error=self._failed, context=self
        )

    def _loaded(self, data: IndicatorsData) -> None:
        if self._ws is None:
            return
        self.busy.stop()
        self.data = data
        current = self.site.currentData()
        self.site.blockSignals(True)
        self.site.clear()
        for site_id, name in data.sites:
            self.site.addItem(name, site_id)
        self.site.setCurrentIndex(max(0, self.site.findData(current)))
        self.site.blockSignals(False)
        self._show_site()
        if self._open_when_loaded:
            self._open_when_loaded = False
            self.enter_return()

    def _failed(self, exc: BaseException) -> None:
        self.busy.stop()
        self.notice.show_message("error", messages.message_for(exc, "indicators"))

    def site_id(self) -> str | None:
        return self.site.currentData()

    def _show_site(self) -> None:
        site = self.site_id()
        returns = self.data.for_site(site) if self.data and site else ()
        self.model.set_returns(returns)
        has = bool(returns)
        self.stack.setCurrentWidget(self.table if has else self.empty)
        flagged = any(
            self.model.jump(r, c) is not None
            for r in range(self.model.rowCount())
            for c in range(1, self.model.columnCount())
        )
        self.legend.setVisible(flagged)
        self.legend_icon.setVisible(flagged)
        if has:
            self.count.setText(
                self.tr("{n} months, {first} to {last}").format(
                    n=len(returns),
                    first=month_name(returns[0].month),
                    last=month_name(returns[-1].month),
                )
            )
        else:
            self.count.setText("")

    # --- entering ---------------------------------------------------------------------
    def enter_return(self) -> None:
        """Opens the monthly return for the chosen site (once the returns are read)."""
        if self._ws is None:
            return
        if self.data is None:
            self._open_when_loaded = True
            return
        self.dialog = IndicatorReturnDialog(
            self._ws, self._tasks, self.data, self.site_id(), parent=self
        )
        self.dialog.saved.connect(self._saved)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        self.enter_button.setFocus()

    def _saved(self, saved: IndicatorReturn) -> None:
        name = self.data.site_name(saved.site_id) if self.data else saved.site_id
        self.notice.show_message(
            "success",
            self.tr("Saved: {month} for {site}.").format(month=month_name(saved.month), site=name),
        )
        self.site.setCurrentIndex(max(0, self.site.findData(saved.site_id)))
        self.reload()

    def clear(self) -> None:
        """Drops everything read from the workspace (used when locking)."""
        self._ws = None
        if self.dialog is not None:
            self.dialog.done(0)
        self.data = None
        self.model.clear()
        self.site.clear()
        self.notice.clear()
        self.busy.stop()
        self._show_site()
