"""The session player page and the spoken cues it plays (espeak-ng, when installed)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from supple.player.safety import pain_panel
from supple.web import audio
from supple.web.gates import urgent
from supple.web.templating import render, settings_of
from supple.web.voice import voice_mode
from supple.wording.i18n import _

router = APIRouter(include_in_schema=False)


@router.get("/session", response_class=HTMLResponse)
def session_page(request: Request) -> HTMLResponse:
    settings = settings_of(request)
    emergency = urgent(settings)
    if emergency is not None:
        return render(request, "urgent.html", result=emergency)
    return render(request, "session.html", voice_mode=voice_mode(settings), pain=pain_panel())


@router.get("/audio/cue.wav", response_model=None)
def cue_audio(request: Request, text: str = "") -> Response:
    try:
        path = audio.render_cue(settings_of(request).home / "audio", text)
    except audio.CueTextError as e:
        return Response(str(e), status_code=422, media_type="text/plain")
    if path is None:
        return Response(
            _("espeak-ng is not installed: the page uses the browser's voice or chimes instead."),
            status_code=404,
            media_type="text/plain",
        )
    return FileResponse(
        path, media_type="audio/wav", headers={"Cache-Control": "public, max-age=31536000"}
    )
