"""Initial workspace schema.

Revision ID: 0001
Revises:
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _times() -> list[sa.Column[Any]]:
    return [
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "key_slot",
        sa.Column("slot_id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("user", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("salt", sa.LargeBinary, nullable=False),
        sa.Column("params", sa.String(128), nullable=False),
        sa.Column("wrapped", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "unlock_failure",
        sa.Column("user", sa.String(64), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("last_at", sa.Float, nullable=False),
    )
    op.create_table(
        "study",
        sa.Column("study_id", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("definition", sa.Text, nullable=False),
    )
    op.create_table(
        "form_version",
        sa.Column("form_id", sa.String(64), primary_key=True),
        sa.Column("version", sa.String(32), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("subject", sa.String(16), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
    )
    op.create_table(
        "participant_key",
        sa.Column("key_id", sa.String(36), primary_key=True),
        sa.Column("participant_uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("wrapped", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "participant",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("code", sa.String(32), nullable=False, unique=True),
        sa.Column("site_id", sa.String(64), nullable=False, index=True),
        sa.Column("key_id", sa.String(36), nullable=False),
        *_times(),
        sa.Column("withdrawn_at", sa.String(32), nullable=True),
        sa.Column("profile_ct", sa.LargeBinary, nullable=True),
        sa.Column("identity_ct", sa.LargeBinary, nullable=True),
    )
    op.create_table(
        "consent",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column(
            "participant_uuid", sa.String(36), sa.ForeignKey("participant.uuid"), nullable=False
        ),
        sa.Column("key_id", sa.String(36), nullable=False),
        *_times(),
        sa.Column("content_ct", sa.LargeBinary, nullable=True),
    )
    op.create_index("ix_consent_participant_uuid", "consent", ["participant_uuid"])
    op.create_table(
        "record",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("form_version", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(16), nullable=False),
        sa.Column("site_id", sa.String(64), nullable=False),
        sa.Column(
            "participant_uuid", sa.String(36), sa.ForeignKey("participant.uuid"), nullable=True
        ),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("key_id", sa.String(36), nullable=False),
        *_times(),
        sa.Column("content_ct", sa.LargeBinary, nullable=True),
    )
    op.create_index("ix_record_participant", "record", ["participant_uuid"])
    op.create_index("ix_record_form", "record", ["form_id", "form_version"])
    op.create_table(
        "observation",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("site_id", sa.String(64), nullable=False, index=True),
        sa.Column("key_id", sa.String(36), nullable=False),
        *_times(),
        sa.Column("content_ct", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "audit_event",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_uuid", sa.String(36), nullable=True),
        sa.Column("key_id", sa.String(36), nullable=False),
        sa.Column("details_ct", sa.LargeBinary, nullable=False),
        sa.Column("chain", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "audit_event",
        "observation",
        "record",
        "consent",
        "participant",
        "participant_key",
        "form_version",
        "study",
        "unlock_failure",
        "key_slot",
        "meta",
    ):
        op.drop_table(table)
