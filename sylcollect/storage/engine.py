"""Engines: SQLite with WAL, synchronous=FULL, foreign keys and secure_delete; or PostgreSQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.pool import NullPool


def sqlite_engine(path: Path) -> Engine:
    """An engine on a workspace file, with the durability and privacy pragmas set."""
    engine = create_engine(
        # A URL object, not text: a folder name may contain '?', '#' or '%'.
        URL.create("sqlite+pysqlite", database=str(path)),
        echo=False,  # never log statements: parameters can be ciphertext of personal data
        poolclass=NullPool,
        connect_args={"check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA secure_delete=ON")
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.execute("PRAGMA cache_size=-16384")  # 16 MiB: B-tree pages of a large store stay hot
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()

    return engine


def url_engine(url: str) -> Engine:
    """An engine for an SQLAlchemy URL: SQLite files get `sqlite_engine`'s pragmas.

    PostgreSQL (`postgresql+psycopg://...`) is for a central store; statements are never
    echoed. A password missing from the URL comes from libpq (PGPASSWORD, ~/.pgpass).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise ValueError("an SQLite store needs a file path")
        return sqlite_engine(Path(parsed.database))
    return create_engine(parsed, echo=False, pool_pre_ping=True, hide_parameters=True)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def checkpoint_and_vacuum(engine: Engine, busy_ms: int = 2000) -> bool:
    """Folds the WAL into the file, truncates it, and rewrites free pages away.

    Returns False (having changed nothing it can't redo) when another connection holds a
    read open, so the caller can retry later instead of believing the pages are gone.
    On PostgreSQL, `VACUUM FULL` rewrites the key table so deleted keys leave its files.
    """
    if not is_sqlite(engine):
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM FULL participant_key")
        return True
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
        if raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]:
            return False
        try:
            raw.execute("VACUUM")
        except sqlite3.OperationalError:
            return False
        return not raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
