"""One open store per settings per process, shared by the services a command calls."""

from __future__ import annotations

from typing import TYPE_CHECKING

from supple.domain.problems import Kind, Problem, code

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.store import Store

_stores: dict[tuple[str, str], Store] = {}


HOME_IS_FILE = code("store.home-is-file", Kind.UNAVAILABLE, field="home")
HOME_UNUSABLE = code("store.home-unusable", Kind.UNAVAILABLE, field="home")
BAD_URL = code("store.bad-url", Kind.UNAVAILABLE, field="database")
TOO_NEW = code("store.too-new", Kind.UNAVAILABLE, field="database")
NOT_A_DATABASE = code("store.not-a-database", Kind.UNAVAILABLE, field="home")
CANNOT_CONNECT = code("store.cannot-connect", Kind.UNAVAILABLE, field="database")


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


def is_open(settings: Settings) -> bool:
    """Whether this process has the store for these settings open already."""
    return _key(settings) in _stores


def store_for(settings: Settings) -> Store:
    """Open (and migrate) the database the settings point at, once per process.

    Raises StoreUnavailable, with a message a user can act on, when it cannot be opened.
    """
    key = _key(settings)
    if key not in _stores:
        _stores[key] = _open(settings)
    return _stores[key]


def _open(settings: Settings) -> Store:
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    from supple.store import BadDatabaseUrl, DatabaseTooNew, open_store

    try:
        settings.ensure_home()
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


def _key(settings: Settings) -> tuple[str, str]:
    return (str(settings.home), settings.database_url)


def close_all() -> None:
    for store in _stores.values():
        store.close()
    _stores.clear()
