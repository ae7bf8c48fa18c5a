"""Session summaries: each session's items as history shows them, its seconds held, and per
stretch its ratings and pain reports, so ten years of history and progress read fast.

The new columns start NULL: the store computes a session's summaries from its items the first
time history or progress finds them missing (repositories/session_summary.py), so this
migration stays quick and never rewrites a user's data.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    # Additive only: an upgrade must never lose a user's data.
    op.add_column("sessions", sa.Column("items_doc", sa.Text(), nullable=True))
    op.add_column("sessions", sa.Column("held_seconds", sa.Float(), nullable=True))
    op.create_table(
        "session_stretches",
        sa.Column("session_id", sa.String(36), nullable=False),
        sa.Column("stretch_id", sa.String(100), nullable=False),
        sa.Column("rated", sa.Integer(), nullable=False),
        sa.Column("rating_sum", sa.Integer(), nullable=False),
        sa.Column("rated_at", WHEN, nullable=True),
        sa.Column("pains", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name="fk_session_stretches_session_id_sessions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "stretch_id", name="pk_session_stretches"),
    )
    op.create_index(
        "ix_session_stretches_ratings",
        "session_stretches",
        ["stretch_id", "rated_at", "session_id"],
    )
    op.create_index(
        "ix_session_stretches_pains",
        "session_stretches",
        ["stretch_id", "pains"],
        sqlite_where=sa.text("pains > 0"),
        postgresql_where=sa.text("pains > 0"),
    )
    op.create_index(
        "ix_sessions_started_at_held_seconds", "sessions", ["started_at", "held_seconds"]
    )
    op.create_index(
        "ix_sessions_running",
        "sessions",
        ["heartbeat_at"],
        sqlite_where=sa.text("status = 'running'"),
        postgresql_where=sa.text("status = 'running'"),
    )
    op.create_index(
        "ix_sessions_unsummarised",
        "sessions",
        ["id"],
        sqlite_where=sa.text("items_doc IS NULL"),
        postgresql_where=sa.text("items_doc IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_sessions_unsummarised", table_name="sessions")
    op.drop_index("ix_sessions_running", table_name="sessions")
    op.drop_index("ix_sessions_started_at_held_seconds", table_name="sessions")
    op.drop_index("ix_session_stretches_pains", table_name="session_stretches")
    op.drop_index("ix_session_stretches_ratings", table_name="session_stretches")
    op.drop_table("session_stretches")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("held_seconds")
        batch.drop_column("items_doc")
