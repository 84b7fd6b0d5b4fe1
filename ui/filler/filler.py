"""The staff form filler: one page at a time, back / next / jump, repeats, language, review
and finish; the draft is saved (encrypted, on the worker) after every change.

Keys: Enter moves on (Ctrl+Enter in a text area), Alt+Left / Alt+Right go back and on,
digits 1-9 pick an option, Ctrl+J opens the list of questions. GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sylcollect.domain.record import Record
from sylcollect.forms.state import Changes, Key
from sylcollect.services.drafts import DraftSaved, acknowledge_draft_alerts, finish_draft
from sylcollect.storage.workspace import UnlockedWorkspace
from ui import messages
from ui.dialogs.observation_widgets import ErrorSummary, ScrollingBody, controls_stylesheet
from ui.filler import pages as pg
from ui.filler.controller import FillController, FillSession
from ui.filler.page_view import PageView
from ui.filler.review import ReviewPage
from ui.filler.style import filler_stylesheet
from ui.pages.settings_prefs import Preferences
from ui.tasks import TaskRunner
from ui.widgets.basics import Notice, label


class FormFiller(QWidget):
    """Fills in one record; `finished(Record)` when final, `closed()` when left. GUI thread."""

    finished = Signal(object)
    closed = Signal()

    def __init__(
        self,
        workspace: UnlockedWorkspace,
        tasks: TaskRunner,
        session: FillSession,
        parent: QWidget | None = None,
        *,
        start_at_review: bool = False,
        prefs: Preferences | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("formFiller")
        self.setStyleSheet(controls_stylesheet() + filler_stylesheet())
        self._tasks = tasks
        self.controller = FillController(workspace, tasks, session, self, prefs=prefs)
        self.controller.saved.connect(self._saved)
        self.controller.save_failed.connect(self._save_failed)
        self.controller.saving_changed.connect(self._saving)
        self.view: PageView | None = None
        self._shown_once = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(8)
        outer.addLayout(self._header(session))
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.position = label("", "caption")
        self.status = label("", "caption")
        row = QHBoxLayout()
        row.addWidget(self.position)
        row.addStretch(1)
        row.addWidget(self.status)
        outer.addWidget(self.progress)
        outer.addLayout(row)
        self.notice = Notice(self)
        outer.addWidget(self.notice)
        self.summary = ErrorSummary(self)
        self.summary.title.setText(self.tr("Check this answer"))
        outer.addWidget(self.summary)
        middle = QHBoxLayout()
        self.stack = QStackedWidget(self)
        self.scroll = ScrollingBody(self)
        self.page_host = QVBoxLayout(self.scroll.body)
        self.page_host.setContentsMargins(4, 4, 12, 4)
        self.review = ReviewPage(show_alerts=True, parent=self)
        self.review.go_to.connect(self.go_to_question)
        self.review.back.connect(lambda: self.show_page(self.controller.index))
        self.review.finish.connect(self.finish)
        self.review.acknowledge.connect(self._acknowledge)
        review_scroll = ScrollingBody(self)
        QVBoxLayout(review_scroll.body).addWidget(self.review)
        self.review_scroll = review_scroll
        self.stack.addWidget(self.scroll)
        self.stack.addWidget(review_scroll)
        self.jump = QListWidget(self)
        self.jump.setAccessibleName(self.tr("Questions"))
        self.jump.setMinimumWidth(280)
        self.jump.setMaximumWidth(360)
        self.jump.itemActivated.connect(self._jumped, Qt.ConnectionType.QueuedConnection)
        self.jump.hide()
        middle.addWidget(self.stack, 1)
        middle.addWidget(self.jump)
        outer.addLayout(middle, 1)
        outer.addLayout(self._nav())
        QShortcut(QKeySequence("Alt+Left"), self, self.back, context=_CONTEXT)
        QShortcut(QKeySequence("Alt+Right"), self, self.next, context=_CONTEXT)
        QShortcut(QKeySequence("Ctrl+J"), self, self.toggle_jump, context=_CONTEXT)
        self.controller.pages_changed.connect(self._update_position)
        if start_at_review:
            self.show_review()
        else:
            self.show_page(self.controller.index)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.focus_current()

    # --- layout -----------------------------------------------------------------------
    def _header(self, session: FillSession) -> QHBoxLayout:
        row = QHBoxLayout()
        text = QVBoxLayout()
        self.title = label(session.compiled.form.title or session.compiled.form.id, "title")
        self.subject = label(session.subject_text, "muted")
        text.addWidget(self.title)
        text.addWidget(self.subject)
        row.addLayout(text, 1)
        form = session.compiled.form
        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Language of the questions"))
        for lang in form.languages or (form.default_language,):
            self.language.addItem(lang if lang != "default" else self.tr("Default"), lang)
        opening = self.controller.lang or form.default_language  # Settings' language of forms
        self.language.setCurrentIndex(max(0, self.language.findData(opening)))
        self.language.currentIndexChanged.connect(self._language)
        self.language.setVisible(self.language.count() > 1)
        self.jump_button = QPushButton(self.tr("Questions"), self)
        self.jump_button.setToolTip(self.tr("List of questions (Ctrl+J)"))
        self.jump_button.setCheckable(True)
        self.jump_button.toggled.connect(self._show_jump)
        self.close_button = QPushButton(self.tr("Save and close"), self)
        self.close_button.setToolTip(self.tr("The draft is already saved; carry on later"))
        self.close_button.clicked.connect(self.close_filler)
        for w in (self.language, self.jump_button, self.close_button):
            row.addWidget(w, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _nav(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("Back"), self)
        self.back_button.setToolTip(self.tr("Back (Alt+Left)"))
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(self.tr("Next"), self)
        self.next_button.setProperty("primary", True)
        self.next_button.setToolTip(self.tr("Next (Enter or Alt+Right)"))
        self.next_button.clicked.connect(self.next)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.next_button)
        return row

    # --- pages ------------------------------------------------------------------------
    def show_page(self, index: int, focus: QWidget | None = None) -> None:
        """Builds and shows page `index`; focus goes to its first question."""
        c = self.controller
        if not c.pages:
            self.show_review()
            return
        c.index = max(0, min(index, len(c.pages) - 1))
        self.summary.clear()
        old, self.view = self.view, PageView(c, c.pages[c.index], self.scroll.body)
        self.view.answered.connect(self._answered)
        self.view.add_entry.connect(self._add_entry)
        self.view.open_entry.connect(self._open_entry)
        self.view.remove_entry.connect(self._remove_entry)
        if old is not None:
            self.page_host.replaceWidget(old, self.view)
            old.hide()
            old.deleteLater()
        else:
            self.page_host.addWidget(self.view)
        self.stack.setCurrentWidget(self.scroll)
        self.scroll.verticalScrollBar().setValue(0)
        self.next_button.show()
        self.back_button.setEnabled(c.previous_index(c.index) is not None)
        self._update_position()
        if self.isVisible():  # before it is shown, `focus_current()` does it
            target = focus or self.view.first_focus() or self.next_button
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_current(self) -> None:
        """Focus to the current page's first question (after the filler is shown)."""
        if self.stack.currentWidget() is self.review_scroll:
            self.review.finish_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.view is not None:
            target = self.view.first_focus() or self.next_button
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_position(self) -> None:
        number, total = self.controller.position()
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(number - 1)
        text = self.tr("Page {n} of {total}").format(n=number, total=total)
        self.position.setText(text)
        self.progress.setAccessibleName(text)

    def next(self) -> None:
        c = self.controller
        if self.stack.currentWidget() is not self.scroll:
            self.review.finish_button.setFocus()
            return
        if self.view is not None:
            self.view.refresh(show_problems=True)
            problems = self.view.problems()
            if problems:
                self.summary.show_problems(problems)
                return
        following = c.next_index(c.index)
        if following is None:
            self.show_review()
        else:
            self.show_page(following)

    def back(self) -> None:
        c = self.controller
        if self.stack.currentWidget() is not self.scroll:
            self.show_page(c.index)
            return
        previous = c.previous_index(c.index)
        if previous is not None:
            self.show_page(previous)

    def go_to_question(self, key: Key) -> None:
        index = self.controller.page_of(key)
        if index is None:
            return
        self.show_page(index)
        if self.view is not None and key in self.view.blocks:
            target = self.view.blocks[key].focus_target()
            if target is not None:
                target.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_review(self) -> None:
        self.summary.clear()
        self.review.fill(self.controller)
        self.stack.setCurrentWidget(self.review_scroll)
        self.progress.setValue(self.progress.maximum())
        self.position.setText(self.tr("Check and finish"))
        self.back_button.setEnabled(True)
        self.next_button.hide()
        if self.isVisible():
            self.review.finish_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- answers and repeats --------------------------------------------------------------
    def _answered(self, key: Key, value: Any) -> None:
        before = self.controller.position()[1]
        changes: Changes = self.controller.set_answer(key, value)
        if self.view is not None:
            self.view.refresh(changes)
            block = self.view.blocks.get(key)
            if block is not None:
                block.update_view(self.controller.view(key), show_problem=True)
        if self.controller.position()[1] != before:
            self._update_position()
        self.summary.clear()

    def _add_entry(self) -> None:
        page = self.controller.page
        if page is None:
            return
        index = self.controller.add_repeat(page)
        self.show_page(index if index is not None else self.controller.index)

    def _open_entry(self, entry: int) -> None:
        page = self.controller.page
        index = self.controller.entry_first_page(page, entry) if page else None
        if index is not None:
            self.show_page(index)

    def _remove_entry(self, entry: int) -> None:
        page = self.controller.page
        if page is None:
            return
        self.controller.remove_repeat(page, entry)
        self.show_page(self.controller.index)
        self.notice.show_message("info", self.tr("Entry {n} removed.").format(n=entry))

    def _language(self) -> None:
        self.controller.lang = self.language.currentData()
        if self.stack.currentWidget() is self.scroll:
            self.show_page(self.controller.index)
        else:
            self.show_review()

    # --- jump list --------------------------------------------------------------------
    def toggle_jump(self) -> None:
        self.jump_button.toggle()

    def _show_jump(self, shown: bool) -> None:
        self.jump.setVisible(shown)
        if not shown:
            return
        c = self.controller
        self.jump.clear()
        for i in c.relevant_pages():
            page = c.pages[i]
            if page.kind == pg.REPEAT:
                text = self.tr("Entries: {name}").format(
                    name=pg.label_of(c.state, page.key[0], c.lang)
                )
            else:
                text = c.view(page.questions[0]).label or page.questions[0][0].rsplit("/")[-1]
                if page.kind == pg.GROUP:
                    text = pg.label_of(c.state, page.key[0], c.lang) or text
            item = QListWidgetItem(text[:80])
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.jump.addItem(item)
            if i == c.index:
                self.jump.setCurrentItem(item)
        self.jump.setFocus()

    def _jumped(self, item: QListWidgetItem) -> None:
        self.show_page(int(item.data(Qt.ItemDataRole.UserRole)))

    # --- saving and finishing -------------------------------------------------------------
    def _saving(self, busy: bool) -> None:
        if busy:
            self.status.setText(self.tr("Saving…"))

    def _saved(self, result: DraftSaved) -> None:
        when = result.saved_at.astimezone().strftime("%H:%M") if result.saved_at else ""
        self.status.setText(self.tr("Draft saved {time}").format(time=when))
        if self.notice.kind == "error":
            self.notice.clear()

    def _save_failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("Not saved"))
        self.notice.show_message(
            "error",
            self.tr("The draft could not be saved. {why}").format(
                why=messages.message_for(exc, "save")
            ),
        )

    def _acknowledge(self, alert_id: str, action: str) -> None:
        c = self.controller

        def run() -> None:
            ws = c.workspace
            if ws is None or c.uuid is None:
                return
            self._tasks.run(
                acknowledge_draft_alerts,
                ws,
                c.uuid,
                action,
                [alert_id],
                on_done=self._acknowledged,
                on_error=self._finish_failed,
                context=self,
            )

        c.when_saved(run)

    def _acknowledged(self, alerts: tuple) -> None:  # type: ignore[type-arg]
        self.controller.saved_alerts = alerts
        self.show_review()
        self.review.notice.show_message("success", self.tr("Alert acknowledged."))

    def finish(self) -> None:
        c = self.controller
        self.review.fill(c)
        blockers = self.review.blockers(c)
        if blockers:
            self.review.summary.show_problems(blockers)
            return
        self.review.finish_button.setEnabled(False)

        def run() -> None:
            ws = c.workspace
            if ws is None:
                return
            self._tasks.run(
                finish_draft,
                ws,
                c.current_draft(),
                on_done=self._finished,
                on_error=self._finish_failed,
                context=self,
            )

        c.when_saved(run)

    def _finished(self, record: Record) -> None:
        self.controller.release()
        self.finished.emit(record)

    def _finish_failed(self, exc: BaseException) -> None:
        self.review.finish_button.setEnabled(True)
        self.review.notice.show_message("error", messages.message_for(exc, "finish"))

    def close_filler(self) -> None:
        self.controller.when_saved(self.closed.emit)

    def release(self) -> None:
        """Drops the workspace (locking); answers saved so far stay saved."""
        self.controller.release()

    # --- keys -------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = QApplication.focusWidget()
            if isinstance(focus, QPlainTextEdit):
                if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                    self.next()
                    return
            elif isinstance(focus, QPushButton) and focus is not self.next_button:
                focus.click()
                return
            elif focus is self.jump:
                return
            else:
                self.next()
                return
        super().keyPressEvent(event)


_CONTEXT = Qt.ShortcutContext.WidgetWithChildrenShortcut
