"""One open store per settings per process, shared by the services a command calls."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.store import Store

_stores: dict[tuple[str, str], Store] = {}


def store_for(settings: Settings) -> Store:
    """Open (and migrate) the database the settings point at, once per process."""
    key = (str(settings.home), settings.database_url)
    if key not in _stores:
        from supple.store import open_store

        settings.ensure_home()
        _stores[key] = open_store(settings)
    return _stores[key]


def close_all() -> None:
    for store in _stores.values():
        store.close()
    _stores.clear()
