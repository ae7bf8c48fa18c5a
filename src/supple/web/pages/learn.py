"""The learn page: short topics on stretching and the lower back, each with its sources."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from supple.data.loader import shipped
from supple.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/learn", response_class=HTMLResponse)
def learn_page(request: Request) -> HTMLResponse:
    return render(request, "learn.html", topics=shipped().learn)
