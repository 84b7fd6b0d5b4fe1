"""Faults: the importing process killed inside its transaction leaves the central store as it
was; importing the same bundle again then succeeds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from sylcollect.domain.study import Study
from sylcollect.sync.central_views import snapshot
from tests.conftest import REPO
from tests.core.sync.test_import_support import (
    content_hash,
    make_central,
    participant,
    record,
    reopen,
)

CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from sylcollect.crypto.testing import cheap_kdf
    from sylcollect.sync import importer_apply
    from sylcollect.sync.central_session import central_session

    home, bundle, ready = sys.argv[1:4]
    original = importer_apply.Applier._insert

    def stall(self, table, columns, rows):
        original(self, table, columns, rows)   # rows written inside the open transaction
        Path(ready).write_text("in the transaction")
        time.sleep(120)

    importer_apply.Applier._insert = stall
    with cheap_kdf(), central_session(home, None, "correct horse battery staple") as session:
        session.importer.import_path(bundle)
    """
)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_import_killed_mid_transaction_changes_nothing(
    tmp_path: Path, cheap: None, demo_study: Study
) -> None:
    central = make_central(tmp_path / "home", demo_study)
    device = central.device()
    central.approve(device)
    people = [participant(f"DH-{i:03d}") for i in range(20)]
    path = device.bundle(tmp_path / "out", [*people, *(record(p) for p in people)])
    engine = central.store.workspace.engine
    before = content_hash(engine)
    central.store.lock()
    central.store.workspace.close()

    ready = tmp_path / "ready"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(central.home), str(path), str(ready)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert child.poll() is None, child.stderr.read() if child.stderr else ""
            assert time.monotonic() < deadline, "the child never reached its transaction"
            time.sleep(0.05)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert path.exists(), "the bundle is only removed after the commit"

    central = reopen(central)
    assert content_hash(central.store.workspace.engine) == before
    assert snapshot(central.store)["records"] == []
    result = central.importer.import_path(path)
    assert result.status == "imported" and result.counts["records"] == 20
    assert len(snapshot(central.store)["records"]) == 20
