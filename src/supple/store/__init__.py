"""Persistence: SQLAlchemy tables, Alembic migrations and the repositories (the only queries).

Nothing outside this package imports SQLAlchemy; callers use `open_store(settings)` and the
repositories' plain methods, which take and return domain objects and plain dicts.
"""

from supple.store.engine import BadDatabaseUrl
from supple.store.migrate import DatabaseTooNew
from supple.store.repositories import RoutineExists, UnknownSession
from supple.store.store import Store, open_store

__all__ = [
    "BadDatabaseUrl",
    "DatabaseTooNew",
    "RoutineExists",
    "Store",
    "UnknownSession",
    "open_store",
]
