"""Crash safety: SIGKILL a writer at random moments; nothing it reported as saved is lost.

A child process (tests/core/crash_writer.py) saves records in a loop and prints each uuid
only after its transaction committed. The parent kills it with SIGKILL at a random moment,
then checks that the workspace opens and unlocks, SQLite's integrity check passes, every
uuid ever reported is present and decrypts to exactly what the child wrote, and the audit
chain verifies. The same workspace is reused across all kills.
"""

from __future__ import annotations

import importlib.util
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from sylcollect.crypto.testing import cheap_kdf
from sylcollect.domain.participant import Identity
from sylcollect.domain.study import Role
from sylcollect.services.study_files import load_demo_study
from sylcollect.storage.workspace import Workspace

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX only")

WRITER = Path(__file__).with_name("crash_writer.py")
REPO = Path(__file__).resolve().parents[2]
USER = "ann"
PASSWORD = "crash test pass phrase words"
CODE = "DH-CRASH-1"
KILLS = 50
START_TIMEOUT = 30.0


def _load_writer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crash_writer", WRITER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


writer = _load_writer()


def _spawn(data_dir: Path) -> subprocess.Popen[str]:
    """Starts a child; it imports, then waits for 'go' on stdin before opening the workspace."""
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), USER, PASSWORD, CODE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def _kill_at_random(child: subprocess.Popen[str], rng: random.Random) -> list[str]:
    """Lets the child start writing, SIGKILLs it after 0.05-0.4 s, returns the uuids it reported."""
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    child.stdin.write("go\n")
    child.stdin.flush()
    first = child.stdout.readline()  # blocks until the first commit was reported
    if not first:
        err = child.stderr.read()
        pytest.fail(f"the writer exited (code {child.wait()}) before saving anything:\n{err}")
    time.sleep(rng.uniform(0.05, 0.4))
    child.send_signal(signal.SIGKILL)
    rest = child.stdout.read()  # whatever was in the pipe before the kill
    assert child.wait(timeout=10) == -signal.SIGKILL
    child.stdout.close()
    child.stderr.close()
    child.stdin.close()
    lines = [first, *rest.splitlines(keepends=True)]
    # A line cut short by the kill (no newline) was not fully reported: ignore it.
    return [line.strip() for line in lines if line.endswith("\n")]


def _check_after_crash(data_dir: Path, reported: list[str], participant_uuid: str) -> None:
    db = data_dir / "workspace.db"
    with cheap_kdf():
        locked = Workspace.open(data_dir)
        ws = locked.unlock(USER, PASSWORD)
    try:
        # Checked after the first open, which recovers the WAL left by the killed writer.
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()
        with ws.transaction() as tx:
            saved = {r.uuid: r for r in tx.records.list()}
        missing = [u for u in reported if u not in saved]
        assert not missing, f"{len(missing)} reported records were lost, e.g. {missing[0]}"
        for record_uuid in reported:
            record = saved[record_uuid]
            assert not record.shredded, record_uuid
            assert record.answers == writer.answers_for(record_uuid), record_uuid
            if writer.is_participant_record(record_uuid):
                assert record.participant_uuid == participant_uuid
                assert record.form_id == writer.FORM_ID
            else:
                assert record.participant_uuid is None
                assert record.form_id == writer.SITE_FORM_ID
        result = ws.verify_audit()
        assert result.ok, result.problem
    finally:
        ws.lock()
        locked.close()


@pytest.mark.slow
def test_sigkill_during_writes_loses_nothing_reported(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with cheap_kdf():
        ws, _recovery = Workspace.create(data_dir, load_demo_study(), USER, PASSWORD)
    with ws.transaction() as tx:
        participant = tx.participants.add(
            CODE,
            "durham-house",
            Role.YOUNG_PERSON,
            Identity(name="Crash Test", date_of_birth=date(2009, 1, 2)),
        )
    ws.lock()
    ws.workspace.close()

    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    reported: list[str] = []
    per_kill: list[int] = []
    started = time.monotonic()
    child = _spawn(data_dir)
    try:
        for _ in range(KILLS):
            saved = _kill_at_random(child, rng)
            # Start the next child now: its imports overlap with the checks below. It does
            # not touch the workspace until it is told to go.
            child = _spawn(data_dir)
            assert saved, "the writer reported nothing"
            assert len(set(saved)) == len(saved)
            reported.extend(saved)
            per_kill.append(len(saved))
            _check_after_crash(data_dir, reported, participant.uuid)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for stream in (child.stdin, child.stdout, child.stderr):
            if stream is not None:
                stream.close()

    assert len(set(reported)) == len(reported)
    elapsed = time.monotonic() - started
    print(
        f"{KILLS} kills, {len(reported)} records reported "
        f"({min(per_kill)}-{max(per_kill)} per run) in {elapsed:.1f} s"
    )
