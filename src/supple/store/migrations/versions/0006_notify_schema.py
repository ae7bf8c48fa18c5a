"""PostgreSQL only: the notification of a write names the schema written (TG_TABLE_SCHEMA), so
a multi-user server's change stamp keeps one count per account (store/stamp.py, `scope`): one
client's session no longer makes every other client's cached plans, history and login lookups
stale. Before this revision the payload was empty, which the stamp counts for every schema.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TRIGGER = "supple_data_changed"


def _function(payload: str) -> str:
    # The same function the triggers of 0004 and 0005 call (replaced in place, so they keep
    # calling it); one notification per transaction and schema, as before.
    return f"""
        CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('supple_data', {payload});
            RETURN NULL;
        END
        $$
        """


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_function("TG_TABLE_SCHEMA"))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_function("''"))
