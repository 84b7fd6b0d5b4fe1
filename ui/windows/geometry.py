"""Window geometry kept in QSettings (only sizes and positions, never data)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget


def restore(widget: QWidget, settings: QSettings | None = None) -> bool:
    """Restores `widget`'s saved geometry, keyed by its objectName; False if none saved."""
    settings = settings or QSettings()
    saved = settings.value(f"geometry/{widget.objectName()}")
    return bool(saved) and widget.restoreGeometry(saved)


def save(widget: QWidget, settings: QSettings | None = None) -> None:
    settings = settings or QSettings()
    settings.setValue(f"geometry/{widget.objectName()}", widget.saveGeometry())
