"""Catalog use cases: the shipped catalog merged with the user's imported entries."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from supple.data.loader import DataSet, shipped
from supple.domain.catalog import PLACES, STYLES, Catalog, Stretch
from supple.domain.problems import Problem, code

# has_database lives in services.context (light to import); callers import it from here too.
from supple.services.context import has_database as has_database
from supple.services.context import not_a_database, sqlite_path

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.importers import ImportReport


BAD_PLACE = code("catalog.bad-place", field="place")
BAD_STYLE = code("catalog.bad-style", field="style")
BAD_REGION = code("catalog.bad-region", field="region")


class BadFilter(Problem):
    """A filter value that is not one of the allowed ones (exit 2)."""


def user_stretches(settings: Settings) -> list[Stretch]:
    """The user's imported stretches. A SQLite file is read with the standard library, so that
    `supple catalog` starts fast (no SQLAlchemy or Alembic) even once the user has a database."""
    if not has_database(settings):
        return []
    path = sqlite_path(settings)
    if path is not None and Path(path).is_file():
        docs = _sqlite_user_stretches(settings, path)
    else:
        from supple.services.context import store_for

        docs = [row["data"] for row in store_for(settings).user_stretches.list()]
    return [Stretch.model_validate(d) for d in docs]


def _sqlite_user_stretches(settings: Settings, path: str) -> list[dict[str, Any]]:
    """The `data` column of the user_stretches table, ordered by id as the repository does.
    Read-only: a database not yet migrated (no such table) simply has no imported stretches."""
    import json
    import sqlite3

    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as e:
        raise not_a_database(settings, str(e)) from None
    try:
        found = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'user_stretches'"
        ).fetchone()
        if found is None:
            return []
        rows = conn.execute("SELECT data FROM user_stretches ORDER BY id").fetchall()
    except sqlite3.DatabaseError as e:
        raise not_a_database(settings, str(e)) from None
    finally:
        conn.close()
    return [json.loads(data) if isinstance(data, str | bytes) else data for (data,) in rows]


def full_catalog(settings: Settings | None = None) -> Catalog:
    data = shipped()
    if settings is None:
        return data.catalog
    return data.catalog.merged(user_stretches(settings))


def stretch_json(s: Stretch) -> dict[str, Any]:
    return s.model_dump(mode="json", exclude_none=True)


def filter_catalog(
    catalog: Catalog, data: DataSet, place: str | None, region: str | None, style: str | None
) -> list[Stretch]:
    """The stretches matching every filter given; values are read in any case (`--place FLOOR`)."""

    def norm(value: str | None) -> str | None:
        return None if value is None else value.strip().lower()

    if norm(place) is not None and norm(place) not in PLACES:
        raise BadFilter(BAD_PLACE, given=place, choices=list(PLACES))
    if norm(style) is not None and norm(style) not in STYLES:
        raise BadFilter(BAD_STYLE, given=style, choices=list(STYLES))
    muscles = None
    if region is not None:
        if norm(region) not in data.anatomy.regions:
            raise BadFilter(BAD_REGION, given=region, choices=list(data.anatomy.regions))
        muscles = data.anatomy.regions[str(norm(region))].muscles
    place, style = norm(place), norm(style)
    return catalog.filter(place=place, region_muscles=muscles, style=style)


def import_catalog(settings: Settings, path: Path) -> tuple[ImportReport, list[str]]:
    """Import a free-exercise-db file into the user's catalog; returns the report and the ids
    that were added or changed (empty when the same file is imported again).

    Raises ImportFormatError (exit 2) before anything is stored when the file is malformed.
    """
    from supple.importers import import_file
    from supple.services.context import store_for

    report = import_file(path)
    data = shipped()
    repo = store_for(settings).user_stretches
    changed = []
    for s in report.stretches:
        data.check_stretch(s, report.file_label)
        if repo.upsert(s.id, s.origin, stretch_json(s), report.source_hash):
            changed.append(s.id)
    return report, changed
