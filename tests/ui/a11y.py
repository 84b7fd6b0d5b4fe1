"""Automatic accessibility checks for a window (UX.md: checked for every page).

- every focusable widget has a meaningful accessible name (a label buddy counts);
- every focusable widget is at least 24 x 24 px;
- the palette's text colour pairs reach 4.5:1, in both themes;
- the Tab key visits the intended widgets in the intended order;
- focusing a widget changes pixels around it (a visible focus ring).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QImage, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from ui import theme

MIN_TARGET = 24
GENERIC_NAMES = {"button", "edit", "text", "combo box", "field", "input", "ok", "..."}


def focusable(root: QWidget) -> list[QWidget]:
    """Visible, enabled widgets that Tab can reach."""
    found = []
    for w in [root, *root.findChildren(QWidget)]:
        if not (w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        if not w.isVisibleTo(root) or w.focusProxy() is not None:
            continue
        found.append(w)
    return found


def accessible_name(w: QWidget) -> str:
    """The name a screen reader announces: Qt's own answer, or our fallbacks."""
    iface = QAccessible.queryAccessibleInterface(w)
    name = iface.text(QAccessible.Text.Name) if iface is not None else ""
    if not name:
        name = w.accessibleName()
    if not name and isinstance(w, QAbstractButton):
        name = w.text()
    if not name:
        window = w.window()
        for lab in window.findChildren(QLabel):
            if lab.buddy() is w:
                name = lab.text()
                break
    return name.replace("&", "").strip()


def meaningful(name: str) -> bool:
    return sum(ch.isalpha() for ch in name) >= 2 and name.lower() not in GENERIC_NAMES


def check_names(root: QWidget) -> list[str]:
    return [
        f"{type(w).__name__} {w.objectName()!r} has no meaningful accessible name"
        for w in focusable(root)
        if not meaningful(accessible_name(w))
    ]


def check_targets(root: QWidget, minimum: int = MIN_TARGET) -> list[str]:
    return [
        f"{type(w).__name__} {accessible_name(w)!r} is {w.width()}x{w.height()} px"
        for w in focusable(root)
        if w.width() < minimum or w.height() < minimum
    ]


def check_palette(pal: QPalette, ratio: float = 4.5) -> list[str]:
    problems = []
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for fg, bg in theme.TEXT_PAIRS:
            a, b = pal.color(group, fg).name(), pal.color(group, bg).name()
            if theme.contrast(a, b) < ratio:
                problems.append(f"{fg.name}/{bg.name}: {a} on {b} is {theme.contrast(a, b):.2f}")
    return problems


def check_themes() -> list[str]:
    """The palette pairs of both themes (light and high contrast)."""
    problems = []
    for tokens in theme.THEMES.values():
        problems += [f"{tokens.name}: {p}" for p in check_palette(theme.palette(tokens))]
    return problems


def tab_sequence(qtbot, start: QWidget, steps: int) -> list[QWidget]:
    """Focuses `start`, presses Tab `steps` times; returns the widgets focused in turn."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start, timeout=2000)
    seen = [start]
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def check_tab_order(qtbot, expected: Sequence[QWidget]) -> list[str]:
    seen = tab_sequence(qtbot, expected[0], len(expected) - 1)
    if list(seen) == list(expected):
        return []
    names = [accessible_name(w) if w is not None else "None" for w in seen]
    want = [accessible_name(w) for w in expected]
    return [f"tab order is {names}, expected {want}"]


def _region(window: QWidget, w: QWidget, pad: int = 4) -> QRect:
    top_left = w.mapTo(window, QPoint(0, 0))
    return QRect(top_left, w.size()).adjusted(-pad, -pad, pad, pad)


def check_focus_visible(qtbot, window: QWidget, widgets: Iterable[QWidget]) -> list[str]:
    """Each widget's surroundings must change when it takes focus."""
    problems = []
    for w in widgets:
        w.clearFocus()
        window.setFocus()
        qtbot.wait(20)
        before: QImage = window.grab(_region(window, w)).toImage()
        w.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda w=w: w.hasFocus(), timeout=2000)
        qtbot.wait(20)
        after: QImage = window.grab(_region(window, w)).toImage()
        if before == after:
            problems.append(f"focus on {accessible_name(w)!r} changes no pixels")
    return problems


def check_window(qtbot, window: QWidget) -> list[str]:
    """Names, target sizes, both palettes and the visible focus ring of `window`."""
    problems = check_names(window) + check_targets(window) + check_themes()
    problems += check_focus_visible(qtbot, window, focusable(window))
    return problems
