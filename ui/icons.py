"""Our SVG icons from resources/icons, tinted with a theme colour. GUI thread only."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from sylcollect.resources import resource


@cache
def _svg(name: str) -> str:
    return resource("icons", f"{name}.svg").read_text(encoding="utf-8")


def pixmap(name: str, colour: str, size: int = 24, ratio: float = 2.0) -> QPixmap:
    """The icon `name` drawn in `colour` at `size` logical pixels."""
    data = QByteArray(_svg(name).replace("currentColor", colour).encode())
    renderer = QSvgRenderer(data)
    pm = QPixmap(int(size * ratio), int(size * ratio))
    pm.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pm)
    renderer.render(painter)
    painter.end()
    pm.setDevicePixelRatio(ratio)
    return pm


def icon(name: str, colour: str, size: int = 24) -> QIcon:
    return QIcon(pixmap(name, colour, size))
