"""Engine factory: one place that knows how each backend must be configured, and how a
write survives another writer (`writes`).

Writers never lose data to each other: every repository method that writes is one
transaction wrapped in `writes`, which runs it again, after a short wait that doubles each time,
when the database says it is busy (SQLite's "database is locked", from another process such
as a long `supple import`, or a transaction that read before another one committed;
PostgreSQL's serialization failures and deadlocks), for up to BUSY_RETRY_SECONDS. Within one
process, SQLite writes also take turns on a lock of their own, so the threads of the web server
queue in Python (woken at once) instead of sleeping in SQLite's busy handler.
"""

from __future__ import annotations

import functools
import random
import threading
import time
import weakref
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, DisconnectionError

# How long a writer waits for another writer (say the web app and the CLI at once) in one
# try before SQLite gives up with "database is locked"; `writes` then tries again.
SQLITE_BUSY_TIMEOUT_MS = 5000
#: How long `writes` keeps trying a write the database refuses as busy, in all.
BUSY_RETRY_SECONDS = 60.0
#: The first wait between tries, doubled each time up to BUSY_RETRY_MAX_WAIT.
BUSY_RETRY_FIRST_WAIT = 0.01
BUSY_RETRY_MAX_WAIT = 0.5
#: PostgreSQL: a pooled connection left unused this long is tried (`SELECT 1`) before it is
#: handed out again; one used more recently is handed out as it is (no round trip on every
#: checkout, which a request that reads a few tables makes a dozen times).
PING_AFTER_IDLE_SECONDS = 1.0
#: PostgreSQL: serialization failure, deadlock, lock not available.
_PG_BUSY = frozenset({"40001", "40P01", "55P03"})

R = TypeVar("R")


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
        engine = create_engine(parsed)
    except ModuleNotFoundError as exc:
        raise BadDatabaseUrl(
            f"SUPPLE_DATABASE_URL needs the '{exc.name}' package; install it with: "
            "pip install 'supple[postgres]'."
        ) from exc
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
    else:
        event.listen(engine.pool, "checkin", _note_checkin)
        event.listen(engine.pool, "checkout", _ping_if_idle)
    return engine


def _note_checkin(_dbapi_connection: Any, record: Any) -> None:
    if record is not None:
        record.info["checked_in"] = time.monotonic()


def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
    """A PostgreSQL connection idle for a while may have been closed by the server (a restart,
    an idle timeout, a proxy): tried before use, and replaced if it is gone, as pool_pre_ping
    would. A connection just made, or back in the pool a moment ago, is not tried. (A server
    restarted in the moment between costs the requests then running an error, once: the pool
    then replaces every connection made before.)"""
    checked_in = record.info.get("checked_in")  # cleared when the connection is replaced
    if checked_in is None or time.monotonic() - checked_in < PING_AFTER_IDLE_SECONDS:
        return
    try:
        _ping(dbapi_connection)
    except Exception as e:
        raise DisconnectionError(f"pooled connection lost: {e}") from e


def _ping(dbapi_connection: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("SELECT 1")
    finally:
        cursor.close()
    dbapi_connection.rollback()  # end the transaction the ping began


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


def is_busy(error: BaseException) -> bool:
    """Whether the database refused a write only because another writer holds it."""
    if not isinstance(error, DBAPIError):
        return False
    orig = error.orig
    if getattr(orig, "sqlstate", None) in _PG_BUSY:
        return True
    text = str(orig).lower()
    return type(orig).__name__ == "OperationalError" and (
        "database is locked" in text or "database table is locked" in text or "busy" in text
    )


_LOCKS: weakref.WeakKeyDictionary[Engine, threading.RLock] = weakref.WeakKeyDictionary()
_LOCKS_GUARD = threading.Lock()


def _turn(engine: Engine | None) -> AbstractContextManager[Any]:
    """This process's SQLite writers take turns on one lock per engine (re-entrant, so a
    write that calls another write keeps it); PostgreSQL writers need none."""
    if engine is None or engine.dialect.name != "sqlite":
        return nullcontext()
    with _LOCKS_GUARD:
        lock = _LOCKS.get(engine)
        if lock is None:
            lock = _LOCKS[engine] = threading.RLock()
    return lock


def run_writing(engine: Engine | None, write: Callable[[], R]) -> R:
    """Run `write` (one whole transaction), again after a growing wait while the database
    says it is busy, for up to BUSY_RETRY_SECONDS; any other error goes through at once."""
    deadline = time.monotonic() + BUSY_RETRY_SECONDS
    wait = BUSY_RETRY_FIRST_WAIT
    while True:
        try:
            with _turn(engine):
                return write()
        except DBAPIError as e:
            if not is_busy(e) or time.monotonic() + wait > deadline:
                raise
        time.sleep(wait * (0.5 + random.random()))  # jitter: writers do not retry in step
        wait = min(wait * 2, BUSY_RETRY_MAX_WAIT)


def writes(method: Callable[..., R]) -> Callable[..., R]:
    """A repository method that writes (one transaction through `self._sessions.begin()`),
    run by `run_writing`: it survives another writer instead of failing."""

    @functools.wraps(method)
    def run(self: Any, *args: Any, **kwargs: Any) -> R:
        engine = getattr(self._sessions, "kw", {}).get("bind")
        return run_writing(engine, lambda: method(self, *args, **kwargs))

    return run
