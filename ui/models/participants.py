"""The participants table: one QAbstractTableModel over frozen entries, with a fast filter.

The model keeps every entry (`ParticipantEntry`: a frozen `Participant`, its consent state
and its next wave, worked out once per load by sylcollect.domain.waves) and a list of the
row numbers that pass the filter, in the current sort order. Filtering compares
precomputed, lower-cased columns (and the id of the wave due, if any) in one list
comprehension per filter, and a search that only grows (typing one more letter) looks only
at the rows already shown, so a keystroke (or a change of filter) stays well under 100 ms
with 50,000 participants (benchmarks/bench_ui_participants).
GUI thread only; entries are built on the worker thread (ui/pages/participants_data.py).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from sylcollect.domain.participant import Participant
from sylcollect.domain.study import Role
from sylcollect.domain.waves import NextWave

ModelIndex = QModelIndex | QPersistentModelIndex

CODE, SITE, ROLE, STATUS, CONSENT, NEXT_WAVE, ENROLLED = range(7)
COLUMNS = (CODE, SITE, ROLE, STATUS, CONSENT, NEXT_WAVE, ENROLLED)
HEADERS = (
    QT_TRANSLATE_NOOP("participants", "Code"),
    QT_TRANSLATE_NOOP("participants", "Site"),
    QT_TRANSLATE_NOOP("participants", "Role"),
    QT_TRANSLATE_NOOP("participants", "Status"),
    QT_TRANSLATE_NOOP("participants", "Consent"),
    QT_TRANSLATE_NOOP("participants", "Next wave"),
    QT_TRANSLATE_NOOP("participants", "Enrolled"),
)
ANY_WAVE_DUE = "*"  # ParticipantFilter.wave_due: any wave due now (else a wave id, or '')

ParticipantRole = Qt.ItemDataRole.UserRole + 1  # the frozen Participant
EntryRole = Qt.ItemDataRole.UserRole + 2  # the ParticipantEntry
SortRole = Qt.ItemDataRole.UserRole + 3  # a sortable value for the column
CodeRole = Qt.ItemDataRole.UserRole + 4  # the participant code (any column)


def _tr(text: str) -> str:
    return QCoreApplication.translate("participants", text)


class ConsentState(enum.StrEnum):
    """What the consent history says, summed up for the table."""

    GIVEN = "given"  # at least one consent that has not been withdrawn
    WITHDRAWN = "withdrawn"  # consents recorded, all withdrawn
    NONE = "none"  # nothing recorded yet
    UNKNOWN = "unknown"  # the participant withdrew: their consents can't be read

    @property
    def label(self) -> str:
        return {
            ConsentState.GIVEN: _tr("Consent given"),
            ConsentState.WITHDRAWN: _tr("Consent withdrawn"),
            ConsentState.NONE: _tr("No consent recorded"),
            ConsentState.UNKNOWN: _tr("Not readable"),
        }[self]


@dataclass(frozen=True)
class ParticipantEntry:
    """One table row: the participant (no identifying details), their consent state and the
    wave they take next (None: withdrawn, or every wave done)."""

    participant: Participant
    consent: ConsentState
    next_wave: NextWave | None = None

    @property
    def code(self) -> str:
        return self.participant.code


@dataclass(frozen=True)
class ParticipantFilter:
    """What the table shows: code search text and filters (None or '' means any)."""

    text: str = ""
    site_id: str = ""
    role: str = ""
    consent: str = ""
    withdrawn: bool | None = None  # True: only withdrawn; False: only active
    wave_due: str = ""  # ANY_WAVE_DUE: next wave due (or overdue); a wave id: that wave due

    def narrows(self, old: ParticipantFilter) -> bool:
        """True when every row this filter keeps was also kept by `old`."""
        same_rest = (self.site_id, self.role, self.consent, self.withdrawn, self.wave_due) == (
            old.site_id,
            old.role,
            old.consent,
            old.withdrawn,
            old.wave_due,
        )
        return same_rest and self.text.strip().lower().startswith(old.text.strip().lower())


def role_label(role: Role | None) -> str:
    return QCoreApplication.translate("roles", role.label) if role is not None else "—"


def next_wave_label(wave: NextWave | None) -> str:
    """The wave and when it is due: "Baseline · due today", "… · overdue since <date>"."""
    if wave is None:
        return "—"
    if wave.days_overdue == 0:
        return _tr("{wave} · due today").format(wave=wave.wave_name)
    if wave.days_overdue > 0:
        text = _tr("{wave} · overdue since {date}")
    else:
        text = _tr("{wave} · due {date}")
    return text.format(wave=wave.wave_name, date=wave.due_on.isoformat())


class ParticipantsModel(QAbstractTableModel):
    """Participants as table rows (COLUMNS), filtered and sorted in the model. GUI thread."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._entries: list[ParticipantEntry] = []
        self._site_names: dict[str, str] = {}
        self._headers = tuple(_tr(h) for h in HEADERS)
        self._filter = ParticipantFilter()
        self._sort = (CODE, Qt.SortOrder.AscendingOrder)
        # Precomputed columns, one value per entry, for filtering and sorting.
        self._codes: list[str] = []
        self._sites: list[str] = []
        self._roles: list[str] = []
        self._consents: list[str] = []
        self._withdrawn: list[bool] = []
        self._due: list[str] = []  # the id of the next wave if it is due now, else ''
        self._order: list[int] = []  # every entry, in sort order
        self._visible: list[int] = []  # entries passing the filter, in sort order

    # --- loading ----------------------------------------------------------------------
    def set_entries(
        self, entries: Sequence[ParticipantEntry], site_names: Mapping[str, str] | None = None
    ) -> None:
        """Replaces every row (after a load on the worker thread)."""
        self.beginResetModel()
        self._entries = list(entries)
        if site_names is not None:
            self._site_names = dict(site_names)
        self._codes = [e.participant.code.lower() for e in self._entries]
        self._sites = [e.participant.site_id for e in self._entries]
        self._roles = [e.participant.role.value if e.participant.role else "" for e in entries]
        self._consents = [e.consent.value for e in self._entries]
        self._withdrawn = [e.participant.withdrawn for e in self._entries]
        self._due = [
            e.next_wave.wave_id if e.next_wave is not None and e.next_wave.due else ""
            for e in self._entries
        ]
        self._order = self._sorted(range(len(self._entries)))
        self._visible = self._matching(self._order, self._filter)
        self.endResetModel()

    def clear(self) -> None:
        """Forgets every participant (used when the workspace locks)."""
        self.set_entries([], {})

    def entries(self) -> list[ParticipantEntry]:
        return list(self._entries)

    @property
    def total(self) -> int:
        return len(self._entries)

    # --- filtering --------------------------------------------------------------------
    @property
    def filter(self) -> ParticipantFilter:
        return self._filter

    def set_filter(self, new: ParticipantFilter) -> None:
        """Shows only the rows matching `new`; a narrowing search scans only visible rows."""
        if new == self._filter:
            return
        source = self._visible if new.narrows(self._filter) else self._order
        visible = self._matching(source, new)
        self._filter = new
        if visible == self._visible:
            return
        self.beginResetModel()
        self._visible = visible
        self.endResetModel()

    def _matching(self, rows: Iterable[int], f: ParticipantFilter) -> list[int]:
        text = f.text.strip().lower()
        codes, sites, roles = self._codes, self._sites, self._roles
        consents, withdrawn, due = self._consents, self._withdrawn, self._due
        out = list(rows) if not text else [i for i in rows if text in codes[i]]
        if f.site_id:
            out = [i for i in out if sites[i] == f.site_id]
        if f.role:
            out = [i for i in out if roles[i] == f.role]
        if f.consent:
            out = [i for i in out if consents[i] == f.consent]
        if f.withdrawn is not None:
            out = [i for i in out if withdrawn[i] is f.withdrawn]
        if f.wave_due == ANY_WAVE_DUE:
            out = [i for i in out if due[i]]
        elif f.wave_due:
            out = [i for i in out if due[i] == f.wave_due]
        return out

    # --- sorting ----------------------------------------------------------------------
    def _key(self, column: int):  # type: ignore[no-untyped-def]
        entries = self._entries
        if column == SITE:
            names = [self._site_names.get(s, s).lower() for s in self._sites]
            return names.__getitem__
        if column == ROLE:
            labels = [role_label(e.participant.role).lower() for e in entries]
            return labels.__getitem__
        if column == STATUS:
            return self._withdrawn.__getitem__
        if column == CONSENT:
            return self._consents.__getitem__
        if column == ENROLLED:
            return lambda i: entries[i].participant.created_at or 0
        if column == NEXT_WAVE:  # soonest due first; no next wave last
            days = [e.next_wave.due_on if e.next_wave else date.max for e in entries]
            return days.__getitem__
        return self._codes.__getitem__

    def _sorted(self, rows: Iterable[int]) -> list[int]:
        column, order = self._sort
        ordered = sorted(rows, key=self._codes.__getitem__)
        if column != CODE:
            ordered.sort(key=self._key(column))  # stable: ties stay in code order
        if order == Qt.SortOrder.DescendingOrder:
            ordered.reverse()
        return ordered

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in COLUMNS:
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._order = self._sorted(range(len(self._entries)))
        self._visible = self._matching(self._order, self._filter)
        self.layoutChanged.emit()

    # --- QAbstractTableModel ----------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def entry(self, row: int) -> ParticipantEntry:
        return self._entries[self._visible[row]]

    def row_of(self, code: str) -> int:
        """The visible row of the participant with `code`, or -1."""
        for row, i in enumerate(self._visible):
            if self._entries[i].participant.code == code:
                return row
        return -1

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        entry = self._entries[self._visible[index.row()]]
        p, column = entry.participant, index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(entry, column)
        if role == ParticipantRole:
            return p
        if role == EntryRole:
            return entry
        if role == CodeRole:
            return p.code
        if role == SortRole:
            return self._key(column)(self._visible[index.row()])
        if role == Qt.ItemDataRole.ToolTipRole and column == CONSENT and p.withdrawn:
            return _tr("This participant withdrew: their consent records were destroyed.")
        if role == Qt.ItemDataRole.ToolTipRole and column == NEXT_WAVE and entry.next_wave:
            # The whole label (the cell may cut it short), and what it counts from.
            when = _tr("Counted from the day they were enrolled.")
            return f"{next_wave_label(entry.next_wave)}\n{when}"
        return None

    def _display(self, entry: ParticipantEntry, column: int) -> str:
        p = entry.participant
        if column == CODE:
            return p.code
        if column == SITE:
            return self._site_names.get(p.site_id, p.site_id)
        if column == ROLE:
            return role_label(p.role)
        if column == STATUS:
            return _tr("Withdrawn") if p.withdrawn else _tr("Active")
        if column == CONSENT:
            return entry.consent.label
        if column == ENROLLED:
            return p.created_at.date().isoformat() if p.created_at else ""
        if column == NEXT_WAVE:
            return next_wave_label(entry.next_wave)
        return ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
