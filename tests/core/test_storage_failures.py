"""Storage failures get clear messages and lose nothing: full disk, corrupt or foreign file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from sylcollect.domain.participant import Identity
from sylcollect.domain.record import Record, SubjectKind
from sylcollect.domain.study import Role
from sylcollect.errors import StorageError
from sylcollect.storage.workspace import Workspace
from tests.conftest import PASSWORD

BIG = {"notes": "x" * 200_000}


def test_full_disk_is_reported_and_nothing_is_lost(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    with ws.transaction() as tx:
        tx.participants.add("DH-001", "durham-house", Role.YOUNG_PERSON, Identity(name="Kept"))
    engine = ws.workspace.engine

    @event.listens_for(engine, "connect")
    def _tiny_disk(dbapi_conn: Any, _rec: Any) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages + 2}")

    with (
        pytest.raises(StorageError, match="disk is full; nothing was saved"),
        ws.transaction() as tx,
    ):
        tx.records.add(
            Record("", "site_indicators", "1", SubjectKind.SITE, "durham-house", answers=BIG)
        )
    event.remove(engine, "connect", _tiny_disk)
    with ws.transaction() as tx:
        assert tx.records.list() == []
        assert tx.participants.reveal_identity("DH-001").identity == Identity(name="Kept")
        tx.records.add(
            Record("", "site_indicators", "1", SubjectKind.SITE, "durham-house", answers=BIG)
        )  # and saving works again once there is room
    assert ws.verify_audit().ok


def test_a_file_that_is_not_a_workspace_is_refused_clearly(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "workspace.db").write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StorageError, match="could not open the workspace"):
        Workspace.open(folder)


def test_truncated_workspace_is_refused_clearly(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _ = workspace
    folder = ws.workspace.data_dir
    with ws.transaction() as tx:
        for i in range(50):
            tx.participants.add(f"DH-{i:03}", "durham-house", Role.YOUNG_PERSON)
    ws.lock()
    ws.scrub()  # fold the WAL into the file
    ws.workspace.close()
    db = folder / "workspace.db"
    db.write_bytes(db.read_bytes()[:3000])
    with pytest.raises(StorageError):
        Workspace.open(folder).unlock("ann", PASSWORD)


def test_a_data_folder_with_url_characters_in_its_name_works(
    tmp_path: Path,
    cheap: None,
    demo_study,  # type: ignore[no-untyped-def]
) -> None:
    folder = tmp_path / "Ann's data? #1 100%"
    ws, _ = Workspace.create(folder, demo_study, "ann", PASSWORD)
    with ws.transaction() as tx:
        tx.participants.add("DH-001", "durham-house", Role.YOUNG_PERSON)
    ws.lock()
    reopened = Workspace.open(folder).unlock("ann", PASSWORD)
    with reopened.transaction() as tx:
        assert [p.code for p in tx.participants.list()] == ["DH-001"]
    reopened.lock()
    assert (folder / "workspace.db").exists()
