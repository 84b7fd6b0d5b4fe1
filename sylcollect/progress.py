"""Progress and cancel for long core work (exports; reports could use it too). No Qt.

The work calls `progress.step(done, total, what, name)` now and then and `check(progress)` at
points where it can stop cleanly; `check` raises `Cancelled` once someone asked. A `total` of 0
means "not known yet". `what` is a stable key (e.g. `ExportPhase.READING`) that a caller turns
into words in its own language; `name` is the table or file being worked on, if any.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from sylcollect.errors import Cancelled

StepFn = Callable[[int, int, str, str], None]


class Progress(Protocol):
    """Told how far a task has come; asked whether to stop. `step` runs on the task's thread."""

    def step(self, done: int, total: int, what: str, name: str = "") -> None: ...

    def cancelled(self) -> bool: ...


class ProgressHook:
    """A `Progress` that forwards steps to a callback and holds a cancel flag.

    Threading: `step` (and the callback) run on the thread doing the work; `cancel()` may be
    called from any thread (a `threading.Event`), e.g. the GUI thread or a signal handler.
    """

    def __init__(self, on_step: StepFn | None = None) -> None:
        self._on_step = on_step
        self._stop = threading.Event()

    def step(self, done: int, total: int, what: str, name: str = "") -> None:
        if self._on_step is not None:
            self._on_step(done, total, what, name)

    def cancel(self) -> None:
        self._stop.set()

    def cancelled(self) -> bool:
        return self._stop.is_set()


#: Reports nothing and never cancels: the default where no one is watching.
NO_PROGRESS: Progress = ProgressHook()


def check(progress: Progress, message: str = "cancelled") -> None:
    """Raises `Cancelled(message)` if `progress` was cancelled."""
    if progress.cancelled():
        raise Cancelled(message)
