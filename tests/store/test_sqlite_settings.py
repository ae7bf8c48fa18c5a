"""SQLite is opened in WAL mode with foreign keys on, in the data directory by default."""

from __future__ import annotations

import re
import sqlite3

import pytest
from sqlalchemy import text

from supple.config import Settings
from supple.store import BadDatabaseUrl, open_store


def test_default_database_is_a_wal_file_in_supple_home(settings: Settings):
    with open_store(settings) as store, store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    db = settings.home / "supple.db"
    assert db.exists()
    # WAL is a property of the file: a plain sqlite3 connection sees it too.
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_home_is_created_when_missing(settings: Settings):
    assert not settings.home.exists()
    open_store(settings).close()
    assert settings.home.is_dir()


@pytest.mark.parametrize(
    ("url", "hint"),
    [
        ("not a url", "is not a database URL"),
        ("mysql://u@h/db", "supports sqlite and postgresql"),
        ("postgresql+asyncpg://u@h/db", "postgresql+psycopg://"),
    ],
)
def test_unusable_database_urls_are_explained(settings: Settings, url: str, hint: str):
    with pytest.raises(BadDatabaseUrl, match=re.escape(hint)):
        open_store(Settings(home=settings.home, database_url=url))


def test_a_plain_postgresql_url_uses_psycopg():
    from supple.store.engine import make_engine

    engine = make_engine("postgresql://someone@localhost/supple")
    assert engine.url.drivername == "postgresql+psycopg"
    engine.dispose()
