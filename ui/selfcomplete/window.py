"""Self-complete mode: the questionnaire alone on the screen, for a young person (or an
anonymous staff survey), following UX.md's trauma-informed rules.

The fieldworker starts it (the Collect page's handover); the window fills the screen with
no staff data, menus or shortcuts. Stopping never needs a password; ending the session and
going back to the staff side needs the fieldworker's own password, checked on the worker
thread by opening their key slot (`handed_back(uuid or None)` follows). Answers are saved
(encrypted) after every change; safeguarding alerts are never shown here: the fieldworker
sees them after taking the laptop back. An anonymous staff survey (no participant) has its
own wording, and is made final here when it ends, so the fieldworker never reviews its
answers (one with a safeguarding alert waiting, or that can't be final, stays a draft).
The window never quits the app when it closes: the staff windows are hidden meanwhile.
GUI thread only.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from sylcollect.errors import BackoffActive, WrongPassword
from sylcollect.services.drafts import discard_draft
from sylcollect.services.records import finalise_record
from sylcollect.storage.workspace import UnlockedWorkspace
from ui import messages
from ui.dialogs.passwords import verify_password
from ui.filler import pages as pg
from ui.filler.controller import FillController, FillSession
from ui.selfcomplete import style
from ui.selfcomplete import texts as tx
from ui.selfcomplete.flow import CheckScreen, Comfort, NextScreen, WelcomeScreen
from ui.selfcomplete.question_screen import QuestionScreen
from ui.selfcomplete.screens import (
    BreakScreen,
    EndScreen,
    PausedScreen,
    StaffScreen,
    StopScreen,
    button,
)
from ui.selfcomplete.speech import Speaker
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

HIDE_KEYS = (QKeySequence("Escape"), QKeySequence("F12"))


class SelfCompleteWindow(QWidget):
    """The full-screen questionnaire; `handed_back(uuid | None)` after the staff password."""

    handed_back = Signal(object)

    def __init__(
        self,
        workspace: UnlockedWorkspace,
        tasks: TaskRunner,
        session: FillSession,
        adult: str = "",
        speaker: Speaker | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("selfComplete")
        self.setWindowTitle(self.tr("Questions"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # staff windows are hidden
        self._ws: UnlockedWorkspace | None = workspace
        self._tasks = tasks
        self._speaker = speaker
        self._may_close = False
        self._kept = True
        self._changing = False
        self._before_pause: QWidget | None = None
        self.staff_survey = session.draft.participant_code is None
        self.final = False  # a staff survey made final here
        self.controller = FillController(workspace, tasks, session, self, one_per_screen=True)
        self.controller.index = 0
        self.controller.save_failed.connect(self._save_failed)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 12, 24, 12)
        top = QHBoxLayout()
        top.addStretch(1)
        self.hide_button = button(tx.HIDE, self, quiet=True)
        self.hide_button.setToolTip(tx.t(tx.HIDE_TIP))
        self.hide_button.clicked.connect(self.hide_screen)
        top.addWidget(self.hide_button)
        outer.addLayout(top)
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack, 1)
        outer.addWidget(self._footer())
        staff = self.staff_survey
        shown = [p for p in self.controller.pages if p.kind != pg.REPEAT]
        self.welcome = WelcomeScreen(len(shown), staff, speaker is not None, self)
        self.welcome.start.connect(self.begin)
        self.welcome.not_now.connect(self._not_now)
        self.welcome.comfort.changed.connect(lambda: self._comfort(self.welcome.comfort))
        self.pause_screen = PausedScreen(self)
        self.pause_screen.carry_on.connect(self._unpause)
        self.break_screen = BreakScreen(adult, self, staff=staff)
        self.break_screen.carry_on.connect(self.show_question)
        self.stop_screen = StopScreen(self, staff=staff)
        self.stop_screen.keep.connect(self._keep)
        self.stop_screen.delete.connect(self._delete)
        self.stop_screen.back.connect(self.show_question)
        self.end_screen = EndScreen(adult, self, staff=staff)
        self.end_screen.staff.connect(self.ask_staff)
        self.staff_screen = StaffScreen(self)
        self.staff_screen.submitted.connect(self._verify)
        self.staff_screen.cancelled.connect(self._staff_cancelled)
        self.next_screen = NextScreen(self, staff=staff)
        self.next_screen.back.connect(self.show_check)
        self.next_screen.send.connect(self._send)
        for screen in (
            self.welcome,
            self.pause_screen,
            self.break_screen,
            self.stop_screen,
            self.end_screen,
            self.staff_screen,
            self.next_screen,
        ):
            self.stack.addWidget(screen)
        self.question: QuestionScreen | None = None
        self.check: CheckScreen | None = None
        for key in HIDE_KEYS:
            QShortcut(key, self, self.hide_screen, context=Qt.ShortcutContext.WindowShortcut)
        self._comfort(self.welcome.comfort)
        self._show(self.welcome)

    def _footer(self) -> QFrame:
        self.footer = QFrame(self)
        self.footer.setObjectName("footer")
        row = QHBoxLayout(self.footer)
        row.setContentsMargins(0, 12, 0, 0)
        row.setSpacing(12)
        self.break_button = button(tx.BREAK, self.footer)
        self.break_button.clicked.connect(self.take_break)
        self.stop_button = button(tx.STOP, self.footer)
        self.stop_button.clicked.connect(self.stop)
        self.comfort = Comfort(self._speaker is not None, self.footer)
        self.comfort.changed.connect(lambda: self._comfort(self.comfort))
        self.again_button = button(tx.READ_AGAIN, self.footer, quiet=True)
        self.again_button.clicked.connect(self.read_aloud)
        self.again_button.hide()
        self.staff_button = button(tx.STAFF, self.footer, quiet=True)
        self.staff_button.clicked.connect(self.ask_staff)
        row.addWidget(self.break_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.comfort, 1)
        row.addWidget(self.again_button)
        row.addWidget(self.staff_button)
        return self.footer

    # --- showing screens ------------------------------------------------------------------
    def _show(self, screen: QWidget, focus: QWidget | None = None) -> None:
        self.stack.setCurrentWidget(screen)
        questions = isinstance(screen, QuestionScreen | CheckScreen | NextScreen)
        self.footer.setVisible(questions or screen in (self.break_screen, self.stop_screen))
        self.break_button.setVisible(questions)
        self.stop_button.setVisible(screen is not self.stop_screen)
        self.staff_button.setVisible(screen is not self.staff_screen)
        self.hide_button.setVisible(screen is not self.pause_screen)
        target = focus or getattr(screen, "first_focus", lambda: None)()
        if target is None:
            candidates = [
                b for b in screen.findChildren(QWidget) if b.focusPolicy() & Qt.FocusPolicy.TabFocus
            ]
            target = candidates[0] if candidates else screen
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.comfort.reading:
            self.read_aloud()

    def _comfort(self, source: Comfort) -> None:
        other = self.comfort if source is self.welcome.comfort else self.welcome.comfort
        other.copy_from(source)
        self.setStyleSheet(style.stylesheet(source.tokens, source.scale))
        from ui import theme

        self.setPalette(theme.palette(source.tokens))
        self.again_button.setVisible(source.reading)
        if not source.reading and self._speaker is not None:
            self._speaker.stop()

    def read_aloud(self) -> None:
        if self._speaker is None:
            return
        screen = self.stack.currentWidget()
        words = getattr(screen, "words", None)
        if callable(words):
            self._speaker.say(str(words()))

    def begin(self) -> None:
        self.show_question()

    def show_question(self, index: int | None = None, *, changing: bool = False) -> None:
        c = self.controller
        if not c.pages:
            self.show_check()
            return
        if index is not None:
            c.index = index
        if not pg.relevant(c.state, c.pages[c.index]):
            following = c.next_index(c.index)
            if following is None:
                self.show_check()
                return
            c.index = following
        self._changing = changing
        old, self.question = self.question, QuestionScreen(c, c.pages[c.index], changing=changing)
        self.question.answered.connect(self._answered)
        self.question.next.connect(self.next)
        self.question.skip.connect(self.skip)
        self.question.back.connect(self.back)
        self.question.skip_part.connect(self._skip_part)
        self.question.add_entry.connect(self._add_entry)
        self.stack.addWidget(self.question)
        self._show(self.question)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()

    # --- moving -----------------------------------------------------------------------
    def _answered(self, key: Any, value: Any) -> None:
        self.controller.set_answer(key, value)

    def next(self) -> None:
        screen = self.question
        if screen is not None:
            problem = screen.problem()
            if problem:
                screen.show_problem(problem)
                return
        if self._changing:
            self.show_check()
            return
        following = self.controller.next_index(self.controller.index)
        if following is None:
            self.show_check()
        else:
            self.show_question(following)

    def skip(self) -> None:
        """Skipped: stored as empty (unlike 'I'd rather not say', which is an answer)."""
        page = self.controller.page
        if page is not None:
            for key in page.questions:
                if pg.takes_answer(self.controller.state, key) and not pg.is_empty(
                    pg.cell(self.controller.state, key).answer
                ):
                    self.controller.set_answer(key, None)
        if self._changing:
            self.show_check()
            return
        following = self.controller.next_index(self.controller.index)
        self.show_check() if following is None else self.show_question(following)

    def back(self) -> None:
        previous = self.controller.previous_index(self.controller.index)
        if previous is not None:
            self.show_question(previous)

    def _skip_part(self) -> None:
        c = self.controller
        page = c.page
        if page is None:
            return
        from ui.selfcomplete.question_screen import next_section

        section = next_section(c, page) or ""
        i = c.next_index(c.index)
        while i is not None and section and c.pages[i].section.startswith(section):
            i = c.next_index(i)
        self.show_check() if i is None else self.show_question(i)

    def _add_entry(self) -> None:
        page = self.controller.page
        if page is not None:
            index = self.controller.add_repeat(page)
            self.show_question(index)

    def show_check(self) -> None:
        old, self.check = self.check, CheckScreen(self.controller, self)
        self.check.change.connect(self._change)
        self.check.clear.connect(self._clear)
        self.check.done.connect(lambda: self._show(self.next_screen))
        self.stack.addWidget(self.check)
        self._show(self.check)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()

    def _change(self, key: Any) -> None:
        index = self.controller.page_of(key)
        if index is not None:
            self.show_question(index, changing=True)

    def _clear(self, key: Any) -> None:
        self.controller.set_answer(key, None)
        self.show_check()

    # --- break, hide, stop ------------------------------------------------------------------
    def take_break(self) -> None:
        self._show(self.break_screen)

    def hide_screen(self) -> None:
        """Instantly shows the neutral 'Paused' screen; Carry on comes back."""
        current = self.stack.currentWidget()
        if current is self.pause_screen:
            return
        self._before_pause = current
        if self._speaker is not None:
            self._speaker.stop()
        self.stack.setCurrentWidget(self.pause_screen)
        self.footer.hide()
        self.hide_button.hide()
        self.pause_screen.carry_on_button.setFocus()

    def _unpause(self) -> None:
        back = self._before_pause or self.welcome
        self._before_pause = None
        self._show(back)

    @property
    def paused(self) -> bool:
        return self.stack.currentWidget() is self.pause_screen

    def stop(self) -> None:
        self._show(self.stop_screen)

    def _keep(self) -> None:
        self._kept = True
        kept = tx.STOPPED_KEPT_STAFF if self.staff_survey else tx.STOPPED_KEPT
        self.controller.when_saved(
            lambda: self._finalise(lambda: self._end(tx.STOPPED_TITLE, kept))
        )

    def _delete(self) -> None:
        self._kept = False
        c = self.controller

        def run() -> None:
            ws, uuid = c.workspace, c.uuid
            c.release()
            if ws is not None and uuid is not None:
                self._tasks.run(discard_draft, ws, uuid, context=self)
            self._end(tx.STOPPED_TITLE, tx.STOPPED_DELETED)

        c.when_saved(run)

    def _not_now(self) -> None:
        self._kept = False
        self.controller.release()
        self._end(tx.NOT_NOW_TITLE, tx.NOT_NOW_TEXT)

    def _send(self) -> None:
        self._kept = True
        thanks = tx.THANKS_TEXT_STAFF if self.staff_survey else tx.THANKS_TEXT
        self.controller.when_saved(
            lambda: self._finalise(lambda: self._end(tx.THANKS_TITLE, thanks))
        )

    def _finalise(self, then: Any) -> None:
        """A staff survey's saved answers are made final, then `then()`; a young person's
        record stays a draft for the fieldworker's review (`then()` at once)."""
        c = self.controller
        ws, uuid = c.workspace, c.uuid
        if not self.staff_survey or self.final or ws is None or uuid is None:
            then()
            return

        def done(_record: object) -> None:
            self.final = True
            c.release()  # final: nothing more is saved
            then()

        def kept_as_draft(exc: BaseException) -> None:
            _kept_as_draft(exc)
            then()

        self._tasks.run(
            finalise_record, ws, uuid, on_done=done, on_error=kept_as_draft, context=self
        )

    @property
    def alerts_waiting(self) -> int:
        """Safeguarding alerts the answers raise that nobody has acknowledged yet."""
        return len(self.controller.waiting_alerts())

    def _end(self, title: str, text: str) -> None:
        self.end_screen.set_words(title, text)
        self._show(self.end_screen, self.end_screen.staff_button)

    def _save_failed(self, _exc: BaseException) -> None:
        if self.question is not None:
            problem = tx.SAVING_PROBLEM_STAFF if self.staff_survey else tx.SAVING_PROBLEM
            self.question.show_problem(tx.t(problem))

    # --- handing back -----------------------------------------------------------------------
    def ask_staff(self) -> None:
        self._return_to = self.stack.currentWidget()
        self.staff_screen.reset()
        self._show(self.staff_screen, self.staff_screen.password.edit)

    def _staff_cancelled(self) -> None:
        self._show(getattr(self, "_return_to", None) or self.welcome)

    def _verify(self, password: str) -> None:
        if self._ws is None:
            return
        self._tasks.run(
            verify_password,
            self._ws,
            password,
            on_done=lambda _none: self._handed_back(),
            on_error=self._refused,
            context=self,
        )

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, BackoffActive):
            self.staff_screen.failed(messages.backoff_text(exc.seconds))
        elif isinstance(exc, WrongPassword):
            self.staff_screen.failed(tx.t(tx.WRONG))
        else:
            self.staff_screen.failed(messages.message_for(exc))

    def _handed_back(self) -> None:
        c = self.controller
        uuid = c.uuid if self._kept else None

        def done() -> None:
            self._may_close = True
            if self._speaker is not None:
                self._speaker.stop()
            self.handed_back.emit(uuid)  # the staff windows come back before this one closes
            self.close()

        c.when_saved(lambda: self._finalise(done) if self._kept else done())

    def release(self) -> None:
        """The workspace locked: nothing more is saved; the window closes. A staff survey's
        saved answers are made final first (queued before the lock), never left to review."""
        c = self.controller
        ws, uuid = c.workspace, c.uuid
        if self.staff_survey and self._kept and not self.final and ws is not None and uuid:
            self._tasks.run(finalise_record, ws, uuid, on_error=_kept_as_draft)
        self._ws = None
        c.release()
        self._may_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close:
            super().closeEvent(event)
        else:
            event.ignore()  # Alt+F4 and the like: only the staff password ends the session


def _kept_as_draft(exc: BaseException) -> None:
    """A staff survey that can't be final (an alert waits, a required answer is empty)."""
    log.info("staff survey kept as a draft: %s", type(exc).__name__)
