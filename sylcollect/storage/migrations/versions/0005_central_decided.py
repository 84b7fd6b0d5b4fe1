"""Central store: the versions a supervisor decided on when resolving a conflict (device,
revision, time; no values), so a late bundle carrying one of them is not flagged again.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "central_decided",
        sa.Column("record_uuid", sa.String(36), primary_key=True),
        sa.Column("device_id", sa.String(128), primary_key=True),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("central_decided")
