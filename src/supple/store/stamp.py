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

from sqlalchemy import Engine


class DataStamp:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._sqlite: sqlite3.Connection | None = None
        self._pg: Any = None
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
        return self._postgres_lsn()

    def _postgres_lsn(self) -> str | None:
        # Every commit writes a commit record, so the WAL position moves on. One connection of
        # its own in autocommit: a pooled checkout with its ping and transaction would cost a
        # millisecond, more than the plan it saves. A broken connection is opened again once;
        # if the server cannot answer, there is no stamp and nothing is cached.
        import psycopg

        for _ in range(2):
            with self._lock:
                try:
                    if self._pg is None:
                        url = self._engine.url.set(drivername="postgresql")
                        self._pg = psycopg.connect(
                            url.render_as_string(hide_password=False), autocommit=True
                        )
                    row = self._pg.execute("SELECT pg_current_wal_lsn()::text").fetchone()
                    return str(row[0]) if row else None
                except psycopg.Error:
                    if self._pg is not None:
                        self._pg.close()
                    self._pg = None
        return None

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
            if self._pg is not None:
                self._pg.close()
                self._pg = None
