"""Engine factory: one place that knows how each backend must be configured."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

# How long a writer waits for another writer (say the web app and the CLI at once) before
# SQLite gives up with "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 5000


class BadDatabaseUrl(ValueError):
    """SUPPLE_DATABASE_URL is not something supple can open (exit 2)."""


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise BadDatabaseUrl(
            f"SUPPLE_DATABASE_URL '{url}' is not a database URL; use "
            "sqlite:////path/to/supple.db or postgresql+psycopg://user:pass@host/dbname."
        ) from exc
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise BadDatabaseUrl(
            f"SUPPLE_DATABASE_URL '{parsed.render_as_string(hide_password=True)}' uses "
            f"'{backend}'; supple supports sqlite and postgresql (postgresql+psycopg://...)."
        )
    if parsed.drivername == "postgresql":
        # Plain postgresql:// would pick psycopg2, which supple does not depend on.
        parsed = parsed.set(drivername="postgresql+psycopg")
    if backend == "postgresql" and parsed.get_driver_name() != "psycopg":
        raise BadDatabaseUrl(
            f"SUPPLE_DATABASE_URL uses the '{parsed.get_driver_name()}' driver; write "
            "postgresql+psycopg://... (install it with: pip install 'supple[postgres]')."
        )
    try:
        engine = create_engine(parsed, pool_pre_ping=backend == "postgresql")
    except ModuleNotFoundError as exc:
        raise BadDatabaseUrl(
            f"SUPPLE_DATABASE_URL needs the '{exc.name}' package; install it with: "
            "pip install 'supple[postgres]'."
        ) from exc
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        # WAL: readers never block the session log's writes, and a killed process leaves the
        # file consistent. NORMAL sync is durable against a crashed or killed process (only a
        # power cut can lose the last commits), which is the failure the log is built for.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # SQLite leaves foreign keys off unless asked, per connection.
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()
