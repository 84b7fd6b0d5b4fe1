"""Shared fixtures: cheap key derivation for speed, a demo workspace, the CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sylcollect.crypto.testing import cheap_kdf
from sylcollect.domain.study import Study

REPO = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery staple"


@pytest.fixture
def cheap() -> Iterator[None]:
    """Argon2id at test cost for the duration of the test (never reachable by the app)."""
    with cheap_kdf():
        yield


@pytest.fixture(scope="session")
def demo_study() -> Study:
    from sylcollect.services.study_files import load_demo_study

    return load_demo_study()


@pytest.fixture
def workspace(tmp_path: Path, cheap: None, demo_study: Study):  # type: ignore[no-untyped-def]
    """An unlocked demo workspace for user 'ann' (password PASSWORD); yields (ws, recovery)."""
    from sylcollect.storage.workspace import Workspace

    ws, recovery = Workspace.create(tmp_path / "data", demo_study, "ann", PASSWORD)
    yield ws, recovery
    if not ws.locked:
        ws.lock()
    ws.workspace.close()


@dataclass
class CliResult:
    """Exit code and output of one CLI run."""

    code: int
    out: str
    err: str


def run_cli(data_dir: Path, *args: str, password: str = PASSWORD, **env: str) -> CliResult:
    """Runs `python -m sylcollect --data-dir DIR ARGS` in a subprocess."""
    full_env = {**os.environ, "SYLCOLLECT_PASSWORD": password, **env}
    proc = subprocess.run(
        [sys.executable, "-m", "sylcollect", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=REPO,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)
