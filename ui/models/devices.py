"""Table models of laptops and their bundles: this laptop's outbox and the central devices.

Both take frozen rows (`BundleRow`, `DeviceInfo`) and are tested without a window.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from sylcollect.sync.central import DeviceInfo
from ui.models.rows import RowsModel
from ui.pages.sync_data import BundleRow

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the frozen row itself


def _tr(text: str) -> str:
    return QCoreApplication.translate("devices", text)


def when(iso: str | None) -> str:
    """'2026-03-01T14:02:11.123+00:00' -> '2026-03-01 14:02' (as stored: UTC)."""
    if not iso:
        return ""
    return iso[:16].replace("T", " ")


class BundlesModel(RowsModel):
    """The bundles this laptop wrote, newest first. GUI thread."""

    SEQUENCE, CREATED, STATE, RECORDS, SENT = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("devices", "Bundle"),
        QT_TRANSLATE_NOOP("devices", "Written"),
        QT_TRANSLATE_NOOP("devices", "State"),
        QT_TRANSLATE_NOOP("devices", "Records"),
        QT_TRANSLATE_NOOP("devices", "Delivered"),
    )
    TR_CONTEXT = "devices"

    rows: list[BundleRow]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        col = index.column()
        if col == self.SEQUENCE:
            return f"#{row.sequence}"
        if col == self.CREATED:
            return when(row.created_at)
        if col == self.STATE:
            return _tr("Delivered") if row.state == "sent" else _tr("Waiting for the target")
        if col == self.RECORDS:
            return str(row.records)
        return when(row.sent_at)


STATUS_WORDS = {  # looked up with _tr(), in the "devices" context
    "pending": QT_TRANSLATE_NOOP("devices", "Waiting for approval"),
    "approved": QT_TRANSLATE_NOOP("devices", "Approved"),
    "revoked": QT_TRANSLATE_NOOP("devices", "Revoked"),
}


class DevicesModel(RowsModel):
    """Laptops that sent bundles to the central store, with gaps and held bundles. GUI thread."""

    DEVICE, FIELDWORKER, STATUS, LAST_SEEN, BUNDLES, GAPS, HELD = range(7)
    HEADERS = (
        QT_TRANSLATE_NOOP("devices", "Laptop"),
        QT_TRANSLATE_NOOP("devices", "Fieldworker"),
        QT_TRANSLATE_NOOP("devices", "Status"),
        QT_TRANSLATE_NOOP("devices", "Last seen"),
        QT_TRANSLATE_NOOP("devices", "Bundles"),
        QT_TRANSLATE_NOOP("devices", "Missing"),
        QT_TRANSLATE_NOOP("devices", "Held"),
    )
    TR_CONTEXT = "devices"

    rows: list[DeviceInfo]

    def set_devices(self, devices: Sequence[DeviceInfo]) -> None:
        self.set_rows(devices)

    def device(self, row: int) -> DeviceInfo | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d = self.rows[index.row()]
        if role == ROW_ROLE:
            return d
        col = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and col == self.DEVICE:
            return d.device_id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == self.DEVICE:
            return d.device_id[:8]
        if col == self.FIELDWORKER:
            return d.fieldworker
        if col == self.STATUS:
            return _tr(STATUS_WORDS.get(d.status, d.status))
        if col == self.LAST_SEEN:
            return when(d.last_seen)
        if col == self.BUNDLES:
            return _tr("{n} (up to #{last})").format(n=d.imported, last=d.last_sequence)
        if col == self.GAPS:
            return ", ".join(f"#{g}" for g in d.gaps) if d.gaps else _tr("None")
        return str(d.quarantined) if d.quarantined else ""
