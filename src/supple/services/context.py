"""One open store per settings per process, shared by the services a command calls."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.store import Store

_stores: dict[tuple[str, str], Store] = {}


class StoreUnavailable(Exception):
    """The database (or the data directory holding it) cannot be used: a bad URL, a server that
    does not answer, a file that is not a database, a schema from a newer supple, or a data
    directory that is a file. The message names the input; `hint` says what to do (CLI exit 2).
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


def sqlite_path(settings: Settings) -> str | None:
    """The file of a plain SQLite URL (`sqlite:///path`), or None for any other database."""
    url = settings.database_url
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix):
            path = url.removeprefix(prefix)
            return path if path and "?" not in path and path != ":memory:" else None
    return None


def describe(settings: Settings) -> str:
    """How to name the database in a message: its file, or the URL without the password."""
    path = sqlite_path(settings)
    if path is not None:
        return f"the database file {path}"
    try:
        from sqlalchemy.engine import make_url

        shown = make_url(settings.database_url).render_as_string(hide_password=True)
    except Exception:  # an unparseable URL is shown as given; it holds no password to hide
        shown = settings.database_url
    return f"SUPPLE_DATABASE_URL '{shown}'"


def home_problem(settings: Settings, error: OSError) -> StoreUnavailable:
    home = settings.home
    if isinstance(error, FileExistsError | NotADirectoryError):
        return StoreUnavailable(
            f"the data directory {home} is a file, not a directory.",
            "Point --home (or SUPPLE_HOME) at a directory; supple creates it when missing.",
        )
    return StoreUnavailable(
        f"cannot use the data directory {home} ({error.strerror or error}).",
        "Check its permissions, or point --home (or SUPPLE_HOME) at another directory.",
    )


def not_a_database(settings: Settings, detail: str) -> StoreUnavailable:
    where = describe(settings)
    if sqlite_path(settings) is not None:
        return StoreUnavailable(
            f"{where} cannot be read as a supple database ({detail}).",
            "Move that file aside (supple then starts a new database), or point --home at "
            "another directory.",
        )
    return StoreUnavailable(
        f"cannot open the database at {where} ({detail}).",
        "Check that the server is running and the URL is right, or unset SUPPLE_DATABASE_URL "
        "to use the SQLite file in the data directory.",
    )


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
        raise StoreUnavailable(
            str(e), "Fix or unset SUPPLE_DATABASE_URL (unset, supple uses its SQLite file)."
        ) from None
    except DatabaseTooNew as e:
        raise StoreUnavailable(f"{describe(settings)}: {e}") from None
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
