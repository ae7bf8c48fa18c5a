"""A cheap stamp of the database's state: it changes whenever any connection, in this process
or another (the CLI beside the web app), commits a write.

Caches of derived results (a plan for the same options) compare stamps instead of re-reading
every table the result depends on. The stamp is deliberately coarse: any write anywhere (a
session heartbeat included) changes it, so a cache keyed on it can be cold more often than
needed.

- SQLite: `PRAGMA data_version` on a connection of the stamp's own, which changes when any
  other connection commits. Exact, and a local call.
- PostgreSQL: asking the server (its WAL position) on every API request cost a round trip to a
  server on the same two cores, which alone kept POST /plan from its figure (issue #5). Instead
  every table has a trigger that sends NOTIFY `supple_data` on each write (migration 0004),
  and the stamp is (connections made, notifications heard, commits made by this process). A
  commit made through this process's store counts at once (`note_commit`), so this process
  never reads its own writes stale; another process's write counts as soon as its notification
  reaches the stamp's socket, which is read without waiting, on every call: PostgreSQL sends it
  when the writer commits, well under a millisecond before that writer even hears its commit
  is done, so a person switching from the CLI to the browser always sees it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from typing import Any

from sqlalchemy import Engine

#: The channel the triggers of migration 0004 notify on every write.
CHANNEL = "supple_data"


class DataStamp:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._sqlite: sqlite3.Connection | None = None
        self._listener: Any = None
        self._connections = 0
        self._heard = 0
        self._committed = 0
        url = engine.url
        self._sqlite_file = (
            url.database
            if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
            else None
        )

    def current(self) -> Any:
        """The stamp, or None where there is none to read (an in-memory SQLite database, a
        PostgreSQL server that cannot be reached): then nothing may be cached."""
        if self._sqlite_file is not None:
            return self._sqlite_version()
        if self._engine.url.get_backend_name() != "postgresql":
            return None
        return self._postgres_stamp()

    def note_commit(self) -> None:
        """A commit through this process's store (the store calls this after each one)."""
        with self._lock:
            self._committed += 1

    def _postgres_stamp(self) -> tuple[int, int, int] | None:
        import psycopg

        with self._lock:
            try:
                if self._listener is None:
                    url = self._engine.url.set(drivername="postgresql")
                    self._listener = psycopg.connect(
                        url.render_as_string(hide_password=False), autocommit=True
                    )
                    self._listener.execute(f"LISTEN {CHANNEL}")
                    # Writes while no one listened were not heard: a new connection is a new
                    # stamp, whatever the counts.
                    self._connections += 1
                pgconn = self._listener.pgconn
                pgconn.consume_input()  # what has arrived on the socket; never waits
                while pgconn.notifies() is not None:
                    self._heard += 1
            except psycopg.Error:
                # A server gone or restarted: no stamp (nothing cached) until it is back.
                self._drop_listener()
                return None
            return (self._connections, self._heard, self._committed)

    def _drop_listener(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(Exception):  # already broken: nothing more to release
                self._listener.close()
            self._listener = None

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
            self._drop_listener()
