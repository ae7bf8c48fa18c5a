"""Initial tables: profile, screenings, routines, sessions with items and events, user stretches.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copies of the column types as they were at this revision (migrations never import
# the current models, so later model changes cannot rewrite history).
JSON_DOC = sa.JSON().with_variant(JSONB(), "postgresql")
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("places", JSON_DOC, nullable=False),
        sa.Column("weekly_goal", sa.Integer(), nullable=False),
        sa.Column("voice", sa.Boolean(), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.CheckConstraint("id = 1", name="ck_profile_single_row"),
        sa.PrimaryKeyConstraint("id", name="pk_profile"),
    )
    op.create_table(
        "screenings",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("taken_at", WHEN, nullable=False),
        sa.Column("screened_on", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("answers", JSON_DOC, nullable=False),
        sa.Column("result", JSON_DOC, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_screenings"),
    )
    op.create_table(
        "routines",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("routine", JSON_DOC, nullable=False),
        sa.Column("options", JSON_DOC, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_routines"),
        sa.UniqueConstraint("name", name="uq_routines_name"),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("started_at", WHEN, nullable=False),
        sa.Column("ended_at", WHEN, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("routine", JSON_DOC, nullable=False),
        sa.Column("heartbeat_at", WHEN, nullable=False),
        sa.CheckConstraint(
            "status IN ('running', 'completed', 'stopped', 'interrupted')",
            name="ck_sessions_status",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_sessions"),
    )
    op.create_table(
        "session_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("session_id", sa.String(36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("stretch_id", sa.String(100), nullable=False),
        sa.Column("side", sa.String(8), nullable=False),
        sa.Column("held_seconds", sa.Float(), nullable=False),
        sa.Column("planned_seconds", sa.Float(), nullable=False),
        sa.Column("discomfort", sa.Integer(), nullable=True),
        sa.Column("pain", sa.Boolean(), nullable=False),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", WHEN, nullable=False),
        sa.CheckConstraint("side IN ('left', 'right', 'both')", name="ck_session_items_side"),
        sa.CheckConstraint(
            "discomfort IS NULL OR (discomfort BETWEEN 0 AND 10)",
            name="ck_session_items_discomfort",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name="fk_session_items_session_id_sessions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_session_items"),
        sa.UniqueConstraint("session_id", "seq", name="uq_session_items_session_id_seq"),
    )
    op.create_table(
        "session_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("session_id", sa.String(36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("t", sa.Float(), nullable=False),
        sa.Column("event", sa.String(40), nullable=False),
        sa.Column("data", JSON_DOC, nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name="fk_session_events_session_id_sessions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_session_events"),
        sa.UniqueConstraint("session_id", "seq", name="uq_session_events_session_id_seq"),
    )
    op.create_table(
        "user_stretches",
        sa.Column("id", sa.String(100), nullable=False),
        sa.Column("origin", sa.String(100), nullable=False),
        sa.Column("data", JSON_DOC, nullable=False),
        sa.Column("imported_at", WHEN, nullable=False),
        sa.Column("source_hash", sa.String(128), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_user_stretches"),
    )


def downgrade() -> None:
    for table in (
        "user_stretches",
        "session_events",
        "session_items",
        "sessions",
        "routines",
        "screenings",
        "profile",
    ):
        op.drop_table(table)
