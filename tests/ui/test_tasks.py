"""The background-task helper: work off the GUI thread, results and errors back on it."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget
from ui_helpers import wait_idle

from sylcollect.errors import WrongPassword


def test_result_arrives_on_the_gui_thread(qtbot, tasks) -> None:
    gui = threading.get_ident()
    seen = {}

    def work(x: int) -> int:
        seen["worker"] = threading.get_ident()
        return x * 2

    def done(value: int) -> None:
        seen["callback"] = threading.get_ident()
        seen["value"] = value

    with qtbot.waitSignal(tasks.busy_changed, timeout=5000):
        tasks.run(work, 21, on_done=done)
    wait_idle(qtbot, tasks)
    assert seen == {"worker": seen["worker"], "callback": gui, "value": 42}
    assert seen["worker"] != gui


def test_errors_arrive_as_exceptions(qtbot, tasks) -> None:
    errors = []

    def fail() -> None:
        raise WrongPassword("nope")

    tasks.run(fail, on_error=errors.append)
    wait_idle(qtbot, tasks)
    assert len(errors) == 1 and isinstance(errors[0], WrongPassword)


def test_tasks_run_in_order_one_at_a_time(qtbot, tasks) -> None:
    order = []
    for i in range(5):
        tasks.run(order.append, i)
    wait_idle(qtbot, tasks)
    assert order == [0, 1, 2, 3, 4]


def test_callback_skipped_when_its_widget_is_gone(qtbot, tasks) -> None:
    widget = QWidget()
    called = []
    release = threading.Event()
    tasks.run(release.wait, 5, on_done=called.append, context=widget)
    widget.deleteLater()
    qtbot.waitUntil(lambda: widget is not None and not _alive(widget), timeout=2000)
    release.set()
    wait_idle(qtbot, tasks)
    assert called == []


def _alive(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
