"""The interviews table.

Revision ID: 0001
Revises:
Create Date: 2026-11-20
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JsonType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "interviews",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("pack_version", sa.String(64), nullable=False),
        sa.Column("state", JsonType, nullable=False),
        sa.Column("question", JsonType, nullable=True),
        sa.Column("result", JsonType, nullable=True),
        sa.Column("finished", sa.Boolean(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_interviews_updated_at", "interviews", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_interviews_updated_at", table_name="interviews")
    op.drop_table("interviews")
