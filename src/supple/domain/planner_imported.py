"""Imported catalog entries as the planner sees them: twins of shipped stretches, and entries
still incomplete.

Both facts are recorded in the entry's `origin`, where the user sees them (`supple catalog show`)
and no new catalog field is needed:

- ``<file> (same movement as <id>)``: the importer matched the entry to a shipped stretch. It then
  follows that stretch's screening outcome and pain history, and a routine never holds two
  stretches of the same movement.
- ``<file> (incomplete: set places, position)``: the text did not say where it is done. The entry
  is stored with placeholder values the planner never uses, until `supple catalog set` fills
  them in.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container, Iterable

from supple.domain.catalog import Stretch

SHIPPED_ORIGIN = "supple"
_TWIN = re.compile(r" \(same movement as ([a-z0-9][a-z0-9-]*)\)")
_INCOMPLETE = re.compile(r" \(incomplete: set ([a-z, ]+)\)")


def twin_origin(origin: str, twin_id: str) -> str:
    """The origin of an imported entry matched to the shipped stretch `twin_id`."""
    return f"{origin} (same movement as {twin_id})"


def incomplete_origin(origin: str, missing: list[str]) -> str:
    """The origin of an entry that lacks `missing` fields until the user sets them."""
    return f"{origin} (incomplete: set {', '.join(missing)})"


def complete_origin(origin: str) -> str:
    """The origin once the user has set the missing fields."""
    return _INCOMPLETE.sub("", origin)


def twin_of(s: Stretch) -> str | None:
    """The shipped stretch this imported entry is the same movement as, if any."""
    return None if s.origin == SHIPPED_ORIGIN else _twin(s.origin)


@functools.lru_cache(maxsize=256)
def _twin(origin: str) -> str | None:
    # Cached: a big catalog has a handful of distinct origins, read once per plan each.
    m = _TWIN.search(origin)
    return m.group(1) if m else None


def missing_fields(origin: str) -> list[str]:
    """The fields an incomplete entry still needs (empty when it is complete)."""
    if origin == SHIPPED_ORIGIN:
        return []
    return list(_missing(origin))


@functools.lru_cache(maxsize=256)
def _missing(origin: str) -> tuple[str, ...]:
    m = _INCOMPLETE.search(origin)
    return tuple(f.strip() for f in m.group(1).split(",")) if m else ()


def movement(s: Stretch) -> str:
    """One key per movement: a twin shares its shipped stretch's id."""
    return twin_of(s) or s.id


def imported(s: Stretch) -> bool:
    return s.origin != SHIPPED_ORIGIN


def one_per_movement(items: Iterable[Stretch], known: Container[str]) -> list[Stretch]:
    """`items` without the imported twins whose shipped stretch is in `known` (ids): a listing
    shows each movement once, under its shipped stretch."""
    return [s for s in items if (t := twin_of(s)) is None or t not in known]
