"""Desktop app start: from launching `main.py` to the unlock window shown, in a subprocess
(offscreen), against a bare PySide6 QMainWindow shown by a subprocess in the same run.

Both are timed from process spawn to the line the process prints when its first window gets
its Show event (main.py's documented SYLCOLLECT_UI_SELFTEST hook; the baseline prints the
same line), so the interpreter's and Qt's own start-up are in both. Runs alternate between
the two, and the medians are compared. Target: within 2.5x (issue 4).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Measure, ratio_measure

REPO = Path(__file__).resolve().parent.parent
PASSWORD = "benchmark pass phrase here"
BARE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Reporter(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Show and watched.isWidgetType() and watched.isWindow():
            print("window shown: bare", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication(sys.argv)
reporter = Reporter()
app.installEventFilter(reporter)
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(800, 600)
window.show()
sys.exit(app.exec())
"""


def _time_to_window(args: list[str], env: dict[str, str], expect: str) -> float:
    """Seconds from spawn to the 'window shown' line; the process is then left to quit."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        args,
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(timeout=60)
    if line.strip() != f"window shown: {expect}":
        raise RuntimeError(f"unexpected first window: {line.strip()!r}")
    return elapsed


def start_to_unlock(quick: bool) -> list[Measure]:
    from sylcollect.crypto.testing import cheap_kdf
    from sylcollect.services.study_files import load_demo_study
    from sylcollect.storage.workspace import Workspace

    repeats = 3 if quick else 9
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        with cheap_kdf():  # only the set-up here; the app opens it as it would any workspace
            ws, _key = Workspace.create(data, load_demo_study(), "ann", PASSWORD)
            ws.lock()
            ws.workspace.close()
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "SYLCOLLECT_UI_SELFTEST": "1",
            "XDG_CONFIG_HOME": str(Path(tmp) / "config"),
        }
        env.pop("SYLCOLLECT_UI_SCRIPT", None)
        app_args = [sys.executable, "main.py", "--data-dir", str(data)]
        bare_args = [sys.executable, "-c", BARE]
        # one untimed run of each warms the OS file cache
        _time_to_window(app_args, env, "unlockWindow")
        _time_to_window(bare_args, env, "bare")
        app_times, bare_times = [], []
        for _ in range(repeats):
            bare_times.append(_time_to_window(bare_args, env, "bare"))
            app_times.append(_time_to_window(app_args, env, "unlockWindow"))
    app_ms = statistics.median(app_times) * 1000
    bare_ms = statistics.median(bare_times) * 1000
    return [
        ratio_measure(
            "ui start to unlock window",
            app_ms,
            "ms",
            "bare PySide6 QMainWindow shown (subprocess)",
            bare_ms,
            2.5,
            runs=repeats,
        )
    ]


BENCHMARKS = {"ui_start": start_to_unlock}


if __name__ == "__main__":
    for m in start_to_unlock("--quick" in sys.argv):
        print(m.line())
