"""Sessions played in the browser: the player runs there and sends each event as it happens,
so every request here is stateless; what the terminal recorder keeps in memory (the timeline,
the items of each stretch) is rebuilt from the store.

The events go through `session_log.record_event`, the same code as `supple start`'s log.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from supple.domain.problems import Kind, Problem, code
from supple.domain.routine import Routine
from supple.services.session_log import ENDING_EVENTS, planned_hold_seconds, record_event

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.domain.timeline import Timeline

#: The raw event the server writes first: it keeps the time scale the timeline was built with,
#: so the timeline can be rebuilt exactly when the page reloads.
CREATED_EVENT = "created"


UNKNOWN_SESSION = code("session.unknown", Kind.NOT_FOUND, field="session")
EVENT_NEEDS_STEP = code("session.event-needs-step", field="step")
STEP_RANGE = code("session.step-range", field="step")
WRONG_STRETCH = code("session.wrong-stretch", field="stretch")
WRONG_SIDE = code("session.wrong-side", field="side")
NOT_A_STRETCH = code("session.not-a-stretch", field="step")
NEEDS_DISCOMFORT = code("session.needs-discomfort", field="discomfort")
NEEDS_STRETCH_ID = code("session.needs-stretch-id", field="stretch")


class SessionProblem(Problem):
    """An event that does not fit the session (HTTP 422); `field` names the bad part."""


class SessionGone(Problem):
    """No session has that id (HTTP 404)."""


def compile_for(settings: Settings, routine: Routine, time_scale: float) -> Timeline:
    """The timeline of a routine (TimelineError when it cannot be played)."""
    from supple.domain.timeline import compile_timeline
    from supple.services.catalog import full_catalog

    return compile_timeline(routine, full_catalog(settings), time_scale)


def create(settings: Settings, routine: Routine, time_scale: float = 1.0) -> tuple[str, Timeline]:
    """Open a `running` session for the routine; returns its id and the timeline to play."""
    from supple.services.context import store_for

    timeline = compile_for(settings, routine, time_scale)
    repo = store_for(settings).sessions
    session_id = repo.start(routine.model_dump(mode="json"))
    repo.add_event(
        session_id,
        0.0,
        CREATED_EVENT,
        {"time_scale": time_scale, "total": timeline.total, "by": "web"},
    )
    return session_id, timeline


def state(settings: Settings, session_id: str) -> dict[str, Any]:
    """Everything a reloaded page needs to resume: the routine, its timeline, the items and
    events saved so far, and the `t` of the last event."""
    from supple.domain.routine import Routine
    from supple.services.catalog import has_database
    from supple.services.context import store_for

    if not has_database(settings):
        raise SessionGone(UNKNOWN_SESSION, given=session_id)
    repo = store_for(settings).sessions
    row = repo.get(session_id)
    if row is None:
        raise SessionGone(UNKNOWN_SESSION, given=session_id)
    events = repo.events(session_id)
    routine = Routine.model_validate(row["routine"])
    timeline = compile_for(settings, routine, _time_scale(events))
    keep = ("id", "seq", "side", "held_seconds", "planned_seconds", "discomfort", "pain", "skipped")
    return {
        "id": row["id"],
        "status": row["status"],
        "started_at": row["started_at"].isoformat(),
        "ended_at": row["ended_at"].isoformat() if row["ended_at"] else None,
        "time_scale": _time_scale(events),
        "routine": routine.model_dump(mode="json"),
        "timeline": timeline.to_json(),
        "items": [{k: i[k] for k in keep} for i in row["items"]],
        "events": [
            {"seq": e["seq"], "t": e["t"], "event": e["event"], **e["data"]} for e in events
        ],
        "last_t": max((e["t"] for e in events), default=0.0),
        "how_to": how_to(settings, routine),
    }


def how_to(settings: Settings, routine: Routine) -> dict[str, list[str]]:
    """Stretch id -> its catalog steps, for every stretch of the routine: what the player shows
    during the hold (the terminal player shows the same steps from the same catalog)."""
    from supple.services.catalog import full_catalog

    catalog = full_catalog(settings)
    return {
        s.id: list(catalog.get(s.id).steps)
        for s in routine.steps
        if s.kind == "stretch" and s.id is not None and s.id in catalog
    }


def _time_scale(events: list[dict[str, Any]]) -> float:
    created = next((e for e in events if e["event"] == CREATED_EVENT), None)
    return float(created["data"].get("time_scale", 1.0)) if created else 1.0


@dataclass(frozen=True)
class _Played:
    """What every event of a session needs and never changes after its creation."""

    routine: Routine
    planned: dict[tuple[int, str], float]


#: Session id -> its routine and planned holds, so an event costs two small writes rather than
#: reloading the routine and recompiling its timeline (bounded; a miss just reloads).
_played: OrderedDict[tuple[str, str], _Played] = OrderedDict()
_PLAYED_MAX = 64


def _played_for(settings: Settings, session_id: str) -> _Played:
    from supple.domain.routine import Routine
    from supple.services.context import store_for

    key = (settings.database_url, session_id)
    found = _played.get(key)
    if found is not None:
        return found
    repo = store_for(settings).sessions
    row = repo.get(session_id, detailed=True)
    if row is None:
        raise SessionGone(UNKNOWN_SESSION, given=session_id)
    routine = Routine.model_validate(row["routine"])
    timeline = compile_for(settings, routine, _time_scale(repo.events(session_id)))
    played = _Played(routine, dict(planned_hold_seconds(timeline)))
    _played[key] = played
    while len(_played) > _PLAYED_MAX:
        _played.popitem(last=False)
    return played


def append_event(settings: Settings, session_id: str, event: dict[str, Any]) -> dict[str, Any]:
    """Check one player event against the session's routine and write it as the terminal
    recorder would. Returns {item, status}: the saved item's number (for a hold, skip or
    pain stop), and for `finished` / `stopped` the session's status afterwards (else None)."""
    from supple.services.context import store_for
    from supple.store import UnknownSession

    repo = store_for(settings).sessions
    played = _played_for(settings, session_id)
    name = event["event"]
    if name == "heartbeat":
        # The open page says it is still there (a long pause sends nothing else): no log
        # entry, only the session's sign of life, so it is not taken for dead.
        try:
            repo.heartbeat(session_id)
        except UnknownSession as e:
            raise SessionGone(UNKNOWN_SESSION, given=session_id) from e
        return {"item": None, "status": None}
    step = event.get("step")
    _check_fits(played.routine, name, step, event)
    data = {
        k: v
        for k, v in event.items()
        if k not in ("event", "t", "step", "id", "side", "scheduled") and v is not None
    }

    def items_of_step(n: int) -> list[int]:
        return [
            int(e["data"]["item"])
            for e in repo.events(session_id)
            if e["data"].get("step") == n and e["data"].get("item") is not None
        ]

    try:
        item = record_event(
            repo,
            session_id,
            name,
            float(event["t"]),
            step,
            event.get("id"),
            event.get("side"),
            event.get("scheduled"),
            data,
            planned=played.planned,
            items_of_step=items_of_step,
            # A stretch rated before its hold ended (as the terminal allows): later holds get
            # it, from the stored `rated` events, read in the event's own transaction.
            stored_ratings=True,
        )
    except UnknownSession as e:
        raise SessionGone(UNKNOWN_SESSION, given=session_id) from e
    status = None
    if name in ENDING_EVENTS:
        row = repo.get(session_id, detailed=False)
        status = row["status"] if row else None
        if status == "running":
            status = ENDING_EVENTS[name]
            repo.finish(session_id, status)
    return {"item": item, "status": status}


def _check_fits(routine: Routine, name: str, step: int | None, event: dict[str, Any]) -> None:
    """The event's step, id and side must be those of the routine. A pain report during a
    change of position is kept as a raw event, as the terminal does (no item to save)."""
    needs_stretch = name in ("hold-complete", "rated")
    if step is None:
        if needs_stretch:
            raise SessionProblem(EVENT_NEEDS_STEP, event=name)
        return
    if not 0 <= step < len(routine.steps):
        raise SessionProblem(STEP_RANGE, given=step, high=len(routine.steps) - 1)
    planned = routine.steps[step]
    given = event.get("id")
    if given is not None and given != planned.id:
        raise SessionProblem(
            WRONG_STRETCH, given=given, step=step, name=planned.name or planned.id or ""
        )
    side = event.get("side")
    if side is not None and side != "both" and planned.sides and side not in planned.sides:
        raise SessionProblem(WRONG_SIDE, given=side, step=step, sides=list(planned.sides))
    if needs_stretch and planned.id is None:
        raise SessionProblem(NOT_A_STRETCH, given=step, event=name)
    if name == "rated" and event.get("discomfort") is None:
        raise SessionProblem(NEEDS_DISCOMFORT, low=0, high=10)
    if name == "hold-complete" and given is None:
        raise SessionProblem(NEEDS_STRETCH_ID, event=name)


def finish(settings: Settings, session_id: str, status: str) -> dict[str, Any]:
    """End a running session (completed, stopped or interrupted); ending an ended session
    changes nothing. Returns {id, status, ended_at}."""
    from supple.services.context import store_for

    repo = store_for(settings).sessions
    row = repo.get(session_id, detailed=False)
    if row is None:
        raise SessionGone(UNKNOWN_SESSION, given=session_id)
    if row["status"] == "running":
        repo.finish(session_id, status)
        row = repo.get(session_id, detailed=False)
        assert row is not None
    return {
        "id": session_id,
        "status": row["status"],
        "ended_at": row["ended_at"].isoformat() if row["ended_at"] else None,
    }
