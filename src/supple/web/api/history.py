"""GET /history and /progress (`supple history --json`, `supple progress --json`), taking the
weekly goal progress suggests, and pain checks (`supple pain checked`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict

from supple.domain.progress import Progress
from supple.services import pain, sessions
from supple.web.api.deps import SettingsDep
from supple.web.errors.body import NOT_FOUND, ErrorOut

router = APIRouter(tags=["history"])


class HistoryItem(BaseModel):
    id: str
    side: Literal["left", "right", "both"]
    held_seconds: float
    planned_seconds: float
    discomfort: int | None
    pain: bool
    skipped: bool


class HistorySession(BaseModel):
    id: str
    started_at: str
    ended_at: str | None
    status: Literal["running", "completed", "stopped", "interrupted"]
    items: list[HistoryItem]


@router.get("/history", response_model=list[HistorySession])
async def history(
    settings: SettingsDep,
    since: Annotated[date | None, Query(description="Only sessions from this day on.")] = None,
) -> Response:
    return Response(sessions.history_document(settings, since), media_type="application/json")


@router.get("/progress", response_model=Progress)
def progress(settings: SettingsDep) -> Progress:
    return sessions.progress(settings)


CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorOut, "description": "Nothing to take, or not today."}
}


@router.post("/progress/accept-goal", response_model=Progress, responses=CONFLICT)
def accept_goal(settings: SettingsDep) -> Progress:
    """Take the weekly goal `goal_suggestion` offers (409 `goal.no-suggestion` when none is);
    the answer is progress under the new goal."""
    return sessions.accept_goal(settings)


class PainCheckBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    stretch: str
    """The stretch's id or name, as people type it."""
    reason: Literal["professional", "settled"]


class PainCheckDone(BaseModel):
    id: str
    name: str
    reason: Literal["professional", "settled"]
    checked_at: str
    pain_day: str


class PainWaiting(BaseModel):
    id: str
    reported_at: str


@router.get("/pain-checks", response_model=list[PainWaiting])
def pain_waiting(settings: SettingsDep) -> list[PainWaiting]:
    """The stretches left out after sharp pain, waiting to be marked checked."""
    return [
        PainWaiting(id=sid, reported_at=at.isoformat())
        for sid, at in sorted(pain.waiting(settings).items(), key=lambda kv: kv[1])
    ]


@router.post(
    "/pain-checks",
    response_model=PainCheckDone,
    status_code=201,
    responses={**CONFLICT, **NOT_FOUND},
)
def pain_checked(settings: SettingsDep, body: PainCheckBody) -> PainCheckDone:
    """Mark a stretch checked after sharp pain: plans bring it back at its easier version and
    lowest dose. 409 `pain.same-day` on the day of the pain, 409 `pain.no-report` when none
    is waiting, 404 for an unknown stretch."""
    return PainCheckDone(**pain.mark_checked(settings, body.stretch, body.reason))
