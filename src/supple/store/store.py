"""The Store: an engine, migrated to the current schema, and one repository per concern."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Engine, event
from sqlalchemy.orm import sessionmaker

from supple.store.engine import make_engine
from supple.store.migrate import upgrade
from supple.store.repositories import (
    ImportRepo,
    PainCheckRepo,
    ProfileRepo,
    RoutineRepo,
    ScreeningRepo,
    SessionRepo,
    UserStretchRepo,
)
from supple.store.stamp import DataStamp, ScopedStamp

if TYPE_CHECKING:
    from supple.config import Settings


class Store:
    def __init__(self, engine: Engine, stamp: DataStamp | ScopedStamp | None = None) -> None:
        """`stamp`: one schema's view of a stamp shared by several stores over one server (a
        multi-user server's accounts, store/shared.py); then closing this store leaves the
        engine and the stamp to their owner."""
        self.engine = engine
        self._owns = stamp is None
        sessions = sessionmaker(engine, expire_on_commit=False)
        self.profile = ProfileRepo(sessions)
        self.screenings = ScreeningRepo(sessions)
        self.routines = RoutineRepo(sessions)
        self.sessions = SessionRepo(sessions)
        self.user_stretches = UserStretchRepo(sessions)
        self.imports = ImportRepo(sessions)
        self.pain_checks = PainCheckRepo(sessions)
        self.stamp: DataStamp | ScopedStamp = stamp if stamp is not None else DataStamp(engine)
        # This process's own commits change the stamp at once (store/stamp.py).
        event.listen(sessions, "after_commit", lambda _session: self.stamp.note_commit())

    def close(self) -> None:
        """Release every pooled connection (and SQLite's WAL file handles)."""
        if not self._owns:
            return
        self.stamp.close()
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_store(settings: Settings) -> Store:
    """Open the database the settings name, bringing its schema up to date first.

    Migrations only ever add tables, columns and indexes, so upgrading keeps all user data.
    """
    if settings.database_url.startswith("sqlite"):
        settings.ensure_home()
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)
