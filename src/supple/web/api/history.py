"""GET /history and /progress (`supple history --json`, `supple progress --json`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from supple.domain.progress import Progress
from supple.services import sessions
from supple.web.api.deps import SettingsDep

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
