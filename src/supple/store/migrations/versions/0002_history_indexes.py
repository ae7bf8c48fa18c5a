"""Indexes for history and progress: sessions by start time, items by stretch, latest screening.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Additive only: an upgrade must never lose a user's data.
    op.create_index("ix_sessions_started_at", "sessions", ["started_at"])
    op.create_index("ix_session_items_stretch_id", "session_items", ["stretch_id"])
    op.create_index("ix_screenings_taken_at", "screenings", ["taken_at"])


def downgrade() -> None:
    op.drop_index("ix_screenings_taken_at", table_name="screenings")
    op.drop_index("ix_session_items_stretch_id", table_name="session_items")
    op.drop_index("ix_sessions_started_at", table_name="sessions")
