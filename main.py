"""Starts the SYL Collect desktop app: `python main.py [--demo] [--data-dir DIR]`.

Two test hooks, documented here and in the README's development notes; neither changes what
a user sees.

* Self-test (tests/ui/test_main_py.py, benchmarks/bench_ui_start.py): with
  SYLCOLLECT_UI_SELFTEST=1 the app prints "window shown: <objectName>" for the first
  top-level window it shows, then quits.
* Test driver (tests/acceptance/test_app_e2e.py): SYLCOLLECT_UI_SCRIPT=path runs the Python
  file at `path` inside the app's event loop once the first window is up, with `app` (the
  QApplication) and `controller` (ui.app.AppController) in its namespace; it acts as a user
  would (QTest clicks and keys) and the app exits when it returns (status 3 if it raised).
  It can't be reached by accident: it also needs SYLCOLLECT_UI_SCRIPT_ACK=run-ui-script,
  is refused in a packaged (frozen) build, and only runs a file owned by the current user
  that no one else can write. The hook reads no password from anywhere: a script types
  what it needs into the widgets, like a person.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ui.app import run

SCRIPT_ACK = "run-ui-script"


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


def ui_script() -> Path | None:
    """The test-driver script, if every guard agrees (else None, with a line on stderr)."""
    value = os.environ.get("SYLCOLLECT_UI_SCRIPT")
    if not value:
        return None
    path = Path(value)
    refused = ""
    if os.environ.get("SYLCOLLECT_UI_SCRIPT_ACK") != SCRIPT_ACK:
        refused = f"SYLCOLLECT_UI_SCRIPT_ACK={SCRIPT_ACK} is not set"
    elif getattr(sys, "frozen", False):
        refused = "this is a packaged build"
    elif not path.is_file():
        refused = "no such file"
    elif os.name == "posix" and (path.stat().st_uid != os.getuid() or path.stat().st_mode & 0o022):
        refused = "the file must be yours and writable by you alone"
    if refused:
        print(f"warning: SYLCOLLECT_UI_SCRIPT ignored: {refused}", file=sys.stderr, flush=True)
        return None
    return path


def _run_script(path: Path):  # type: ignore[no-untyped-def]
    def start(app: QApplication, controller: object) -> None:
        print(f"ui script: running {path}", file=sys.stderr, flush=True)
        code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
        try:
            namespace = {"__name__": "__ui_script__", "app": app, "controller": controller}
            exec(code, namespace)  # noqa: S102 - the guarded, documented test driver
        except BaseException:
            import traceback

            traceback.print_exc()
            app.exit(3)
            return
        app.exit(0)

    return start


def main() -> int:
    selftest = os.environ.get("SYLCOLLECT_UI_SELFTEST") == "1"
    script = ui_script()
    return run(
        sys.argv[1:],
        on_started=_selftest if selftest else None,
        on_ready=_run_script(script) if script is not None else None,
    )


if __name__ == "__main__":
    sys.exit(main())
