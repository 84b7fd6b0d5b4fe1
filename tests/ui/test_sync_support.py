"""Fixtures for the Sync and Supervisor tests: a demo laptop set up from a real study package
(with its study home and export folder), its Services, and a fake export target."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from ui_helpers import PASSWORD

from sylcollect.domain.study import Role
from sylcollect.storage.workspace import UnlockedWorkspace
from sylcollect.sync.targets import FolderTarget


@dataclass
class Laptop:
    ws: UnlockedWorkspace
    export: Path
    study_home: Path
    tmp: Path


@pytest.fixture
def laptop(tmp_path: Path, cheap: None) -> Iterator[Laptop]:
    from sylcollect.sync import device

    made = device.setup_demo(tmp_path / "data", "ann", PASSWORD)
    yield Laptop(made.workspace, made.export_dir, made.study_home, tmp_path)
    if not made.workspace.locked:
        made.workspace.lock()
    made.workspace.workspace.close()


def enrol(ws: UnlockedWorkspace, *codes: str) -> None:
    with ws.transaction() as tx:
        for code in codes:
            tx.participants.add(code, "durham-house", Role.YOUNG_PERSON)


def settings(tmp: Path, name: str = "sync.ini") -> QSettings:
    return QSettings(str(tmp / name), QSettings.Format.IniFormat)


def services_for(ws: UnlockedWorkspace, tasks, tmp: Path, role: str = "fieldworker"):
    from ui.nav import Services
    from ui.pages.settings_prefs import Preferences

    prefs = Preferences(settings(tmp, "prefs.ini"))
    return Services(ws, tasks, ws.study, ws.actor, role, prefs)


class FakeTarget(FolderTarget):
    """A folder target whose reachability the test switches on and off."""

    up = False

    def reachable(self) -> bool:
        return FakeTarget.up and super().reachable()


def fake_factory(text: str) -> FakeTarget:
    return FakeTarget(Path(text))
