"""One player event as one transaction of a few prepared statements (SessionRepo.log_event).

A browser playing a session posts every event as it happens, and a server with many people
playing at once must answer each within a few milliseconds (issue #11: 32 clients, p99 under
100 ms). Building SQLAlchemy statements for each event cost several milliseconds of Python,
more than the database's work, so this module sends fixed SQL text straight to the driver's
cursor, inside the ORM session's transaction (which keeps its hooks: the multi-user server's
search path, the store's commit stamp). In that one transaction:

1. the session's row is written first (its heartbeat; a session taken for dead is `running`
   again). That locks the row (PostgreSQL's row lock, SQLite's write lock), so two events of
   one session take turns and each statement after it sees the other's committed rows;
2. for a hold, skip or pain stop: the item, numbered max(seq) + 1 by the database
   (INSERT ... SELECT ... RETURNING), and its share of the summaries (session_summary.py): the
   items document and seconds held appended to, and the stretch's tally added to (an upsert);
3. the raw event, numbered the same way.

Values are converted here as the column types convert them (store/types.py): SQLite keeps
times as naive UTC text 'YYYY-MM-DD HH:MM:SS.ffffff' and booleans as 0/1; JSON is text on
SQLite and JSONB on PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

#: {p} is the driver's placeholder (sqlite3: ?, psycopg: %s); {json} the JSON parameter.
_TOUCH = """
UPDATE sessions SET heartbeat_at = {p},
    status = CASE WHEN status = 'interrupted' THEN 'running' ELSE status END,
    ended_at = CASE WHEN status = 'interrupted' THEN NULL ELSE ended_at END
WHERE id = {p}"""

_INSERT_ITEM = """
INSERT INTO session_items (session_id, seq, stretch_id, side, held_seconds, planned_seconds,
    discomfort, pain, skipped, recorded_at)
SELECT {p}, coalesce(max(seq), 0) + 1, {p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}
FROM session_items WHERE session_id = {p}
RETURNING seq"""

# '[...]' + the new item: drop the closing bracket, add a comma unless the array was empty.
# Summaries not computed yet (NULL, before migration 0003) stay NULL for `fill_missing`.
_APPEND_SUMMARY = """
UPDATE sessions SET
    items_doc = CASE WHEN items_doc = '[]' THEN '[' || {p} || ']'
        ELSE substr(items_doc, 1, length(items_doc) - 1) || ',' || {p} || ']' END,
    held_seconds = held_seconds + {p}
WHERE id = {p}"""

# `Tally.__add__` in SQL, so the database adds up; the earliest rating time is kept.
_ADD_STRETCH = """
INSERT INTO session_stretches (session_id, stretch_id, rated, rating_sum, rated_at, pains)
VALUES ({p}, {p}, {p}, {p}, {p}, {p})
ON CONFLICT (session_id, stretch_id) DO UPDATE SET
    rated = session_stretches.rated + excluded.rated,
    rating_sum = session_stretches.rating_sum + excluded.rating_sum,
    pains = session_stretches.pains + excluded.pains,
    rated_at = CASE
        WHEN excluded.rated_at IS NULL THEN session_stretches.rated_at
        WHEN session_stretches.rated_at IS NULL
            OR session_stretches.rated_at > excluded.rated_at THEN excluded.rated_at
        ELSE session_stretches.rated_at END"""

_INSERT_EVENT = """
INSERT INTO session_events (session_id, seq, t, event, data)
SELECT {p}, coalesce(max(seq), 0) + 1, {p}, {p}, {json}
FROM session_events WHERE session_id = {p}
RETURNING seq"""

_RATINGS = """
SELECT data FROM session_events WHERE session_id = {p} AND event = 'rated' ORDER BY seq"""


# PostgreSQL: the whole transaction in one round trip (psycopg's pipeline mode), so nothing
# may wait for an answer: the item's number, and its rating when stored events give it, are
# read back from the item row by the statements after it (the session's lock makes the
# session's last item ours). `{discomfort}` is the item's rating, or the last one the session's
# raw `rated` events gave its step.
_PG_DISCOMFORT = """coalesce(%(discomfort)s::int, (
    SELECT (e.data->>'discomfort')::int FROM session_events e
    WHERE e.session_id = %(sid)s AND e.event = 'rated' AND e.data->'step' = to_jsonb(%(step)s::int)
        AND e.data->>'discomfort' IS NOT NULL
    ORDER BY e.seq DESC LIMIT 1))"""

_PG_INSERT_ITEM = f"""
INSERT INTO session_items (session_id, seq, stretch_id, side, held_seconds, planned_seconds,
    discomfort, pain, skipped, recorded_at)
SELECT %(sid)s, coalesce(max(seq), 0) + 1, %(stretch)s, %(side)s, %(held)s, %(planned)s,
    {_PG_DISCOMFORT}, %(pain)s, %(skipped)s, %(at)s
FROM session_items WHERE session_id = %(sid)s
RETURNING seq"""

_PG_LAST_ITEM = "FROM session_items WHERE session_id = %(sid)s ORDER BY seq DESC LIMIT 1"

_PG_APPEND_SUMMARY = f"""
UPDATE sessions SET
    items_doc = CASE WHEN items_doc = '[]' THEN '[' || last.doc || ']'
        ELSE substr(items_doc, 1, length(items_doc) - 1) || ',' || last.doc || ']' END,
    held_seconds = held_seconds + %(held_tally)s
FROM (SELECT %(head)s || seq::text || %(middle)s || coalesce(discomfort::text, 'null')
    || %(tail)s AS doc {_PG_LAST_ITEM}) AS last
WHERE sessions.id = %(sid)s"""

_PG_ADD_STRETCH = f"""
INSERT INTO session_stretches (session_id, stretch_id, rated, rating_sum, rated_at, pains)
SELECT session_id, stretch_id, CASE WHEN discomfort IS NULL THEN 0 ELSE 1 END,
    coalesce(discomfort, 0), CASE WHEN discomfort IS NULL THEN NULL ELSE recorded_at END,
    %(pains)s {_PG_LAST_ITEM}""" + _ADD_STRETCH[_ADD_STRETCH.index("ON CONFLICT") - 1 :]

_PG_INSERT_EVENT = """
INSERT INTO session_events (session_id, seq, t, event, data)
SELECT %(sid)s, coalesce(max(seq), 0) + 1, %(t)s, %(name)s, %(data)s::jsonb{item}
FROM session_events WHERE session_id = %(sid)s
RETURNING seq"""

_PG_EVENT_ITEM = """ || jsonb_build_object('item',
    (SELECT max(seq) FROM session_items WHERE session_id = %(sid)s))"""

_PG_TOUCH = _TOUCH.format(p="%s").replace("%s", "%(at)s", 1).replace("%s", "%(sid)s").strip()

#: Markers for the item's number and rating in its items-document entry, split around them.
_SEQ_MARK, _RATING_MARK = 987654321987654321, 876543219876543219


def _pg(text: str) -> str:
    # A parameter named twice is one parameter to the server: one type for all its uses.
    return text.replace("%(sid)s", "%(sid)s::varchar").strip()


_PG = {
    "touch": _pg(_PG_TOUCH),
    "item": _pg(_PG_INSERT_ITEM),
    "summary": _pg(_PG_APPEND_SUMMARY),
    "stretch": _pg(_PG_ADD_STRETCH),
    "event": _pg(_PG_INSERT_EVENT.format(item="")),
    "event with item": _pg(_PG_INSERT_EVENT.format(item=_PG_EVENT_ITEM)),
}


@dataclass(frozen=True)
class _Dialect:
    touch: str
    insert_item: str
    append_summary: str
    add_stretch: str
    insert_event: str
    ratings: str
    sqlite: bool

    @classmethod
    def of(cls, name: str) -> _Dialect:
        sqlite = name == "sqlite"
        p, doc = ("?", "?") if sqlite else ("%s", "%s::jsonb")

        def sql(text: str) -> str:
            return text.format(p=p, json=doc).strip()

        return cls(
            touch=sql(_TOUCH),
            insert_item=sql(_INSERT_ITEM),
            append_summary=sql(_APPEND_SUMMARY),
            add_stretch=sql(_ADD_STRETCH),
            insert_event=sql(_INSERT_EVENT),
            ratings=sql(_RATINGS),
            sqlite=sqlite,
        )


_DIALECTS = {name: _Dialect.of(name) for name in ("sqlite", "postgresql")}


@dataclass(frozen=True)
class NewItem:
    """A hold, skip or pain stop to save with its event. `discomfort` None with `rating_step`
    given: the latest rating the session's raw events gave that step, if any (a stretch rated
    before its hold ended gets it on its later holds too)."""

    stretch_id: str
    side: str
    held_seconds: float
    planned_seconds: float
    discomfort: int | None = None
    pain: bool = False
    skipped: bool = False
    rating_step: int | None = None


class SessionMissing(LookupError):
    """The session's row is not there (SessionRepo turns it into UnknownSession)."""


def _time(value: datetime, sqlite: bool) -> Any:
    if value.tzinfo is None:
        raise ValueError(f"datetime {value!r} has no time zone; pass an aware datetime")
    value = value.astimezone(UTC)
    # SQLAlchemy's SQLite DateTime text, which every stored time uses.
    return value.replace(tzinfo=None).isoformat(" ", "microseconds") if sqlite else value


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def latest_rating(rows: list[tuple[Any]], step: int, sqlite: bool) -> int | None:
    """The discomfort of the last `rated` event of `step`, from their data in seq order."""
    found = None
    for (data,) in rows:
        doc = json.loads(data) if sqlite or isinstance(data, str | bytes) else data
        if doc.get("step") == step and doc.get("discomfort") is not None:
            found = int(doc["discomfort"])
    return found


def write(
    dbapi_connection: Any,
    dialect_name: str,
    session_id: str,
    now: datetime,
    event: tuple[float, str, Mapping[str, Any]] | None,
    item: NewItem | None,
    item_doc: Any,
) -> tuple[int | None, int | None]:
    """The statements of one event on the transaction's own driver connection (the caller
    commits). `item_doc(item, seq, discomfort, recorded_at)` gives (the item's entry in the
    items document as JSON text, its Tally). Returns (item seq, event seq)."""
    if dialect_name == "postgresql" and (event is not None or item is not None):
        return _write_pipelined(dbapi_connection, session_id, now, event, item, item_doc)
    d = _DIALECTS[dialect_name]
    sqlite = d.sqlite
    at = _time(now, sqlite)
    cur = dbapi_connection.cursor()
    try:
        cur.execute(d.touch, (at, session_id))
        if cur.rowcount == 0:
            raise SessionMissing(session_id)
        seq = None
        data = dict(event[2]) if event is not None else {}
        if item is not None:
            discomfort = item.discomfort
            if discomfort is None and item.rating_step is not None:
                cur.execute(d.ratings, (session_id,))
                discomfort = latest_rating(cur.fetchall(), item.rating_step, sqlite)
            pain, skipped = (
                (int(item.pain), int(item.skipped)) if sqlite else (item.pain, item.skipped)
            )
            cur.execute(
                d.insert_item,
                (
                    session_id,
                    item.stretch_id,
                    item.side,
                    item.held_seconds,
                    item.planned_seconds,
                    discomfort,
                    pain,
                    skipped,
                    at,
                    session_id,
                ),
            )
            seq = int(cur.fetchone()[0])
            doc, tally = item_doc(item, seq, discomfort, now)
            cur.execute(d.append_summary, (doc, doc, tally.held, session_id))
            rated_at = None if tally.rated_at is None else _time(tally.rated_at, sqlite)
            cur.execute(
                d.add_stretch,
                (session_id, item.stretch_id, tally.rated, tally.rating_sum, rated_at, tally.pains),
            )
            data["item"] = seq
        event_seq = None
        if event is not None:
            t, name, _ = event
            cur.execute(d.insert_event, (session_id, float(t), name, _json(data), session_id))
            event_seq = int(cur.fetchone()[0])
        return seq, event_seq
    finally:
        cur.close()


def _write_pipelined(
    connection: Any,
    session_id: str,
    now: datetime,
    event: tuple[float, str, Mapping[str, Any]] | None,
    item: NewItem | None,
    item_doc: Any,
) -> tuple[int | None, int | None]:
    """`write` on PostgreSQL: every statement sent at once, the answers read at the end."""
    import psycopg

    at = now.astimezone(UTC)
    params: dict[str, Any] = {"sid": session_id, "at": at}
    cursors = [connection.cursor() for _ in range(3)]
    touched, saved, logged = cursors
    try:
        try:
            with connection.pipeline():
                touched.execute(_PG["touch"], params)
                if item is not None:
                    _, tally = item_doc(item, _SEQ_MARK, None, now)
                    marked, _ = item_doc(item, _SEQ_MARK, _RATING_MARK, now)
                    head, rest = marked.split(f'"seq":{_SEQ_MARK}', 1)
                    middle, tail = rest.split(f'"discomfort":{_RATING_MARK}', 1)
                    params.update(
                        stretch=item.stretch_id,
                        side=item.side,
                        held=item.held_seconds,
                        planned=item.planned_seconds,
                        discomfort=item.discomfort,
                        step=item.rating_step if item.discomfort is None else None,
                        pain=bool(item.pain),
                        skipped=bool(item.skipped),
                        held_tally=tally.held,
                        pains=tally.pains,
                        head=head + '"seq":',
                        middle=middle + '"discomfort":',
                        tail=tail,
                    )
                    saved.execute(_PG["item"], params)
                    touched.execute(_PG["summary"], params)
                    touched.execute(_PG["stretch"], params)
                if event is not None:
                    t, name, data = event
                    params.update(t=float(t), name=name, data=_json(dict(data)))
                    logged.execute(_PG["event with item" if item else "event"], params)
                # The commit too, in the same round trip: once the pipeline's answers are in,
                # the event is committed (the caller's commit then finds nothing to do).
                touched.execute("COMMIT")
        except psycopg.errors.ForeignKeyViolation as e:
            raise SessionMissing(session_id) from e
        seq = int(saved.fetchone()[0]) if item is not None else None
        event_seq = int(logged.fetchone()[0]) if event is not None else None
        return seq, event_seq
    finally:
        for c in cursors:
            c.close()
