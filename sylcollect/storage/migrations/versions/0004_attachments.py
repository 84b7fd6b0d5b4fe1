"""Attachments: files picked for image/audio/video/file questions, name and bytes encrypted
under the record's key (NULLed on withdrawal), removed with their record.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column(
            "record_uuid",
            sa.String(36),
            sa.ForeignKey(
                "record.uuid", ondelete="CASCADE", name="fk_attachment_record_uuid_record"
            ),
            nullable=False,
        ),
        sa.Column("question", sa.String(255), nullable=False),
        sa.Column("key_id", sa.String(36), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("name_ct", sa.LargeBinary, nullable=True),
        sa.Column("content_ct", sa.LargeBinary, nullable=True),
    )
    op.create_index("ix_attachment_record_uuid", "attachment", ["record_uuid"])
    op.create_index("ix_attachment_key_id", "attachment", ["key_id"])


def downgrade() -> None:
    op.drop_index("ix_attachment_key_id", table_name="attachment")
    op.drop_index("ix_attachment_record_uuid", table_name="attachment")
    op.drop_table("attachment")
