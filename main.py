"""Starts the SYL Collect desktop app: `python main.py [--demo] [--data-dir DIR]`.

Self-test hook (documented, used by tests/ui/test_main.py): with SYLCOLLECT_UI_SELFTEST=1
in the environment the app prints "window shown: <objectName>" for the first top-level
window it shows, then quits. It changes nothing else.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ui.app import run


class _FirstWindowReporter(QObject):
    """Prints the objectName of the first window shown, then quits the app."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            print(f"window shown: {watched.objectName()}", flush=True)
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False


def _selftest(app: QApplication) -> None:
    reporter = _FirstWindowReporter(app)
    app.installEventFilter(reporter)


def main() -> int:
    selftest = os.environ.get("SYLCOLLECT_UI_SELFTEST") == "1"
    return run(sys.argv[1:], on_started=_selftest if selftest else None)


if __name__ == "__main__":
    sys.exit(main())
