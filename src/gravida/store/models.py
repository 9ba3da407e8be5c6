"""The tables. Only what an interview needs to resume and to be audited.

Stored: the starting findings, the answers, the next question and the result
(all JSON), the pack version they were computed with, and timestamps. Not
stored: names, contact details or anything free-form, except the text she
typed when, and only when, the caller opts in with ``keep_text``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# JSONB on PostgreSQL (compact, indexable), JSON text elsewhere.
JsonType = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

ID_LENGTH = 64


class Base(DeclarativeBase):
    pass


class InterviewRow(Base):
    """One stored interview: a row of the interviews table (the API's resource is
    api.schemas.Interview; this is its persistence, hence the different name)."""

    __tablename__ = "interviews"

    id: Mapped[str] = mapped_column(sa.String(ID_LENGTH), primary_key=True)
    # Incremented by every write; a write names the version it read (optimistic lock).
    version: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    pack_version: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    state: Mapped[dict[str, Any]] = mapped_column(JsonType, nullable=False)
    question: Mapped[dict[str, Any] | None] = mapped_column(JsonType, nullable=True)
    result: Mapped[dict[str, Any] | None] = mapped_column(JsonType, nullable=True)
    finished: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    text: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), nullable=False, index=True
    )
