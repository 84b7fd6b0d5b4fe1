"""Python's cyclic garbage collector, run on the GUI thread only.

CPython runs a collection in whichever thread happens to allocate when a generation's count
passes its threshold. If that is the TaskRunner's worker thread and the garbage holds a Qt
object (a dialog or model left in a reference cycle), its C++ destructor runs off the GUI
thread and Qt crashes the process. A crash here loses a fieldworker's unsaved answers, so the
app turns automatic collection off and runs the same generational collections from a timer
on the GUI thread instead (the approach pyqtgraph's GarbageCollector takes).

A full (generation 2) collection walks every tracked object: with a 400-question form open it
takes tens of milliseconds, a stall a user can feel while typing. CPython itself runs one only
when enough long-lived objects piled up; this guard can't see that count, so it runs a full
collection at most every `full_every_s` seconds and a generation-1 collection in between.
It checks every 100 ms: with automatic collection off, the young generation grows until the
next check, and a generation-0 pass over half a second of allocations took ~45 ms
(`benchmarks/bench_ui_autosave.py`: longest stall while typing 51 ms before, 9–17 ms after).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer


class MainThreadGarbageCollector(QObject):
    """Disables automatic collection; collects on the GUI thread every `interval_ms`."""

    def __init__(
        self,
        parent: QObject | None = None,
        interval_ms: int = 100,
        full_every_s: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._full_every_s, self._clock = full_every_s, clock
        self._last_full = clock()
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """Collects each generation whose count passed its threshold; returns objects freed."""
        freed = 0
        counts = gc.get_count()
        if counts[0] > self._thresholds[0]:
            generation = 0
            if counts[1] > self._thresholds[1]:
                generation = 2 if counts[2] > self._thresholds[2] else 1
            if generation == 2:
                now = self._clock()
                if now - self._last_full < self._full_every_s:
                    generation = 1  # a full pass only now and then: it is the slow one
                else:
                    self._last_full = now
            freed = gc.collect(generation)
        return freed

    def stop(self) -> None:
        """Stops the timer and gives collection back to CPython (if it had it before)."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()


def install(app: QCoreApplication) -> MainThreadGarbageCollector:
    """The application's collector, made on first use (TaskRunner calls this before it
    starts any worker thread, so every app, tool and test that runs tasks is covered)."""
    found = app.findChild(MainThreadGarbageCollector)
    return (
        found if isinstance(found, MainThreadGarbageCollector) else MainThreadGarbageCollector(app)
    )
