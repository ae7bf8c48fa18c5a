"""A whole import (`supple import`) written in bounded chunks, so other writers get their turn.

The profile, imported stretches, screenings, routines and pain checks go in one short
transaction; the
sessions follow in transactions of at most IMPORT_CHUNK_ROWS rows each (a session, its items
and its raw events, never split), each one committed before the next begins. Each chunk is a
`writes` transaction: it waits for (and retries after) another writer, and another writer (a
running session's holds, `profile set`, the web app's events) waits only for one chunk, never
for the whole import. Records already stored (same id or name) are left as they are, so an
import stopped part way (a killed process, a full disk) is completed by running it again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from supple.domain.profile import Profile
from supple.store.engine import run_writing
from supple.store.repositories.pain_checks import insert_check
from supple.store.repositories.profile import read_profile, write_profile
from supple.store.repositories.routines import insert_routine
from supple.store.repositories.screenings import insert_screening
from supple.store.repositories.sessions import insert_session
from supple.store.repositories.user_stretches import upsert_user_stretch

#: The most rows (sessions, items and raw events) one transaction of an import writes.
IMPORT_CHUNK_ROWS = 500


def _rows(record: Mapping[str, Any]) -> int:
    return 1 + len(record.get("items") or []) + len(record.get("events") or [])


def chunks(sessions: Sequence[Mapping[str, Any]], most: int) -> list[list[Mapping[str, Any]]]:
    """The sessions in order, cut into groups of at most `most` rows (a bigger session alone)."""
    out: list[list[Mapping[str, Any]]] = []
    size = most
    for record in sessions:
        rows = _rows(record)
        if size + rows > most:
            out.append([])
            size = 0
        out[-1].append(record)
        size += rows
    return out


class ImportRepo:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add_all(
        self,
        *,
        profile: Profile | None,
        screenings: Sequence[Mapping[str, Any]],
        goal_since: date | None = None,
        routines: Sequence[Mapping[str, Any]],
        user_stretches: Sequence[Mapping[str, Any]],
        sessions: Sequence[Mapping[str, Any]],
        pain_checks: Sequence[Mapping[str, Any]] = (),
    ) -> dict[str, int]:
        """Add what is not stored yet (records with the same id or name are left as they
        are) and return how many of each were added. Checked input only. Written in bounded
        chunks (see the module docstring): a failure part way keeps the chunks before it,
        and running the import again adds the rest."""
        engine = self._sessions.kw.get("bind")
        added = dict.fromkeys(
            ("profile", "screenings", "routines", "sessions", "user_stretches", "pain_checks"), 0
        )

        def first() -> dict[str, int]:
            got = dict.fromkeys(added, 0)
            with self._sessions.begin() as s:
                if profile is not None and read_profile(s) != profile:
                    # The file's profile, with since when its goal holds (not "today").
                    write_profile(s, profile, goal_since=goal_since)
                    got["profile"] = 1
                for u in user_stretches:
                    got["user_stretches"] += upsert_user_stretch(
                        s, u["id"], u["origin"], u["data"], u["source_hash"], u.get("imported_at")
                    )
                for sc in screenings:
                    got["screenings"] += insert_screening(
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
                    got["routines"] += insert_routine(
                        s, r["name"], r["routine"], r.get("options") or {}, r["created_at"]
                    )
                for p in pain_checks:
                    got["pain_checks"] += insert_check(
                        s, p["stretch_id"], p["checked_at"], p["reason"]
                    )
            return got

        for kind, n in run_writing(engine, first).items():
            added[kind] += n
        for chunk in chunks(sessions, IMPORT_CHUNK_ROWS):

            def write(chunk: list[Mapping[str, Any]] = chunk) -> int:
                with self._sessions.begin() as s:
                    return sum(insert_session(s, record) for record in chunk)

            added["sessions"] += run_writing(engine, write)
        return added
