"""The form being filled in, without widgets: its state, its pages, where we are, and the
autosave that keeps the draft (encrypted) up to date after every change.

Both the staff form filler and the self-complete screens drive one FillController. Saves go
through the TaskRunner (one worker, in order): at most one save runs at a time and one more
waits, holding the newest answers, so a burst of typing costs two saves, not twenty.
GUI thread only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from sylcollect.domain.record import Alert, RecordMode
from sylcollect.forms.compiled import CompiledForm
from sylcollect.forms.safeguarding import carry_over, evaluate_alerts, unacknowledged
from sylcollect.forms.state import Changes, FormState, Key
from sylcollect.forms.state_view import QuestionView, question_view
from sylcollect.services.drafts import DraftSave, DraftSaved, save_draft
from sylcollect.storage.workspace import UnlockedWorkspace
from ui.filler import pages as pg
from ui.pages.settings_prefs import Preferences
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FillSession:
    """What a filling-in starts from: the compiled form, who it is about, saved answers."""

    compiled: CompiledForm
    draft: DraftSave
    subject_text: str = ""
    """Shown in the header (a participant code, a site name, 'Anonymous'); never a name."""
    alerts: tuple[Alert, ...] = ()
    """The alerts saved with the draft (their acknowledgements)."""


class FillController(QObject):
    """State, pages, current page and autosave of one record. GUI thread only."""

    saved = Signal(object)  # DraftSaved
    save_failed = Signal(object)  # BaseException
    saving_changed = Signal(bool)
    pages_changed = Signal()

    def __init__(
        self,
        workspace: UnlockedWorkspace,
        tasks: TaskRunner,
        session: FillSession,
        parent: QObject | None = None,
        *,
        one_per_screen: bool = False,
        prefs: Preferences | None = None,
    ) -> None:
        super().__init__(parent)
        self.one_per_screen = one_per_screen  # self-complete: field-lists split up
        self._ws: UnlockedWorkspace | None = workspace
        self._tasks = tasks
        self.session = session
        self.compiled = session.compiled
        # Settings' "Language of forms" (the app's QSettings unless `prefs` is given); a form
        # without that language opens in its own default (None). The state evaluates in it
        # too (jr:choice-name gives labels in the language in use).
        self._lang: str | None = (prefs or Preferences()).language_for(self.compiled.form.languages)
        self.state = FormState(session.compiled, session.draft.answers, lang=self._lang)
        self.draft = session.draft
        self.uuid = session.draft.uuid
        self.saved_alerts: tuple[Alert, ...] = session.alerts
        self.last_saved: DraftSaved | None = None
        self.pages: list[pg.Page] = self._build()
        self.index = pg.resume_index(self.state, self.pages) if self.uuid else 0
        if self.pages and not pg.relevant(self.state, self.pages[self.index]):
            self.index = self.next_index(self.index) or 0
        self._in_flight = False
        self._dirty = False
        self._after_save: list[Any] = []
        self._after_create: list[Any] = []
        self._holds = 0  # work that will change the answers (a file being attached)

    # --- reading ----------------------------------------------------------------------
    @property
    def lang(self) -> str | None:
        """The form language in use (None: the form's default)."""
        return self._lang

    @lang.setter
    def lang(self, lang: str | None) -> None:
        """Switches the language of labels and of the state's expressions (a calculation
        holding a jr:choice-name label follows it). Not a change to save by itself: a new
        record is not created by switching language."""
        if lang != self._lang:
            self._lang = lang
            self.state.set_language(lang)

    @property
    def page(self) -> pg.Page | None:
        return self.pages[self.index] if self.pages else None

    @property
    def mode(self) -> RecordMode:
        return self.draft.mode

    def view(self, key: Key) -> QuestionView:
        node = self.state.node(key[0], key[1])
        return question_view(self.state, node, self.state.cell(key[0], key[1]), self.lang)

    def question(self, key: Key) -> Any:
        return self.compiled.elements[key[0]]

    def relevant_pages(self) -> list[int]:
        return [i for i, p in enumerate(self.pages) if pg.relevant(self.state, p)]

    def position(self) -> tuple[int, int]:
        """(1-based number of the current page among the relevant ones, how many there are)."""
        shown = self.relevant_pages()
        before = sum(1 for i in shown if i < self.index)
        return min(before + 1, max(1, len(shown))), len(shown)

    def next_index(self, start: int) -> int | None:
        for i in range(start + 1, len(self.pages)):
            if pg.relevant(self.state, self.pages[i]):
                return i
        return None

    def previous_index(self, start: int) -> int | None:
        for i in range(start - 1, -1, -1):
            if pg.relevant(self.state, self.pages[i]):
                return i
        return None

    def section_label(self, page: pg.Page) -> str:
        return pg.label_of(self.state, page.section, self.lang) if page.section else ""

    def alerts(self) -> tuple[Alert, ...]:
        """The alerts the answers raise now, with acknowledgements already saved."""
        return carry_over(evaluate_alerts(self.state), self.saved_alerts)

    def waiting_alerts(self) -> list[Alert]:
        return unacknowledged(self.alerts())

    def problems(self) -> list[tuple[Key, str]]:
        return self.state.problems()

    def unanswered(self) -> list[Key]:
        """Relevant questions that take an answer and have none, in form order."""
        out: list[Key] = []
        for i in self.relevant_pages():
            if self.pages[i].kind != pg.REPEAT:
                out.extend(pg.unanswered(self.state, self.pages[i]))
        return out

    def page_of(self, key: Key) -> int | None:
        for i, p in enumerate(self.pages):
            if key in p.questions or p.key == key:
                return i
        return None

    # --- changing ---------------------------------------------------------------------
    def set_answer(self, key: Key, value: Any) -> Changes:
        changes = self.state.set_answer(key[0], value, key[1])
        self.autosave()
        return changes

    def add_repeat(self, page: pg.Page) -> int | None:
        """Adds an entry to the repeat of `page`; returns the index of its first page."""
        self.state.add_repeat(page.key[0], parent=page.owner)
        count = pg.repeat_entries(self.state, page)
        self._rebuild()
        self.autosave()
        return self.entry_first_page(page, count)

    def remove_repeat(self, page: pg.Page, entry: int) -> None:
        self.state.remove_repeat(page.key[0], (*page.owner, entry))
        current = self.pages[self.index].key if self.pages else None
        self._rebuild(keep=current if current == page.key else None)
        self.index = self.page_of(page.key) or 0
        self.autosave()

    def entry_first_page(self, page: pg.Page, entry: int) -> int | None:
        prefix = (*page.owner, entry)
        for i, p in enumerate(self.pages):
            inside = p.kind != pg.REPEAT and p.key[0].startswith(page.key[0] + "/")
            if inside and p.key[1][: len(prefix)] == prefix:
                return i
            if p.kind == pg.GROUP and p.key == (page.key[0], prefix):
                return i
        return None

    def _build(self) -> list[pg.Page]:
        pages = pg.build_pages(self.state)
        if not self.one_per_screen:
            return pages
        out: list[pg.Page] = []
        for p in pages:
            if p.kind == pg.GROUP:
                section = p.key[0]
                out.extend(pg.Page(pg.QUESTION, k, (k,), section=section) for k in p.questions)
            else:
                out.append(p)
        return out

    def _rebuild(self, keep: Key | None = None) -> None:
        current = keep or (self.pages[self.index].key if self.pages else None)
        self.pages = self._build()
        found = self.page_of(current) if current is not None else None
        self.index = found if found is not None else min(self.index, max(0, len(self.pages) - 1))
        self.pages_changed.emit()

    # --- saving -----------------------------------------------------------------------
    def current_draft(self) -> DraftSave:
        return replace(self.draft, uuid=self.uuid, answers=self.state.answers_to_save())

    @property
    def saving(self) -> bool:
        return self._in_flight or self._dirty or self._holds > 0

    @property
    def tasks(self) -> TaskRunner:
        return self._tasks

    def hold(self) -> None:
        """Work that will change the answers has started (a file being attached):
        `when_saved` waits for it until `unhold()`."""
        was_saving = self.saving
        self._holds += 1
        if not was_saving:
            self.saving_changed.emit(True)

    def unhold(self) -> None:
        self._holds = max(0, self._holds - 1)
        if not self.saving:
            self._continue()

    def when_created(self, callback: Any) -> None:
        """Runs `callback()` once the record exists in the workspace, saving it first if it
        is new (an attachment needs its record); `self.uuid` is still None if that failed."""
        if self.uuid is not None or self._ws is None:
            callback()
            return
        self._after_create.append(callback)
        if not self._in_flight:
            self.autosave()

    def autosave(self) -> None:
        """Saves the answers now, or right after the save that is running."""
        if self._ws is None:
            return
        if self._in_flight:
            self._dirty = True
            return
        self._dirty = False
        self._in_flight = True
        self.saving_changed.emit(True)
        self._tasks.run(
            save_draft,
            self._ws,
            self.current_draft(),
            on_done=self._saved,
            on_error=self._failed,
            context=self,
        )

    def _saved(self, result: DraftSaved) -> None:
        self._in_flight = False
        self.uuid = result.uuid
        self.saved_alerts = result.alerts
        self.last_saved = result
        self.saved.emit(result)
        self._created()
        self._continue()

    def _failed(self, exc: BaseException) -> None:
        self._in_flight = False
        log.warning("draft save failed: %s", type(exc).__name__)
        self.save_failed.emit(exc)
        if not self._dirty:
            self._created()  # they see uuid None: the record could not be created
        self._continue()

    def _created(self) -> None:
        waiting, self._after_create = self._after_create, []
        for callback in waiting:
            callback()

    def _continue(self) -> None:
        if self._dirty and self._ws is not None:
            self.autosave()
            return
        if self._holds:
            return
        self.saving_changed.emit(False)
        waiting, self._after_save = self._after_save, []
        for callback in waiting:
            callback()

    def when_saved(self, callback: Any) -> None:
        """Runs `callback()` once every change so far is saved (now, if nothing waits)."""
        if self.saving:
            self._after_save.append(callback)
        else:
            callback()

    def release(self) -> None:
        """Forgets the workspace (when locking): nothing more is saved."""
        self._ws = None
        self._after_save = []
        self._after_create = []
        self._holds = 0

    @property
    def workspace(self) -> UnlockedWorkspace | None:
        return self._ws
