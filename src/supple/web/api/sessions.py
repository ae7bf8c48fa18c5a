"""Sessions played in the browser: create (routine + timeline), append player events as they
happen, finish, and read back everything to resume after a reload."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel, ConfigDict, Field, Strict, model_validator

from supple.domain.limits import Discomfort, Seconds
from supple.domain.numbers import WHOLE
from supple.domain.routine import Routine
from supple.services import planning, web_sessions
from supple.services.planning import PlanOptions, build_plan
from supple.web.api.deps import SettingsDep, json_response
from supple.web.api.limits import check_routine
from supple.web.errors.body import NOT_FOUND, REFUSED, ApiError
from supple.wording.i18n import _

router = APIRouter(tags=["sessions"])

SessionId = Annotated[str, Path(max_length=36, description="The id POST /sessions returned.")]

EventName = Literal[
    "started",
    "segment-start",
    "hold-complete",
    "paused",
    "resumed",
    "skipped",
    "back",
    "pain",
    "rated",
    "error",
    "finished",
    "stopped",
    "heartbeat",
]
SegmentKindName = Literal[
    "warmup", "transition", "prepare", "breathe-in", "hold", "breathe-out", "switch", "rest"
]


class SegmentOut(BaseModel):
    """One timed segment (`Timeline.to_json()`, docs/session.md)."""

    index: int
    kind: SegmentKindName
    start: float
    duration: float
    end: float
    step: int
    id: str | None
    side: Literal["left", "right", "both"]
    rep: int
    cue: str
    source: str
    name: str
    cues: list[str]
    hold_group: int | None
    note: str | None


class NewSession(BaseModel):
    """Exactly one of: a `routine` (as POST /plan returned it), a saved `routine_name`, or plan
    `options` (plan one now)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    routine: Routine | None = None
    routine_name: str | None = Field(default=None, min_length=1, max_length=200)
    options: PlanOptions | None = None
    time_scale: float = Field(
        default=1.0, gt=0, le=10, description="Multiply every duration (demos, tests)."
    )

    @model_validator(mode="after")
    def _one_source(self) -> NewSession:
        given = [x for x in (self.routine, self.routine_name, self.options) if x is not None]
        if len(given) != 1:
            raise ValueError(_("give exactly one of routine, routine_name or options"))
        return self


class SessionCreated(BaseModel):
    id: str
    routine: Routine
    timeline: list[SegmentOut]
    time_scale: float
    total: float


#: A step of the routine (0-based), for `step` and `to_step`.
StepIndex = Annotated[int, Strict(), Field(ge=0, le=10_000), WHOLE]


class PlayerEvent(BaseModel):
    """One event of the page's player, sent as it happens (same names as the terminal
    player's events, docs/session.md)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, strict=True)

    event: EventName
    t: Seconds = Field(description="Seconds since the session start.")
    scheduled: Seconds | None = None
    step: StepIndex | None = None
    id: str | None = Field(default=None, max_length=100)
    side: Literal["left", "right", "both"] | None = None
    kind: SegmentKindName | None = None
    segment: Annotated[int, Strict(), Field(ge=0, le=1_000_000), WHOLE] | None = None
    rep: Annotated[int, Strict(), Field(ge=0, le=1000), WHOLE] | None = None
    held_seconds: Seconds | None = None
    planned_seconds: Seconds | None = None
    paused_seconds: Seconds | None = None
    discomfort: Discomfort | None = None
    to_step: StepIndex | None = None
    message: str | None = Field(default=None, max_length=500)


class EventSaved(BaseModel):
    item: int | None = Field(description="The saved item's number, for a hold, skip or pain.")
    status: Literal["running", "completed", "stopped", "interrupted"] | None = Field(
        description="After `finished` or `stopped`: the session's status; else null."
    )


class FinishBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    status: Literal["completed", "stopped", "interrupted"] = "completed"


class Finished(BaseModel):
    id: str
    status: Literal["running", "completed", "stopped", "interrupted"]
    ended_at: str | None


class ItemOut(BaseModel):
    id: str
    seq: int
    side: Literal["left", "right", "both"]
    held_seconds: float
    planned_seconds: float
    discomfort: int | None
    pain: bool
    skipped: bool


class SessionState(BaseModel):
    id: str
    status: Literal["running", "completed", "stopped", "interrupted"]
    started_at: str
    ended_at: str | None
    time_scale: float
    routine: Routine
    timeline: list[SegmentOut]
    items: list[ItemOut]
    events: list[dict[str, Any]]
    last_t: float
    how_to: dict[str, list[str]] = Field(
        default={}, description="Stretch id -> how to do it (its steps), shown during the hold."
    )


@router.post(
    "/sessions", response_model=SessionCreated, status_code=201, responses={**REFUSED, **NOT_FOUND}
)
def create(settings: SettingsDep, body: NewSession) -> dict[str, Any]:
    if body.routine_name is not None:
        try:
            routine = planning.checked_saved_routine(settings, body.routine_name)
        except LookupError:
            raise ApiError(
                404,
                "api.unknown-routine",
                _('No routine is saved as "{name}"; GET /api/v1/routines lists them.').format(
                    name=body.routine_name
                ),
                "routine_name",
                given=body.routine_name,
            ) from None
    elif body.options is not None:
        routine = build_plan(settings, body.options)
    else:
        assert body.routine is not None
        routine = body.routine
        check_routine(routine)
        planning.check_allowed(settings, routine, "This routine")
    session_id, timeline = web_sessions.create(settings, routine, body.time_scale)
    return {
        "id": session_id,
        "routine": routine,
        "timeline": timeline.to_json(),
        "time_scale": body.time_scale,
        "total": timeline.total,
    }


@router.get("/sessions/{session_id}", response_model=SessionState, responses=NOT_FOUND)
def resume(settings: SettingsDep, session_id: SessionId) -> dict[str, Any]:
    return web_sessions.state(settings, session_id)


@router.post(
    "/sessions/{session_id}/events",
    response_model=EventSaved,
    status_code=201,
    responses=NOT_FOUND,
)
async def add_event(settings: SettingsDep, session_id: SessionId, event: PlayerEvent) -> Response:
    # Every player posts each event as it happens, so many arrive at once: they queue here,
    # in order, for a few writer threads (`_EVENT_WRITERS`), instead of each taking one of the
    # server's forty threads to wait for the database's turn (which made a convoy whose last
    # writer waited for all the others, and the thread pool's time for every other route).
    loop = asyncio.get_running_loop()
    saved = await loop.run_in_executor(
        _event_writers(settings.database_url),
        web_sessions.append_event,
        settings,
        session_id,
        event.model_dump(exclude_none=True),
    )
    return json_response(saved, status_code=201)


#: Writer threads per backend: SQLite writes one at a time anyway, so two (one writing, one
#: getting ready) hand the turn over without a crowd; PostgreSQL writes side by side, and
#: more threads overlap more of its round trips.
_WRITERS = {"sqlite": 2, "postgresql": 8}
_EVENT_WRITERS: dict[str, ThreadPoolExecutor] = {}


def _event_writers(database_url: str) -> ThreadPoolExecutor:
    backend = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    pool = _EVENT_WRITERS.get(backend)
    if pool is None:
        pool = _EVENT_WRITERS.setdefault(
            backend,
            ThreadPoolExecutor(max_workers=_WRITERS[backend], thread_name_prefix="supple-events"),
        )
    return pool


@router.post("/sessions/{session_id}/finish", response_model=Finished, responses=NOT_FOUND)
def finish(settings: SettingsDep, session_id: SessionId, body: FinishBody) -> dict[str, Any]:
    return web_sessions.finish(settings, session_id, body.status)
