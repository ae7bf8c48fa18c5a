"""One open store per settings per process, shared by the services a command calls."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from supple.domain.problems import Kind, Problem, code

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from supple.config import Settings
    from supple.store import Store
    from supple.store.fast_read import FastReader, SessionReader
    from supple.store.repositories import SessionRepo
    from supple.store.stamp import DataStamp

_stores: dict[tuple[str, str, str | None], Store] = {}
_readers: dict[tuple[str, str, str | None], FastReader] = {}
#: Whether reads may take the standard library's SQLite port (store/fast_read.py) when the
#: store is not open yet and the schema is current. The terminal turns it on for each command
#: (cli/root.py); the web app keeps its one store.
FAST_READS = {"on": False}
#: A multi-user server's one engine and change stamp per database URL, shared by its accounts.
_servers: dict[str, tuple[Engine, DataStamp]] = {}
_opening = threading.RLock()  # a store's opening may open the server's engine: its own lock
_making_server = threading.Lock()


HOME_IS_FILE = code("store.home-is-file", Kind.UNAVAILABLE, field="home")
HOME_UNUSABLE = code("store.home-unusable", Kind.UNAVAILABLE, field="home")
BAD_URL = code("store.bad-url", Kind.UNAVAILABLE, field="database")
TOO_NEW = code("store.too-new", Kind.UNAVAILABLE, field="database")
NOT_A_DATABASE = code("store.not-a-database", Kind.UNAVAILABLE, field="home")
CANNOT_CONNECT = code("store.cannot-connect", Kind.UNAVAILABLE, field="database")
READ_ONLY = code("store.read-only", Kind.UNAVAILABLE, field="home")
DISK_FULL = code("store.disk-full", Kind.UNAVAILABLE, field="home")
CANNOT_WRITE = code("store.cannot-write", Kind.UNAVAILABLE, field="home")
NO_ACCOUNT = code("store.no-account", Kind.UNAVAILABLE)


class StoreUnavailable(Problem):
    """The database (or the data directory holding it) cannot be used: a bad URL, a server that
    does not answer, a file that is not a database, a schema from a newer supple, or a data
    directory that is a file. Its params name the input (CLI exit 2, HTTP 503)."""


def sqlite_path(settings: Settings) -> str | None:
    """The file of a plain SQLite URL (`sqlite:///path`), or None for any other database."""
    url = settings.database_url
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix):
            path = url.removeprefix(prefix)
            return path if path and "?" not in path and path != ":memory:" else None
    return None


def shown_url(settings: Settings) -> str:
    """The database URL without its password, for messages."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(settings.database_url).render_as_string(hide_password=True)
    except Exception:  # an unparseable URL is shown as given; it holds no password to hide
        return settings.database_url


def home_problem(settings: Settings, error: OSError) -> StoreUnavailable:
    if isinstance(error, FileExistsError | NotADirectoryError):
        return StoreUnavailable(HOME_IS_FILE, home=str(settings.home))
    return StoreUnavailable(
        HOME_UNUSABLE, home=str(settings.home), detail=error.strerror or str(error)
    )


def not_a_database(settings: Settings, detail: str) -> StoreUnavailable:
    path = sqlite_path(settings)
    if path is not None:
        return StoreUnavailable(NOT_A_DATABASE, file=path, detail=detail)
    return StoreUnavailable(CANNOT_CONNECT, url=shown_url(settings), detail=detail)


def write_problem(error: BaseException, where: str) -> StoreUnavailable | None:
    """The problem a failed write is for a person: a read-only folder or database, a full disk,
    or another OS refusal; None when `error` is not a refused write. `where`: the data
    directory or file concerned. Recognises SQLite's own errors (as SQLAlchemy wraps them)
    without importing SQLAlchemy."""
    import errno

    text = str(getattr(error, "orig", None) or error).lower()
    if isinstance(error, OSError):
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return StoreUnavailable(READ_ONLY, home=error.filename or where)
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return StoreUnavailable(DISK_FULL, home=error.filename or where)
        return StoreUnavailable(
            CANNOT_WRITE, home=error.filename or where, detail=error.strerror or str(error)
        )
    if type(error).__module__.startswith(("sqlalchemy", "sqlite3")):
        if "readonly" in text or "read-only" in text:
            return StoreUnavailable(READ_ONLY, home=where)
        if "disk is full" in text or "disk full" in text:
            return StoreUnavailable(DISK_FULL, home=where)
        if "disk i/o error" in text or "unable to open database file" in text:
            return StoreUnavailable(CANNOT_WRITE, home=where, detail=text.splitlines()[0])
    return None


def is_open(settings: Settings) -> bool:
    """Whether this process has the store for these settings open already."""
    return _key(settings) in _stores


def has_database(settings: Settings) -> bool:
    """False only for a default SQLite file that does not exist yet: a fresh home has no user data,
    so listing the catalog need not load SQLAlchemy at all. A store this process already has
    open is answer enough (asked on every API call, the file system check was a tenth of a
    cached plan's time)."""
    if is_open(settings):
        return True
    default_url = f"sqlite:///{settings.home / 'supple.db'}"
    return settings.database_url != default_url or (settings.home / "supple.db").exists()


def store_for(settings: Settings) -> Store:
    """Open (and migrate) the database the settings point at, once per process.

    Raises StoreUnavailable, with a message a user can act on, when it cannot be opened.
    """
    key = _key(settings)
    found = _stores.get(key)
    if found is not None:
        return found
    # Once, even when several threads ask at the same moment (a server's first requests): a
    # second store opened for the same key would be dropped with its pool still open.
    with _opening:
        if key not in _stores:
            _stores[key] = _open(settings)
        return _stores[key]


def _open(settings: Settings) -> Store:
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    from supple.store import BadDatabaseUrl, DatabaseTooNew, open_store

    try:
        settings.ensure_home()
        if settings.account is not None:
            return _open_account(settings)
        return open_store(settings)
    except OSError as e:
        raise home_problem(settings, e) from None
    except BadDatabaseUrl as e:
        raise StoreUnavailable(BAD_URL, url=shown_url(settings), detail=str(e)) from None
    except DatabaseTooNew as e:
        where = sqlite_path(settings) or shown_url(settings)
        raise StoreUnavailable(TOO_NEW, where=where, revision=e.revision) from None
    except DBAPIError as e:
        detail = str(e.orig).strip().splitlines()[0] if e.orig is not None else type(e).__name__
        raise not_a_database(settings, detail) from None
    except SQLAlchemyError as e:
        raise not_a_database(settings, str(e).splitlines()[0]) from None


def reader_for(settings: Settings) -> Store | FastReader:
    """What to read from: the store when this process has it open; else, with FAST_READS on,
    the read-only sqlite3 port when the database is a SQLite file at the current schema
    (no SQLAlchemy or Alembic import); else the store (`store_for`, which migrates)."""
    key = _key(settings)
    if key in _stores:
        return _stores[key]
    if FAST_READS["on"]:
        if key in _readers:
            return _readers[key]
        path = sqlite_path(settings)
        if path is not None:
            from supple.store.fast_read import open_reader

            reader = open_reader(path)
            if reader is not None:
                _readers[key] = reader
                return reader
    return store_for(settings)


def session_log(settings: Settings) -> SessionRepo | SessionReader:
    """The session log to read, its upkeep done first: sessions whose process died marked
    `interrupted` (and missing summaries filled in). The read-only port serves only when it
    has no such upkeep to do; otherwise the store does it."""
    from supple.store.fast_read import SessionReader

    sessions = reader_for(settings).sessions
    if isinstance(sessions, SessionReader) and not sessions.upkeep_due():
        return sessions
    repo = store_for(settings).sessions
    repo.mark_stale_running_as_interrupted()
    return repo


def server_engine(settings: Settings) -> Engine:
    """A multi-user server's engine for the settings' database (one per process), its shared
    schema made ready (store/shared.py). Raises StoreUnavailable as `store_for` does."""
    return _server(settings)[0]


def server_stamp(settings: Settings) -> DataStamp:
    """The multi-user server's change stamp (its lease kept fresh: store/stamp.py). Its scope
    SHARED_SCHEMA changes with any committed write to the accounts or the logins, by any
    process; each account's schema is a scope of its own."""
    return _server(settings)[1]


def _server(settings: Settings) -> tuple[Engine, DataStamp]:
    found = _servers.get(settings.database_url)
    if found is not None:  # on every signed-in request: nothing imported, nothing made
        return found
    from supple.store.engine import make_engine
    from supple.store.shared import prepare_server_engine
    from supple.store.stamp import DataStamp

    url = settings.database_url
    with _making_server:  # once per process, however many requests ask first at once
        if url not in _servers:
            engine = make_engine(url)
            try:
                prepare_server_engine(engine)
            except BaseException:
                engine.dispose()
                raise
            stamp = DataStamp(engine)
            stamp.keep_fresh()
            _servers[url] = (engine, stamp)
        return _servers[url]


def _open_account(settings: Settings) -> Store:
    """One account's store on a multi-user server: the server's engine, reaching only the
    account's own schema (migrated first, as any database is when opened)."""
    from supple.store import Store
    from supple.store.shared import migrate_account, scoped

    if not settings.account:
        # A multi-user app's own settings name no account: nothing may be read through them.
        raise StoreUnavailable(NO_ACCOUNT)
    engine, stamp = _server(settings)
    migrate_account(engine, settings.account)
    return Store(scoped(engine, settings.account), stamp=stamp.scope(settings.account))


def _key(settings: Settings) -> tuple[str, str, str | None]:
    return (str(settings.home), settings.database_url, settings.account)


def close_all() -> None:
    for store in _stores.values():
        store.close()
    _stores.clear()
    for reader in _readers.values():
        reader.close()
    _readers.clear()
    for engine, stamp in _servers.values():
        stamp.close()
        engine.dispose()
    _servers.clear()
