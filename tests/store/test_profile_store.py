"""The profile survives a save and a reopen, on every backend."""

from __future__ import annotations

from supple.config import Settings
from supple.domain.profile import Profile
from supple.store import Store, open_store


def test_a_new_store_has_no_profile(store: Store):
    assert store.profile.get() is None


def test_profile_round_trips_every_field(store: Store):
    mine = Profile(
        name="Ana",
        age=67,
        places=["chair", "standing"],
        weekly_goal=5,
        voice=False,
        timezone="Europe/Lisbon",
    )
    store.profile.save(mine)
    assert store.profile.get() == mine
    assert store.profile.get().age_band == "65-plus"  # type: ignore[union-attr]


def test_saving_again_replaces_the_single_profile(store: Store):
    store.profile.save(Profile(name="first"))
    store.profile.save(Profile(name="second", weekly_goal=2))
    got = store.profile.get()
    assert got is not None and got.name == "second" and got.weekly_goal == 2


def test_profile_is_still_there_after_reopening(backend_settings: Settings):
    with open_store(backend_settings) as first:
        first.profile.save(Profile(name="kept", places=["floor", "chair"]))
    with open_store(backend_settings) as again:
        assert again.profile.get() == Profile(name="kept", places=["floor", "chair"])
