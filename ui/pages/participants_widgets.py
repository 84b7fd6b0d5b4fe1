"""Small pieces of the participant pages: the empty state, the filter bar, a drawn icon."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sylcollect.domain.study import Study
from ui import theme
from ui.models.participants import ANY_WAVE_DUE, ConsentState, ParticipantFilter, role_label
from ui.widgets.basics import label


def people_pixmap(colour: str, size: int = 48, ratio: float = 2.0) -> QPixmap:
    """Two outlined people (head and shoulders), drawn in `colour`."""
    pm = QPixmap(int(size * ratio), int(size * ratio))
    pm.fill(Qt.GlobalColor.transparent)
    pm.setDevicePixelRatio(ratio)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(colour), size / 16)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    s = size / 24
    for dx, scale in ((6.0, 0.8), (14.0, 1.0)):
        r = 3.4 * scale * s
        cx, cy = dx * s + 2 * s, 8.5 * s
        p.drawEllipse(QPointF(cx, cy), r, r)
        w = 7.5 * scale * s
        p.drawArc(QRectF(cx - w, cy + r + 1.2 * s, 2 * w, 2 * w), 0, 180 * 16)
    p.end()
    return pm


class EmptyState(QWidget):
    """Icon, title, one sentence and one button, centred (UX.md empty states)."""

    def __init__(
        self, title: str, sentence: str, action: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(24, 48, 24, 48)
        col.setSpacing(12)
        col.addStretch(1)
        self.icon = QLabel(self)
        self.icon.setPixmap(people_pixmap(theme.current().text_muted, 56))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = label(title, "subtitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sentence = label(sentence, "muted")
        self.sentence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton(action, self)
        self.button.setProperty("primary", True)
        col.addWidget(self.icon)
        col.addWidget(self.title)
        col.addWidget(self.sentence)
        col.addSpacing(8)
        col.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        col.addStretch(2)


class FilterBar(QWidget):
    """Search by code and filter by site, role, consent, status and wave due; emits `changed`."""

    changed = Signal(object)  # ParticipantFilter

    def __init__(self, study: Study, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 8)
        row.setSpacing(8)
        self.search = QLineEdit(self)
        find = QKeySequence(QKeySequence.StandardKey.Find).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.search.setPlaceholderText(self.tr("Search by code ({key})").format(key=find))
        self.search.setAccessibleName(self.tr("Search by code"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.site = self._combo(
            self.tr("Site"), self.tr("All sites"), [(s.id, s.name) for s in study.sites]
        )
        self.role = self._combo(
            self.tr("Role"), self.tr("All roles"), [(r.value, role_label(r)) for r in study.roles]
        )
        consent_states = (ConsentState.GIVEN, ConsentState.NONE, ConsentState.WITHDRAWN)
        self.consent = self._combo(
            self.tr("Consent"),
            self.tr("Any consent"),
            [(c.value, c.label) for c in consent_states],
        )
        self.status = self._combo(
            self.tr("Status"),
            self.tr("All statuses"),
            [("active", self.tr("Active only")), ("withdrawn", self.tr("Withdrawn only"))],
        )
        waves = sorted(study.waves, key=lambda w: w.months_from_start)
        self.wave = self._combo(
            self.tr("Wave due"),
            self.tr("All waves"),
            [(ANY_WAVE_DUE, self.tr("Any wave due"))]
            + [(w.id, self.tr("{wave} due").format(wave=w.name)) for w in waves],
        )
        self.wave.setToolTip(self.tr("Participants whose next wave is due today or overdue"))
        self.wave.setAccessibleDescription(self.wave.toolTip())
        row.addWidget(self.search, 2)
        for combo in self.combos():
            row.addWidget(combo, 1)
        self.search.textChanged.connect(self._emit)

    def _combo(self, name: str, any_text: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(self.tr("Filter by {what}").format(what=name.lower()))
        combo.addItem(any_text, "")
        for value, text in items:
            combo.addItem(text, value)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMinimumContentsLength(8)
        combo.currentIndexChanged.connect(self._emit)
        return combo

    def combos(self) -> tuple[QComboBox, ...]:
        return (self.site, self.role, self.consent, self.status, self.wave)

    def current(self) -> ParticipantFilter:
        status = str(self.status.currentData() or "")
        return ParticipantFilter(
            text=self.search.text(),
            site_id=str(self.site.currentData() or ""),
            role=str(self.role.currentData() or ""),
            consent=str(self.consent.currentData() or ""),
            withdrawn=None if not status else status == "withdrawn",
            wave_due=str(self.wave.currentData() or ""),
        )

    def reset(self) -> None:
        for w in self.combos():
            w.blockSignals(True)
            w.setCurrentIndex(0)
            w.blockSignals(False)
        self.search.clear()
        self._emit()

    def _emit(self, *_args: object) -> None:
        self.changed.emit(self.current())


def keep_focus_visible(scroll: QScrollArea) -> None:
    """Scrolls `scroll` so that a widget inside it that takes focus is in view."""

    def moved(_old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(scroll):
            return
        body = scroll.widget()
        if new is not None and body is not None and body.isAncestorOf(new):
            scroll.ensureWidgetVisible(new, 16, 24)

    app = QApplication.instance()
    app.focusChanged.connect(moved)
    scroll.destroyed.connect(lambda: app.focusChanged.disconnect(moved))
