"""Profile use cases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from supple.domain.profile import Profile

if TYPE_CHECKING:
    from supple.config import Settings


def get_profile(settings: Settings) -> Profile:
    """The stored profile, or the defaults when the user has not saved one yet."""
    from supple.services.catalog import has_database

    if not has_database(settings):
        return Profile()
    from supple.services.context import store_for

    return store_for(settings).profile.get() or Profile()


def has_profile(settings: Settings) -> bool:
    from supple.services.catalog import has_database

    if not has_database(settings):
        return False
    from supple.services.context import store_for

    return store_for(settings).profile.get() is not None


def save_profile(settings: Settings, profile: Profile) -> Profile:
    from supple.services.context import store_for

    store_for(settings).profile.save(profile)
    return profile
