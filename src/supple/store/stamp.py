"""A cheap stamp of the database's state: it changes whenever any connection, in this process
or another (the CLI beside the web app), commits a write.

Caches of derived results (a plan for the same options) compare stamps instead of re-reading
every table the result depends on. The stamp is deliberately coarse: any write anywhere (a
session heartbeat included) changes it, so a cache keyed on it can be cold more often than
needed, never stale.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

from sqlalchemy import Engine, text


class DataStamp:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._sqlite: sqlite3.Connection | None = None
        url = engine.url
        self._sqlite_file = (
            url.database
            if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
            else None
        )

    def current(self) -> Any:
        """The stamp, or None where there is none to read (an in-memory SQLite database):
        then nothing may be cached."""
        if self._sqlite_file is not None:
            return self._sqlite_version()
        if self._engine.url.get_backend_name() != "postgresql":
            return None
        # PostgreSQL: every commit writes a commit record, so the WAL position moves on.
        with self._engine.connect() as conn:
            return conn.execute(text("SELECT pg_current_wal_lsn()::text")).scalar_one()

    def _sqlite_version(self) -> int:
        # PRAGMA data_version changes when *another* connection commits. This connection only
        # ever reads the pragma, so every write (the pool's connections, other processes)
        # counts. It must stay open: the number means something only on the same connection.
        assert self._sqlite_file is not None
        with self._lock:
            if self._sqlite is None:
                self._sqlite = sqlite3.connect(self._sqlite_file, check_same_thread=False)
            return int(self._sqlite.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if self._sqlite is not None:
                self._sqlite.close()
                self._sqlite = None
