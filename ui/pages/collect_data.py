"""What the Collect page offers: forms, participants by code, sites, waves and open drafts,
read once on the worker thread; and the open-drafts list widget."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from sylcollect.domain.record import RecordMode
from sylcollect.services.drafts import DraftInfo, open_drafts
from sylcollect.storage.workspace import UnlockedWorkspace


@dataclass(frozen=True)
class FormChoice:
    id: str
    version: str
    title: str
    subject: str  # participant | site | anonymous


@dataclass(frozen=True)
class CollectData:
    """The Collect page's choices; immutable, built on the worker."""

    forms: tuple[FormChoice, ...]
    participants: tuple[tuple[str, str], ...]  # (code, site id), not withdrawn
    sites: tuple[tuple[str, str], ...]  # (id, short name)
    waves: tuple[tuple[str, str], ...]  # (id, name)
    drafts: tuple[DraftInfo, ...]

    def form(self, form_id: str) -> FormChoice | None:
        return next((f for f in self.forms if f.id == form_id), None)

    def site_name(self, site_id: str) -> str:
        return dict(self.sites).get(site_id, site_id)


def load_collect(ws: UnlockedWorkspace) -> CollectData:
    """Worker thread: the study's forms (newest versions), participants, sites, drafts."""
    study = ws.study
    newest: dict[str, FormChoice] = {}
    for ref in study.forms:
        chosen = study.form(ref.id)
        if chosen is not None:
            newest[ref.id] = FormChoice(chosen.id, chosen.version, chosen.title, chosen.subject)
    with ws.transaction() as tx:
        people = tx.participants.list(include_withdrawn=False)
    return CollectData(
        forms=tuple(newest.values()),
        participants=tuple((p.code, p.site_id) for p in sorted(people, key=lambda p: p.code)),
        sites=tuple((s.id, s.project or s.name) for s in study.sites),
        waves=tuple((w.id, w.name) for w in study.waves),
        drafts=tuple(open_drafts(ws)),
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("collect", text)


MODE_WORDS = {  # looked up with _tr(), in the "collect" context
    RecordMode.INTERVIEWER: QT_TRANSLATE_NOOP("collect", "asked by you"),
    RecordMode.SELF_COMPLETE: QT_TRANSLATE_NOOP("collect", "self-complete"),
    RecordMode.PAPER: QT_TRANSLATE_NOOP("collect", "from paper"),
}


def draft_line(d: DraftInfo, data: CollectData) -> str:
    """'PHQ-9 · YP-001 · Baseline · self-complete · 5 answers · saved 14 Mar 14:02'."""
    who = d.participant_code or data.site_name(d.site_id)
    parts = [d.form_title, who]
    if d.wave_id:
        parts.append(dict(data.waves).get(d.wave_id, d.wave_id))
    parts.append(_tr(MODE_WORDS[d.mode]))
    parts.append(_tr("1 answer") if d.answered == 1 else _tr("{n} answers").format(n=d.answered))
    if d.updated_at is not None:
        when = d.updated_at.astimezone().strftime("%d %b %H:%M")
        parts.append(_tr("saved {when}").format(when=when))
    if d.alerts_waiting:
        parts.append(_tr("safeguarding alert to acknowledge"))
    return " · ".join(parts)


class DraftList(QListWidget):
    """Open drafts, newest first; Enter or double-click resumes one (`resume(uuid)`)."""

    resume = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftList")
        self.setAccessibleName(_tr("Open drafts"))
        self.itemActivated.connect(
            lambda item: self.resume.emit(item.data(Qt.ItemDataRole.UserRole))
        )

    def set_drafts(self, data: CollectData) -> None:
        self.clear()
        for d in data.drafts:
            item = QListWidgetItem(draft_line(d, data))
            item.setData(Qt.ItemDataRole.UserRole, d.uuid)
            self.addItem(item)
        if self.count():
            self.setCurrentRow(0)

    def current_uuid(self) -> str | None:
        item = self.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))
