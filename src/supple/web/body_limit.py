"""`BodyLimit`: a cap on the size of every request body, 413 beyond it.

Every route takes a small JSON body or form (MAX_BODY_BYTES, 1 MB); the two import routes take
a supple export (UPLOAD_PATHS: the file's own cap, 50 MB, plus room for the form around it). A
body over its cap is refused

* before any of it is read when its Content-Length says so, and
* as soon as the bytes counted so far pass the cap when it is streamed (chunked, or a
  Content-Length that lies short: the server stops there),

so a 100 MB body is never held in memory. The answer is 413 with the usual JSON error body
(`http.body-too-large`, field "body", params `limit` in bytes) under the API, an HTML page
elsewhere, and `Connection: close`: the server stops reading the rest of the upload.

A plain ASGI middleware (not BaseHTTPMiddleware): it adds no task or stream per request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from supple.web.api import PREFIX
from supple.web.api.transfer import MAX_UPLOAD_BYTES
from supple.web.errors.body import error_body
from supple.web.templating import render
from supple.wording.i18n import _

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: The most a JSON request or a form may send (a routine of 200 steps is about 60 KB).
MAX_BODY_BYTES = 1024 * 1024
#: The import routes: an export file of up to MAX_UPLOAD_BYTES in a multipart form.
UPLOAD_PATHS = frozenset({f"{PREFIX}/import", "/data/import"})
MAX_UPLOAD_BODY_BYTES = MAX_UPLOAD_BYTES + MAX_BODY_BYTES


def limit_for(path: str) -> int:
    """The most a request to `path` may send, in bytes."""
    return MAX_UPLOAD_BODY_BYTES if path.rstrip("/") in UPLOAD_PATHS else MAX_BODY_BYTES


def _megabytes(limit: int) -> str:
    return f"{limit / 2**20:g} MB"


def too_large_response(scope: Scope, limit: int) -> Any:
    """413 for a request to this path: the error body under the API, a page elsewhere."""
    headers = {"Connection": "close"}
    path: str = scope.get("path", "")
    if path.startswith(PREFIX + "/") or path == PREFIX:
        message = _(
            "The request body is over {size}, the most this address takes; send less "
            "(docs/api.md lists the limits)."
        ).format(size=_megabytes(limit))
        return JSONResponse(
            error_body("http.body-too-large", message, "body", {"limit": limit}),
            status_code=413,
            headers=headers,
        )
    if limit_for(path) == MAX_UPLOAD_BODY_BYTES:
        message = _(
            "The file is over {limit}, the most this page takes. An export of supple is a few "
            "MB: choose the export file again, or make a new one with Export."
        )
    else:
        message = _("What you sent is over {limit}, the most this page takes; send less.")
    page = render(
        Request(scope),
        "error.html",
        status_code=413,
        title=_("Too much to send"),
        message=message.format(limit=_megabytes(limit)),
    )
    page.headers.update(headers)
    return page


class BodyLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope.get("path", ""))
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                declared = value.strip()
                if declared.isdigit() and int(declared) > limit:
                    await too_large_response(scope, limit)(scope, receive, send)
                    return
                break

        seen = 0
        over = False
        started = False

        async def counted() -> Message:
            nonlocal seen, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    # The app sees a client that went away; nothing past the cap reaches it.
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if over and not started:
                return  # the app's answer to a cut body: ours (413) goes instead
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not over:
                raise
        if over and not started:
            await too_large_response(scope, limit)(scope, receive, send)
