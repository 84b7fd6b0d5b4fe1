"""The "Today" part of Home: waves due, open drafts, alerts to acknowledge, sync state.

Built from a `TodaysWork` (frozen, read on the worker thread). Each section is a card with a
count in words; empty sections say so in one calm line. The sync card follows the session's
SyncWatch (`line_from_state`, `TodayView.set_sync`), as the status bar does. GUI thread only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import icons, theme
from ui.pages.home_data import SyncLine, TodaysWork
from ui.widgets.basics import label

if TYPE_CHECKING:
    from ui.sync_watch import SyncState


def _tr(text: str) -> str:
    return QCoreApplication.translate("home", text)


def card(
    title: str, icon: str | None = None, colour: str | None = None
) -> tuple[QFrame, QVBoxLayout]:
    """A card with a subtitle (and an icon beside it: never colour alone)."""
    frame = QFrame()
    frame.setProperty("card", True)
    col = QVBoxLayout(frame)
    col.setContentsMargins(20, 16, 20, 16)
    col.setSpacing(6)
    head = QHBoxLayout()
    head.setSpacing(8)
    if icon:
        mark = QLabel(frame)
        mark.setPixmap(icons.pixmap(icon, colour or theme.current().text, 20))
        mark.setFixedSize(24, 24)
        head.addWidget(mark)
    head.addWidget(label(title, "subtitle"), 1)
    col.addLayout(head)
    return frame, col


def when(value: datetime | str | None) -> str:
    """A time for people: '25 Nov 2026, 14:02' in local time ('' when unknown)."""
    if value is None:
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d %b %Y, %H:%M").lstrip("0")


def due_words(due_on: date, days_overdue: int) -> str:
    if days_overdue == 0:
        return _tr("due today")
    if days_overdue == 1:
        return _tr("due yesterday")
    return _tr("due {date} · {n} days ago").format(date=due_on.isoformat(), n=days_overdue)


def line_from_state(state: SyncState, before: SyncLine | None = None) -> SyncLine | None:
    """The sync card's facts from the SyncWatch's state (None: this laptop can't sync).
    Until the watch has checked the target, `before`'s guess about it stands."""
    st = state.status
    if st is None or not state.can_sync:
        return None
    target = state.target or st.target
    guess = before is not None and before.target == target and before.reachable
    return SyncLine(
        changes_waiting=state.waiting,
        last_sync_at=st.last_sync_at,
        target=target,
        reachable=bool(state.online) if state.online is not None else guess,
        last_failure=None if state.syncing else (state.error or st.last_failure),
        online=state.online,
        syncing=state.syncing,
    )


def sync_words(s: SyncLine | None) -> list[tuple[str, str]]:
    """(text, role) lines for the sync card."""
    if s is None:
        return [(_tr("This laptop can't sync: it wasn't set up from a study package."), "muted")]
    lines = []
    if s.changes_waiting:
        lines.append((_tr("{n} changes waiting to sync").format(n=s.changes_waiting), ""))
    else:
        lines.append((_tr("Nothing waiting to sync"), ""))
    if s.syncing:
        lines.append((_tr("Syncing now…"), "muted"))
    last = when(s.last_sync_at)
    lines.append(
        (_tr("Last sync: {when}").format(when=last) if last else _tr("Never synced yet"), "muted")
    )
    web = "://" in (s.target or "")
    if not s.target:
        lines.append((_tr("Offline · no sync target chosen (see Sync)"), "muted"))
    elif s.online is not None and web:
        if s.online:
            lines.append((_tr("Web target reachable"), "success"))
        else:
            lines.append((_tr("Offline · the web target can't be reached"), "warning"))
    elif s.reachable:
        lines.append((_tr("Export folder reachable"), "success"))
    elif web:
        lines.append((_tr("Web target · checked on the Sync page"), "muted"))
    else:
        lines.append((_tr("Offline · the export folder isn't reachable"), "warning"))
    if s.last_failure:
        lines.append((_tr("Last attempt failed: {why}").format(why=s.last_failure), "warning"))
    return lines


class TodayView(QWidget):
    """Cards for today's work; `resume_requested(uuid)` when a draft's Resume is pressed."""

    resume_requested = Signal(str)

    def __init__(self, work: TodaysWork, can_resume: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.resume_buttons: list[QPushButton] = []
        self.sync: SyncLine | None = work.sync
        self._sync_lines: QWidget | None = None
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(16)
        tokens = theme.current()
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self._waves(work), 1)
        row.addWidget(self._sync(work.sync), 1)
        col.addLayout(row)
        if work.alerts:
            col.addWidget(self._alerts(work, tokens.attention))
        col.addWidget(self._drafts(work, can_resume))

    def _waves(self, work: TodaysWork) -> QFrame:
        frame, col = card(self.tr("Waves due"), "clock", theme.current().warning)
        frame.setObjectName("wavesDue")
        if not work.waves_due:
            col.addWidget(label(self.tr("No waves due. Everyone is up to date."), "muted"))
            return frame
        total = work.waves_due_total
        col.addWidget(label(self.tr("{n} participants have a wave due").format(n=total), "muted"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for r, d in enumerate(work.waves_due):
            grid.addWidget(label(d.participant_code, wrap=False), r, 0)
            grid.addWidget(label(d.wave_name), r, 1)
            extra = self.tr(" · draft started") if d.draft_started else ""
            grid.addWidget(label(due_words(d.due_on, d.days_overdue) + extra, "muted"), r, 2)
        grid.setColumnStretch(2, 1)
        col.addLayout(grid)
        if total > len(work.waves_due):
            more = self.tr("… and {n} more (Participants page, filter “wave due”)")
            col.addWidget(label(more.format(n=total - len(work.waves_due)), "caption"))
        return frame

    def _sync(self, s: SyncLine | None) -> QFrame:
        frame, col = card(self.tr("Sync"), "info", theme.current().text_muted)
        frame.setObjectName("syncState")
        self._sync_col = col
        col.addStretch(1)
        self.set_sync(s)
        return frame

    def set_sync(self, s: SyncLine | None) -> None:
        """Shows new sync facts in the card, in place (the rest of the page stays)."""
        self.sync = s
        old, self._sync_lines = self._sync_lines, QWidget()
        lines = QVBoxLayout(self._sync_lines)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setSpacing(6)
        for text, role in sync_words(s):
            lines.addWidget(label(text, role))
        if old is not None:
            self._sync_col.replaceWidget(old, self._sync_lines)
            old.hide()  # for good: a show queued when it was put in must not make it a window
            old.setParent(None)  # type: ignore[call-overload]  # out of the page at once
            old.deleteLater()
        else:
            self._sync_col.insertWidget(1, self._sync_lines)

    def _alerts(self, work: TodaysWork, colour: str) -> QFrame:
        frame, col = card(self.tr("Safeguarding alerts to acknowledge"), "attention", colour)
        frame.setObjectName("alertsWaiting")
        col.addWidget(
            label(
                self.tr("Acknowledge each one (with the action taken) in its questionnaire."),
                "muted",
            )
        )
        for a in work.alerts:
            who = a.participant_code or self.tr("no participant")
            line = f"{who} · {a.form_title}: {a.message}"
            # AlertLine.holds: False once the answers changed after the alert was raised;
            # it still waits for acknowledgement (read with a default until every
            # AlertLine carries it)
            if not a.holds:
                line += self.tr(" (no longer applies after the answers changed)")
            col.addWidget(label(line))
        return frame

    def _drafts(self, work: TodaysWork, can_resume: bool) -> QFrame:
        frame, col = card(self.tr("Open drafts"))
        frame.setObjectName("openDrafts")
        if not work.drafts:
            col.addWidget(label(self.tr("No open drafts."), "muted"))
            return frame
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for r, d in enumerate(work.drafts):
            who = d.participant_code or self.tr("no participant")
            title = f"{d.form_title} · {who}" + (f" · {d.wave_name}" if d.wave_name else "")
            grid.addWidget(label(title), r, 0)
            facts = self.tr("{n} answered · saved {when}").format(
                n=d.answered, when=when(d.updated_at)
            )
            if d.alerts_waiting:
                facts += self.tr(" · {n} alert(s) waiting").format(n=d.alerts_waiting)
            grid.addWidget(label(facts, "muted"), r, 1)
            if can_resume:
                button = QPushButton(self.tr("Resume"), frame)
                button.setAccessibleName(self.tr("Resume {title}").format(title=title))
                button.clicked.connect(lambda _c=False, u=d.uuid: self.resume_requested.emit(u))
                grid.addWidget(button, r, 2)
                self.resume_buttons.append(button)
        grid.setColumnStretch(0, 1)
        col.addLayout(grid)
        if work.drafts_total > len(work.drafts):
            more = self.tr("… and {n} older drafts on the Collect page")
            col.addWidget(label(more.format(n=work.drafts_total - len(work.drafts)), "caption"))
        return frame
