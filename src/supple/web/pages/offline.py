"""What keeps the app usable offline: the service worker and its fallback page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from supple.web.templating import STATIC_DIR, render

router = APIRouter(include_in_schema=False)


@router.get("/sw.js")
def service_worker() -> FileResponse:
    # Served from the root so the worker's scope covers every page, not just /static/.
    return FileResponse(
        STATIC_DIR / "sw.js",
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@router.get("/offline", response_class=HTMLResponse)
def offline_page(request: Request) -> HTMLResponse:
    """What the service worker shows for a page it has no copy of while offline."""
    return render(request, "offline.html")
