"""Guided sessions: their items (each hold, skip or pain stop), raw events and history.

Every call is its own short transaction, so a process killed mid-session loses at most the
write in progress. A live session heartbeats (every write counts; the terminal recorder also
beats while paused); one whose last heartbeat is older than `STALE_AFTER` is taken for dead and
marked `interrupted` when history, progress or a new session is read or started. A session in
another terminal or a browser that is still beating is left `running`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, literal, literal_column, select, union_all, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from supple.domain.progress import ProgressLog, RatedSession, rating_ends
from supple.domain.progression import Part
from supple.store.engine import writes
from supple.store.repositories import event_log, session_summary
from supple.store.repositories.event_log import NewItem
from supple.store.tables import (
    SIDES,
    SessionEventRow,
    SessionItemRow,
    SessionRow,
    SessionStretchRow,
)
from supple.store.times import STALE_AFTER, since_instant
from supple.store.types import EpochSeconds, JsonString, JsonTime, utcnow

FINAL_STATUSES = ("completed", "stopped", "interrupted")

RUNNING = SessionRow.status == literal_column("'running'")


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


#: The head of a session's entry in history's JSON document, up to its items, written by the
#: database (built once: making the expression costs more than running it on a short history).
_HISTORY_HEAD = (
    literal('{"id":')
    + JsonString(SessionRow.id)
    + literal(',"started_at":')
    + JsonTime(SessionRow.started_at)
    + literal(',"ended_at":')
    + JsonTime(SessionRow.ended_at)
    + literal(',"status":')
    + JsonString(SessionRow.status)
    + literal(',"items":')
)


def _rating_ends_query(stretch_ids: Iterable[str], ends: int) -> Any:
    """(stretch, is_first, rated_at, session, rating sum, items rated) of the first and the
    last `ends` sessions that rated each stretch, as one UNION ALL of short index walks."""
    r = SessionStretchRow
    walks = []
    for sid in stretch_ids:
        for is_first, order in (
            (True, (r.rated_at, r.session_id)),
            (False, (r.rated_at.desc(), r.session_id.desc())),
        ):
            walk = (
                select(
                    r.stretch_id,
                    literal(is_first).label("is_first"),
                    r.rated_at,
                    r.session_id,
                    r.rating_sum,
                    r.rated,
                )
                .where(r.stretch_id == sid, r.rated_at.is_not(None))
                .order_by(*order)
                .limit(ends)
                .subquery()
            )
            walks.append(select(walk))
    return union_all(*walks)


#: How many writes in this process gave a time of their own (a session started, or a
#: heartbeat, in the past, as tests and imports do): each one may make a session stale sooner
#: than SessionRepo's bound on it said.
_TIMED_WRITES = [0]


def _session_days(s: Session) -> dict[str, tuple[date, float]]:
    """Session id -> (the local day it started, its seconds held), for sessions summarised."""
    query = select(SessionRow.id, EpochSeconds(SessionRow.started_at), SessionRow.held_seconds)
    result = s.connection().execute(query.where(SessionRow.held_seconds.is_not(None)))
    rows = result.cursor.fetchall()
    result.close()
    local_day = date.fromtimestamp
    return {sid: (local_day(when), float(held)) for sid, when, held in rows}


def _stretch_sessions(s: Session, days: dict[str, tuple[date, float]]) -> dict[str, list[Part]]:
    r = SessionStretchRow
    query = select(r.stretch_id, r.session_id, r.rating_sum, r.rated, r.pains)
    result = s.connection().execute(query)
    rows = result.cursor.fetchall()
    result.close()
    out: dict[str, list[Part]] = {}
    day_of = {sid: day for sid, (day, _) in days.items()}
    for stretch, session, total, rated, pains in rows:
        day = day_of.get(session)
        if day is None:  # a session saved while this was read: next time
            continue
        into = out.get(stretch)
        if into is None:
            into = out[stretch] = []
        into.append((day, session, total / rated if rated else None, pains))
    return out


class SessionRepo:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        #: Until then no running session can be stale (mark_stale_running_as_interrupted),
        #: as long as no write gave a time of its own (_TIMED_WRITES unchanged).
        self._none_stale_before = (-1, datetime.min.replace(tzinfo=UTC))

    # --- lifecycle -----------------------------------------------------------------------

    @writes
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
        if started_at is not None:
            _TIMED_WRITES[0] += 1
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
                    # Its summaries start empty, so each hold appends to them at once.
                    items_doc="[]",
                    held_seconds=0.0,
                )
            )
        return sid

    @writes
    def heartbeat(self, session_id: str, at: datetime | None = None) -> None:
        """Record that the session is still alive (its end time if the process dies)."""
        if at is not None:
            _TIMED_WRITES[0] += 1
        self._log(session_id, at or utcnow(), None, None)

    @writes
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
        Returns their ids. Every read (history, progress) asks this first, so it only reads
        unless there is one: no write, and no turn among the writers, for a read."""
        at = now or utcnow()
        epoch, bound = self._none_stale_before
        if now is None and current_id is None and epoch == _TIMED_WRITES[0] and at < bound:
            return []
        epoch = _TIMED_WRITES[0]
        cutoff = at - STALE_AFTER
        with self._sessions() as s:
            oldest = s.scalar(select(func.min(SessionRow.heartbeat_at)).where(RUNNING))
        if oldest is None or oldest >= cutoff:
            # No running session can be taken for dead before the oldest heartbeat is stale:
            # heartbeats only move on, and a session started later beats later (here or in
            # another process), so until then a read needs not ask again.
            if now is None:
                self._none_stale_before = (epoch, (oldest or at) + STALE_AFTER)
            return []
        return self._interrupt_stale(cutoff, current_id)

    @writes
    def _interrupt_stale(self, cutoff: datetime, current_id: str | None) -> list[str]:
        with self._sessions.begin() as s:
            # The status as SQL text, not a parameter, so the partial index on running
            # sessions (ix_sessions_running) is used: its condition must match literally.
            query = select(SessionRow).where(RUNNING, SessionRow.heartbeat_at < cutoff)
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

    @writes
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
        if recorded_at is not None:
            _TIMED_WRITES[0] += 1
        item = NewItem(
            stretch_id, side, float(held_seconds), float(planned_seconds), discomfort, pain, skipped
        )
        seq, _ = self._log(session_id, now, None, item)
        assert seq is not None
        return seq

    @writes
    def log_event(
        self,
        session_id: str,
        t: float,
        event: str,
        data: Mapping[str, Any] | None = None,
        item: NewItem | None = None,
    ) -> int | None:
        """One player event in one transaction: its heartbeat, the hold, skip or pain stop it
        saves (`item`, with its summaries) and the raw event (`t` seconds since the session
        start), whose data keeps the item's number as `item`. Returns that number (None
        without an item). Once this returns the event is committed, so a process killed
        right after loses nothing of it."""
        if item is not None:
            _check_item(item.side, item.discomfort)
        seq, _ = self._log(session_id, utcnow(), (float(t), event, data or {}), item)
        return seq

    def _log(
        self,
        session_id: str,
        now: datetime,
        event: tuple[float, str, Mapping[str, Any]] | None,
        item: NewItem | None,
    ) -> tuple[int | None, int | None]:
        """event_log.write in one transaction of a Core connection (the engine's `begin`
        hook runs: a multi-user server's search path), then the ORM's `after_commit` hooks as
        an ORM commit would run them (the store's commit stamp): an ORM session's own
        begin and commit cost as much as the statements."""
        engine = self._engine
        with engine.begin() as conn:
            # A multi-user account's store names its schema through schema_translate_map,
            # which only compiled statements obey: the event log's fixed SQL needs the
            # account's schema as this transaction's search path (SET LOCAL ends with it).
            schema = (conn.get_execution_options().get("schema_translate_map") or {}).get(None)
            if schema is not None:
                from supple.store.shared import _checked

                cursor = conn.connection.dbapi_connection.cursor()
                try:
                    cursor.execute(f'SET LOCAL search_path TO "{_checked(schema)}"')
                finally:
                    cursor.close()
            try:
                written = event_log.write(
                    conn.connection.dbapi_connection,
                    conn.dialect.name,
                    session_id,
                    now,
                    event,
                    item,
                    _item_entry,
                )
            except event_log.SessionMissing:
                raise UnknownSession(
                    f"No session has the id '{session_id}'; start one first."
                ) from None
            except conn.dialect.loaded_dbapi.Error as e:
                # As SQLAlchemy would raise it, so `writes` knows a busy database and retries.
                raise DBAPIError.instance(
                    None, None, e, conn.dialect.loaded_dbapi.Error, dialect=conn.dialect
                ) from e
        self._committed()
        return written

    @property
    def _engine(self) -> Any:
        return self._sessions.kw["bind"]

    def _committed(self) -> None:
        """Run the `after_commit` listeners of this repository's sessions (sessionmaker
        events live on its Session class) for a commit made on a Core connection."""
        if self._sessions.class_.dispatch.after_commit:  # type: ignore[attr-defined]
            with self._sessions() as s:  # no connection: nothing but the listeners runs
                s.dispatch.after_commit(s)

    @writes
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
            session_summary.refresh(s, [session_id])

    def progress_log(self, ends: int) -> ProgressLog:
        """The session log as progress reads it (supple.domain.progress, which holds every rule),
        from the session summaries (session_summary.py) in four queries: the start and seconds
        held of every session; per stretch, how many sessions rated it and the first and last
        `ends` of those sessions in time order; and pain reports per stretch. Ten years of
        ratings are never sent."""
        self.fill_missing_summaries()
        done_q = (
            select(EpochSeconds(SessionRow.started_at), SessionRow.held_seconds)
            .where(SessionRow.held_seconds.is_not(None))
            # The index's own order (ix_sessions_started_at_held_seconds): adding the id to
            # break ties made SQLite sort, a third of the time.
            .order_by(SessionRow.started_at)
        )
        # A short index walk from each end of each stretch's rated sessions
        # (ix_session_stretches_ratings), all in one statement, beats one window query over
        # every rated session (75 ms on ten years of SQLite data) and a round trip per walk
        # (PostgreSQL). Its order is the domain's `RatedSession.order`.
        r = SessionStretchRow
        counts_q = (
            select(r.stretch_id, func.count(r.rated_at))
            .group_by(r.stretch_id)
            .having(func.count(r.rated_at) > 0)
        )
        pains_q = select(r.stretch_id, func.sum(r.pains)).where(r.pains > 0).group_by(r.stretch_id)
        with self._sessions() as s:
            # Plain numbers from the driver, no row objects: thousands of sessions. Weeks and
            # days are the user's local ones, not UTC's: fromtimestamp gives local time.
            result = s.connection().execute(done_q)
            local_day = date.fromtimestamp
            days = [(local_day(when), float(held)) for when, held in result.cursor.fetchall()]
            result.close()
            counts = {sid: int(n) for sid, n in s.execute(counts_q)}
            first: dict[str, list[RatedSession]] = {sid: [] for sid in counts}
            last: dict[str, list[RatedSession]] = {sid: [] for sid in counts}
            if counts:
                for sid, is_first, at, session, total, rated in s.execute(
                    _rating_ends_query(counts, ends)
                ):
                    rating = RatedSession(at, session, int(total), int(rated))
                    (first if is_first else last)[sid].append(rating)
            pains = {sid: int(n) for sid, n in s.execute(pains_q)}
        ratings = tuple(
            rating_ends(sid, counts[sid], first[sid], last[sid]) for sid in sorted(counts)
        )
        return ProgressLog(sessions=tuple(days), ratings=ratings, pain_reports=pains)

    def stretch_sessions(self) -> dict[str, list[Part]]:
        """Each stretch's sessions as progression reads them (supple.domain.progression): the
        (local) day the session started, its id, the average rating it gave the stretch (None
        when not rated) and its sharp-pain reports, in no particular order (the domain puts
        them in time order), from the session summaries."""
        self.fill_missing_summaries()
        with self._sessions() as s:
            return _stretch_sessions(s, _session_days(s))

    @writes
    def fill_missing_summaries(self) -> int:
        """Compute the summaries of sessions saved before they existed (migration 0003)."""
        with self._sessions() as s:
            if (
                s.scalar(select(SessionRow.id).where(SessionRow.items_doc.is_(None)).limit(1))
                is None
            ):
                return 0
        with self._sessions.begin() as s:
            return session_summary.fill_missing(s)

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

    @writes
    def add_event(
        self, session_id: str, t: float, event: str, data: Mapping[str, Any] | None = None
    ) -> int:
        """Append one raw player event (`t` seconds since the session start); it also counts
        as a heartbeat."""
        _, seq = self._log(session_id, utcnow(), (float(t), event, data or {}), None)
        assert seq is not None
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
        (for export)."""
        return self._load(self._since(since), detailed)

    def history_entries(self, since: date | datetime | None = None) -> list[tuple[str, str]]:
        """Each session's entry in history's JSON document, oldest first, as two pieces of
        text: its head ('{"id":...,"started_at":...,"ended_at":...,"status":...,"items":'),
        written by the database, and its stored items array (session_summary.py); the entry
        is head + items + '}'. Nothing is parsed or converted in Python, which is what keeps
        ten years of sessions within history's 100 ms (`history_document` in
        services/sessions.py). The two stay apart because joining long texts in SQL took
        PostgreSQL longer than Python takes."""
        self.fill_missing_summaries()
        query = select(_HISTORY_HEAD, func.coalesce(SessionRow.items_doc, literal("[]")))
        query = query.where(*self._since(since)).order_by(SessionRow.started_at, SessionRow.id)
        with self._sessions() as s:
            # The driver's own rows: the entries are ready-made text that needs no processing,
            # and SQLAlchemy's row objects cost a third of the time on ten years of sessions.
            result = s.connection().execute(query)
            rows: list[tuple[str, str]] = list(result.cursor.fetchall())
            result.close()
        return rows

    @staticmethod
    def _since(since: date | datetime | None) -> list[Any]:
        return [] if since is None else [SessionRow.started_at >= since_instant(since)]

    @staticmethod
    def _session_query(where: list[Any], *extra: Any) -> Any:
        cols = (SessionRow.id, SessionRow.started_at, SessionRow.ended_at, SessionRow.status)
        return select(*cols, *extra).where(*where).order_by(SessionRow.started_at, SessionRow.id)

    def _load(self, where: list[Any], detailed: bool) -> list[dict[str, Any]]:
        """Plain history parses each session's items document (one JSON text per session);
        `detailed` reads the item rows themselves, with what the document leaves out."""
        if not detailed:
            return [
                {"id": i, "started_at": a, "ended_at": b, "status": st, "items": json.loads(doc)}
                for i, a, b, st, doc in self._doc_rows(where)
            ]
        sessions: dict[str, dict[str, Any]] = {}
        with self._sessions() as s:
            query = self._session_query(where, SessionRow.routine, SessionRow.heartbeat_at)
            for sid, started, ended, status, routine, beat in s.execute(query):
                sessions[sid] = {
                    "id": sid,
                    "started_at": started,
                    "ended_at": ended,
                    "status": status,
                    "routine": routine,
                    "heartbeat_at": beat,
                    "items": [],
                }
            if not sessions:
                return []
            which = SessionItemRow.session_id.in_(select(SessionRow.id).where(*where))
            for sid, items in session_summary.read_items(s, which).items():
                sessions[sid]["items"] = items
        return list(sessions.values())

    def _doc_rows(self, where: list[Any]) -> list[tuple[str, datetime, datetime | None, str, str]]:
        self.fill_missing_summaries()
        with self._sessions() as s:
            rows = s.execute(self._session_query(where, SessionRow.items_doc))
            return [(i, start, end, status, doc or "[]") for i, start, end, status, doc in rows]

    # --- import --------------------------------------------------------------------------

    @writes
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


def _item_entry(
    item: NewItem, seq: int, discomfort: int | None, recorded_at: datetime
) -> tuple[str, Any]:
    return session_summary.item_entry(
        {
            "id": item.stretch_id,
            "seq": seq,
            "side": item.side,
            "held_seconds": item.held_seconds,
            "planned_seconds": item.planned_seconds,
            "discomfort": discomfort,
            "pain": bool(item.pain),
            "skipped": bool(item.skipped),
            "recorded_at": recorded_at,
        }
    )


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
    s.flush()
    session_summary.refresh(s, [record["id"]])
    return True
