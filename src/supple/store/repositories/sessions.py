"""Guided sessions: their items (each hold, skip or pain stop), raw events and history.

Every call is its own short transaction, so a process killed mid-session loses at most the
write in progress. A live session heartbeats (every write counts; the terminal recorder also
beats while paused); one whose last heartbeat is older than `STALE_AFTER` is taken for dead and
marked `interrupted` when history, progress or a new session is read or started. A session in
another terminal or a browser that is still beating is left `running`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from operator import itemgetter
from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from supple.store.tables import SIDES, SessionEventRow, SessionItemRow, SessionRow
from supple.store.types import utcnow

FINAL_STATUSES = ("completed", "stopped", "interrupted")

#: A `running` session whose last heartbeat is older than this is taken for dead (its process
#: was killed, or its browser tab closed). The terminal player beats at least every 20 s
#: (SessionRecorder.HEARTBEAT_SECONDS) even while paused, so six missed beats in a row are
#: needed. The browser player beats with each event it sends; if a paused tab outlives this
#: and comes back, its next event makes the session `running` again (see `_touch`).
STALE_AFTER = timedelta(minutes=2)


_by_seq = itemgetter("seq")


class UnknownSession(LookupError):
    """No session has that id."""


def _check_item(side: str, discomfort: int | None) -> None:
    if side not in SIDES:
        raise ValueError(f"side '{side}' is not one of: {', '.join(SIDES)}.")
    if discomfort is not None and not 0 <= discomfort <= 10:
        raise ValueError(f"discomfort {discomfort} is outside 0-10; rate from 0 (none) to 10.")


def _when(value: datetime | str | None) -> datetime | None:
    """Imported files carry ISO 8601 text; the store wants aware datetimes."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def since_instant(since: date | datetime) -> datetime:
    """A `--since` date means from local midnight of that day on this machine."""
    if isinstance(since, datetime):
        return since if since.tzinfo is not None else since.astimezone()
    return datetime.combine(since, time.min).astimezone()


class SessionRepo:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # --- lifecycle -----------------------------------------------------------------------

    def start(
        self,
        routine_json: Mapping[str, Any],
        *,
        session_id: str | None = None,
        started_at: datetime | None = None,
    ) -> str:
        """Open a `running` session and return its id. Sessions left `running` by a process
        that died (stale heartbeat) become `interrupted` first, keeping what they saved; one
        still alive elsewhere (another terminal, a browser) is left alone."""
        sid = session_id or str(uuid.uuid4())
        now = started_at or utcnow()
        self.mark_stale_running_as_interrupted(current_id=sid, now=now)
        with self._sessions.begin() as s:
            s.add(
                SessionRow(
                    id=sid,
                    started_at=now,
                    ended_at=None,
                    status="running",
                    routine=dict(routine_json),
                    heartbeat_at=now,
                )
            )
        return sid

    def heartbeat(self, session_id: str, at: datetime | None = None) -> None:
        """Record that the session is still alive (its end time if the process dies)."""
        with self._sessions.begin() as s:
            self._touch(s, session_id, at or utcnow())

    def finish(self, session_id: str, status: str, ended_at: datetime | None = None) -> None:
        if status not in FINAL_STATUSES:
            raise ValueError(
                f"status '{status}' cannot end a session; use one of: {', '.join(FINAL_STATUSES)}."
            )
        when = ended_at or utcnow()
        with self._sessions.begin() as s:
            row = s.get(SessionRow, session_id)
            if row is None:
                raise UnknownSession(f"No session has the id '{session_id}'.")
            row.status = status
            row.ended_at = when
            row.heartbeat_at = when

    def mark_stale_running_as_interrupted(
        self, current_id: str | None = None, now: datetime | None = None
    ) -> list[str]:
        """Every `running` session (but `current_id`) with no heartbeat for `STALE_AFTER`
        becomes `interrupted`, ended at its last sign of life (heartbeat or last saved item).
        Returns their ids."""
        cutoff = (now or utcnow()) - STALE_AFTER
        with self._sessions.begin() as s:
            query = select(SessionRow).where(
                SessionRow.status == "running", SessionRow.heartbeat_at < cutoff
            )
            if current_id is not None:
                query = query.where(SessionRow.id != current_id)
            rows = list(s.scalars(query))
            for row in rows:
                last_item = s.scalar(
                    select(func.max(SessionItemRow.recorded_at)).where(
                        SessionItemRow.session_id == row.id
                    )
                )
                signs = [row.started_at, row.heartbeat_at, last_item]
                row.status = "interrupted"
                row.ended_at = max(t for t in signs if t is not None)
            return [row.id for row in rows]

    # --- what happened -------------------------------------------------------------------

    def add_item(
        self,
        session_id: str,
        stretch_id: str,
        side: str,
        held_seconds: float,
        planned_seconds: float,
        discomfort: int | None = None,
        pain: bool = False,
        skipped: bool = False,
        recorded_at: datetime | None = None,
    ) -> int:
        """Save one hold (or skip, or pain stop) at once; returns its position `seq` (1, 2, ...)
        within the session, used to rate it afterwards."""
        _check_item(side, discomfort)
        now = recorded_at or utcnow()
        with self._sessions.begin() as s:
            self._touch(s, session_id, now)
            seq = self._next_seq(s, SessionItemRow, session_id)
            s.add(
                SessionItemRow(
                    session_id=session_id,
                    seq=seq,
                    stretch_id=stretch_id,
                    side=side,
                    held_seconds=float(held_seconds),
                    planned_seconds=float(planned_seconds),
                    discomfort=discomfort,
                    pain=pain,
                    skipped=skipped,
                    recorded_at=now,
                )
            )
        return seq

    def rate_item(
        self, session_id: str, seq: int, discomfort: int | None, pain: bool | None = None
    ) -> None:
        """Set the 0-10 rating (and optionally the pain flag) of an item saved earlier."""
        _check_item("both", discomfort)
        values: dict[str, Any] = {"discomfort": discomfort}
        if pain is not None:
            values["pain"] = pain
        with self._sessions.begin() as s:
            result = s.execute(
                update(SessionItemRow)
                .where(SessionItemRow.session_id == session_id, SessionItemRow.seq == seq)
                .values(**values)
            )
            if not result.rowcount:  # type: ignore[attr-defined]
                raise LookupError(f"Session '{session_id}' has no item number {seq}.")

    def progress_inputs(
        self,
    ) -> tuple[
        list[tuple[datetime, float]],
        list[tuple[str, int, list[float], list[float]]],
        dict[str, int],
    ]:
        """What progress needs, aggregated by the database in three queries: (start, seconds
        held) of each session with a hold done; per stretch, how many sessions rated it and
        the first and last `ends` of those ratings in time order, one per session (its items'
        average; window functions, so ten years of ratings are not sent); and pain reports
        per stretch."""
        ends = 3
        held = (
            select(SessionItemRow.session_id, func.sum(SessionItemRow.held_seconds).label("held"))
            .where(SessionItemRow.skipped.is_(False), SessionItemRow.held_seconds > 0)
            .group_by(SessionItemRow.session_id)
            .subquery()
        )
        done_q = select(SessionRow.started_at, held.c.held).join(
            held, held.c.session_id == SessionRow.id
        )
        # One rating per session and stretch: the player copies a stretch's rating onto each
        # of its holds (sides, repetitions), which must not count as several ratings. Items
        # are recorded in time order, so their own timestamp orders ratings without a join to
        # sessions (the join made this the slowest query on ten years of data).
        per_session = (
            select(
                SessionItemRow.stretch_id.label("sid"),
                func.avg(SessionItemRow.discomfort).label("rating"),
                func.min(SessionItemRow.recorded_at).label("at"),
                func.min(SessionItemRow.id).label("first_id"),
            )
            .where(SessionItemRow.discomfort.is_not(None))
            .group_by(SessionItemRow.session_id, SessionItemRow.stretch_id)
            .subquery()
        )
        order = (per_session.c.at, per_session.c.first_id)
        ranked = select(
            per_session.c.sid,
            per_session.c.rating,
            func.row_number().over(partition_by=per_session.c.sid, order_by=order).label("rn"),
            func.count().over(partition_by=per_session.c.sid).label("n"),
        ).subquery()
        ratings_q = (
            select(ranked.c.sid, ranked.c.n, ranked.c.rn, ranked.c.rating)
            .where((ranked.c.rn <= ends) | (ranked.c.rn > ranked.c.n - ends))
            .order_by(ranked.c.sid, ranked.c.rn)
        )
        pains_q = (
            select(SessionItemRow.stretch_id, func.count())
            .where(SessionItemRow.pain.is_(True))
            .group_by(SessionItemRow.stretch_id)
        )
        with self._sessions() as s:
            done = [(when, float(held)) for when, held in s.execute(done_q)]
            per: dict[str, tuple[int, list[float], list[float]]] = {}
            for sid, n, rn, rating in s.execute(ratings_q):
                count, first, last = per.setdefault(sid, (int(n), [], []))
                if rn <= ends:
                    first.append(float(rating))
                if rn > count - ends:
                    last.append(float(rating))
            pains = {sid: int(n) for sid, n in s.execute(pains_q)}
        return done, [(sid, *v) for sid, v in per.items()], pains

    def pain_reports(self) -> list[tuple[str, datetime]]:
        """(stretch id, when) of every sharp-pain report, oldest first: the planner leaves these
        stretches out or eases them, and asks for a new screen after the latest one."""
        with self._sessions() as s:
            rows = s.execute(
                select(SessionItemRow.stretch_id, SessionItemRow.recorded_at)
                .where(SessionItemRow.pain.is_(True))
                .order_by(SessionItemRow.recorded_at)
            ).all()
        return [(sid, when) for sid, when in rows]

    def add_event(
        self, session_id: str, t: float, event: str, data: Mapping[str, Any] | None = None
    ) -> int:
        """Append one raw player event (`t` seconds since the session start); it also counts
        as a heartbeat."""
        with self._sessions.begin() as s:
            self._touch(s, session_id, utcnow())
            seq = self._next_seq(s, SessionEventRow, session_id)
            s.add(
                SessionEventRow(
                    session_id=session_id, seq=seq, t=float(t), event=event, data=dict(data or {})
                )
            )
        return seq

    def events(self, session_id: str, name: str | None = None) -> list[dict[str, Any]]:
        """The session's raw events in order; only those called `name` when given (so a
        caller looking for one kind does not read a long session's every event)."""
        query = select(
            SessionEventRow.seq,
            SessionEventRow.t,
            SessionEventRow.event,
            SessionEventRow.data,
        ).where(SessionEventRow.session_id == session_id)
        if name is not None:
            query = query.where(SessionEventRow.event == name)
        with self._sessions() as s:
            rows = s.execute(query.order_by(SessionEventRow.seq))
            return [{"seq": q, "t": t, "event": e, "data": d} for q, t, e, d in rows]

    # --- reading -------------------------------------------------------------------------

    def get(self, session_id: str, detailed: bool = True) -> dict[str, Any] | None:
        found = self._load([SessionRow.id == session_id], detailed)
        return found[0] if found else None

    def history(
        self, since: date | datetime | None = None, detailed: bool = False
    ) -> list[dict[str, Any]]:
        """Sessions oldest first, each {id, started_at, ended_at, status, items: [{id (the
        stretch id), seq, side, held_seconds, planned_seconds, discomfort, pain, skipped}]}.
        `detailed` adds each session's routine and heartbeat_at and each item's recorded_at
        (for export). Two queries whatever the number of sessions."""
        where = [] if since is None else [SessionRow.started_at >= since_instant(since)]
        return self._load(where, detailed)

    def _load(self, where: Iterable[Any], detailed: bool) -> list[dict[str, Any]]:
        where = list(where)
        session_cols: list[Any] = [
            SessionRow.id,
            SessionRow.started_at,
            SessionRow.ended_at,
            SessionRow.status,
        ]
        if detailed:
            session_cols += [SessionRow.routine, SessionRow.heartbeat_at]
        item_cols: list[Any] = [
            SessionItemRow.session_id,
            SessionItemRow.stretch_id,
            SessionItemRow.seq,
            SessionItemRow.side,
            SessionItemRow.held_seconds,
            SessionItemRow.planned_seconds,
            SessionItemRow.discomfort,
            SessionItemRow.pain,
            SessionItemRow.skipped,
        ]
        if detailed:
            item_cols.append(SessionItemRow.recorded_at)
        sessions: dict[str, dict[str, Any]] = {}
        # Core rows and dict literals, no ORM objects: this is what keeps ten years of daily
        # sessions (3,650 sessions, ~35,000 items) well under 100 ms.
        with self._sessions() as s:
            conn = s.connection()
            query = select(*session_cols).where(*where)
            for row in conn.execute(query.order_by(SessionRow.started_at, SessionRow.id)).all():
                entry: dict[str, Any] = {
                    "id": row[0],
                    "started_at": row[1],
                    "ended_at": row[2],
                    "status": row[3],
                }
                if detailed:
                    entry["routine"] = row[4]
                    entry["heartbeat_at"] = row[5]
                entry["items"] = []
                sessions[row[0]] = entry
            if not sessions:
                return []
            items_query = select(*item_cols)
            if where:
                items_query = items_query.where(
                    SessionItemRow.session_id.in_(select(SessionRow.id).where(*where))
                )
            # No ORDER BY: PostgreSQL would sort 35,000 rows (on disk past work_mem); the rows
            # come back nearly in seq order anyway and are sorted per session below.
            result = conn.execute(items_query)
            if detailed:
                rows: list[Any] = list(result.all())
            else:
                # The plain columns need no type conversion except booleans (0/1 on SQLite),
                # so read the driver's tuples directly instead of building Row objects.
                rows = list(result.cursor.fetchall())
                result.close()
        items_of = {sid: entry["items"] for sid, entry in sessions.items()}
        if detailed:
            for sid, stretch, seq, side, held, planned, discomfort, pain, skipped, at in rows:
                items_of[sid].append(
                    {
                        "id": stretch,
                        "seq": seq,
                        "side": side,
                        "held_seconds": held,
                        "planned_seconds": planned,
                        "discomfort": discomfort,
                        "pain": pain,
                        "skipped": skipped,
                        "recorded_at": at,
                    }
                )
        else:
            for sid, stretch, seq, side, held, planned, discomfort, pain, skipped in rows:
                items_of[sid].append(
                    {
                        "id": stretch,
                        "seq": seq,
                        "side": side,
                        "held_seconds": held,
                        "planned_seconds": planned,
                        "discomfort": discomfort,
                        "pain": bool(pain),
                        "skipped": bool(skipped),
                    }
                )
        for items in items_of.values():
            items.sort(key=_by_seq)  # already in order almost always: linear time
        return list(sessions.values())

    # --- import --------------------------------------------------------------------------

    def import_session(self, record: Mapping[str, Any]) -> bool:
        """Insert a whole session (the `history(detailed=True)` shape, plus its raw `events`)
        in one transaction. False, storing nothing, when a session with that id already
        exists: importing the same export twice does not duplicate."""
        with self._sessions.begin() as s:
            return insert_session(s, record)

    def all_events(self) -> dict[str, list[dict[str, Any]]]:
        """Every session's raw events, by session id, in order (for export)."""
        out: dict[str, list[dict[str, Any]]] = {}
        cols = (
            SessionEventRow.session_id,
            SessionEventRow.seq,
            SessionEventRow.t,
            SessionEventRow.event,
            SessionEventRow.data,
        )
        with self._sessions() as s:
            rows = s.execute(
                select(*cols).order_by(SessionEventRow.session_id, SessionEventRow.seq)
            )
            for sid, seq, t, event, data in rows:
                out.setdefault(sid, []).append({"seq": seq, "t": t, "event": event, "data": data})
        return out

    # --- helpers -------------------------------------------------------------------------

    @staticmethod
    def _touch(s: Session, session_id: str, at: datetime) -> None:
        """A heartbeat. A session taken for dead (`interrupted`) that writes again was only
        quiet, e.g. a browser tab paused for a long time: it is `running` again."""
        revived = SessionRow.status == "interrupted"
        result = s.execute(
            update(SessionRow)
            .where(SessionRow.id == session_id)
            .values(
                heartbeat_at=at,
                status=case((revived, "running"), else_=SessionRow.status),
                ended_at=case((revived, None), else_=SessionRow.ended_at),
            )
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            raise UnknownSession(f"No session has the id '{session_id}'; start one first.")

    @staticmethod
    def _next_seq(s: Session, table: type[SessionItemRow] | type[SessionEventRow], sid: str) -> int:
        current = s.scalar(select(func.max(table.seq)).where(table.session_id == sid))
        return (current or 0) + 1


def insert_session(s: Session, record: Mapping[str, Any]) -> bool:
    """Add a whole ended session with its items and raw events within the caller's
    transaction; False (nothing added) when a session with that id is already stored."""
    status = record["status"]
    if status not in FINAL_STATUSES:
        raise ValueError(
            f"session '{record['id']}' has status '{status}'; only ended "
            f"sessions can be imported ({', '.join(FINAL_STATUSES)})."
        )
    started = _when(record["started_at"])
    ended = _when(record.get("ended_at"))
    if s.get(SessionRow, record["id"]) is not None:
        return False
    s.add(
        SessionRow(
            id=record["id"],
            started_at=started,
            ended_at=ended,
            status=status,
            routine=dict(record.get("routine") or {}),
            heartbeat_at=_when(record.get("heartbeat_at")) or ended or started,
        )
    )
    s.flush()
    for n, item in enumerate(record.get("items", ()), start=1):
        _check_item(item["side"], item.get("discomfort"))
        s.add(
            SessionItemRow(
                session_id=record["id"],
                seq=item.get("seq") or n,
                stretch_id=item["id"],
                side=item["side"],
                held_seconds=float(item["held_seconds"]),
                planned_seconds=float(item["planned_seconds"]),
                discomfort=item.get("discomfort"),
                pain=bool(item.get("pain", False)),
                skipped=bool(item.get("skipped", False)),
                recorded_at=_when(item.get("recorded_at")) or ended or started,
            )
        )
    for n, event in enumerate(record.get("events", ()), start=1):
        s.add(
            SessionEventRow(
                session_id=record["id"],
                seq=event.get("seq") or n,
                t=float(event["t"]),
                event=event["event"],
                data=dict(event.get("data") or {}),
            )
        )
    return True
