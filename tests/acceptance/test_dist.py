"""`make dist` builds the one-folder desktop app, and the built app starts (offscreen).

Slow: one PyInstaller build takes about 2 minutes on a 2-core machine. Set
SYLCOLLECT_SKIP_DIST=1 to skip it. The built app is started with the self-test hook
(SYLCOLLECT_UI_SELFTEST=1, see main.py), which prints the first window's objectName and quits.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
APP_NAME = "SYL Collect"
EXE = APP_NAME + (".exe" if sys.platform == "win32" else "")
BUILD_TIMEOUT = 900

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("SYLCOLLECT_SKIP_DIST") == "1",
        reason="SYLCOLLECT_SKIP_DIST=1: the PyInstaller build (about 2 minutes) is skipped",
    ),
    pytest.mark.skipif(shutil.which("make") is None, reason="`make dist` needs make"),
    pytest.mark.skipif(
        sys.prefix == sys.base_prefix, reason="`make dist` installs PyInstaller into a venv"
    ),
]


@dataclass
class Built:
    """The built app folder, PyInstaller's work folder and how long the build took."""

    folder: Path
    work: Path
    seconds: float

    @property
    def exe(self) -> Path:
        return self.folder / EXE

    @property
    def internal(self) -> Path:
        return self.folder / "_internal"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    out = tmp_path_factory.mktemp("dist")
    started = time.monotonic()
    proc = subprocess.run(
        ["make", "dist", f"VENV={sys.prefix}", f"DIST={out / 'dist'}", f"DIST_WORK={out / 'work'}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    seconds = time.monotonic() - started
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    folder = out / "dist" / APP_NAME
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"make dist took {seconds:.0f} s; the folder holds {size / 1e6:.0f} MB")
    yield Built(folder, out / "work" / "pyinstaller", seconds)
    shutil.rmtree(out, ignore_errors=True)  # ~300 MB


def _start(exe: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SYLCOLLECT_UI_SELFTEST": "1",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # QSettings, not the tester's own
        "XDG_DATA_HOME": str(tmp_path / "share"),
    }
    env.pop("SYLCOLLECT_DATA_DIR", None)
    env.pop("PYTHONPATH", None)  # the built app must not lean on the source tree
    return subprocess.run(
        [str(exe), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def _first_window(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    return proc.stdout.strip()


@pytest.fixture
def locked_workspace(tmp_path: Path, cheap: None, demo_study) -> Path:  # type: ignore[no-untyped-def]
    """A demo workspace on disk, locked and closed, as a fieldworker leaves it."""
    from sylcollect.storage.workspace import Workspace

    folder = tmp_path / "data"
    unlocked, _recovery = Workspace.create(folder, demo_study, "ann", "correct horse battery")
    unlocked.lock()
    unlocked.workspace.close()
    return folder


def test_built_app_opens_the_unlock_window(built: Built, locked_workspace: Path, tmp_path) -> None:
    assert built.exe.is_file(), f"no executable at {built.exe}"
    proc = _start(built.exe, tmp_path, "--data-dir", str(locked_workspace))
    # Opening a workspace checks its schema against the bundled Alembic migrations.
    assert _first_window(proc) == "window shown: unlockWindow"


def test_built_app_starts_first_run_like_the_source(built: Built, tmp_path: Path) -> None:
    """With no workspace, the built app shows the same first window as `python main.py`."""
    frozen = _first_window(_start(built.exe, tmp_path, "--demo", "--data-dir", "frozen"))
    source = _first_window(
        _start(Path(sys.executable), tmp_path, str(REPO / "main.py"), "--demo", "--data-dir", "src")
    )
    assert frozen.startswith("window shown: ")
    assert frozen == source


def test_bundle_holds_resources_migrations_and_pyxform_data(built: Built) -> None:
    internal = built.internal
    for name in ("demo/study.toml", "translations/sylcollect_en_GB.qm", "forms", "icons"):
        assert (internal / "resources" / name).exists(), name
    assert list((internal / "resources" / "templates").iterdir())
    versions = REPO / "sylcollect" / "storage" / "migrations" / "versions"
    shipped = internal / "sylcollect" / "storage" / "migrations"
    assert (shipped / "env.py").is_file()
    assert {p.name for p in versions.glob("*.py")} <= {
        p.name for p in (shipped / "versions").glob("*.py")
    }
    assert list((internal / "pyxform").rglob("iana_subtags_2_characters.txt"))


def test_bundle_leaves_out_unused_qt_tests_and_the_weak_kdf_switch(built: Built) -> None:
    qt_modules = {p.name.split(".")[0] for p in (built.internal / "PySide6").glob("Qt*.*")}
    assert {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport"} <= qt_modules
    # Imported inside functions: lock on suspend and screen lock (session_watch), read-aloud
    # (selfcomplete/speech), sync when the network comes back (sync_watch).
    assert {"QtDBus", "QtTextToSpeech", "QtNetwork"} <= qt_modules
    unused = {"QtQml", "QtQuick", "QtWebEngineCore", "Qt3DCore", "QtMultimedia", "QtPdf"}
    assert not qt_modules & unused
    # Qt's virtual keyboard plugin (PySide6-Addons) would drag QtQml and QtQuick back in.
    files = {p.name.lower() for p in built.internal.rglob("*")}
    for name in ("qtvirtualkeyboardplugin", "qt6qml", "qt6quick", "qt6virtualkeyboard"):
        assert not [f for f in files if name in f], name
    # The pure-Python modules in the archive, as PyInstaller listed them.
    _archive, entries = ast.literal_eval((built.work / "PYZ-00.toc").read_text())
    modules = {entry[0] for entry in entries}
    assert "ui.app" in modules and "sylcollect.storage.migrate" in modules
    for name in ("sylcollect.crypto.testing", "pytest", "_pytest", "hypothesis", "tests"):
        assert name not in modules, name


def test_bundle_holds_the_platforms_speech_engine_and_not_qts_mock_one(built: Built) -> None:
    """Read-aloud needs QtTextToSpeech's engine plugins; the mock engine is a test double."""
    [plugins] = [p for p in built.internal.rglob("texttospeech") if p.is_dir()]
    engines = {p.name.lower() for p in plugins.iterdir()}
    assert not [e for e in engines if "mock" in e], engines
    if sys.platform.startswith("linux"):
        assert any("speechd" in e for e in engines), engines  # libspeechd comes from the system
    else:
        assert engines, "no text-to-speech engine"


def test_build_time_is_reported(built: Built) -> None:
    # About 2 minutes here; much longer means something large crept into the bundle.
    assert built.seconds < BUILD_TIMEOUT
