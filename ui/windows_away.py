"""The app's other windows put out of sight while something covers them: the privacy screen
(ui/windows/privacy.py) and self-complete (ui/pages/collect_handover.py). Hidden at once,
shown again as they were after the fieldworker's password, or closed on lock. GUI thread."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QMetaObject, QObject, QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget


class WindowsAway:
    """The app's other windows while the privacy screen is up: hidden at once, shown again as
    they were (place, focus, the active one) after the password, or closed on lock. GUI thread.
    """

    def __init__(self) -> None:
        self._away: list[tuple[QWidget, QPoint, QWidget | None, bool]] = []
        self._finished: set[int] = set()  # dialogs done while away (a save that completed)
        self._links: list[tuple[QDialog, QMetaObject.Connection]] = []
        self._active: QWidget | None = None

    @property
    def windows(self) -> list[QWidget]:
        return [w for w, *_ in self._away if shiboken6.isValid(w)]

    def put_away(self, keep: QWidget) -> None:
        """Hides every visible top-level window but `keep`; menus and tooltips just close."""
        for _ in range(20):
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        self._active = QApplication.activeWindow()
        shown = [
            w
            for w in QApplication.topLevelWidgets()
            if w is not keep and w.isVisible() and shiboken6.isValid(w)
        ]
        for w in sorted(shown, key=_depth):  # a dialog's parent window goes first
            if w.windowType() in (Qt.WindowType.ToolTip, Qt.WindowType.Popup):
                w.hide()
            elif isinstance(w, (QMessageBox, QFileDialog)):
                w.reject()  # waits in an event loop of its own: hiding would end it anyway
            else:
                self._away.append((w, w.pos(), w.focusWidget(), w.testAttribute(_MODAL)))
                if isinstance(w, QDialog):
                    self._note_when_finished(w)
                w.hide()

    def bring_back(self) -> None:
        """Shows the hidden windows again in their places; the active one gets the keys."""
        away, self._away = self._away, []
        self._unlink()
        for w, pos, focus, modal in away:
            if not shiboken6.isValid(w) or w.isVisible() or id(w) in self._finished:
                continue
            if modal and not w.testAttribute(_MODAL):
                continue  # its own event loop ended meanwhile: nothing waits for it now
            w.move(pos)
            w.show()
            if focus is not None and shiboken6.isValid(focus) and w.isAncestorOf(focus):
                focus.setFocus(Qt.FocusReason.OtherFocusReason)
        active, self._active = self._active, None
        if active is not None and shiboken6.isValid(active) and active.isVisible():
            active.raise_()
            active.activateWindow()
        self._finished.clear()

    def close_all(self) -> None:
        """On lock: closes (rejects) every hidden window; none comes back."""
        away, self._away = self._away, []
        self._unlink()
        self._active = None
        self._finished.clear()
        for w, *_ in away:
            if not shiboken6.isValid(w):
                continue
            if isinstance(w, QDialog):
                w.reject()
            else:
                w.close()

    def _note_when_finished(self, dialog: QDialog) -> None:
        key = id(dialog)
        link = dialog.finished.connect(lambda _result: self._finished.add(key))
        self._links.append((dialog, link))

    def _unlink(self) -> None:
        for dialog, link in self._links:
            if shiboken6.isValid(dialog):
                QObject.disconnect(link)
        self._links = []


_MODAL = Qt.WidgetAttribute.WA_ShowModal


def _depth(w: QWidget) -> int:
    n = 0
    parent = w.parentWidget()
    while parent is not None:
        n += 1
        parent = parent.parentWidget()
    return n
