"""Device sync state: what was sent, the device key, the installed package, bundles written.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_sent",
        sa.Column("entity", sa.String(16), primary_key=True),
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("revision", sa.Integer, nullable=False),
    )
    op.create_table(
        "device_key",
        sa.Column("device_id", sa.String(128), primary_key=True),
        sa.Column("public_key", sa.LargeBinary, nullable=False),
        sa.Column("private_ct", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "study_package",
        sa.Column("study_id", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("package_hash", sa.String(64), nullable=False),
        sa.Column("signing_public_key", sa.LargeBinary, nullable=False),
        sa.Column("hpke_public_key", sa.LargeBinary, nullable=False),
        sa.Column("revoked", sa.Text, nullable=False),
        sa.Column("trusted_at", sa.String(32), nullable=False),
        sa.Column("installed_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "sync_bundle",
        sa.Column("sequence", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("bundle_id", sa.String(128), nullable=False, unique=True),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("bundle_hash", sa.String(64), nullable=False),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("sent_at", sa.String(32), nullable=True),
        sa.Column("target", sa.Text, nullable=True),
        sa.Column("record_count", sa.Integer, nullable=False),
        sa.Column("item_count", sa.Integer, nullable=False),
        sa.Column("items", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("sync_bundle", "study_package", "device_key", "sync_sent"):
        op.drop_table(table)
