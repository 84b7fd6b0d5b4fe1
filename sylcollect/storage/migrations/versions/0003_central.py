"""Central store tables: device registry, import ledger, quarantine, sources, conflicts, gaps,
device audit events. Empty (and unused) on a laptop.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_ID = 128


def upgrade() -> None:
    op.create_table(
        "central_device",
        sa.Column("device_id", sa.String(_ID), primary_key=True),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("fieldworker", sa.String(128), nullable=False),
        sa.Column("first_seen", sa.String(32), nullable=False),
        sa.Column("last_seen", sa.String(32), nullable=False),
        sa.Column("last_sequence", sa.Integer, nullable=False),
        sa.Column("status_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "central_import",
        sa.Column("bundle_hash", sa.String(64), primary_key=True),
        sa.Column("bundle_id", sa.String(_ID), nullable=False, unique=True),
        sa.Column("device_id", sa.String(_ID), nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("previous_bundle_hash", sa.String(64), nullable=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
        sa.Column("record_count", sa.Integer, nullable=False),
        sa.Column("counts", sa.Text, nullable=False),
        sa.UniqueConstraint("device_id", "sequence", name="uq_central_import_device_sequence"),
    )
    op.create_table(
        "central_quarantine",
        sa.Column("bundle_hash", sa.String(64), primary_key=True),
        sa.Column("device_id", sa.String(_ID), nullable=False, index=True),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("received_at", sa.String(32), nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
    )
    op.create_table(
        "central_source",
        sa.Column("entity", sa.String(16), primary_key=True),
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("device_id", sa.String(_ID), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "central_conflict",
        sa.Column("record_uuid", sa.String(36), primary_key=True),
        sa.Column("device_id", sa.String(_ID), primary_key=True),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("key_id", sa.String(36), nullable=False),
        sa.Column("item_ct", sa.LargeBinary, nullable=True),
    )
    op.create_table(
        "central_gap",
        sa.Column("device_id", sa.String(_ID), primary_key=True),
        sa.Column("sequence", sa.Integer, primary_key=True),
    )
    op.create_table(
        "central_event",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("device_id", sa.String(_ID), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_uuid", sa.String(36), nullable=True),
        sa.Column("key_id", sa.String(36), nullable=False),
        sa.Column("details_ct", sa.LargeBinary, nullable=True),
    )
    op.create_index("ix_central_event_key_id", "central_event", ["key_id"])


def downgrade() -> None:
    op.drop_index("ix_central_event_key_id", "central_event")
    for table in (
        "central_event",
        "central_gap",
        "central_conflict",
        "central_source",
        "central_quarantine",
        "central_import",
        "central_device",
    ):
        op.drop_table(table)
