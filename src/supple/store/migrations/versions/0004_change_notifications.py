"""PostgreSQL only: every write to supple's tables sends NOTIFY supple_data, so a running web
app learns of another process's writes without asking the server on each request
(store/stamp.py). SQLite needs nothing: its own counter does the same.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Frozen: the tables at this revision. A table added later adds its own trigger.
TABLES = (
    "profile",
    "screenings",
    "routines",
    "sessions",
    "session_items",
    "session_events",
    "session_stretches",
    "user_stretches",
)
TRIGGER = "supple_data_changed"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # One notification per transaction however many rows or statements it wrote: PostgreSQL
    # folds identical notifications of a transaction into one.
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('supple_data', '');
            RETURN NULL;
        END
        $$
        """
    )
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {table}")
    op.execute(f"DROP FUNCTION IF EXISTS {TRIGGER}()")
