"""Screenshots of the main screens for docs/screenshots/, from a fresh demo workspace.

    make screenshots                 # runs this under xvfb-run (a real X server, real fonts)
    python tools/screenshots.py [--out DIR] [--only NAME ...]

It sets up a throwaway demo study in a temporary folder with the first-run wizard (key
derivation at test cost, `cheap_kdf`: this is a developer tool, never the app), adds a few
made-up participants, a finished questionnaire and a draft with a safeguarding alert, then
photographs: the wizard's three steps, Home, every other page in the navigation rail, and
the unlock window. Nothing is left behind but the PNGs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PASSWORD = "correct horse battery staple"
SIZE_WIZARD = (900, 860)
SIZE_MAIN = (1280, 860)


def wait_until(app, check: Callable[[], bool], seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while not check():
        if time.monotonic() > end:
            raise TimeoutError("the app did not get there in time")
        app.processEvents()
        time.sleep(0.01)


def settle(app, seconds: float = 0.4) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


class Shooter:
    """Saves window grabs as PNGs into `out` (only the names asked for, if any)."""

    def __init__(self, app, out: Path, only: list[str]) -> None:  # type: ignore[no-untyped-def]
        self.app, self.out, self.only, self.saved = app, out, set(only), []  # type: list[Path]

    def __call__(self, name: str, window) -> None:  # type: ignore[no-untyped-def]
        if self.only and name not in self.only:
            return
        settle(self.app)
        path = self.out / f"{name}.png"
        window.grab().save(str(path))
        self.saved.append(path)
        print(f"saved {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")


def sample_data(ws) -> None:  # type: ignore[no-untyped-def]
    """Made-up participants, one finished questionnaire and a draft with an alert."""
    from sylcollect.domain.record import Alert, Record, RecordStatus, SubjectKind
    from sylcollect.domain.study import Role
    from sylcollect.services.records import NewRecord, add_record

    sites = ws.study.sites
    phq = next(f for f in ws.study.forms if f.id == "phq9")
    with ws.transaction() as tx:
        for n in range(1, 7):
            site = sites[n % len(sites)]
            tx.participants.add(f"{site.id[:2].upper()}-{n:03d}", site.id, Role.YOUNG_PERSON)
        people = tx.participants.list()
    answers = {f"phq9_{n}": "1" for n in range(1, 10)} | {"phq9_9": "0"}
    add_record(ws, NewRecord("phq9", answers, participant_code=people[0].code, wave_id="baseline"))
    with ws.transaction() as tx:
        tx.records.add(
            Record(
                "",
                "phq9",
                phq.version,
                SubjectKind.PARTICIPANT,
                people[1].site_id,
                participant_uuid=people[1].uuid,
                wave_id="baseline",
                status=RecordStatus.DRAFT,
                answers={"phq9_1": "2", "phq9_2": "1", "phq9_9": "1"},
                alerts=(
                    Alert(
                        "phq9_item9", "Item 9 was answered: talk to the safeguarding lead today."
                    ),
                ),
            )
        )


def run(out: Path, only: list[str]) -> list[Path]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from sylcollect.crypto.testing import cheap_kdf
    from ui import theme
    from ui.tasks import TaskRunner
    from ui.windows.first_run import FirstRunWizard
    from ui.windows.main_window import MainWindow
    from ui.windows.unlock import UnlockWindow

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sylcollect-shots-") as tmp, cheap_kdf():
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")  # QSettings: throwaway
        app = QApplication.instance() or QApplication([sys.argv[0]])
        app.setOrganizationName("SYL Collect screenshots")
        app.setApplicationName("SYL Collect screenshots")
        theme.apply(app, theme.LIGHT)
        tasks = TaskRunner(app)
        shoot = Shooter(app, out, only)

        wizard = FirstRunWizard(Path(tmp) / "demo", tasks, demo=True)
        wizard.resize(*SIZE_WIZARD)
        wizard.show()
        shoot("first-run-choose", wizard)
        QTest.mouseClick(wizard.choose.next_button, Qt.MouseButton.LeftButton)
        QTest.keyClicks(wizard.user.user, "ann")
        QTest.keyClicks(wizard.user.password.edit, PASSWORD)
        QTest.keyClicks(wizard.user.confirm, PASSWORD)
        wizard.user.user.setFocus()
        shoot("first-run-user", wizard)
        done: list[object] = []
        wizard.completed.connect(done.append)
        QTest.mouseClick(wizard.user.setup_button, Qt.MouseButton.LeftButton)
        wait_until(app, lambda: wizard.stack.currentWidget() is wizard.key)
        shoot("first-run-key", wizard)
        wizard.key.stored.setChecked(True)
        QTest.mouseClick(wizard.key.finish_button, Qt.MouseButton.LeftButton)
        wait_until(app, lambda: bool(done))
        unlocked = done[0]
        wizard.hide()
        sample_data(unlocked)

        main = MainWindow(unlocked, tasks, 60 * 60 * 1000)  # type: ignore[arg-type]
        main.resize(*SIZE_MAIN)
        main.show()
        wait_until(app, lambda: main.home is not None and main.home.summary is not None)
        shoot("home", main)
        for spec in main.specs[1:]:
            main.show_page(spec.key)
            settle(app, 1.0)
            tasks.wait()
            shoot(spec.key, main)
        workspace = unlocked.workspace  # type: ignore[attr-defined]
        main.lock()
        tasks.wait()
        settle(app, 0.2)
        main.hide()
        unlock = UnlockWindow(workspace, tasks)
        unlock.resize(*SIZE_WIZARD)
        unlock.show()
        shoot("unlock", unlock)
        unlock.close()
        tasks.wait()
        workspace.close()
        return shoot.saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--only", nargs="*", default=[], metavar="NAME", help="e.g. home unlock")
    args = parser.parse_args()
    headless = not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    if headless and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        print(
            "error: no display. Run `make screenshots` (uses xvfb-run; on Debian/Ubuntu: "
            "sudo apt-get install xvfb), or set QT_QPA_PLATFORM=offscreen for rough shots.",
            file=sys.stderr,
        )
        return 1
    run(args.out, args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
