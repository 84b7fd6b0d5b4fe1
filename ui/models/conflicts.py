"""Records two laptops both changed: the version kept and the others, from `conflicts()`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from sylcollect.sync.central_resolve import SUPERVISOR
from ui.models.rows import RowsModel

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
    withdrawn: bool = False  # the participant withdrew: nothing to read or choose

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
            bool(c.get("withdrawn")),
        )


def version_name(device_id: str, revision: int) -> str:
    """'laptop 1a2b3c4d, revision 2', or the version a supervisor chose earlier."""
    if device_id == SUPERVISOR:
        return _tr("a supervisor's choice, revision {r}").format(r=revision)
    return _tr("laptop {d}, revision {r}").format(d=device_id[:8], r=revision)


class ConflictsModel(RowsModel):
    """The conflicts list. GUI thread."""

    RECORD, KEPT, OTHERS = range(3)
    HEADERS = (
        QT_TRANSLATE_NOOP("conflicts", "Record"),
        QT_TRANSLATE_NOOP("conflicts", "Version kept"),
        QT_TRANSLATE_NOOP("conflicts", "Other versions"),
    )
    TR_CONTEXT = "conflicts"

    rows: list[ConflictRow]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        c = self.rows[index.row()]
        col = index.column()
        if col == self.RECORD:
            return c.record_uuid[:8]
        if col == self.KEPT:
            return version_name(c.kept_device, c.kept_revision)
        others = "; ".join(version_name(d, r) for d, r, _at in c.others)
        return (
            _tr("{others} (participant withdrew)").format(others=others) if c.withdrawn else others
        )
