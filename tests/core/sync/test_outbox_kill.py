"""A sync process killed (SIGKILL) while writing a large bundle: no partial bundle is ever
accepted, nothing is marked sent that was not delivered, and the next sync sends it all."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sylcollect.domain.record import Record, SubjectKind
from sylcollect.storage.workspace import DB_NAME, Workspace
from sylcollect.sync import device, outbox
from sylcollect.sync.bundle import verify_bundle
from sylcollect.sync.study_home import StudyHome
from sylcollect.sync.targets import FolderTarget
from tests.conftest import PASSWORD, REPO
from tests.core.sync.test_outbox import read_bundles

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
RECORDS = 3000

CHILD = f"""
import sys
from pathlib import Path
from sylcollect.crypto.testing import cheap_kdf
from sylcollect.storage.workspace import Workspace
from sylcollect.sync import outbox
from sylcollect.sync.targets import FolderTarget
with cheap_kdf():
    ws = Workspace.open(Path(sys.argv[1])).unlock("ann", {PASSWORD!r})
print("unlocked", flush=True)
outbox.sync(ws, FolderTarget(Path(sys.argv[2])))
print("done", flush=True)
"""


def _laptop(tmp_path: Path) -> tuple[Path, Path, Path]:
    made = device.setup_demo(tmp_path / "data", "ann", PASSWORD)
    ws = made.workspace
    filler = "fake site notes " * 200  # ~3 KB per record: a payload of several MB
    with ws.transaction() as tx:
        tx.records.add_many(
            [
                Record(
                    uuid="",
                    form_id="site_indicators",
                    form_version="1",
                    subject=SubjectKind.SITE,
                    site_id="safe-steps",
                    answers={"notes": f"{i} {filler}"},
                )
                for i in range(RECORDS)
            ]
        )
    ws.lock()
    ws.workspace.close()
    return tmp_path / "data", made.export_dir, made.study_home


def _sent_rows(data: Path) -> tuple[int, list[tuple[int, str]]]:
    conn = sqlite3.connect(data / DB_NAME)
    try:
        sent = conn.execute("SELECT count(*) FROM sync_sent").fetchone()[0]
        bundles = conn.execute("SELECT sequence, state FROM sync_bundle").fetchall()
    finally:
        conn.close()
    return int(sent), bundles


def _run_and_kill(data: Path, export: Path, when: str, delay: float = 0.0) -> bool:
    """Starts a sync child and kills it at `when`; returns True if it finished first."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data), str(export)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == b"unlocked"
    staging = data / outbox.OUTBOX_DIR
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and child.poll() is None:
            if when == "staging":
                temps = list(staging.glob(".*.tmp")) if staging.exists() else []
                if any(t.stat().st_size > 256 * 1024 for t in temps if t.exists()):
                    break
            elif when == "delay":
                time.sleep(delay)
                break
            time.sleep(0.0005)
        finished = child.poll() is not None
        if not finished:
            child.send_signal(signal.SIGKILL)
        child.wait(30)
        return finished and child.returncode == 0
    finally:
        child.stdout.close()


def _check_invariants(data: Path, export: Path) -> None:
    """Whatever is in the export folder is a whole bundle; sent marks imply delivery."""
    for path in export.glob("*.sylb"):
        verify_bundle(path, max_bytes=1 << 30)
    sent, bundles = _sent_rows(data)
    delivered = {b.name for b in export.glob("*.sylb")}
    if sent:
        assert any(state == "sent" for _seq, state in bundles)
        assert delivered
    others = [p.name for p in export.iterdir() if not p.name.endswith(".sylb")]
    assert all(n.startswith(".") and n.endswith(".tmp") for n in others), others


def _resync_and_check(data: Path, export: Path, home: Path) -> None:
    from sylcollect.crypto.testing import cheap_kdf

    with cheap_kdf():
        ws = Workspace.open(data).unlock("ann", PASSWORD)
    try:
        outbox.sync(ws, FolderTarget(export))
        assert outbox.status(ws).waiting.changes == 0
        assert outbox.sync(ws, FolderTarget(export)).nothing_to_do
    finally:
        ws.lock()
        ws.workspace.close()
    keys = StudyHome.open(home).unlock(PASSWORD)
    bundles = read_bundles(export, keys)
    records = {i.uuid for _h, items in bundles for i in items if i.kind == "record"}  # type: ignore[union-attr]
    assert len(records) == RECORDS
    sequences = [h.header.sequence for h, _ in bundles]  # type: ignore[attr-defined]
    assert sequences == list(range(1, len(sequences) + 1))


def test_killed_while_staging_leaves_nothing_sent(tmp_path: Path, cheap: None) -> None:
    data, export, home = _laptop(tmp_path)
    finished = _run_and_kill(data, export, "staging")
    assert not finished, "the sync finished before it could be killed: make the payload bigger"
    assert list(export.glob("*.sylb")) == []
    assert _sent_rows(data) == (0, [])
    _check_invariants(data, export)
    _resync_and_check(data, export, home)


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.05, 0.3, 0.8])
def test_killed_at_any_moment_keeps_the_invariants(
    tmp_path: Path, cheap: None, delay: float
) -> None:
    data, export, home = _laptop(tmp_path)
    _run_and_kill(data, export, "delay", delay)
    _check_invariants(data, export)
    _resync_and_check(data, export, home)
