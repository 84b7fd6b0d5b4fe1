"""Log an observation: a short form, saved on the TaskRunner; Enter or Ctrl+Enter saves."""

from __future__ import annotations

import itertools
from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sylcollect.domain.observation import Observation
from sylcollect.storage.workspace import UnlockedWorkspace
from ui import messages
from ui.dialogs import observation_data as data
from ui.dialogs.observation_widgets import (
    DateTimeEdit,
    EntryFrame,
    ListCompleter,
    controls_stylesheet,
    fit_to_screen,
    save_key_text,
    split_list,
)
from ui.tasks import TaskRunner
from ui.widgets.basics import Notice, label

PRESETS = (15, 30, 45, 60, 90, 120)


class ObservationDialog(QDialog):
    """Logs one observation; emits `saved` with it (after the worker saved it). GUI thread."""

    saved = Signal(object)  # Observation

    def __init__(
        self,
        workspace: UnlockedWorkspace,
        tasks: TaskRunner,
        choices: data.ObservationChoices,
        parent: QWidget | None = None,
        site_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("observationDialog")
        self.setWindowTitle(self.tr("Log an observation"))
        self.setStyleSheet(controls_stylesheet())
        self._ws = workspace
        self._tasks = tasks
        self.choices = choices
        self.saving = False
        self.errors: dict[str, Notice] = {}

        frame = EntryFrame(
            self,
            self.tr("Log an observation"),
            self.tr("What happened, where and when. Use participant codes, never names."),
        )
        col, self.summary = frame.col, frame.summary
        self._build_when(col)
        self._build_who(col)
        self._build_milestones(col)
        col.addStretch(1)
        keys = save_key_text()
        self.busy, self.cancel_button, self.save_button = frame.add_footer(
            self.tr("Cancel"),
            self.tr("Save observation"),
            self.tr("Save ({key})").format(key=keys),
            self.save,
        )
        self.save_button.setAccessibleDescription(
            self.tr("Saves the observation. Shortcut: {key}").format(key=keys)
        )

        self._set_tab_order()
        self.site.setCurrentIndex(max(0, self.site.findData(site_id or choices.last_site)))
        self._site_changed()
        self.site.currentIndexChanged.connect(self._site_changed)
        fit_to_screen(self, 680, 780)
        self.activity.setFocus()

    # --- building ---------------------------------------------------------------------
    def _field(
        self, col: QVBoxLayout, text: str, widget: QWidget, key: str, hint: str = ""
    ) -> None:
        lab = label(text)
        lab.setBuddy(widget)
        col.addWidget(lab)
        if hint:
            col.addWidget(label(hint, "caption"))
            widget.setAccessibleDescription(hint)
        col.addWidget(widget)
        error = Notice(self)
        col.addWidget(error)
        self.errors[key] = error
        col.addSpacing(10)

    def _section(self, col: QVBoxLayout, text: str) -> None:
        col.addSpacing(8)
        col.addWidget(label(text, "section"))
        col.addSpacing(4)

    def _build_when(self, col: QVBoxLayout) -> None:
        self._section(col, self.tr("What, where and when"))
        self.site = QComboBox(self)
        self.site.setObjectName("site")
        for site_id, name in self.choices.sites:
            self.site.addItem(name, site_id)
        self._field(col, self.tr("&Site"), self.site, data.SITE)

        self.activity = QComboBox(self)
        self.activity.setObjectName("activity")
        self.activity.setEditable(True)
        self.activity.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.activity.addItems(list(self.choices.activity_types))
        self.activity.setCurrentIndex(-1)
        self.activity.lineEdit().setPlaceholderText(self.tr("Choose or type, like Group work"))
        completer = self.activity.completer()
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._field(col, self.tr("&Activity"), self.activity, data.ACTIVITY)

        self.start = DateTimeEdit(QDateTime.currentDateTime(), self)
        self.start.setObjectName("start")
        self.start.setDisplayFormat("d MMM yyyy  HH:mm")
        self.start.setCalendarPopup(True)
        self.now_button = self._small(self.tr("Now"), self.tr("Set the start time to now"))
        self.now_button.clicked.connect(lambda: self.set_start(QDateTime.currentDateTime()))
        self.earlier_15 = self._small(self.tr("15 min earlier"), "")
        self.earlier_15.clicked.connect(lambda: self.shift_start(-15))
        self.earlier_60 = self._small(self.tr("1 hour earlier"), "")
        self.earlier_60.clicked.connect(lambda: self.shift_start(-60))
        row = QHBoxLayout()
        row.addWidget(self.start, 1)
        for b in (self.now_button, self.earlier_15, self.earlier_60):
            row.addWidget(b)
        holder = QWidget(self)
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        lab = label(self.tr("S&tart time"))
        lab.setBuddy(self.start)
        col.addWidget(lab)
        col.addWidget(holder)
        self.errors[data.START] = Notice(self)
        col.addWidget(self.errors[data.START])
        col.addSpacing(10)

        self.duration = QSpinBox(self)
        self.duration.setObjectName("duration")
        self.duration.setRange(1, 1440)
        self.duration.setValue(60)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setSingleStep(5)
        self.duration.setAccessibleName(self.tr("Duration in minutes"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.duration, 1)
        self.presets: list[QPushButton] = []
        for minutes in PRESETS:
            b = self._small(
                self.tr("{n}").format(n=minutes),
                self.tr("Set the duration to {n} minutes").format(n=minutes),
            )
            b.clicked.connect(lambda _=False, m=minutes: self.duration.setValue(m))
            row.addWidget(b)
            self.presets.append(b)
        holder = QWidget(self)
        holder.setLayout(row)
        lab = label(self.tr("&Duration (minutes)"))
        lab.setBuddy(self.duration)
        col.addWidget(lab)
        col.addWidget(holder)
        self.errors[data.DURATION] = Notice(self)
        col.addWidget(self.errors[data.DURATION])
        col.addSpacing(10)

    def _small(self, text: str, name: str) -> QPushButton:
        b = QPushButton(text, self)
        b.setAutoDefault(False)
        if name:
            b.setAccessibleName(name)
            b.setToolTip(name)
        return b

    def _build_who(self, col: QVBoxLayout) -> None:
        self._section(col, self.tr("Who and what happened"))
        self.codes = QLineEdit(self)
        self.codes.setObjectName("codes")
        self.codes.setPlaceholderText(self.tr("Like YP-001, YP-002"))
        self.codes_completer = ListCompleter((), self.codes)
        self._field(
            col,
            self.tr("&Who was involved (participant codes)"),
            self.codes,
            data.CODES,
            self.tr("Codes only, separated by commas. Never names."),
        )
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(96)
        self._field(
            col,
            self.tr("&Notes"),
            self.notes,
            data.NOTES,
            self.tr("What happened and what you noticed. Ctrl+Enter saves."),
        )
        self.tags = QLineEdit(self)
        self.tags.setObjectName("tags")
        self.tags.setPlaceholderText(self.tr("Like Engagement, Good practice"))
        self.tags_completer = ListCompleter(self.choices.tags, self.tags)
        self._field(col, self.tr("T&ags"), self.tags, data.TAGS, self.tr("Separated by commas."))

    def _build_milestones(self, col: QVBoxLayout) -> None:
        self._section(col, self.tr("Theory-of-change milestones"))
        self.milestones = QListWidget(self)
        self.milestones.setObjectName("milestones")
        self.milestones.setAccessibleName(self.tr("Milestones this activity is evidence for"))
        self.no_milestones = label(self.tr("This site has no milestones in the study."), "muted")
        self._field(
            col,
            self.tr("&Milestones this activity is evidence for"),
            self.milestones,
            data.MILESTONES,
            self.tr("Space ticks the highlighted milestone."),
        )
        col.addWidget(self.no_milestones)

    def _set_tab_order(self) -> None:
        chain = [
            self.site,
            self.activity,
            self.start,
            self.now_button,
            self.earlier_15,
            self.earlier_60,
            self.duration,
            *self.presets,
            self.codes,
            self.notes,
            self.tags,
            self.milestones,
            self.cancel_button,
            self.save_button,
        ]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)
        self.tab_chain = chain

    # --- behaviour --------------------------------------------------------------------
    def set_start(self, when: QDateTime) -> None:
        self.start.setDateTime(when)

    def shift_start(self, minutes: int) -> None:
        self.start.setDateTime(self.start.dateTime().addSecs(minutes * 60))

    def site_id(self) -> str:
        return str(self.site.currentData() or "")

    def _site_changed(self) -> None:
        site = self.site_id()
        self.codes_completer.set_words(self.choices.codes_by_site.get(site, ()))
        self.milestones.clear()
        stages = {"early": self.tr("Early"), "medium": self.tr("Medium-term")}
        for m in self.choices.milestones_for(site):
            item = QListWidgetItem(f"{stages.get(m.stage, m.stage)} · {m.title}")
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            if m.description:
                item.setToolTip(m.description)
            self.milestones.addItem(item)
        has = self.milestones.count() > 0
        self.milestones.setVisible(has)
        self.no_milestones.setVisible(not has)
        if has:
            rows = self.milestones.count()
            self.milestones.setFixedHeight(min(rows, 5) * 34 + 10)
            self.milestones.setCurrentRow(0)

    def checked_milestones(self) -> tuple[str, ...]:
        items = (self.milestones.item(i) for i in range(self.milestones.count()))
        return tuple(
            str(it.data(Qt.ItemDataRole.UserRole))
            for it in items
            if it.checkState() == Qt.CheckState.Checked
        )

    def observation(self) -> Observation:
        """The observation as the form stands (not yet checked)."""
        start: datetime = self.start.dateTime().toPython()  # type: ignore[assignment]
        return Observation(
            uuid="",
            site_id=self.site_id(),
            activity_type=" ".join(self.activity.currentText().split()),
            started_at=start.replace(second=0, microsecond=0),
            duration_minutes=self.duration.value(),
            participant_codes=split_list(self.codes.text(), spaces=True),
            notes=self.notes.toPlainText().strip(),
            tags=split_list(self.tags.text()),
            milestone_ids=self.checked_milestones(),
            observed_by=self._ws.actor,
        )

    def _targets(self) -> dict[str, QWidget]:
        return {
            data.SITE: self.site,
            data.ACTIVITY: self.activity,
            data.START: self.start,
            data.DURATION: self.duration,
            data.CODES: self.codes,
            data.NOTES: self.notes,
            data.TAGS: self.tags,
            data.MILESTONES: self.milestones,
        }

    def show_problems(self, problems: list[tuple[str, str]]) -> None:
        for notice in self.errors.values():
            notice.clear()
        targets = self._targets()
        for key, text in problems:
            if key in self.errors:
                self.errors[key].show_message("error", text)
        self.summary.show_problems([(text, targets.get(key)) for key, text in problems])

    def save(self) -> None:
        if self.saving:
            return
        obs = self.observation()
        problems = data.check_observation(obs, self.choices)
        if problems:
            self.show_problems(problems)
            return
        self.show_problems([])
        self.saving = True
        self.busy.start(self.tr("Saving…"))
        self._tasks.run(
            data.save_observation,
            self._ws,
            obs,
            on_done=self._saved,
            on_error=self._failed,
            context=self,
        )

    def _saved(self, obs: Observation) -> None:
        self.saving = False
        self.busy.stop()
        self.saved.emit(obs)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.saving = False
        self.busy.stop()
        self.show_problems([("", messages.message_for(exc, "observation"))])

    def reject(self) -> None:
        if not self.saving:  # a save in flight finishes first; its result closes the dialog
            super().reject()

    def text_content(self) -> str:
        return "\n".join(w.text() for w in self.findChildren(QLabel) if w.isVisibleTo(self))
