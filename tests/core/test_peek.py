"""The quick paths the desktop app takes at start, before the storage layer is loaded.

* `sylcollect.storage.peek.user_names`: the unlock window's list of users, read with the
  stdlib sqlite3 on a read-only connection; it must agree with `Workspace.users` and never
  change the file.
* `migrate.upgrade` skips Alembic when the file is at `schema.SCHEMA_HEAD`: that constant must
  be Alembic's real head, or a file needing an upgrade would be taken as up to date.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from sylcollect.storage import migrate, peek
from sylcollect.storage.schema import SCHEMA_HEAD
from sylcollect.storage.workspace import DB_NAME, Workspace

REPO = Path(__file__).resolve().parents[2]


def _digest(folder: Path) -> dict[str, str]:
    """Content hashes of the workspace file and its WAL (the file SQLite writes first)."""
    out = {}
    for name in (DB_NAME, f"{DB_NAME}-wal"):
        path = folder / name
        if path.exists() and path.stat().st_size:
            out[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _imported_after(code: str) -> set[str]:
    """Top-level packages a fresh interpreter has imported after running `code`."""
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    proc = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return set(proc.stdout.split())


# --- SCHEMA_HEAD ---------------------------------------------------------------------------
def test_schema_head_is_alembics_head() -> None:
    assert migrate.head_revision() == SCHEMA_HEAD


def test_an_up_to_date_workspace_opens_without_alembic(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _recovery = workspace
    folder = ws.workspace.data_dir
    ws.lock()
    ws.workspace.close()
    loaded = _imported_after(
        "from pathlib import Path\n"
        "from sylcollect.storage.workspace import Workspace\n"
        f"Workspace.open(Path({str(folder)!r})).close()"
    )
    assert "sqlalchemy" in loaded
    assert "alembic" not in loaded


def test_current_revision_agrees_with_alembic(workspace) -> None:  # type: ignore[no-untyped-def]
    from alembic.runtime.migration import MigrationContext

    ws, _recovery = workspace
    engine = ws.workspace.engine
    with engine.connect() as conn:
        assert (
            migrate.current_revision(engine)
            == MigrationContext.configure(conn).get_current_revision()
        )
    assert migrate.current_revision(engine) == SCHEMA_HEAD


def test_current_revision_of_an_empty_database_is_none(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        assert migrate.current_revision(engine) is None
    finally:
        engine.dispose()


# --- peek ----------------------------------------------------------------------------------
def test_db_name_is_the_workspaces() -> None:
    assert peek.DB_NAME == DB_NAME


def test_user_names_match_the_workspace_and_leave_the_file_alone(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _recovery = workspace
    ws.add_user("zoe", "blue kettle on the windowsill", "fieldworker")
    ws.add_user("Bob", "green kettle on the windowsill", "supervisor")
    folder = ws.workspace.data_dir
    ws.lock()
    ws.workspace.close()
    before = _digest(folder)
    assert peek.exists(folder)
    names = peek.user_names(folder)
    assert _digest(folder) == before
    opened = Workspace.open(folder)
    try:
        assert names == [u.name for u in opened.users()] == ["Bob", "ann", "zoe"]
        assert "(recovery)" not in names
    finally:
        opened.close()


def test_user_names_read_while_the_workspace_is_open(workspace) -> None:  # type: ignore[no-untyped-def]
    ws, _recovery = workspace
    ws.add_user("bob", "blue kettle on the windowsill", "fieldworker")
    assert peek.user_names(ws.workspace.data_dir) == ["ann", "bob"]


def test_user_names_is_read_only(workspace) -> None:  # type: ignore[no-untyped-def]
    """The connection peek uses cannot write: the URI asks SQLite for a read-only file."""
    ws, _recovery = workspace
    folder = ws.workspace.data_dir
    uri = f"{(folder / DB_NAME).absolute().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        try:
            conn.execute("DELETE FROM key_slot")
        except sqlite3.OperationalError as exc:
            assert "readonly" in str(exc)
        else:  # pragma: no cover - would mean the file could be written
            raise AssertionError("a mode=ro connection wrote to the workspace")
    finally:
        conn.close()
    assert peek.user_names(folder) == ["ann"]


def test_a_path_with_uri_characters_is_read(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws, _recovery = workspace
    source = ws.workspace.data_dir / DB_NAME
    ws.lock()
    ws.workspace.close()
    folder = tmp_path / "a folder #1 ?mode=rw&x=%20 ü"
    folder.mkdir()
    shutil.copyfile(source, folder / DB_NAME)
    assert peek.user_names(folder) == ["ann"]


def test_anything_unreadable_gives_none(tmp_path: Path) -> None:
    assert not peek.exists(tmp_path / "nowhere")
    assert peek.user_names(tmp_path / "nowhere") is None
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / DB_NAME).write_bytes(b"not a database at all" * 100)
    assert peek.exists(junk)
    assert peek.user_names(junk) is None
    other = tmp_path / "other"
    other.mkdir()
    conn = sqlite3.connect(other / DB_NAME)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    assert peek.user_names(other) is None
    folder_not_file = tmp_path / "dir"
    (folder_not_file / DB_NAME).mkdir(parents=True)
    assert peek.user_names(folder_not_file) is None


def test_peek_needs_no_storage_layer() -> None:
    loaded = _imported_after("import sylcollect.storage.peek")
    assert not loaded & {"sqlalchemy", "alembic"}
