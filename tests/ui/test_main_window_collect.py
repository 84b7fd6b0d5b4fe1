"""The Collect page in the main window, and no auto-lock while a young person answers."""

# ruff: noqa: F811 - pytest fixtures imported from test_participants_support

from __future__ import annotations

from test_main_window import make_window
from test_participants_support import prefs, unlocked  # noqa: F401 - fixtures


def test_collect_is_on_the_rail(qtbot, unlocked, tasks) -> None:
    window = make_window(qtbot, unlocked, tasks)
    assert "collect" in [s.key for s in window.specs]
    window.show_page("collect")
    page = window.page("collect")
    assert page is not None and window.stack.currentWidget() is page


def test_self_complete_pauses_auto_lock_until_handed_back(qtbot, unlocked, tasks) -> None:
    window = make_window(qtbot, unlocked, tasks)
    page = window.page("collect")
    window.set_idle_ms(300)
    page.self_complete_active.emit(True)
    qtbot.wait(900)
    assert not unlocked.locked  # a young person thinking is not "idle"
    page.self_complete_active.emit(False)
    with qtbot.waitSignal(window.locked, timeout=5000):
        pass
