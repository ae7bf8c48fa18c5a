"""Shared fixtures: an isolated data directory for every test, and a store on each backend.

PostgreSQL: a real server is started once per test run from the installed binaries
(tests/pgserver.py: pytest-postgresql's executor and janitor, one fresh database per test).
Without a server binary (or, as root, without a `postgres` user) the PostgreSQL tests skip
and say why.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from supple.config import Settings, get_settings
from tests.pgserver import PgServer, PgUnavailable, fresh_database, running_postgres

if TYPE_CHECKING:
    from supple.store import Store

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test may read or write the real user's data: point every data location at a temp
    dir (platformdirs reads XDG_DATA_HOME and HOME) and forget any configured database."""
    fake_home = tmp_path_factory.mktemp("user-home")
    monkeypatch.setenv("HOME", str(fake_home))
    monkeypatch.setenv("XDG_DATA_HOME", str(fake_home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(fake_home / ".cache"))  # the data set's cache
    monkeypatch.setenv("SUPPLE_HOME", str(fake_home / "supple-home"))
    monkeypatch.delenv("SUPPLE_DATABASE_URL", raising=False)


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings for a fresh SUPPLE_HOME in tmp_path, with the default SQLite database in it."""
    home = tmp_path / "supple-home"
    monkeypatch.setenv("SUPPLE_HOME", str(home))
    built = get_settings()
    assert built.database_url == f"sqlite:///{home / 'supple.db'}"
    return built


# --- PostgreSQL ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    try:
        with running_postgres() as server:
            yield server
    except PgUnavailable as reason:
        pytest.skip(str(reason))


@pytest.fixture
def postgres_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    with fresh_database(pg_server) as url:
        yield url


# --- Store on each backend ---------------------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def backend_settings(request: pytest.FixtureRequest, settings: Settings) -> Settings:
    """Settings pointing at a fresh database: SQLite in tmp_path, or a new PostgreSQL DB."""
    if request.param == "sqlite":
        return settings
    url = request.getfixturevalue("postgres_url")
    return Settings(home=settings.home, database_url=url)


@pytest.fixture
def store(backend_settings: Settings) -> Iterator[Store]:
    from supple.store import open_store

    opened = open_store(backend_settings)
    try:
        yield opened
    finally:
        opened.close()
