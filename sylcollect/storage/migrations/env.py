"""Alembic environment: uses the connection handed over by sylcollect.storage.migrate."""

from __future__ import annotations

from alembic import context

from sylcollect.storage.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite needs batch mode to alter tables
)
with context.begin_transaction():
    context.run_migrations()
