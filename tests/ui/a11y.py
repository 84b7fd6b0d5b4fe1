"""Automatic accessibility checks for a window (UX.md: checked for every page).

- every focusable widget has a meaningful accessible name (a label buddy counts);
- every focusable widget is at least 24 x 24 px;
- the palette's text colour pairs reach 4.5:1, in both themes;
- the Tab key visits the intended widgets in the intended order;
- focusing a widget changes pixels around it (a visible focus ring).
"""

from __future__ import annotations

import itertools
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


# --- the whole tab cycle, reading order, and the focus change seen through Tab ---------------
# (added for tests/ui/test_a11y_tab_order.py; the checks above are unchanged)


def describe(w: QWidget | None) -> str:
    """A widget as a message names it: its class and accessible name."""
    return "nothing" if w is None else f"{type(w).__name__} {accessible_name(w)!r}"


def _names(ws: Iterable[QWidget | None]) -> list[str]:
    return [describe(w) for w in ws]


def press_tab(qtbot, backwards: bool = False) -> QWidget | None:
    """Presses Tab (Shift+Tab when `backwards`) on the focused widget, lets the events it
    posted run (as the event loop would before the next key), returns the focused widget."""
    w = QApplication.focusWidget()
    if w is None:
        return None
    if backwards:
        qtbot.keyClick(w, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    else:
        qtbot.keyClick(w, Qt.Key.Key_Tab)
    qtbot.wait(5)
    return QApplication.focusWidget()


def focus_on(qtbot, w: QWidget) -> None:
    """Gives `w` the focus as Tab would, and waits until it has it (pending layouts done)."""
    qtbot.wait(5)
    w.window().activateWindow()
    w.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w, timeout=2000)


def focus_walk(
    qtbot, start: QWidget, *, backwards: bool = False, limit: int = 60
) -> list[QWidget | None]:
    """Focuses `start`, then presses Tab (Shift+Tab) until the focus is back on `start`, is
    lost, or `limit` presses were made. Returns `start` and the widget focused after each
    press (after a whole cycle the last one is `start` again)."""
    focus_on(qtbot, start)
    seen: list[QWidget | None] = [start]
    for _ in range(limit):
        now = press_tab(qtbot, backwards)
        seen.append(now)
        if now is None or now is start:
            break
    return seen


def _ancestors(w: QWidget) -> list[QWidget]:
    chain = [w]
    while not chain[-1].isWindow() and chain[-1].parentWidget() is not None:
        chain.append(chain[-1].parentWidget())
    return chain


def _rects_to_compare(a: QWidget, b: QWidget) -> tuple[QRect, QRect]:
    """The rectangles of `a` and `b`, or of their ancestors just below their nearest common
    one, in that ancestor's coordinates: how far a scroll area is scrolled doesn't matter,
    and everything inside a scroll area reads before what is below the scroll area."""
    ca, cb = _ancestors(a), _ancestors(b)
    common = next((w for w in ca if w in cb), None)
    if common is None or common is a or common is b:
        return _in_window(a), _in_window(b)
    return ca[ca.index(common) - 1].geometry(), cb[cb.index(common) - 1].geometry()


def reads_before(a: QWidget, b: QWidget) -> bool:
    """True when `a` comes before `b` reading top to bottom, and left to right in a row
    (two rectangles share a row when they overlap by at least half the lower one)."""
    ra, rb = _rects_to_compare(a, b)
    overlap = min(ra.bottom(), rb.bottom()) - max(ra.top(), rb.top()) + 1
    if overlap * 2 >= min(ra.height(), rb.height()):
        return ra.center().x() < rb.center().x()
    return ra.center().y() < rb.center().y()


def check_reading_order(widgets: Sequence[QWidget]) -> list[str]:
    """Each widget must come after the one before it in reading order."""
    return [
        f"{describe(b)} does not come after {describe(a)} in reading order"
        for a, b in itertools.pairwise(widgets)
        if not reads_before(a, b)
    ]


def check_tab_path(qtbot, path: Sequence[QWidget], *, backwards: bool = False) -> list[str]:
    """Tab (Shift+Tab) from `path[0]` focuses `path[1]`, `path[2]`, ... one press each."""
    focus_on(qtbot, path[0])
    seen: list[QWidget | None] = [path[0]]
    for _ in path[1:]:
        seen.append(press_tab(qtbot, backwards))
    if seen == list(path):
        return []
    key = "Shift+Tab" if backwards else "Tab"
    return [f"{key} goes {_names(seen)}, expected {_names(path)}"]


def check_tab_cycle(qtbot, expected: Sequence[QWidget]) -> list[str]:
    """The whole keyboard order of a window (or of a page shown as one):

    - `expected` is in reading order (top to bottom, left to right);
    - Tab from `expected[0]` visits exactly `expected`, one press each, then wraps round
      to `expected[0]`: nothing else takes the focus, nothing is skipped, and no widget
      keeps the focus for a second press;
    - Shift+Tab from `expected[0]` visits them in the reverse order, round to the start.
    """
    cycle = [*expected, expected[0]]
    return (
        check_reading_order(expected)
        + check_tab_path(qtbot, cycle)
        + check_tab_path(qtbot, cycle[::-1], backwards=True)
    )


def _scroll_positions(window: QWidget) -> list[tuple[int, int]]:
    from PySide6.QtWidgets import QAbstractScrollArea

    return [
        (s.horizontalScrollBar().value(), s.verticalScrollBar().value())
        for s in window.findChildren(QAbstractScrollArea)
    ]


def _in_window(w: QWidget) -> QRect:
    return QRect(w.mapTo(w.window(), QPoint(0, 0)), w.size())


SIDES = ("top", "bottom", "left", "right")


def ring_unchanged(
    before: QImage, after: QImage, band: int = 3, sides: Iterable[str] = SIDES
) -> list[str]:
    """Which of `sides` of a control's picture (before and after it took the focus) keep
    their outer `band` px: a side has changed when at least half of its length changed in
    one of its `band` outer lines of pixels (a focus ring, not a caret or a cell inside)."""
    w, h = after.width(), after.height()
    sides = list(sides)
    if before.size() != after.size() or w < 2 * band or h < 2 * band:
        return sides

    def line_changed(points: list[tuple[int, int]]) -> bool:
        changed = sum(before.pixel(x, y) != after.pixel(x, y) for x, y in points)
        return changed * 2 >= len(points)

    lines = {
        "top": [[(x, i) for x in range(w)] for i in range(band)],
        "bottom": [[(x, h - 1 - i) for x in range(w)] for i in range(band)],
        "left": [[(i, y) for y in range(h)] for i in range(band)],
        "right": [[(w - 1 - i, y) for y in range(h)] for i in range(band)],
    }
    return [side for side in sides if not any(line_changed(ln) for ln in lines[side])]


def _ring_problem(qtbot, window: QWidget, w: QWidget, before: QImage | None) -> str:
    """`w` has just taken the focus (by Tab). Compares its visible part in `before` (the
    window before the Tab, still valid when nothing moved) or, when None, in a picture taken
    with the focus cleared, with the window now. Sides cut off by a scroll area's edge are
    not judged. Returns the problem, or ''."""
    from PySide6.QtWidgets import QTabBar

    target = w.rect()
    if isinstance(w, QTabBar) and w.currentIndex() >= 0:
        target = w.tabRect(w.currentIndex())  # a tab bar shows focus on its current tab
    shown = w.visibleRegion().boundingRect().intersected(target)
    if shown.isEmpty():
        return f"{describe(w)} has the focus but can't be seen"
    rect = shown.translated(w.mapTo(window, QPoint(0, 0)))
    after = window.grab().toImage()
    if before is None:
        w.clearFocus()
        qtbot.waitUntil(lambda: not w.hasFocus(), timeout=2000)
        qtbot.wait(5)
        before = window.grab().toImage()
        focus_on(qtbot, w)
    sides = [
        side
        for side, whole in (
            ("top", shown.top() == target.top()),
            ("bottom", shown.bottom() == target.bottom()),
            ("left", shown.left() == target.left()),
            ("right", shown.right() == target.right()),
        )
        if whole
    ]
    unchanged = ring_unchanged(before.copy(rect), after.copy(rect), sides=sides)
    if not unchanged:
        return ""
    return (
        f"focus on {describe(w)} (reached by Tab) leaves its {', '.join(unchanged)} "
        "edge unchanged: no visible focus ring"
    )


def check_focus_visible_by_tab(
    qtbot,
    root: QWidget,
    start: QWidget | None = None,
    *,
    limit: int = 60,
    seen: list[QWidget] | None = None,
) -> list[str]:
    """For each control Tab reaches in `root` (from `start`, or else `root`'s first
    focusable control, once round the cycle), compares the window's pixels over the control
    just before and just after Tab gave it the focus: its perimeter (the outer 3 px of every
    side that isn't cut off by a scroll area) must change, as a focus ring does; a caret or
    a current cell inside doesn't count. When the Tab scrolled the window or moved the
    control, the 'before' picture is taken with the focus cleared instead. The walk stops
    back at `start`, on leaving `root`, or where a press keeps the focus on the same widget
    (a table moving between its cells). `seen` (a list) receives the controls reached."""
    window = root.window()
    start = start or next(iter(focusable(root)), None)
    if start is None:
        return [f"{describe(root)} has nothing Tab can reach"]
    problems: list[str] = []
    reached: list[QWidget] = []
    focus_on(qtbot, start)
    w: QWidget | None = start
    before: QImage | None = None  # the first control: compared with the focus cleared
    while w is not None and w not in reached and len(reached) < limit:
        reached.append(w)
        problem = _ring_problem(qtbot, window, w, before)
        if problem:
            problems.append(problem)
        before = window.grab().toImage()
        scrolls = _scroll_positions(window)
        places = [(x, _in_window(x)) for x in focusable(window)]
        w = press_tab(qtbot)
        if w is None or not (w is root or root.isAncestorOf(w)):
            break
        moved = next((r != _in_window(w) for x, r in places if x is w), True)
        if moved or _scroll_positions(window) != scrolls:
            before = None
    if seen is not None:
        seen.extend(reached)
    return problems
