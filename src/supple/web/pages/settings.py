"""The settings page: the voice the player uses and where the data lives."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from supple.web import audio
from supple.web.templating import render, settings_of
from supple.web.voice import voice_mode

router = APIRouter(include_in_schema=False)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request) -> HTMLResponse:
    settings = settings_of(request)
    return render(
        request,
        "settings.html",
        voice_mode=voice_mode(settings),
        espeak=audio.espeak_path(),
        home=settings.home,
    )
