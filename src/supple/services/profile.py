"""Profile use cases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from supple.domain.catalog import PLACES
from supple.domain.problems import Problem, code
from supple.domain.profile import Profile

if TYPE_CHECKING:
    from supple.config import Settings


NO_PLACES = code("profile.no-places", field="places")
UNKNOWN_PLACES = code("profile.unknown-places", field="places")


class BadPlaces(Problem):
    """Places that are not floor, chair or standing (exit 2)."""


def parse_places(text: str) -> list[str]:
    """'Floor, chair' -> ['floor', 'chair'] (any case, duplicates dropped), or BadPlaces."""
    given = [x.strip().lower() for x in text.split(",") if x.strip()]
    bad = [x for x in given if x not in PLACES]
    if not given:
        raise BadPlaces(NO_PLACES, choices=list(PLACES))
    if bad:
        raise BadPlaces(UNKNOWN_PLACES, given=bad, count=len(bad), choices=list(PLACES))
    return list(dict.fromkeys(given))


def get_profile(settings: Settings) -> Profile:
    """The stored profile, or the defaults when the user has not saved one yet. Without a saved
    age, the age given in the latest safety screen fills in (the planner needs it)."""
    from supple.services.catalog import has_database

    if not has_database(settings):
        return Profile()
    from supple.services.context import reader_for

    profile = reader_for(settings).profile.get() or Profile()
    if profile.age is None:
        profile.age = _screened_age(settings)
    return profile


def _screened_age(settings: Settings) -> int | None:
    from supple.services.screening import latest

    result = latest(settings)
    age = None if result is None else result.answers.get("age")
    return age if isinstance(age, int) and not isinstance(age, bool) else None


def has_profile(settings: Settings) -> bool:
    """Whether the user has set up their profile (saved it from welcome, `profile set` or the
    web page). Taking the safety screen alone does not count: it records only the age."""
    from supple.services.catalog import has_database

    if not has_database(settings):
        return False
    from supple.services.context import reader_for

    return reader_for(settings).profile.get() is not None


def update_screened_age(settings: Settings, age: int) -> None:
    """Keep a saved profile's age in step with the latest screen; never creates the profile
    (that is the user's own setup step, see has_profile)."""
    if not has_profile(settings):
        return
    from supple.services.context import store_for

    profile = store_for(settings).profile.get()
    if profile is not None and profile.age != age:
        profile.age = age
        save_profile(settings, profile)


def save_profile(settings: Settings, profile: Profile) -> Profile:
    from supple.services.context import store_for

    store_for(settings).profile.save(profile)
    return profile
