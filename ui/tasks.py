"""The one background-task helper: core work off the GUI thread, results back on it.

Every call into the core that may take time (key derivation, transactions) goes through a
TaskRunner. Its single worker thread runs tasks one at a time, in the order they were given,
so a Workspace is never used from two threads at once and writes are serialised. The result
(or the exception) comes back on the GUI thread through a queued signal, and the callback
runs only if its `context` widget still exists.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from ui import gc_guard

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Job(QRunnable):
    """Runs one callable on the worker thread and posts its outcome to the runner."""

    def __init__(self, runner: TaskRunner, task_id: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._runner = runner
        self._task_id = task_id
        self._fn = fn

    def run(self) -> None:
        try:
            outcome: tuple[int, bool, Any] = (self._task_id, True, self._fn())
        except BaseException as exc:  # delivered to the GUI thread, shown there
            outcome = (self._task_id, False, exc)
        self._fn = None  # type: ignore[assignment]
        try:
            self._runner._finished.emit(outcome)
        except RuntimeError:  # the runner was deleted while the task ran: nobody to tell
            log.debug("task %s finished after its runner was deleted", self._task_id)


class TaskRunner(QObject):
    """Runs callables on one worker thread; callbacks run on the GUI thread. GUI-thread API."""

    busy_changed = Signal(bool)
    _finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        app = QCoreApplication.instance()
        if app is not None:  # cycles are collected on the GUI thread, never in the worker
            gc_guard.install(app)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[QObject | None, Done | None, Failed | None]] = {}
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        context: QObject | None = None,
    ) -> int:
        """Queues `fn(*args)`; returns a task id. Callbacks are skipped if `context` is gone."""
        task_id = next(self._ids)
        was_busy = self.busy
        self._pending[task_id] = (context, on_done, on_error)
        job = _Job(self, task_id, lambda: fn(*args))
        job.setAutoDelete(True)
        self._pool.start(job)
        if not was_busy:
            self.busy_changed.emit(True)
        return task_id

    def wait(self, msecs: int = -1) -> bool:
        """Blocks until every queued task has run (for shutdown and tests), then delivers."""
        done = self._pool.waitForDone(msecs)
        return done

    @Slot(object)
    def _deliver(self, outcome: tuple[int, bool, Any]) -> None:
        task_id, ok, value = outcome
        context, on_done, on_error = self._pending.pop(task_id, (None, None, None))
        if not self._pending:
            self.busy_changed.emit(False)
        if context is not None and not shiboken6.isValid(context):
            return
        if ok:
            if on_done is not None:
                on_done(value)
        elif on_error is not None:
            on_error(value)
        else:
            log.error("background task failed: %s", type(value).__name__)
