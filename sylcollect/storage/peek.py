"""A quick look into a workspace file before it is opened: who can sign in.

The desktop app shows its unlock window straight away from this, while the full
`Workspace.open` (SQLAlchemy, migrations) runs on its worker thread. Only the stdlib `sqlite3`
is used, on a read-only connection (`mode=ro`: it can never write or create anything but
SQLite's own WAL index), and only `key_slot.user` and `key_slot.kind` are read: plaintext by
design (sylcollect/storage/schema.py). Nothing here decides anything about security: the
unlock itself goes through the opened Workspace.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

DB_NAME = "workspace.db"  # = sylcollect.storage.workspace.DB_NAME (tests/core/test_peek.py)


def workspace_file(data_dir: Path, db_name: str = DB_NAME) -> Path:
    return data_dir / db_name


def exists(data_dir: Path, db_name: str = DB_NAME) -> bool:
    """Same answer as Workspace.exists, without importing the storage layer."""
    return workspace_file(data_dir, db_name).exists()


def user_names(data_dir: Path, db_name: str = DB_NAME) -> list[str] | None:
    """The names of the users (kind 'user'), in the order `Workspace.users` gives them.

    None when the file can't be read this way (missing, not a workspace, locked, damaged):
    the caller then opens the workspace the full way, which reports the problem properly.
    """
    path = workspace_file(data_dir, db_name)
    if not path.is_file():
        return None
    try:
        uri = f"{path.absolute().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=1.0)
    except (sqlite3.Error, ValueError, OSError):
        return None
    try:
        rows = conn.execute(
            "SELECT user FROM key_slot WHERE kind = 'user' ORDER BY user"
        ).fetchall()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    if not all(isinstance(name, str) for (name,) in rows):
        return None
    return [name for (name,) in rows]
