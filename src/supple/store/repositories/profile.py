"""The single user's profile."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from supple.domain.profile import Profile
from supple.store.engine import writes
from supple.store.tables import ProfileRow
from supple.store.types import utcnow

PROFILE_ID = 1


class ProfileRepo:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def get(self) -> Profile | None:
        """The saved profile, or None before the user has saved one."""
        with self._sessions() as s:
            return read_profile(s)

    @writes
    def save(self, profile: Profile) -> None:
        with self._sessions.begin() as s:
            write_profile(s, profile)

    def goal_since(self) -> date | None:
        """The (local) day the weekly goal was last set (None: before this was kept)."""
        with self._sessions() as s:
            return s.scalar(select(ProfileRow.weekly_goal_since).where(ProfileRow.id == PROFILE_ID))


def read_profile(s: Session) -> Profile | None:
    row = s.scalar(select(ProfileRow).where(ProfileRow.id == PROFILE_ID))
    if row is None:
        return None
    return Profile(
        name=row.name,
        age=row.age,
        places=list(row.places),
        weekly_goal=row.weekly_goal,
        voice=row.voice,
        timezone=row.timezone,
    )


def write_profile(s: Session, profile: Profile, goal_since: date | None = None) -> None:
    """Save the profile within the caller's transaction. `goal_since`: since when its weekly
    goal holds, when that is known (an import); else a changed goal counts from today."""
    now = utcnow()
    row = s.get(ProfileRow, PROFILE_ID)
    if row is None:
        row = ProfileRow(id=PROFILE_ID, created_at=now)
        s.add(row)
    row.name = profile.name
    row.age = profile.age
    row.places = list(profile.places)
    if row.weekly_goal is not None and row.weekly_goal != profile.weekly_goal:
        # A changed goal counts from today (goal suggestions); the first one from the start.
        row.weekly_goal_since = date.today()
    row.weekly_goal = profile.weekly_goal
    if goal_since is not None:
        row.weekly_goal_since = goal_since
    row.voice = profile.voice
    row.timezone = profile.timezone
    row.updated_at = now
