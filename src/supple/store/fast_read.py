"""The read-only commands' port to a SQLite database, in the standard library's sqlite3.

`supple plan`, `history`, `progress` (and `catalog`) only read, and importing SQLAlchemy and
Alembic costs them several times what the reading does. When the database is a SQLite file
whose schema is already current (its `alembic_version` is `HEAD_REVISION`, checked with one
query), this port answers the same reads as the SQLAlchemy repositories, returning the same
values: the profile, the latest screen, the pain log, history's rows and JSON entries, and
progress's compact log. `tests/store/test_fast_read.py` compares the two on one database.

It never writes. `open_reader` answers None (the caller opens the full store, which migrates)
for anything else: no file yet, an older or newer schema, a file that is not a database. The
session log's own upkeep (sessions left `running` by a dead process, summaries missing from
before migration 0003) is a write too: `Sessions.upkeep_due` says when the full store must
read instead.

Stored values as SQLAlchemy writes them on SQLite: times as naive UTC text
"YYYY-MM-DD HH:MM:SS.ffffff" (store/types.UtcDateTime), dates as "YYYY-MM-DD", JSON columns
as JSON text, booleans as 0/1.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supple.store.times import STALE_AFTER, since_instant

if TYPE_CHECKING:
    from supple.domain.profile import Profile
    from supple.domain.progress import ProgressLog
    from supple.domain.progression import Part

#: The newest migration (store/migrations/versions). A test keeps it equal to Alembic's own head,
#: so a new migration fails that test until this names it (and the queries here are checked
#: against the new schema by the comparison test).
HEAD_REVISION = "0006"

PROFILE_ID = 1


def db_time(value: datetime) -> str:
    """An aware datetime as UtcDateTime stores it on SQLite (for comparisons in SQL)."""
    v = value.astimezone(UTC)
    return (
        f"{v.year:04d}-{v.month:02d}-{v.day:02d} "
        f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}"
    )


def py_time(text: str | None) -> datetime | None:
    """A stored time as the aware UTC datetime the repositories return."""
    if text is None:
        return None
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _json_time(column: str) -> str:
    """SQL for a stored time as the JSON text of its `isoformat()` (store/types.JsonTime)."""
    whole = (
        f"CASE WHEN substr({column}, 21) = '000000' THEN substr({column}, 1, 19) ELSE {column} END"
    )
    text = f"replace({whole}, ' ', 'T')"
    return f"""CASE WHEN {column} IS NULL THEN 'null' ELSE '"' || {text} || '+00:00"' END"""


#: History's JSON entry head, as repositories/sessions._HISTORY_HEAD writes it on SQLite.
_HISTORY_HEAD = (
    """'{"id":' || json_quote(id) || ',"started_at":' || """
    + _json_time("started_at")
    + """ || ',"ended_at":' || """
    + _json_time("ended_at")
    + """ || ',"status":' || json_quote(status) || ',"items":'"""
)


def schema_revision(conn: sqlite3.Connection) -> str | None:
    """The database's Alembic revision, or None when it has none (never migrated)."""
    try:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.OperationalError:  # no such table
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


def open_reader(path: str | Path) -> FastReader | None:
    """A reader over the SQLite file at `path`, or None unless it exists and its schema is
    current (then the caller takes the full store's path, which migrates or explains)."""
    file = Path(path)
    if not file.is_file():
        return None
    try:
        conn = sqlite3.connect(
            f"{file.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
    except sqlite3.Error:
        return None
    try:
        if schema_revision(conn) != HEAD_REVISION:
            conn.close()
            return None
    except sqlite3.Error:
        conn.close()
        return None
    return FastReader(conn)


class FastReader:
    """`Store`'s read methods (`profile`, `screenings`, `sessions`, `stamp`) on one read-only
    connection. Safe across threads (one query at a time)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self.profile = ProfileReader(self)
        self.screenings = ScreeningReader(self)
        self.sessions = SessionReader(self)
        self.pain_checks = PainCheckReader(self)
        self.stamp = Stamp(self)

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class Stamp:
    """`DataStamp.current()` for this reader: SQLite's data_version on the reader's own
    connection, which changes with every commit of any other connection. Tagged, so it never
    equals a stamp of the full store's (planning caches plans under either)."""

    def __init__(self, reader: FastReader) -> None:
        self._reader = reader

    def current(self) -> tuple[str, int]:
        return ("fast-read", int(self._reader.rows("PRAGMA data_version")[0][0]))


class ProfileReader:
    def __init__(self, reader: FastReader) -> None:
        self._reader = reader

    def get(self) -> Profile | None:
        """repositories/profile.ProfileRepo.get."""
        from supple.domain.profile import Profile

        rows = self._reader.rows(
            "SELECT name, age, places, weekly_goal, voice, timezone FROM profile WHERE id = ?",
            (PROFILE_ID,),
        )
        if not rows:
            return None
        name, age, places, weekly_goal, voice, timezone = rows[0]
        return Profile(
            name=name,
            age=age,
            places=list(json.loads(places)),
            weekly_goal=weekly_goal,
            voice=bool(voice),
            timezone=timezone,
        )

    def goal_since(self) -> date | None:
        """repositories/profile.ProfileRepo.goal_since."""
        rows = self._reader.rows(
            "SELECT weekly_goal_since FROM profile WHERE id = ?", (PROFILE_ID,)
        )
        if not rows or rows[0][0] is None:
            return None
        value = rows[0][0]
        return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


class PainCheckReader:
    def __init__(self, reader: FastReader) -> None:
        self._reader = reader

    def all(self) -> list[tuple[str, datetime, str]]:
        """repositories/pain_checks.PainCheckRepo.all."""
        rows = self._reader.rows(
            "SELECT stretch_id, checked_at, reason FROM pain_checks ORDER BY checked_at, id"
        )
        return [(sid, py_time(at), reason) for sid, at, reason in rows]  # type: ignore[misc]


class ScreeningReader:
    def __init__(self, reader: FastReader) -> None:
        self._reader = reader

    def latest(self) -> dict[str, Any] | None:
        """repositories/screenings.ScreeningRepo.latest."""
        rows = self._reader.rows(
            "SELECT id, taken_at, screened_on, valid_until, outcome, answers, result "
            "FROM screenings ORDER BY taken_at DESC, id DESC LIMIT 1"
        )
        if not rows:
            return None
        sid, taken_at, screened_on, valid_until, outcome, answers, result = rows[0]
        return {
            "id": sid,
            "taken_at": py_time(taken_at),
            "screened_on": date.fromisoformat(screened_on),
            "valid_until": date.fromisoformat(valid_until),
            "outcome": outcome,
            "answers": json.loads(answers),
            "result": json.loads(result),
        }


class SessionReader:
    def __init__(self, reader: FastReader) -> None:
        self._reader = reader

    def upkeep_due(self, now: datetime | None = None) -> bool:
        """Whether reading the log needs a write first (the full store does both): a `running`
        session with a stale heartbeat to mark `interrupted`, or summaries to fill in."""
        cutoff = db_time((now or datetime.now(UTC)) - STALE_AFTER)
        stale = self._reader.rows(
            "SELECT 1 FROM sessions WHERE status = 'running' AND heartbeat_at < ? LIMIT 1",
            (cutoff,),
        )
        missing = self._reader.rows("SELECT 1 FROM sessions WHERE items_doc IS NULL LIMIT 1")
        return bool(stale or missing)

    def pain_reports(self) -> list[tuple[str, datetime]]:
        """SessionRepo.pain_reports."""
        rows = self._reader.rows(
            "SELECT stretch_id, recorded_at FROM session_items WHERE pain IS 1 ORDER BY recorded_at"
        )
        return [(sid, py_time(when)) for sid, when in rows]  # type: ignore[misc]

    @staticmethod
    def _since(since: date | datetime | None) -> tuple[str, tuple[Any, ...]]:
        if since is None:
            return "", ()
        return " WHERE started_at >= ?", (db_time(since_instant(since)),)

    def history(self, since: date | datetime | None = None) -> list[dict[str, Any]]:
        """SessionRepo.history (not `detailed`, which only export asks for)."""
        where, params = self._since(since)
        rows = self._reader.rows(
            "SELECT id, started_at, ended_at, status, items_doc FROM sessions"
            f"{where} ORDER BY started_at, id",
            params,
        )
        return [
            {
                "id": i,
                "started_at": py_time(a),
                "ended_at": py_time(b),
                "status": st,
                "items": json.loads(doc or "[]"),
            }
            for i, a, b, st, doc in rows
        ]

    def history_entries(self, since: date | datetime | None = None) -> list[tuple[str, str]]:
        """SessionRepo.history_entries: each session's JSON head and its items document."""
        where, params = self._since(since)
        return self._reader.rows(
            f"SELECT {_HISTORY_HEAD}, coalesce(items_doc, '[]') FROM sessions"
            f"{where} ORDER BY started_at, id",
            params,
        )

    def stretch_sessions(self) -> dict[str, list[Part]]:
        """SessionRepo.stretch_sessions, in the same queries (see there); the summaries are
        complete (`upkeep_due` was asked first)."""
        local_day = date.fromtimestamp
        day_of = {
            sid: local_day(when)
            for sid, when in self._reader.rows(
                "SELECT id, CAST(strftime('%s', started_at) AS INTEGER) FROM sessions "
                "WHERE held_seconds IS NOT NULL"
            )
        }
        out: dict[str, list[Part]] = {}
        for stretch, session, total, rated, pains in self._reader.rows(
            "SELECT stretch_id, session_id, rating_sum, rated, pains FROM session_stretches"
        ):
            day = day_of.get(session)
            if day is None:
                continue
            out.setdefault(stretch, []).append(
                (day, session, total / rated if rated else None, pains)
            )
        return out

    def progress_log(self, ends: int) -> ProgressLog:
        """SessionRepo.progress_log, in the same queries (see there)."""
        from supple.domain.progress import ProgressLog, RatedSession, rating_ends

        local_day = date.fromtimestamp
        days = [
            (local_day(when), float(held))
            for when, held in self._reader.rows(
                "SELECT CAST(strftime('%s', started_at) AS INTEGER), held_seconds FROM sessions "
                "WHERE held_seconds IS NOT NULL ORDER BY started_at"
            )
        ]
        counts = {
            sid: int(n)
            for sid, n in self._reader.rows(
                "SELECT stretch_id, count(rated_at) FROM session_stretches "
                "GROUP BY stretch_id HAVING count(rated_at) > 0"
            )
        }
        first: dict[str, list[RatedSession]] = {sid: [] for sid in counts}
        last: dict[str, list[RatedSession]] = {sid: [] for sid in counts}
        walk = (
            "SELECT rated_at, session_id, rating_sum, rated FROM session_stretches "
            "WHERE stretch_id = ? AND rated_at IS NOT NULL ORDER BY rated_at {0}, session_id {0} "
            "LIMIT ?"
        )
        for sid in counts:
            for into, order in ((first, "ASC"), (last, "DESC")):
                for at, session, total, rated in self._reader.rows(walk.format(order), (sid, ends)):
                    into[sid].append(RatedSession(py_time(at), session, int(total), int(rated)))  # type: ignore[arg-type]
        pains = {
            sid: int(n)
            for sid, n in self._reader.rows(
                "SELECT stretch_id, sum(pains) FROM session_stretches WHERE pains > 0 "
                "GROUP BY stretch_id"
            )
        }
        ratings = tuple(
            rating_ends(sid, counts[sid], first[sid], last[sid]) for sid in sorted(counts)
        )
        return ProgressLog(sessions=tuple(days), ratings=ratings, pain_reports=pains)
