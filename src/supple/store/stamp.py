"""A cheap stamp of the database's state: it changes whenever any connection, in this process
or another (the CLI beside the web app), commits a write.

Caches of derived results (a plan for the same options) compare stamps instead of re-reading
every table the result depends on. The stamp is deliberately coarse: any write anywhere (a
session heartbeat included) changes it, so a cache keyed on it can be cold more often than
needed, never stale.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
import weakref
from typing import Any

from sqlalchemy import Engine


class DataStamp:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._sqlite: sqlite3.Connection | None = None
        self._pg: Any = None
        # One shared PostgreSQL reader per event loop (a connection belongs to one loop).
        self._shared: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _SharedLsn] = (
            weakref.WeakKeyDictionary()
        )
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

    async def current_async(self) -> Any:
        """`current` for a request on an event loop. On PostgreSQL the loop is not blocked for
        the round trip, and requests that arrive together share one query: each waits for a
        query sent after it arrived (the one running may be older than a commit it must see),
        so the stamp is exactly as fresh as `current`'s."""
        if self._engine.url.get_backend_name() != "postgresql":
            return self.current()
        loop = asyncio.get_running_loop()
        shared = self._shared.get(loop)
        if shared is None:
            shared = self._shared[loop] = _SharedLsn(self._engine)
        return await shared.next_value()

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
                    row = self._pg.execute(_LSN_QUERY).fetchone()
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
        for shared in list(self._shared.values()):
            shared.close()
        self._shared.clear()
        with self._lock:
            if self._sqlite is not None:
                self._sqlite.close()
                self._sqlite = None
            if self._pg is not None:
                self._pg.close()
                self._pg = None


_LSN_QUERY = "SELECT pg_current_wal_lsn()::text"


class _SharedLsn:
    """PostgreSQL's WAL position read on an event loop by one async connection, one query at a
    time: callers that arrive while a query runs wait together for the next one."""

    def __init__(self, engine: Engine) -> None:
        self._url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._conn: Any = None
        self._next: asyncio.Future[str | None] | None = None
        self._pump_task: asyncio.Future[None] | None = None

    async def next_value(self) -> str | None:
        if self._next is None:
            self._next = asyncio.get_running_loop().create_future()
            if self._pump_task is None or self._pump_task.done():
                self._pump_task = asyncio.ensure_future(self._pump())
        # shield: a caller that gives up (client gone) must not cancel the others' query.
        return await asyncio.shield(self._next)

    async def _pump(self) -> None:
        waiting: asyncio.Future[str | None] | None = None
        try:
            while self._next is not None:
                # Whoever comes from now on waits for the query after this one.
                waiting, self._next = self._next, None
                try:
                    value = await self._query()
                except Exception:  # whatever goes wrong, no stamp: nothing is cached
                    value = None
                waiting.set_result(value)
        finally:
            # Cancelled (the loop is closing): nobody may be left waiting for ever.
            for left in (waiting, self._next):
                if left is not None and not left.done():
                    left.set_result(None)
            self._next = None

    async def _query(self) -> str | None:
        # As `DataStamp._postgres_lsn`: a broken connection is opened again once; a server
        # that cannot answer gives no stamp, so nothing is cached.
        import psycopg

        for _ in range(2):
            try:
                if self._conn is None:
                    self._conn = await psycopg.AsyncConnection.connect(self._url, autocommit=True)
                cursor = await self._conn.execute(_LSN_QUERY)
                row = await cursor.fetchone()
                return str(row[0]) if row else None
            except psycopg.Error:
                await self._aclose()
        return None

    async def _aclose(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                await conn.close()

    def close(self) -> None:
        """Drop the connection (from outside its loop: the socket is simply closed)."""
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.pgconn.finish()
