"""Alembic migrations of the workspace schema; run on open after a backup."""
