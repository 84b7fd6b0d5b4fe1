"""Collect: choose a form, who or what it is about, the wave and the mode; start it, or
resume an open draft. The form filler and the self-complete handover open in the page."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sylcollect.domain.record import Record, RecordMode, RecordStatus
from sylcollect.errors import InvalidInput
from sylcollect.services.drafts import DraftSave
from sylcollect.services.records import check_paper_date
from sylcollect.storage.workspace import UnlockedWorkspace
from ui import messages
from ui.dialogs.observation_widgets import EmptyState, ErrorSummary, controls_stylesheet
from ui.filler.controller import FillSession
from ui.filler.filler import FormFiller
from ui.filler.loading import new_session, resume_session
from ui.pages.collect_data import CollectData, DraftList, load_collect
from ui.pages.collect_handover import HandBack, Handover
from ui.tasks import TaskRunner
from ui.widgets.basics import BusyRow, Notice, PageHeader, field, label

NO_WAVE = ""


class CollectPage(QWidget):
    """Starts and resumes records; reads and saves via the TaskRunner. GUI thread only."""

    #: True while a self-complete session has the screen (the nav owner may pause idle lock).
    self_complete_active = Signal(bool)

    def __init__(
        self, workspace: UnlockedWorkspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("collectPage")
        self.setStyleSheet(controls_stylesheet())
        self._ws: UnlockedWorkspace | None = workspace
        self._tasks = tasks
        self.data: CollectData | None = None
        self.filler: FormFiller | None = None
        self.title = self.tr("Collect")
        self.purpose = self.tr(
            "Fill in a questionnaire with someone, hand the laptop over, or type in a paper form."
        )
        self.main_action = QAction(self.tr("Start a questionnaire"), self)
        self.main_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.main_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.main_action.triggered.connect(self.start)
        self.addAction(self.main_action)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack)
        self.chooser = QWidget(self)
        self.stack.addWidget(self.chooser)
        self.handover = Handover(tasks, self)
        self.handover.cancelled.connect(self.show_chooser)
        self.handover.returned.connect(self._self_complete_returned)
        self.handover.active.connect(self.self_complete_active)
        self.stack.addWidget(self.handover)
        self._build_chooser()
        self.reload()

    # --- layout -----------------------------------------------------------------------
    def _build_chooser(self) -> None:
        col = QVBoxLayout(self.chooser)
        col.setContentsMargins(32, 24, 32, 16)
        col.setSpacing(8)
        self.header = PageHeader(self.title, self.purpose, self.chooser)
        self.start_button = QPushButton(self.main_action.text(), self.chooser)
        self.start_button.setProperty("primary", True)
        key = self.main_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.start_button.setToolTip(self.tr("Start ({key})").format(key=key))
        self.start_button.clicked.connect(self.main_action.trigger)
        self.header.add_action(self.start_button)
        col.addWidget(self.header)
        self.busy = BusyRow(self.chooser)
        self.notice = Notice(self.chooser)
        self.summary = ErrorSummary(self.chooser)
        self.summary.title.setText(self.tr("Check these before starting"))
        for w in (self.busy, self.notice, self.summary):
            col.addWidget(w)
        row = QHBoxLayout()
        row.setSpacing(32)
        form_col = QVBoxLayout()
        self.form = QComboBox(self.chooser)
        self.subject = QComboBox(self.chooser)
        self.subject.setEditable(True)
        self.subject.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.site = QComboBox(self.chooser)
        self.wave = QComboBox(self.chooser)
        field(form_col, self.tr("Questionnaire"), self.form)
        self.subject_label = field(
            form_col, self.tr("Participant code"), self.subject, self.tr("Type or pick a code.")
        )
        self.site_label = field(form_col, self.tr("Site"), self.site)
        field(form_col, self.tr("Wave"), self.wave)
        form_col.addWidget(label(self.tr("How is it filled in?")))
        self.modes = QButtonGroup(self)
        self.mode_buttons: dict[RecordMode, QRadioButton] = {}
        for mode, text in (
            (RecordMode.INTERVIEWER, self.tr("I ask the questions")),
            (RecordMode.SELF_COMPLETE, self.tr("They fill it in themselves on this laptop")),
            (RecordMode.PAPER, self.tr("I am typing in a paper form")),
        ):
            button = QRadioButton(text, self.chooser)
            self.modes.addButton(button)
            self.mode_buttons[mode] = button
            form_col.addWidget(button)
        self.mode_buttons[RecordMode.INTERVIEWER].setChecked(True)
        self.paper_box = QWidget(self.chooser)  # shown only for a paper form
        paper_col = QVBoxLayout(self.paper_box)
        paper_col.setContentsMargins(24, 8, 0, 0)
        self.paper_date = QLineEdit(self.paper_box)
        self.paper_date.setPlaceholderText(self.tr("YYYY-MM-DD"))
        field(
            paper_col,
            self.tr("Date on the paper form"),
            self.paper_date,
            self.tr("Optional. The date written on the form: year-month-day, like 2026-01-12."),
        )
        form_col.addWidget(self.paper_box)
        self.paper_box.setVisible(False)
        self.modes.buttonToggled.connect(self._mode_changed)
        form_col.addStretch(1)
        row.addLayout(form_col, 2)
        drafts_col = QVBoxLayout()
        drafts_col.addWidget(label(self.tr("Open drafts"), "subtitle"))
        self.drafts = DraftList(self.chooser)
        self.drafts.resume.connect(self.resume)
        self.no_drafts = EmptyState(
            self.tr("No open drafts"),
            self.tr("A questionnaire you start is saved as you go, and waits here."),
            self.tr("Start a questionnaire"),
            parent=self.chooser,
        )
        self.no_drafts.activated.connect(self.start)
        self.resume_button = QPushButton(self.tr("Resume draft"), self.chooser)
        self.resume_button.clicked.connect(self._resume_current)
        drafts_col.addWidget(self.drafts, 1)
        drafts_col.addWidget(self.no_drafts, 1)
        drafts_col.addWidget(self.resume_button, 0, Qt.AlignmentFlag.AlignRight)
        row.addLayout(drafts_col, 3)
        col.addLayout(row, 1)
        self.form.currentIndexChanged.connect(self._form_changed)
        self.setTabOrder(self.start_button, self.form)

    # --- loading ----------------------------------------------------------------------
    def reload(self) -> None:
        if self._ws is None:
            return
        self.busy.start(self.tr("Reading forms and drafts…"))
        self._tasks.run(
            load_collect, self._ws, on_done=self._loaded, on_error=self._failed, context=self
        )

    def _loaded(self, data: CollectData) -> None:
        if self._ws is None:
            return
        self.busy.stop()
        self.data = data

        def refill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

        refill(self.form, [(f.title, f.id) for f in data.forms])
        refill(self.subject, [(code, code) for code, _site in data.participants])
        refill(self.site, [(name, sid) for sid, name in data.sites])
        refill(self.wave, [(self.tr("No wave"), NO_WAVE), *((n, w) for w, n in data.waves)])
        self.drafts.set_drafts(data)
        has = bool(data.drafts)
        self.drafts.setVisible(has)
        self.resume_button.setVisible(has)
        self.no_drafts.setVisible(not has)
        self._form_changed()

    def _failed(self, exc: BaseException) -> None:
        self.busy.stop()
        self.notice.show_message("error", messages.message_for(exc, "collect"))

    def _form_changed(self) -> None:
        chosen = self.data.form(self.form.currentData()) if self.data else None
        about_person = chosen is None or chosen.subject == "participant"
        for w in (self.subject, self.subject_label):
            w.setVisible(about_person)
        for w in (self.site, self.site_label):
            w.setVisible(not about_person)

    def _mode_changed(self) -> None:
        self.paper_box.setVisible(self.mode() is RecordMode.PAPER)

    # --- starting ---------------------------------------------------------------------
    def mode(self) -> RecordMode:
        return next(m for m, b in self.mode_buttons.items() if b.isChecked())

    def _paper_date(self, today: datetime) -> tuple[date | None, str]:
        """The date typed for a paper form (None when empty), or the problem with it."""
        text = self.paper_date.text().strip()
        if self.mode() is not RecordMode.PAPER or not text:
            return None, ""
        try:
            when = date.fromisoformat(text)
        except ValueError:
            return None, self.tr(
                "Type the date on the paper form as year-month-day, like 2026-01-12."
            )
        try:
            check_paper_date(RecordMode.PAPER, when, today)  # the rule the save applies
        except InvalidInput:
            return None, self.tr("The date on the paper form can't be in the future.")
        return when, ""

    def start(self) -> None:
        """Starts the chosen questionnaire (checks the choices first)."""
        if self._ws is None or self.data is None:
            return
        if self.stack.currentWidget() is not self.chooser:
            return
        chosen = self.data.form(self.form.currentData())
        problems: list[tuple[str, QWidget | None]] = []
        code = self.subject.currentText().strip()
        if chosen is None:
            problems.append((self.tr("Choose a questionnaire."), self.form))
        elif chosen.subject == "participant":
            if code not in {c for c, _s in self.data.participants}:
                problems.append(
                    (self.tr("Type the code of a participant on this laptop."), self.subject)
                )
        elif not self.site.currentData():
            problems.append((self.tr("Choose a site."), self.site))
        paper_date, paper_problem = self._paper_date(datetime.now().astimezone())
        if paper_problem:
            problems.append((paper_problem, self.paper_date))
        if problems or chosen is None:
            self.summary.show_problems(problems)
            return
        self.summary.clear()
        about_person = chosen.subject == "participant"
        draft = DraftSave(
            form_id=chosen.id,
            form_version=chosen.version,
            answers={},
            participant_code=code if about_person else None,
            site_id=None if about_person else self.site.currentData(),
            wave_id=self.wave.currentData() or None,
            mode=self.mode(),
            paper_date=paper_date,
        )
        self.busy.start(self.tr("Opening the questionnaire…"))
        self._tasks.run(
            new_session, self._ws, draft, on_done=self._opened, on_error=self._failed, context=self
        )

    def resume(self, uuid: str) -> None:
        if self._ws is None:
            return
        self.busy.start(self.tr("Opening the draft…"))
        self._tasks.run(
            resume_session,
            self._ws,
            uuid,
            on_done=self._opened,
            on_error=self._failed,
            context=self,
        )

    def _resume_current(self) -> None:
        uuid = self.drafts.current_uuid()
        if uuid:
            self.resume(uuid)

    def _opened(self, session: FillSession) -> None:
        self.busy.stop()
        if self._ws is None:
            return
        self.paper_date.clear()  # used: the next paper form has its own date
        if session.draft.mode is RecordMode.SELF_COMPLETE and session.draft.uuid is None:
            self.handover.prepare(self._ws, session)
            self.stack.setCurrentWidget(self.handover)
            return
        self.open_filler(session)

    def open_filler(self, session: FillSession, *, review: bool = False) -> None:
        assert self._ws is not None
        self.close_filler()
        self.filler = FormFiller(self._ws, self._tasks, session, start_at_review=review)
        self.filler.finished.connect(self._finished)
        self.filler.closed.connect(self._filler_closed)
        self.stack.addWidget(self.filler)
        self.stack.setCurrentWidget(self.filler)
        self.filler.focus_current()

    def close_filler(self) -> None:
        if self.filler is not None:
            self.filler.release()
            self.stack.removeWidget(self.filler)
            self.filler.deleteLater()
            self.filler = None

    def show_chooser(self) -> None:
        self.close_filler()
        self.stack.setCurrentWidget(self.chooser)
        self.reload()
        self.start_button.setFocus()

    def _filler_closed(self) -> None:
        self.show_chooser()
        self.notice.show_message("info", self.tr("Draft saved. Resume it from Open drafts."))

    def _finished(self, record: Record) -> None:
        self.show_chooser()
        if record.status is RecordStatus.FINAL:
            self.notice.show_message("success", self.tr("Saved as a final record."))
        else:
            self.notice.show_message("info", self.tr("Saved as a draft."))

    def _self_complete_returned(self, back: HandBack) -> None:
        """After the fieldworker's password: the record's review, alerts first; an anonymous
        staff survey's answers are not shown (saved for the study team)."""
        if back.uuid is None or self._ws is None:
            self.show_chooser()
            self.notice.show_message("info", self.tr("The self-complete session ended."))
            return
        if not back.review:
            self.show_chooser()
            if back.final:
                text = self.tr(
                    "The staff survey is saved for the study team. Its answers are not shown here."
                )
            else:
                text = self.tr(
                    "The staff survey is saved as a draft (it could not be made final). "
                    "Its answers are not shown here."
                )
            self.notice.show_message("success" if back.final else "info", text)
            return
        uuid = back.uuid
        self.busy.start(self.tr("Opening the answers…"))
        self.stack.setCurrentWidget(self.chooser)
        self._tasks.run(
            resume_session,
            self._ws,
            str(uuid),
            on_done=lambda s: (self.busy.stop(), self.open_filler(s, review=True)),
            on_error=self._failed,
            context=self,
        )

    def clear(self) -> None:
        """Drops everything read from the workspace (used when locking)."""
        self._ws = None
        self.handover.release()
        self.close_filler()
        self.stack.setCurrentWidget(self.chooser)
        self.data = None
        for combo in (self.form, self.subject, self.site, self.wave):
            combo.clear()
        self.drafts.clear()
        self.paper_date.clear()
        self.notice.clear()
        self.summary.clear()
        self.busy.stop()
