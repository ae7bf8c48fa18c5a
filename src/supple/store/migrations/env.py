"""Alembic environment: always run by supple.store.migrate with an open connection.

There is no alembic.ini; `supple.store.migrate` builds the Config in code and hands over the
connection in `config.attributes["connection"]`, so the app's engine settings (SQLite WAL,
foreign keys) apply to migrations too.
"""

from __future__ import annotations

from alembic import context

from supple.store.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable by running the alembic CLI by hand
    raise RuntimeError(
        "supple migrations run from supple.store.open_store(); the alembic command line is "
        "not configured for this project."
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
