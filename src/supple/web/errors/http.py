"""HTTP errors (404, 405, …): an HTML page on a page path, JSON under the API, and a 405 that
lists every method the path answers."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException
from starlette.routing import Match, Mount

from supple.web.api import PREFIX
from supple.web.errors.body import error_response
from supple.web.templating import render
from supple.wording.i18n import N_, _

#: Methods a route of this app can have (for the Allow header of a 405).
_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
_PAGE_TITLES = {404: N_("Page not found"), 405: N_("Not allowed here")}


def is_page(request: Request) -> bool:
    """Paths outside the API are pages a person reads: errors there are HTML."""
    return not request.url.path.startswith(PREFIX + "/") and request.url.path != PREFIX


def methods_for(request: Request) -> list[str]:
    """The methods some route answers at this path. Asks every route through its public
    `matches` (an included router has no `path_regex` of its own in recent FastAPI)."""
    routes = request.app.router.routes
    # The router has already narrowed root_path and path for a mount: start from the full path.
    scope = {**request.scope, "root_path": "", "path": request.url.path}
    allowed = [
        method
        for method in _METHODS
        if any(
            not isinstance(route, Mount)
            and route.matches({**scope, "method": method})[0] == Match.FULL
            for route in routes
        )
    ]
    if not allowed and any(
        isinstance(route, Mount) and route.matches(scope)[0] != Match.NONE for route in routes
    ):
        allowed = ["GET"]  # the only mount is /static: files to read
    if "GET" in allowed and "HEAD" not in allowed:
        allowed.insert(allowed.index("GET") + 1, "HEAD")  # web.head answers HEAD for every GET
    return allowed


def _page_error(request: Request, exc: HTTPException) -> Response:
    if exc.status_code == 404:
        message = _(
            "There is no page at {path}. The menu at the top leads to every page of supple."
        ).format(path=request.url.path)
    elif exc.status_code == 405:
        message = _("{path} cannot be asked for with {method}.").format(
            path=request.url.path, method=request.method
        )
    else:
        message = str(exc.detail)
    return render(
        request,
        "error.html",
        status_code=exc.status_code,
        title=_(_PAGE_TITLES.get(exc.status_code, N_("Something went wrong"))),
        message=message,
    )


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if is_page(request):
        response = _page_error(request, exc)
    else:
        code = {404: "http.not-found", 405: "http.method-not-allowed"}.get(
            exc.status_code, "http.error"
        )
        response = error_response(exc.status_code, code, _api_message(request, exc))
    if exc.headers:
        response.headers.update(exc.headers)
    if exc.status_code == 405:
        # Starlette names only the methods of the first route matching the path; a
        # path with GET and PUT in two routes must list both.
        response.headers["Allow"] = ", ".join(methods_for(request))
    return response


def _api_message(request: Request, exc: HTTPException) -> str:
    if exc.status_code == 404:
        return _("There is nothing at {path}; docs/api.md lists the API's paths.").format(
            path=request.url.path
        )
    if exc.status_code == 405:
        return _("{path} does not take {method}; the Allow header lists what it takes.").format(
            path=request.url.path, method=request.method
        )
    return str(exc.detail)
