"""Pain checks, and since when the weekly goal holds.

`pain_checks`: after a sharp-pain report a stretch stays out of every plan until the person
marks it checked ("a professional has looked at it" or "it has settled"); each mark is a row.
`profile.weekly_goal_since`: the day the weekly goal was last set, so goal suggestions count
only the weeks under the goal in force (NULL: set before this revision, counted from the
first session).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)
TRIGGER = "supple_data_changed"


def upgrade() -> None:
    # Additive only: an upgrade must never lose a user's data.
    op.create_table(
        "pain_checks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("stretch_id", sa.String(100), nullable=False),
        sa.Column("checked_at", WHEN, nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.CheckConstraint("reason IN ('professional', 'settled')", name="ck_pain_checks_reason"),
        sa.PrimaryKeyConstraint("id", name="pk_pain_checks"),
    )
    op.create_index("ix_pain_checks_stretch_id", "pain_checks", ["stretch_id"])
    op.add_column("profile", sa.Column("weekly_goal_since", sa.Date(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        # As revision 0004 does for the tables before it (store/stamp.py).
        op.execute(
            f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "
            f"pain_checks FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON pain_checks")
    op.drop_column("profile", "weekly_goal_since")
    op.drop_index("ix_pain_checks_stretch_id", table_name="pain_checks")
    op.drop_table("pain_checks")
