"""Monthly site indicators: the plausibility rule and the returns table. GUI thread only.

The rule (`implausible_changes`) is a pure function so that it is documented and tested on
its own. It only *warns*: the person entering the figures can confirm and save anyway.

- **Big change**: a figure is more than `JUMP_FACTOR` (3) times last month's, or less than a
  third of it, *and* it moved by at least `JUMP_MIN_CHANGE` (5). Both conditions are needed:
  1 -> 4 is a fourfold rise but a small one; 40 -> 46 is a big number but an ordinary month.
  A rise from 0 counts (0 -> 5 is flagged, 0 -> 4 is not). Falls are flagged too: a dropped
  digit (40 -> 4) is the most common typing slip in returns.
- **Staff movements**: more than `STAFF_MOVES_MAX` (8) leavers, or joiners, at one site in
  one month. The return has no headcount to take a share of; the sites are units of roughly
  15 to 60 staff, where 8 in a month is already a quarter or more of a team, and a year's
  total typed in by mistake is the usual cause.
Only the calendar month just before is compared; a gap (no return last month) means no
comparison.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from sylcollect.domain.record import Record

Index = QModelIndex | QPersistentModelIndex
FORM_ID = "site_indicators"
INDICATORS = (
    "incidents",
    "missing_episodes",
    "restraints",
    "staff_absence_days",
    "staff_leavers",
    "staff_joiners",
)
# The headers when the form gives no label: translated in the model's context by headerData.
DEFAULT_LABELS = {
    "incidents": QT_TRANSLATE_NOOP("IndicatorsModel", "Incidents"),
    "missing_episodes": QT_TRANSLATE_NOOP("IndicatorsModel", "Missing episodes"),
    "restraints": QT_TRANSLATE_NOOP("IndicatorsModel", "Restraints"),
    "staff_absence_days": QT_TRANSLATE_NOOP("IndicatorsModel", "Staff absence days"),
    "staff_leavers": QT_TRANSLATE_NOOP("IndicatorsModel", "Staff leavers"),
    "staff_joiners": QT_TRANSLATE_NOOP("IndicatorsModel", "Staff joiners"),
}
STAFF_MOVES = ("staff_leavers", "staff_joiners")
JUMP_FACTOR = 3
JUMP_MIN_CHANGE = 5
STAFF_MOVES_MAX = 8
JUMP_ROLE = Qt.ItemDataRole.UserRole + 1
RETURN_ROLE = Qt.ItemDataRole.UserRole + 2


def _tr(text: str) -> str:
    return QCoreApplication.translate("IndicatorsModel", text)


def indicator_label(labels: dict[str, str], key: str) -> str:
    """The indicator's label as shown: the form's own wording, or our default words
    (translated, also when the form uses exactly them)."""
    label = labels.get(key, DEFAULT_LABELS.get(key, key))
    return _tr(label) if label == DEFAULT_LABELS.get(key) else label


# --- months -------------------------------------------------------------------------------
def first_of_month(day: date) -> date:
    return day.replace(day=1)


def previous_month(month: date) -> date:
    return date(month.year - 1, 12, 1) if month.month == 1 else date(month.year, month.month - 1, 1)


def next_month(month: date) -> date:
    return date(month.year + 1, 1, 1) if month.month == 12 else date(month.year, month.month + 1, 1)


def month_name(month: date) -> str:
    return month.strftime("%B %Y")


# --- returns ------------------------------------------------------------------------------
@dataclass(frozen=True)
class IndicatorReturn:
    """One site's figures for one month (the newest record for that month)."""

    site_id: str
    month: date
    values: Mapping[str, int | None]
    notes: str = field(default="", repr=False)
    record_uuid: str = ""
    saved_at: datetime | None = None

    def value(self, name: str) -> int | None:
        return self.values.get(name)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def return_from_record(record: Record) -> IndicatorReturn | None:
    """The return held by a site_indicators record (None when it can't be read)."""
    month_text = record.answers.get("month")
    if record.shredded or not month_text:
        return None
    try:
        month = first_of_month(date.fromisoformat(str(month_text)[:10]))
    except ValueError:
        return None
    return IndicatorReturn(
        site_id=record.site_id,
        month=month,
        values={name: _int(record.answers.get(name)) for name in INDICATORS},
        notes=str(record.answers.get("notes") or ""),
        record_uuid=record.uuid,
        saved_at=record.created_at,
    )


def returns_by_site(records: Iterable[Record]) -> dict[str, tuple[IndicatorReturn, ...]]:
    """Returns per site, oldest month first; where a month was entered twice, the newest
    record counts (a correction is entered as a new return)."""
    latest: dict[tuple[str, date], IndicatorReturn] = {}
    for record in sorted(records, key=lambda r: (r.created_at or datetime.min, r.uuid)):
        if record.form_id != FORM_ID:
            continue
        ret = return_from_record(record)
        if ret is not None:
            latest[(ret.site_id, ret.month)] = ret
    out: dict[str, list[IndicatorReturn]] = {}
    for (site_id, _month), ret in sorted(latest.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        out.setdefault(site_id, []).append(ret)
    return {site: tuple(items) for site, items in out.items()}


def find_return(returns: Sequence[IndicatorReturn], month: date) -> IndicatorReturn | None:
    return next((r for r in returns if r.month == month), None)


# --- the plausibility rule ----------------------------------------------------------------
@dataclass(frozen=True)
class Jump:
    """A figure worth a second look: `kind` is 'rise', 'fall' or 'staff'."""

    indicator: str
    value: int
    previous: int | None
    kind: str


def implausible_changes(
    current: Mapping[str, int | None], previous: Mapping[str, int | None] | None
) -> tuple[Jump, ...]:
    """The figures in `current` that look implausible next to last month's (see above)."""
    found: list[Jump] = []
    for name in INDICATORS:
        value = current.get(name)
        if value is None:
            continue
        before = previous.get(name) if previous is not None else None
        if before is not None:
            change = value - before
            if value > JUMP_FACTOR * before and change >= JUMP_MIN_CHANGE:
                found.append(Jump(name, value, before, "rise"))
                continue
            if before > JUMP_FACTOR * value and -change >= JUMP_MIN_CHANGE:
                found.append(Jump(name, value, before, "fall"))
                continue
        if name in STAFF_MOVES and value > STAFF_MOVES_MAX:
            found.append(Jump(name, value, before, "staff"))
    return tuple(found)


def jump_text(jump: Jump) -> str:
    """Plain words for a Jump, in the attention line under its field."""
    if jump.kind == "rise":
        return _tr("Check this: {v} is more than 3 times last month ({p}).").format(
            v=jump.value, p=jump.previous
        )
    if jump.kind == "fall":
        return _tr("Check this: {v} is less than a third of last month ({p}).").format(
            v=jump.value, p=jump.previous
        )
    return _tr(
        "Check this: more than {n} staff in one month is unusual. Is it this month's figure?"
    ).format(n=STAFF_MOVES_MAX)


# --- the table ----------------------------------------------------------------------------
class IndicatorsModel(QAbstractTableModel):
    """One site's returns: month rows (newest first) × indicator columns; GUI thread only."""

    MONTH = 0
    COLUMNS: ClassVar[tuple[str, ...]] = ("month", *INDICATORS)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[IndicatorReturn] = []
        self._jumps: dict[tuple[date, str], Jump] = {}
        self._labels = dict(DEFAULT_LABELS)
        self._icon: Any = None

    def set_labels(self, labels: Mapping[str, str]) -> None:
        self._labels.update(labels)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)

    def set_returns(self, returns: Iterable[IndicatorReturn]) -> None:
        """Shows `returns` (one site's), newest month first, flagging implausible changes."""
        self.beginResetModel()
        ordered = sorted(returns, key=lambda r: r.month)
        by_month = {r.month: r for r in ordered}
        self._jumps = {}
        for ret in ordered:
            before = by_month.get(previous_month(ret.month))
            for jump in implausible_changes(ret.values, before.values if before else None):
                self._jumps[(ret.month, jump.indicator)] = jump
        self._rows = list(reversed(ordered))
        self.endResetModel()

    def clear(self) -> None:
        self.set_returns([])

    def indicator(self, column: int) -> str:
        return self.COLUMNS[column]

    def return_at(self, row: int) -> IndicatorReturn:
        return self._rows[row]

    def jump(self, row: int, column: int) -> Jump | None:
        if column == self.MONTH:
            return None
        return self._jumps.get((self._rows[row].month, self.COLUMNS[column]))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = (
                Qt.AlignmentFlag.AlignLeft if section == self.MONTH else Qt.AlignmentFlag.AlignRight
            )
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.MONTH:
            return _tr("Month")
        return indicator_label(self._labels, self.COLUMNS[section])

    def _icon_for_jump(self) -> Any:
        if self._icon is None:
            from ui import icons, theme

            self._icon = icons.icon("attention", theme.current().warning, 16)
        return self._icon

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        ret = self._rows[index.row()]
        column = index.column()
        jump = self.jump(index.row(), column)
        if column == self.MONTH:
            text = month_name(ret.month)
        else:
            value = ret.value(self.COLUMNS[column])
            text = "" if value is None else str(value)
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if jump is not None:
                return _tr("{v}, a big change from the month before").format(v=text)
            return text or _tr("not given")
        if role == Qt.ItemDataRole.ToolTipRole:
            return jump_text(jump) if jump is not None else None
        if role == Qt.ItemDataRole.DecorationRole and jump is not None:
            return self._icon_for_jump()
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.MONTH:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == JUMP_ROLE:
            return jump
        if role == RETURN_ROLE:
            return ret
        return None
