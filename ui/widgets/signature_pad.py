"""A signature pad (mouse, pen with pressure, or touch) and the signature field around it:
the pad, Clear, and the keyboard alternative, a name typed as a signature."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui import theme
from ui.widgets.basics import label

Stroke = list[tuple[QPointF, float]]  # points and pen widths (pressure), in widget pixels
INK = "#1D2127"
BASE_WIDTH = 2.6
EXPORT_SCALE = 2.0  # the PNG is drawn at twice the widget's resolution


class SignaturePad(QWidget):
    """Draws strokes from mouse, tablet pen (width follows pressure) or touch; exports a
    cropped PNG in memory. GUI thread."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.strokes: list[Stroke] = []
        self._drawing = False
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(QSize(320, 120))
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(name)
        self.setAccessibleDescription(
            self.tr(
                "Sign with a mouse, a pen or a finger. Without them, tick "
                "'Type the name as the signature' below."
            )
        )

    def sizeHint(self) -> QSize:
        return QSize(440, 140)

    # --- strokes ----------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not any(len(s) > 1 for s in self.strokes)

    def clear(self) -> None:
        self.strokes = []
        self._drawing = False
        self.update()
        self.changed.emit()

    def add_stroke(self, points: list[tuple[float, float]], width: float = BASE_WIDTH) -> None:
        """Adds a whole stroke (scripted input, and tests)."""
        self.strokes.append([(QPointF(x, y), width) for x, y in points])
        self.update()
        self.changed.emit()

    def _begin(self, pos: QPointF, width: float) -> None:
        self._drawing = True
        self.strokes.append([(pos, width)])
        self.update()

    def _extend(self, pos: QPointF, width: float) -> None:
        if self._drawing and self.strokes:
            self.strokes[-1].append((pos, width))
            self.update()

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    # --- input ------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._begin(event.position(), BASE_WIDTH)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position(), BASE_WIDTH)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position(), BASE_WIDTH)
            self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        width = BASE_WIDTH * (0.4 + 1.2 * max(0.0, min(1.0, event.pressure())))
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position(), width)
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position(), width)
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()  # no synthesised mouse events: one stroke, not two

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            points = event.points()
            if points:
                pos = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self._begin(pos, BASE_WIDTH)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(pos, BASE_WIDTH)
                else:
                    self._extend(pos, BASE_WIDTH)
                    self._end()
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._end()
            return True
        return super().event(event)

    # --- drawing ----------------------------------------------------------------------
    def _draw_strokes(
        self, painter: QPainter, scale: float = 1.0, offset: QPointF | None = None
    ) -> None:
        shift = offset or QPointF(0, 0)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for stroke in self.strokes:
            if len(stroke) == 1:
                (pos, width) = stroke[0]
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(INK))
                painter.drawEllipse((pos - shift) * scale, width * scale / 2, width * scale / 2)
                continue
            for (a, wa), (b, wb) in pairwise(stroke):
                pen = QPen(QColor(INK), (wa + wb) / 2 * scale)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
                painter.setPen(pen)
                painter.drawLine((a - shift) * scale, (b - shift) * scale)

    def paintEvent(self, event: QPaintEvent) -> None:
        t = theme.current()
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        focused = self.hasFocus()
        pen = QPen(QColor(t.focus if focused else t.border_input), 3 if focused else 1)
        painter.setPen(pen)
        painter.drawRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5))
        base = self.height() - 28
        painter.setPen(QPen(QColor(t.text_muted), 1, Qt.PenStyle.DashLine))
        painter.drawLine(16, base, self.width() - 16, base)
        if self.is_empty():
            painter.setPen(QColor(t.text_muted))
            painter.drawText(
                QRectF(16, base + 2, self.width() - 32, 24),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                self.tr("Sign above the line"),
            )
        self._draw_strokes(painter)
        painter.end()

    def bounds(self) -> QRectF:
        path = QPainterPath()
        for stroke in self.strokes:
            for pos, _w in stroke:
                path.addRect(QRectF(pos, pos).adjusted(-1, -1, 1, 1))
        return path.boundingRect()

    def to_png(self) -> bytes:
        """The signature cropped to its ink, black on transparent, as PNG bytes (in memory)."""
        if self.is_empty():
            return b""
        box = self.bounds().adjusted(-6, -6, 6, 6)
        size = (box.size() * EXPORT_SCALE).toSize()
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self._draw_strokes(painter, EXPORT_SCALE, box.topLeft())
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())


class SignatureField(QWidget):
    """One signatory's signature: the pad with Clear, or their name typed as a signature."""

    changed = Signal()

    def __init__(self, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(6)
        self.pad = SignaturePad(self.tr("Signature pad: {who}").format(who=who), self)
        self.clear_button = QPushButton(self.tr("Clear signature"), self)
        self.clear_button.setAccessibleName(self.tr("Clear signature: {who}").format(who=who))
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.pad.clear)
        self.use_typed = QCheckBox(self.tr("Type the name as the signature instead"), self)
        self.use_typed.setAccessibleName(
            self.tr("Type the name as the signature instead: {who}").format(who=who)
        )
        self.typed = QLineEdit(self)
        self.typed.setAccessibleName(self.tr("Name typed as signature: {who}").format(who=who))
        self.typed.setPlaceholderText(self.tr("Full name, typed as the signature"))
        self.typed_note = label(
            self.tr("The form will say the name was typed as a signature on screen."), "caption"
        )
        row = QHBoxLayout()
        row.addWidget(self.use_typed, 1)
        row.addWidget(self.clear_button, 0)
        col.addWidget(self.pad)
        col.addLayout(row)
        col.addWidget(self.typed)
        col.addWidget(self.typed_note)
        self.use_typed.toggled.connect(self._mode)
        self.pad.changed.connect(self.changed)
        self.typed.textChanged.connect(self.changed)
        self._mode(False)
        self.setFocusProxy(self.pad)

    def _mode(self, typed: bool) -> None:
        self.pad.setVisible(not typed)
        self.clear_button.setVisible(not typed)
        self.typed.setVisible(typed)
        self.typed_note.setVisible(typed)
        self.setFocusProxy(self.typed if typed else self.pad)
        if typed:
            self.typed.setFocus()
        self.changed.emit()

    def is_signed(self) -> bool:
        if self.use_typed.isChecked():
            return bool(self.typed.text().strip())
        return not self.pad.is_empty()

    def png(self) -> bytes | None:
        return None if self.use_typed.isChecked() else (self.pad.to_png() or None)

    def typed_name(self) -> str:
        return self.typed.text().strip() if self.use_typed.isChecked() else ""

    def clear(self) -> None:
        self.pad.clear()
        self.typed.clear()
