"""Completing imported catalog entries: `supple catalog set ID --place ... --position ...`.

An import stores an entry whose text does not say where it is done with placeholder places and
position, marked incomplete in its origin (supple.domain.planner_imported); the planner leaves
it out until the user sets them here. Setting a field also takes it off the entry's list of
guessed (`inferred`) fields, since the user stated it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from supple.domain.catalog import PLACES, POSITIONS
from supple.domain.problems import Kind, Problem, code

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.domain.catalog import Stretch


SHIPPED = code("entry.shipped", Kind.BAD_INPUT, field="stretch")
UNKNOWN = code("entry.unknown", Kind.NOT_FOUND, field="stretch")
BAD_PLACE = code("entry.bad-place", field="places")
BAD_POSITION = code("entry.bad-position", field="position")
BAD_SIDES = code("entry.bad-sides", field="sides")
STILL_MISSING = code("entry.still-missing", field="stretch")
NOTHING_TO_SET = code("entry.nothing-to-set", field="stretch")
INVALID = code("entry.invalid", field="stretch")


class EntryError(Problem):
    """A bad `catalog set` request (exit 2)."""


def incomplete_entries(settings: Settings) -> list[tuple[Stretch, list[str]]]:
    """(entry, missing fields) for every incomplete user entry, by id. A missing `figure` is
    listed too (last): the entry shows a neutral placeholder figure until it has one, but the
    planner can use it, so it is no reason to set anything with `catalog set`."""
    from supple.domain.planner_imported import missing_fields
    from supple.services.catalog import user_stretches

    out = []
    for s in user_stretches(settings):
        missing = [*missing_fields(s.origin), *(["figure"] if s.figure is None else [])]
        if missing:
            out.append((s, missing))
    return out


def set_entry(
    settings: Settings,
    stretch_id: str,
    places: list[str] | None = None,
    position: str | None = None,
    sides: str | None = None,
) -> Stretch:
    """Set where an imported entry is done (and its sides); returns the updated entry.

    Raises EntryError for a shipped or unknown id, a bad value, or when an incomplete entry
    would still miss a field."""
    from pydantic import ValidationError

    from supple.data.loader import DataError, shipped
    from supple.domain.catalog import Stretch
    from supple.domain.planner_imported import complete_origin, missing_fields, twin_origin
    from supple.importers.free_exercise_db import INCOMPLETE_NOTE
    from supple.importers.twins import match_twin
    from supple.services.context import store_for

    data = shipped()
    if stretch_id in data.catalog:
        raise EntryError(SHIPPED, given=stretch_id, name=data.catalog.get(stretch_id).name)
    repo = store_for(settings).user_stretches
    row = repo.get(stretch_id)
    if row is None:
        known = [s.id for s, m in incomplete_entries(settings) if m != ["figure"]]
        raise EntryError(UNKNOWN, given=stretch_id, incomplete=known)
    bad = [p for p in places or [] if p not in PLACES]
    if bad:
        raise EntryError(BAD_PLACE, given=bad, choices=list(PLACES))
    if position is not None and position not in POSITIONS:
        raise EntryError(BAD_POSITION, given=position, choices=list(POSITIONS))
    if sides is not None and sides not in ("each", "both"):
        raise EntryError(BAD_SIDES, given=sides)
    doc: dict[str, Any] = dict(row["data"])
    missing = missing_fields(str(doc.get("origin", "")))
    given = {"places": places, "position": position, "sides": sides}
    still = [f for f in missing if not given.get(f)]
    if still:
        raise EntryError(STILL_MISSING, given=stretch_id, missing=still)
    if not any(given.values()):
        raise EntryError(NOTHING_TO_SET, given=stretch_id)
    for field, value in given.items():
        if value:
            doc[field] = value
    doc["inferred"] = [f for f in doc.get("inferred", []) if not given.get(f)]
    origin = complete_origin(str(doc["origin"]))
    if position is not None and "(same movement as " not in origin:
        twin = match_twin(str(doc["name"]), position, data.catalog)
        if twin is not None:
            origin = twin_origin(origin, twin.id)
    doc["origin"] = origin
    doc["summary"] = str(doc.get("summary", "")).split(INCOMPLETE_NOTE)[0]
    try:
        stretch = Stretch.model_validate(doc)
        data.check_stretch(stretch, stretch_id)
    except (ValidationError, DataError) as e:
        raise EntryError(INVALID, given=stretch_id, detail=str(e).splitlines()[0]) from None
    repo.upsert(
        stretch.id,
        origin,
        stretch.model_dump(mode="json", exclude_none=True),
        str(row["source_hash"]),
    )
    return stretch
