"""The import report: one row per bundle file (imported, already imported, held, refused).

`ImportOutcome` is made on the worker from the importer's `ImportResult` or `BundleRefused`;
`Tally` adds them up for the summary line ("3 imported · 1 needs attention").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from ui.models.rows import RowsModel

Index = QModelIndex | QPersistentModelIndex
IMPORTED, DUPLICATE, QUARANTINED, REFUSED = "imported", "duplicate", "quarantined", "refused"
WAITING = "waiting"  # held until an earlier bundle of the same laptop is imported


def _tr(text: str) -> str:
    return QCoreApplication.translate("imports", text)


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one bundle file. No personal data (ids, counts and reasons)."""

    name: str
    status: str  # imported | duplicate | quarantined | waiting | refused
    device_id: str = ""
    sequence: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    gaps: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()
    code: str = ""  # the refusal code (docs/sync-format.md)
    reason: str = ""

    @property
    def needs_attention(self) -> bool:
        return (
            self.status in (QUARANTINED, WAITING, REFUSED)
            or bool(self.counts.get("conflicts"))
            or bool(self.gaps)
            or bool(self.warnings)
        )


@dataclass(frozen=True)
class Tally:
    """Totals over a report."""

    imported: int = 0
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    conflicts: int = 0
    quarantined: int = 0
    refused: int = 0
    attention: int = 0

    @classmethod
    def of(cls, outcomes: Iterable[ImportOutcome]) -> Tally:
        t: dict[str, int] = dict.fromkeys(cls.__dataclass_fields__, 0)
        for o in outcomes:
            t["imported"] += o.status == IMPORTED
            t["duplicates"] += o.status == DUPLICATE
            t["quarantined"] += o.status in (QUARANTINED, WAITING)
            t["refused"] += o.status == REFUSED
            t["new"] += o.counts.get("new", 0)
            t["updated"] += o.counts.get("updated", 0)
            t["conflicts"] += o.counts.get("conflicts", 0)
            t["attention"] += o.needs_attention
        return cls(**t)

    def summary(self) -> str:
        """'212 imported · 2 need attention' (and duplicates when there were some)."""
        parts = [_tr("{n} imported").format(n=self.imported)]
        if self.duplicates:
            parts.append(_tr("{n} already imported").format(n=self.duplicates))
        if self.attention:
            word = _tr("needs attention") if self.attention == 1 else _tr("need attention")
            parts.append(f"{self.attention} {word}")
        return " · ".join(parts)

    def details(self) -> str:
        return _tr(
            "{new} new, {updated} updated, {conflicts} conflicts, {held} held, {refused} refused"
        ).format(
            new=self.new,
            updated=self.updated,
            conflicts=self.conflicts,
            held=self.quarantined,
            refused=self.refused,
        )


STATUS_WORDS = {  # looked up with _tr(), in the "imports" context
    IMPORTED: QT_TRANSLATE_NOOP("imports", "Imported"),
    DUPLICATE: QT_TRANSLATE_NOOP("imports", "Already imported"),
    QUARANTINED: QT_TRANSLATE_NOOP("imports", "Held: laptop not approved"),
    WAITING: QT_TRANSLATE_NOOP("imports", "Held: waits for an earlier bundle"),
    REFUSED: QT_TRANSLATE_NOOP("imports", "Refused"),
}


class ImportsModel(RowsModel):
    """The import report, in the order the files were imported. GUI thread."""

    FILE, STATUS, DEVICE, NEW, UPDATED, CONFLICTS, NOTES = range(7)
    HEADERS = (
        QT_TRANSLATE_NOOP("imports", "File"),
        QT_TRANSLATE_NOOP("imports", "Result"),
        QT_TRANSLATE_NOOP("imports", "Laptop"),
        QT_TRANSLATE_NOOP("imports", "New"),
        QT_TRANSLATE_NOOP("imports", "Updated"),
        QT_TRANSLATE_NOOP("imports", "Conflicts"),
        QT_TRANSLATE_NOOP("imports", "Notes"),
    )
    TR_CONTEXT = "imports"

    rows: list[ImportOutcome]

    def clear(self) -> None:
        self.set_rows(())

    def add(self, outcomes: Sequence[ImportOutcome]) -> None:
        if not outcomes:
            return
        start = len(self.rows)
        self.beginInsertRows(QModelIndex(), start, start + len(outcomes) - 1)
        self.rows.extend(outcomes)
        self.endInsertRows()

    def tally(self) -> Tally:
        return Tally.of(self.rows)

    def first_attention(self) -> int:
        return next((n for n, o in enumerate(self.rows) if o.needs_attention), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        o = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.NOTES, self.DEVICE):
            return self.notes(o) if col == self.NOTES else o.device_id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == self.FILE:
            return o.name
        if col == self.STATUS:
            word = _tr(STATUS_WORDS.get(o.status, o.status))
            return f"{word} ({o.code})" if o.code else word
        if col == self.DEVICE:
            return f"{o.device_id[:8]} #{o.sequence}" if o.device_id else ""
        if col in (self.NEW, self.UPDATED, self.CONFLICTS):
            key = {self.NEW: "new", self.UPDATED: "updated", self.CONFLICTS: "conflicts"}[col]
            return str(o.counts.get(key, 0)) if o.status == IMPORTED else ""
        return self.notes(o)

    @staticmethod
    def notes(o: ImportOutcome) -> str:
        parts = [o.reason] if o.reason else []
        if o.gaps:
            parts.append(_tr("bundles missing: {n}").format(n=", ".join(f"#{g}" for g in o.gaps)))
        parts += [w for w in o.warnings if o.status != QUARANTINED]
        if o.status == QUARANTINED:
            parts.append(_tr("approve the laptop under Held bundles to import it"))
        return "; ".join(parts)
