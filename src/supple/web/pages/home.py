"""The home page: where a person stands (screen, plan gate, progress) and what to do next."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from supple.services import screening, sessions
from supple.services.profile import has_profile
from supple.web.gates import screen_refusal
from supple.web.templating import render, settings_of

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    settings = settings_of(request)
    result = screening.latest(settings)
    return render(
        request,
        "home.html",
        result=result,
        refusal=screen_refusal(settings) if result is not None else None,
        progress=sessions.progress(settings),
        has_profile=has_profile(settings),
    )
