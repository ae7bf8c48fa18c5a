"""Catalog use cases: the shipped catalog merged with the user's imported entries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from supple.data.loader import DataSet, shipped
from supple.domain.catalog import PLACES, STYLES, Catalog, Stretch

if TYPE_CHECKING:
    from pathlib import Path

    from supple.config import Settings
    from supple.importers import ImportReport


class BadFilter(ValueError):
    """A filter value that is not one of the allowed ones (exit 2)."""


def has_database(settings: Settings) -> bool:
    """False only for a default SQLite file that does not exist yet: a fresh home has no user data,
    so listing the catalog need not load SQLAlchemy at all."""
    default_url = f"sqlite:///{settings.home / 'supple.db'}"
    return settings.database_url != default_url or (settings.home / "supple.db").exists()


def user_stretches(settings: Settings) -> list[Stretch]:
    if not has_database(settings):
        return []
    from supple.services.context import store_for

    return [
        Stretch.model_validate(row["data"]) for row in store_for(settings).user_stretches.list()
    ]


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
    if place is not None and place not in PLACES:
        raise BadFilter(f"--place '{place}' is not a place; use one of: {', '.join(PLACES)}.")
    if style is not None and style not in STYLES:
        raise BadFilter(f"--style '{style}' is not a style; use one of: {', '.join(STYLES)}.")
    muscles = None
    if region is not None:
        if region not in data.anatomy.regions:
            raise BadFilter(
                f"--region '{region}' is not a region; use one of: "
                f"{', '.join(data.anatomy.regions)}."
            )
        muscles = data.anatomy.regions[region].muscles
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
