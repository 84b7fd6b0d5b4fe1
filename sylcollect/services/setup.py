"""Setting up a laptop's workspace from a study definition or the built-in demo study."""

from __future__ import annotations

from pathlib import Path

from sylcollect.domain.passwords import check_password
from sylcollect.domain.study import Study
from sylcollect.services.study_files import load_demo_study, load_study
from sylcollect.storage.workspace import UnlockedWorkspace, Workspace


def create_workspace(
    data_dir: Path, study: Study, user: str, password: str, role: str = "supervisor"
) -> tuple[UnlockedWorkspace, str]:
    """A new workspace for `study`, its first user, and the recovery key to show once."""
    check_password(password)
    return Workspace.create(data_dir, study, user, password, role=role)


def init_demo(data_dir: Path, user: str, password: str) -> tuple[UnlockedWorkspace, str]:
    return create_workspace(data_dir, load_demo_study(), user, password)


def init_from_definition(
    data_dir: Path, definition: Path, user: str, password: str
) -> tuple[UnlockedWorkspace, str]:
    return create_workspace(data_dir, load_study(definition), user, password)
