"""UI test fixtures: offscreen Qt, a private QSettings folder, cheap real workspaces.

Every test that touches a workspace uses the `cheap` fixture (tests/conftest.py), which keeps
`sylcollect.crypto.testing.cheap_kdf` active for the whole test so unlocks are fast.
"""

from __future__ import annotations

import os
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QSettings (window geometry) goes to a throwaway folder, never the tester's own config.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="sylcollect-ui-config-")

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # a11y.py and ui_helpers.py

from ui_helpers import PASSWORD


@pytest.fixture(scope="package", autouse=True)
def gui_thread_gc(qapp):
    """As in the app: cycles are collected on the GUI thread, never in a task's worker."""
    from ui.gc_guard import MainThreadGarbageCollector

    collector = MainThreadGarbageCollector(qapp)
    yield collector
    collector.stop()
    collector.deleteLater()


@pytest.fixture(autouse=True)
def collect_between_tests(gui_thread_gc):
    yield
    gui_thread_gc.check()


@pytest.fixture(autouse=True)
def fresh_settings(qapp):
    """Each test starts with the app's default QSettings empty: what one test stored there
    (a sync target, a preference, the supervisor's study home) never reaches the next."""
    from PySide6.QtCore import QSettings

    settings = QSettings()
    settings.clear()
    settings.sync()
    yield


@pytest.fixture(autouse=True)
def light_theme(qapp):
    from ui import theme

    theme.apply(qapp, theme.LIGHT)
    yield
    qapp.clipboard().clear()


@pytest.fixture
def tasks(qapp):
    from ui.tasks import TaskRunner

    runner = TaskRunner()
    yield runner
    runner.wait()


@dataclass
class DemoFolder:
    """A data folder holding a locked demo workspace for 'ann' (password PASSWORD)."""

    path: Path
    recovery_key: str


@pytest.fixture
def demo_folder(tmp_path: Path, cheap: None, demo_study) -> DemoFolder:
    """A real workspace with two participants, created with cheap key derivation."""
    from sylcollect.domain.study import Role
    from sylcollect.storage.workspace import Workspace

    folder = tmp_path / "data"
    unlocked, recovery = Workspace.create(folder, demo_study, "ann", PASSWORD)
    site = demo_study.sites[0].id
    with unlocked.transaction() as tx:
        tx.participants.add("YP-001", site, Role.YOUNG_PERSON)
        tx.participants.add("YP-002", site, Role.YOUNG_PERSON)
    unlocked.lock()
    unlocked.workspace.close()
    return DemoFolder(folder, recovery)


@pytest.fixture
def locked_ws(demo_folder: DemoFolder) -> Iterator:
    """The demo folder's Workspace, opened (locked)."""
    from sylcollect.storage.workspace import Workspace

    ws = Workspace.open(demo_folder.path)
    yield ws
    ws.close()
