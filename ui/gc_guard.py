"""Python's cyclic garbage collector, run on the GUI thread only.

CPython runs a collection in whichever thread happens to allocate when a generation's count
passes its threshold. If that is the TaskRunner's worker thread and the garbage holds a Qt
object (a dialog or model left in a reference cycle), its C++ destructor runs off the GUI
thread and Qt crashes the process. A crash here loses a fieldworker's unsaved answers, so the
app turns automatic collection off and runs the same generational collections from a timer
on the GUI thread instead (the approach pyqtgraph's GarbageCollector takes).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer


class MainThreadGarbageCollector(QObject):
    """Disables automatic collection; collects on the GUI thread every `interval_ms`."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 500) -> None:
        super().__init__(parent)
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
