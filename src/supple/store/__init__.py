"""Persistence: SQLAlchemy tables, Alembic migrations and the repositories (the only queries).

Nothing outside this package imports SQLAlchemy; callers use `open_store(settings)` and the
repositories' plain methods, which take and return domain objects and plain dicts.

The names below load on first use, so that `supple.store.fast_read` (the standard library's
sqlite3 read path of the read-only commands) imports without SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from supple.store.engine import BadDatabaseUrl
    from supple.store.migrate import DatabaseTooNew
    from supple.store.repositories import RoutineExists, UnknownSession
    from supple.store.store import Store, open_store

_WHERE = {
    "BadDatabaseUrl": "supple.store.engine",
    "DatabaseTooNew": "supple.store.migrate",
    "RoutineExists": "supple.store.repositories",
    "UnknownSession": "supple.store.repositories",
    "Store": "supple.store.store",
    "open_store": "supple.store.store",
}

__all__ = [
    "BadDatabaseUrl",
    "DatabaseTooNew",
    "RoutineExists",
    "Store",
    "UnknownSession",
    "open_store",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'supple.store' has no attribute '{name}'")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value
