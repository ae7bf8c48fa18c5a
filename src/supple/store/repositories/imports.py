"""A whole import (`supple import`) written in one transaction: all of it, or none of it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from supple.domain.profile import Profile
from supple.store.repositories.profile import read_profile, write_profile
from supple.store.repositories.routines import insert_routine
from supple.store.repositories.screenings import insert_screening
from supple.store.repositories.sessions import insert_session
from supple.store.repositories.user_stretches import upsert_user_stretch


class ImportRepo:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add_all(
        self,
        *,
        profile: Profile | None,
        screenings: Sequence[Mapping[str, Any]],
        routines: Sequence[Mapping[str, Any]],
        user_stretches: Sequence[Mapping[str, Any]],
        sessions: Sequence[Mapping[str, Any]],
    ) -> dict[str, int]:
        """Add what is not stored yet (records with the same id or name are left as they
        are) and return how many of each were added. Checked input only: a failure part way
        rolls the whole import back."""
        added = {"profile": 0, "screenings": 0, "routines": 0, "sessions": 0, "user_stretches": 0}
        with self._sessions.begin() as s:
            if profile is not None and read_profile(s) != profile:
                write_profile(s, profile)
                added["profile"] = 1
            for u in user_stretches:
                added["user_stretches"] += upsert_user_stretch(
                    s, u["id"], u["origin"], u["data"], u["source_hash"], u.get("imported_at")
                )
            for sc in screenings:
                added["screenings"] += insert_screening(
                    s,
                    sc["id"],
                    sc["result"],
                    sc["answers"],
                    sc["outcome"],
                    sc["screened_on"],
                    sc["valid_until"],
                    sc["taken_at"],
                )
            for r in routines:
                added["routines"] += insert_routine(
                    s, r["name"], r["routine"], r.get("options") or {}, r["created_at"]
                )
            for record in sessions:
                added["sessions"] += insert_session(s, record)
        return added
