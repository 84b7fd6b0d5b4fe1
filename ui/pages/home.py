"""Home: today's work (waves due, open drafts, alerts, sync) and the study on this laptop.

The page is built by ui/nav.py, which runs `load_summary` on the worker thread and hands
the result to `show_summary`. "Resume" on a draft opens it on the Collect page when the
main window offers one (found through `window().page("collect")`); otherwise drafts are
only listed. The main window hands it the session's SyncWatch (`follow_sync`): the sync card
then changes with every check and sync, as the status bar does, without reloading the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sylcollect.storage.workspace import UnlockedWorkspace
from ui.pages.home_data import TodaysWork, load_today
from ui.pages.home_today import TodayView, line_from_state
from ui.widgets.basics import BusyRow, Notice, PageHeader, card, label

if TYPE_CHECKING:
    from ui.sync_watch import SyncState, SyncWatch


@dataclass(frozen=True)
class SiteSummary:
    """A site's id and name, and the names of its units."""

    id: str
    name: str
    units: tuple[str, ...]


@dataclass(frozen=True)
class HomeSummary:
    """What the Home page shows; built on the worker thread, read on the GUI thread."""

    study_id: str
    name: str
    version: int
    sites: tuple[SiteSummary, ...]
    waves: tuple[tuple[str, str], ...]
    forms: tuple[tuple[str, str, str], ...]
    participants: int
    withdrawn: int
    records: int
    today: TodaysWork | None = None


def load_summary(ws: UnlockedWorkspace, today: date | None = None) -> HomeSummary:
    """Worker thread: reads the study, the counts and today's work in one transaction."""
    study = ws.study
    with ws.transaction() as tx:
        people = tx.participants.list()
        all_records = tx.records.list()
    records = len(all_records)
    work = load_today(ws, people, all_records, today or date.today())
    return HomeSummary(
        study_id=study.id,
        name=study.name,
        version=study.version,
        sites=tuple(SiteSummary(s.id, s.name, tuple(u.name for u in s.units)) for s in study.sites),
        waves=tuple((w.id, w.name) for w in study.waves),
        forms=tuple((f.id, f.version, f.title) for f in study.forms),
        participants=sum(1 for p in people if not p.withdrawn),
        withdrawn=sum(1 for p in people if p.withdrawn),
        records=records,
        today=work,
    )


class HomePage(QWidget):
    """Shows a HomeSummary; `clear()` removes everything read from the workspace. GUI thread."""

    resume_requested = Signal(str)  # a draft's uuid, also handled here (Collect page)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homePage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 0)
        self.header = PageHeader(
            self.tr("Home"),
            self.tr("Today's work, and the study on this laptop."),
        )
        outer.addWidget(self.header)
        self.busy = BusyRow(self)
        self.error = Notice(self)
        outer.addWidget(self.busy)
        outer.addWidget(self.error)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setAccessibleName(self.tr("Today's work and study summary"))
        self.scroll.setProperty("focusRing", True)  # a tab stop, so the keys can scroll it
        outer.addWidget(self.scroll, 1)
        self.summary: HomeSummary | None = None
        self.today: TodayView | None = None
        self._watch: SyncWatch | None = None
        self.resume_requested.connect(self._resume)

    def follow_sync(self, watch: SyncWatch) -> None:
        """Keeps the sync card in step with the session's SyncWatch (what the status bar says)."""
        self._watch = watch
        watch.state_changed.connect(self._sync_changed)

    def _sync_changed(self, state: SyncState) -> None:
        if self.today is None or state.status is None:
            return  # nothing shown yet, or the watch hasn't read the outbox yet
        loaded = self.summary.today.sync if self.summary and self.summary.today else None
        self.today.set_sync(line_from_state(state, loaded))

    def show_loading(self) -> None:
        self.busy.start(self.tr("Reading the study…"))

    def show_error(self, text: str) -> None:
        self.busy.stop()
        self.error.show_message("error", text)

    def show_summary(self, s: HomeSummary) -> None:
        self.busy.stop()
        self.error.clear()
        self.summary = s
        body = QWidget()
        col = QVBoxLayout(body)
        col.setContentsMargins(0, 8, 0, 24)
        col.setSpacing(16)

        if s.today is not None:
            self.today = TodayView(s.today, self._can_resume(), body)
            self.today.resume_requested.connect(self.resume_requested)
            col.addWidget(self.today)
            if self._watch is not None:
                self._watch.refresh()  # the card then follows the watch's fresh reading

        study, study_col = card(s.name)
        study_col.addWidget(
            label(self.tr("Study {id} · version {v}").format(id=s.study_id, v=s.version), "muted")
        )
        col.addWidget(study)

        stats = QHBoxLayout()
        stats.setSpacing(16)
        participants = self.tr("{n} withdrawn").format(n=s.withdrawn) if s.withdrawn else ""
        for title, value, note in (
            (self.tr("Participants"), s.participants, participants),
            (self.tr("Records"), s.records, ""),
            (self.tr("Forms"), len(s.forms), ""),
        ):
            frame, fcol = card(title)
            number = label(str(value), "stat")
            number.setObjectName(f"count_{title.lower()}")
            number.setAccessibleName(f"{title}: {value}")
            fcol.addWidget(number)
            if note:
                fcol.addWidget(label(note, "muted"))
            stats.addWidget(frame, 1)
        col.addLayout(stats)

        sites, sites_col = card(self.tr("Sites"))
        for site in s.sites:
            sites_col.addWidget(label(site.name))
            for unit in site.units:
                sites_col.addWidget(label("    " + unit, "muted"))
        col.addWidget(sites)

        waves, waves_col = card(self.tr("Waves"))
        for _wid, name in s.waves:
            waves_col.addWidget(label(name))
        col.addWidget(waves)

        forms, forms_col = card(self.tr("Forms"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        for c, head in enumerate((self.tr("Title"), self.tr("Form id"), self.tr("Version"))):
            grid.addWidget(label(head, "caption"), 0, c)
        for r, (fid, version, title) in enumerate(s.forms, start=1):
            grid.addWidget(label(title), r, 0)
            grid.addWidget(label(fid, "muted", wrap=False), r, 1)
            grid.addWidget(label(version, "muted", wrap=False), r, 2)
        grid.setColumnStretch(0, 1)
        forms_col.addLayout(grid)
        col.addWidget(forms)
        col.addStretch(1)
        self.scroll.setWidget(body)
        body.setMaximumWidth(960)

    def _can_resume(self) -> bool:
        """Whether the main window has a Collect page (ui/nav.py) to resume drafts on."""
        specs = getattr(self.window(), "specs", None) or ()
        return any(getattr(spec, "key", "") == "collect" for spec in specs)

    def _resume(self, uuid: str) -> None:
        window = self.window()
        if not self._can_resume():
            return
        collect = window.page("collect")  # type: ignore[attr-defined]
        if collect is None or not callable(getattr(collect, "resume", None)):
            return
        window.show_page("collect")  # type: ignore[attr-defined]
        collect.resume(uuid)

    def clear(self) -> None:
        """Drops every widget that shows workspace content (used when locking)."""
        self.summary = None
        self.today = None
        if self._watch is not None and shiboken6.isValid(self._watch):
            self._watch.state_changed.disconnect(self._sync_changed)
        self._watch = None
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.busy.stop()
        self.error.clear()

    def text_content(self) -> str:
        """All visible label text, for tests and checks."""
        body = self.scroll.widget()
        if body is None:
            return ""
        return "\n".join(w.text() for w in body.findChildren(QLabel))
