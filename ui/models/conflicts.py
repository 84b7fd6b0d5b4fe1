"""Records two laptops both changed: the version kept and the others, from `conflicts()`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("conflicts", text)


@dataclass(frozen=True)
class ConflictRow:
    """One record with versions from more than one laptop (ids and revisions only)."""

    record_uuid: str
    kept_device: str
    kept_revision: int
    others: tuple[tuple[str, int, str], ...]  # (device id, revision, updated at)

    @classmethod
    def from_json(cls, c: dict[str, Any]) -> ConflictRow:
        kept = c.get("kept") or {}
        return cls(
            c["record_uuid"],
            str(kept.get("device_id", "")),
            int(kept.get("revision", 0)),
            tuple(
                (o["device_id"], int(o["revision"]), o.get("updated_at", "")) for o in c["others"]
            ),
        )


class ConflictsModel(QAbstractTableModel):
    """The conflicts list. GUI thread."""

    RECORD, KEPT, OTHERS = range(3)
    HEADERS = ("Record", "Version kept", "Other versions")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ConflictRow] = []

    def set_rows(self, rows: Sequence[ConflictRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        c = self.rows[index.row()]
        col = index.column()
        if col == self.RECORD:
            return c.record_uuid[:8]
        if col == self.KEPT:
            return _tr("laptop {d}, revision {r}").format(d=c.kept_device[:8], r=c.kept_revision)
        return "; ".join(
            _tr("laptop {d}, revision {r}").format(d=d[:8], r=r) for d, r, _at in c.others
        )
