"""Cycles holding Qt objects are collected on the GUI thread, never in a worker thread."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from ui.gc_guard import MainThreadGarbageCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self
        self.widget_like = QObject()


def test_automatic_collection_is_off_while_the_guard_runs(gui_thread_gc) -> None:
    assert not gc.isenabled()


def test_a_worker_allocating_past_the_threshold_collects_nothing(qtbot, gui_thread_gc) -> None:
    cycle = _Cycle()
    ref = weakref.ref(cycle)
    del cycle
    qobject_ref = weakref.ref(ref().widget_like)  # type: ignore[union-attr]

    def allocate() -> None:  # far more container allocations than generation 0's threshold
        junk = [[] for _ in range(gc.get_threshold()[0] * 20)]
        del junk

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert ref() is not None, "a collection ran in the worker thread"
    keep = [[] for _ in range(gc.get_threshold()[0] * 2)]  # the GUI thread's timer collects
    qtbot.waitUntil(lambda: ref() is None and qobject_ref() is None, timeout=5000)
    del keep


def test_a_task_runner_installs_the_guard_once(qapp, gui_thread_gc) -> None:
    from ui.gc_guard import install
    from ui.tasks import TaskRunner

    TaskRunner()
    assert qapp.findChildren(MainThreadGarbageCollector) == [gui_thread_gc]
    assert install(qapp) is gui_thread_gc


def test_check_collects_each_generation_past_its_threshold(qapp) -> None:
    collector = MainThreadGarbageCollector(interval_ms=60_000)  # only explicit checks
    try:
        cycle = _Cycle()
        ref = weakref.ref(cycle)
        del cycle
        keep = [[] for _ in range(gc.get_threshold()[0] + 1)]
        assert collector.check() >= 1
        assert ref() is None
        del keep
    finally:
        collector.stop()
        collector.deleteLater()
    assert not gc.isenabled(), "stopping a nested guard must not undo the package's guard"


def test_a_full_collection_runs_at_most_every_few_seconds(qapp, monkeypatch) -> None:
    """Generation 2 walks every object (tens of ms with a big form open): not every tick."""
    now = [100.0]
    collector = MainThreadGarbageCollector(
        interval_ms=60_000, full_every_s=10, clock=lambda: now[0]
    )
    done: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: done.append(generation) or 0)
    past = tuple(t + 1 for t in gc.get_threshold())
    monkeypatch.setattr(gc, "get_count", lambda: past)  # every generation past its threshold
    try:
        now[0] += 11
        collector.check()  # the first full pass
        now[0] += 1
        collector.check()  # too soon: generation 1
        now[0] += 10
        collector.check()  # due again
        assert done == [2, 1, 2]
    finally:
        monkeypatch.undo()
        collector.stop()
        collector.deleteLater()
