"""A cheap stamp of the database's state: it changes whenever any connection, in this process
or another (the CLI beside the web app), commits a write.

Caches of derived results (a plan for the same options) compare stamps instead of re-reading
every table the result depends on. The stamp is deliberately coarse: any write to what it
covers (a session heartbeat included) changes it, so a cache keyed on it can be cold more often
than needed.

- SQLite: `PRAGMA data_version` on a connection of the stamp's own, which changes when any
  other connection commits. Exact, and a local call.
- PostgreSQL: asking the server (its WAL position) on every API request cost a round trip to a
  server on the same two cores, which alone kept POST /plan from its figure (issue #5). Instead
  every table has a trigger that sends NOTIFY `supple_data` on each write, naming the table's
  schema (migrations 0004 and 0006), and the stamp is (connections made, notifications heard,
  commits made by this process). A commit made through this process's store counts at once
  (`note_commit`), so this process never reads its own writes stale; another process's write
  counts as soon as its notification reaches the stamp's socket, which is read without waiting
  on every `current()` call.

A multi-user server keeps one schema per account: `scope(schema)` is the stamp of one schema
(its own notifications and commits, plus any that name no schema), so one client's session
does not empty every other client's caches.

The lease (`fresh`): every read of the stamp also moves on a round trip on the listening
connection (a `SELECT 1` sent without waiting, its answer taken by a later read), one every
PING_SECONDS; `keep_fresh` adds a thread that reads while no request does. PostgreSQL
delivers every notification committed before a round trip starts ahead of that round trip's
answer, so while the last answered one started less than LEASE_SECONDS ago, every write
committed more than LEASE_SECONDS ago has been counted. A process that ends logins
(services.accounts) waits that long before it answers while other supple processes listen:
after that answer, no process takes an ended login from its memory. (A thread of its own that
waited for each answer was tried first: under load it got the interpreter back too late, and
the lease lapsed.)
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections import Counter
from typing import Any

from sqlalchemy import Engine, text

#: The channel the triggers of migrations 0004 and 0006 notify on every write.
CHANNEL = "supple_data"
#: The listening connection's name in pg_stat_activity: how a process finds the others.
APPLICATION_NAME = "supple-stamp"
PING_SECONDS = 0.1
LEASE_SECONDS = 1.0
#: A round trip not answered in this long: the connection is dropped and made again.
_PING_GIVE_UP = 5.0


class DataStamp:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._sqlite: sqlite3.Connection | None = None
        self._listener: Any = None
        self._connections = 0
        #: Notifications heard per schema named in them ('' for none: counts for every scope).
        self._heard: Counter[str] = Counter()
        self._heard_all = 0
        #: Commits made through this process, per scope (None: not scoped).
        self._committed: Counter[str | None] = Counter()
        self._committed_all = 0
        self._pinger: threading.Thread | None = None
        self._stop = threading.Event()
        #: When the last completed round trip on the listener started (time.monotonic), and
        #: when the one in flight did (None: none is).
        self._fresh_from = float("-inf")
        self._ping_sent: float | None = None
        url = engine.url
        self._postgres = url.get_backend_name() == "postgresql"
        self._sqlite_file = (
            url.database
            if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
            else None
        )

    def current(self, scope: str | None = None) -> Any:
        """The stamp, or None where there is none to read (an in-memory SQLite database, a
        PostgreSQL server that cannot be reached): then nothing may be cached. `scope`: one
        schema's stamp (PostgreSQL); None, the whole database's."""
        if self._sqlite_file is not None:
            return self._sqlite_version()
        if not self._postgres:
            return None
        with self._lock:
            if not self._listen():
                return None
            try:
                self._read()
            except Exception:
                # A server gone or restarted: nothing cached until it is back.
                self._drop_listener()
                return None
            return self._value(scope)

    def _read(self) -> None:
        """What has arrived on the socket (never waits), counted; the lease's round trip moved
        on (under the lock)."""
        pgconn = self._listener.pgconn
        pgconn.consume_input()
        answered = self._ping_answered(pgconn)
        # After the answer is parsed: every notification before it is in libpq's queue now.
        while (notify := pgconn.notifies()) is not None:
            self._count(notify.extra.decode())
        now = time.monotonic()
        if answered is not None:
            self._fresh_from = answered
        if self._ping_sent is None and now - self._fresh_from >= PING_SECONDS:
            pgconn.send_query(b"SELECT 1")
            self._ping_sent = now
        elif self._ping_sent is not None and now - self._ping_sent > _PING_GIVE_UP:
            raise TimeoutError("no answer on the listening connection")
        pgconn.flush()  # non-blocking: what the socket does not take now goes on the next read

    def _ping_answered(self, pgconn: Any) -> float | None:
        """When the round trip in flight started, if its answer is complete now."""
        if self._ping_sent is None:
            return None
        while not pgconn.is_busy():  # parsed up to a complete result: taking it never waits
            if pgconn.get_result() is None:  # and the server is ready again: it is over
                sent, self._ping_sent = self._ping_sent, None
                return sent
        return None

    def fresh_stamp(self, scope: str | None = None) -> Any:
        """The stamp as of what was last read from the socket (no system call and no lock, so
        cheap on an event loop), while the lease holds (`fresh`); else None. What it returns
        counts every write committed more than LEASE_SECONDS ago."""
        # The lease first: a round trip records its start only after counting what it
        # brought, so the counts read next include all of it.
        if not self.fresh() or self._listener is None:
            return None
        return self._value(scope)

    def scope(self, schema: str) -> ScopedStamp:
        return ScopedStamp(self, schema)

    def note_commit(self, scope: str | None = None) -> None:
        """A commit through this process's store (the store calls this after each one)."""
        with self._lock:
            self._committed[scope] += 1
            self._committed_all += 1

    def _value(self, scope: str | None) -> tuple[int, int, int]:
        if scope is None:
            return (self._connections, self._heard_all, self._committed_all)
        return (self._connections, self._heard[scope] + self._heard[""], self._committed[scope])

    def _count(self, schema: str) -> None:
        self._heard[schema] += 1
        self._heard_all += 1

    def _listen(self) -> bool:
        """The listening connection, made if missing (under the lock); False if unreachable."""
        if self._listener is not None:
            return True
        import psycopg

        url = self._engine.url.set(drivername="postgresql")
        try:
            listener = psycopg.connect(
                url.render_as_string(hide_password=False),
                autocommit=True,
                application_name=APPLICATION_NAME,
                # Bounded: requests reading the stamp wait on its lock meanwhile.
                connect_timeout=2,
            )
            listener.add_notify_handler(lambda notify: self._count(notify.payload))
            listener.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error:
            return False
        self._listener = listener
        # Writes while no one listened were not heard: a new connection is a new stamp,
        # whatever the counts.
        self._connections += 1
        return True

    # The lease -------------------------------------------------------------------------------

    def keep_fresh(self) -> None:
        """Keep the lease's round trips going with no request to read the stamp (a background
        thread; PostgreSQL only; once)."""
        if not self._postgres or self._pinger is not None:
            return
        self._stop.clear()
        self._pinger = threading.Thread(target=self._ping_loop, name="supple-stamp", daemon=True)
        self._pinger.start()

    def fresh(self) -> bool:
        """Every write committed more than LEASE_SECONDS ago has been counted."""
        return time.monotonic() - self._fresh_from < LEASE_SECONDS

    def catch_up(self, timeout: float = 5.0) -> bool:
        """Wait until every write committed before this call has been counted (a round trip
        started after it is answered); False if that took longer than `timeout`."""
        since = time.monotonic()
        while time.monotonic() - since < timeout:
            self.current()
            if self._fresh_from >= since:
                return True
            time.sleep(0.005)
        return False

    def _ping_loop(self) -> None:
        # Under load the requests' own reads move the round trips on; this keeps them going
        # while there are none.
        while not self._stop.wait(PING_SECONDS / 2):
            self.current()

    def others_listening(self) -> bool:
        """Whether another supple process listens on this database (so must be waited for);
        True when that cannot be told."""
        with self._lock:
            listening = self._listen()
            mine = self._listener.info.backend_pid if listening else 0
        if not listening:
            return True
        try:
            with self._engine.connect() as conn:
                others = conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = :name "
                        "AND datname = current_database() AND pid <> :mine"
                    ),
                    {"name": APPLICATION_NAME, "mine": mine},
                ).scalar_one()
        except Exception:
            return True
        return bool(others)

    # -----------------------------------------------------------------------------------------

    def _drop_listener(self) -> None:
        self._fresh_from = float("-inf")
        self._ping_sent = None
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

    def stop_pinging(self) -> None:
        """End the lease's round trips (the lease lapses LEASE_SECONDS after the last one)."""
        self._stop.set()
        if self._pinger is not None:
            self._pinger.join(timeout=5)
            self._pinger = None

    def close(self) -> None:
        self.stop_pinging()
        with self._lock:
            if self._sqlite is not None:
                self._sqlite.close()
                self._sqlite = None
            self._drop_listener()


class ScopedStamp:
    """One schema's view of a server's stamp (a multi-user server's account store): closing it
    leaves the stamp to its owner."""

    def __init__(self, stamp: DataStamp, schema: str) -> None:
        self._stamp = stamp
        self._schema = schema

    def current(self) -> Any:
        return self._stamp.current(self._schema)

    def note_commit(self) -> None:
        self._stamp.note_commit(self._schema)

    def close(self) -> None:
        """Nothing: the server's stamp is closed with the server's engine."""
