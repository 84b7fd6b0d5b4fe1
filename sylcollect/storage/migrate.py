"""Runs Alembic migrations on open, after a backup copy of the workspace file.

Opening a workspace that is already at the newest schema (the usual case) reads its
`alembic_version` row and compares it with `schema.SCHEMA_HEAD`; Alembic itself, slow to
import, is loaded only when an upgrade is due (tests/core/test_migrations.py checks that
SCHEMA_HEAD is Alembic's real head).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING

from sylcollect.errors import StorageError
from sylcollect.storage.files import ensure_private_dir
from sylcollect.storage.schema import SCHEMA_HEAD

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS = Path(__file__).with_name("migrations")
BACKUP_DIR = "backups"
VERSION_TABLE = "alembic_version"  # Alembic's default version table


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The newest migration, as Alembic sees the scripts (imports Alembic)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: no store yet), like Alembic's own answer."""
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        if len(rows) <= 1:
            return str(rows[0][0]) if rows else None
        # several heads: let Alembic give its own answer (an error)
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, db_path: Path | None) -> str | None:
    """Brings the schema to head. Returns the backup's path name when one was made."""
    current = current_revision(engine)
    if current == SCHEMA_HEAD:
        return None
    head = head_revision()
    if current == head:
        return None
    backup: Path | None = None
    if current is not None and db_path is not None:
        backup = backup_file(db_path, f"before-{head}-from-{current}")
    try:
        from alembic import command

        cfg = _config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except Exception as exc:
        where = f"; the backup is {backup.name}" if backup else ""
        raise StorageError(
            f"the workspace could not be upgraded ({type(exc).__name__}){where}"
        ) from None
    return backup.name if backup else None


def backup_file(db_path: Path, label: str) -> Path:
    """A consistent 0600 copy of the workspace (SQLite online backup) in `backups/`."""
    folder = ensure_private_dir(db_path.parent / BACKUP_DIR)
    target = folder / f"{db_path.stem}-{label}-{time.strftime('%Y%m%dT%H%M%S')}.db"
    target.touch(mode=0o600, exist_ok=False)
    src = sqlite3.connect(db_path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def drop_all(engine: Engine) -> None:
    """Removes every table the migrations made (undoing a half-made store on a server)."""
    from sqlalchemy import MetaData

    meta = MetaData()
    meta.reflect(engine)
    meta.drop_all(engine)
