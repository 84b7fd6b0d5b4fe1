"""The observations table: one row per logged activity, with filters. GUI thread only.

Rows are frozen `Observation`s read on the worker thread; the model never touches the
workspace. Filtering and sorting happen here, so the table, its filters and its empty state
are tested without a window.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from sylcollect.domain.observation import Observation

Index = QModelIndex | QPersistentModelIndex
OBSERVATION_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def _tr(text: str) -> str:
    return QCoreApplication.translate("ObservationsModel", text)


def duration_text(minutes: int) -> str:
    """90 -> '1 h 30 min'; 45 -> '45 min'."""
    hours, rest = divmod(max(0, minutes), 60)
    if hours and rest:
        return _tr("{h} h {m} min").format(h=hours, m=rest)
    if hours:
        return _tr("{h} h").format(h=hours)
    return _tr("{m} min").format(m=rest)


@dataclass(frozen=True)
class ObservationFilter:
    """What the list shows: every field left empty (None) means 'any'."""

    site_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    tag: str | None = None
    milestone_id: str | None = None

    @property
    def active(self) -> bool:
        return any(
            v is not None
            for v in (self.site_id, self.date_from, self.date_to, self.tag, self.milestone_id)
        )

    def matches(self, obs: Observation) -> bool:
        day = obs.started_at.date()
        if self.site_id is not None and obs.site_id != self.site_id:
            return False
        if self.date_from is not None and day < self.date_from:
            return False
        if self.date_to is not None and day > self.date_to:
            return False
        if self.tag is not None and self.tag.casefold() not in {t.casefold() for t in obs.tags}:
            return False
        return self.milestone_id is None or self.milestone_id in obs.milestone_ids


class ObservationsModel(QAbstractTableModel):
    """Observations (newest first) filtered by an ObservationFilter; GUI thread only."""

    DATE, SITE, ACTIVITY, DURATION, MILESTONES, TAGS = range(6)
    HEADERS: ClassVar[tuple[str, ...]] = (
        QT_TRANSLATE_NOOP("ObservationsModel", "Date"),
        QT_TRANSLATE_NOOP("ObservationsModel", "Site"),
        QT_TRANSLATE_NOOP("ObservationsModel", "Activity"),
        QT_TRANSLATE_NOOP("ObservationsModel", "Duration"),
        QT_TRANSLATE_NOOP("ObservationsModel", "Milestones"),
        QT_TRANSLATE_NOOP("ObservationsModel", "Tags"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[Observation] = []
        self._rows: list[Observation] = []
        self._sites: dict[str, str] = {}
        self._filter = ObservationFilter()
        self._sort = (self.DATE, Qt.SortOrder.DescendingOrder)

    # --- data in ----------------------------------------------------------------------
    def set_observations(
        self, observations: Iterable[Observation], site_names: Mapping[str, str] | None = None
    ) -> None:
        self.beginResetModel()
        self._all = list(observations)
        if site_names is not None:
            self._sites = dict(site_names)
        self._apply()
        self.endResetModel()

    def add(self, obs: Observation) -> None:
        self.set_observations([*self._all, obs])

    def set_filter(self, flt: ObservationFilter) -> None:
        self.beginResetModel()
        self._filter = flt
        self._apply()
        self.endResetModel()

    def clear(self) -> None:
        self.set_observations([], {})

    @property
    def filter(self) -> ObservationFilter:
        return self._filter

    @property
    def total(self) -> int:
        """How many observations there are before filtering."""
        return len(self._all)

    def observation(self, row: int) -> Observation:
        return self._rows[row]

    def observations(self) -> Sequence[Observation]:
        """The visible rows, in order."""
        return tuple(self._rows)

    def _apply(self) -> None:
        column, order = self._sort
        rows = [o for o in self._all if self._filter.matches(o)]
        rows.sort(key=lambda o: self._sort_key(o, column))
        if order == Qt.SortOrder.DescendingOrder:
            rows.reverse()
        self._rows = rows

    def _sort_key(self, obs: Observation, column: int) -> Any:
        if column == self.DURATION:
            return (obs.duration_minutes, obs.started_at)
        if column == self.MILESTONES:
            return (len(obs.milestone_ids), obs.started_at)
        if column == self.DATE:
            return (obs.started_at, obs.created_at or obs.started_at)
        return (str(self._display(obs, column)).casefold(), obs.started_at)

    # --- Qt model API -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.HEADERS[section])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply()
        self.layoutChanged.emit()

    def _display(self, obs: Observation, column: int) -> str:
        if column == self.DATE:
            return obs.started_at.strftime("%d %b %Y %H:%M")
        if column == self.SITE:
            return self._sites.get(obs.site_id, obs.site_id)
        if column == self.ACTIVITY:
            return obs.activity_type
        if column == self.DURATION:
            return duration_text(obs.duration_minutes)
        if column == self.MILESTONES:
            return str(len(obs.milestone_ids))
        return ", ".join(obs.tags)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        obs = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(obs, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._display(obs, column)
            if column == self.MILESTONES:
                return _tr("{n} milestones").format(n=text)
            return text or _tr("none")
        if role == OBSERVATION_ROLE:
            return obs
        if role == SORT_ROLE:
            return self._sort_key(obs, column)
        return None
