"""Errors as JSON a client can act on: `{"detail": message, "field": name}`, plus `reasons` for
a safety refusal (409), `suggestions` for an unknown id (404), `problems` for screening answers.

Routes raise `ApiError` (or let a service's own exception through); the handlers here turn
each kind into its status code, so no route formats an error body itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse, Response


class ErrorOut(BaseModel):
    """Every error response. Extra keys appear for some errors (see docs/api.md)."""

    model_config = ConfigDict(extra="allow")

    detail: str
    field: str | None = None


class RefusalOut(ErrorOut):
    """409: no routine for safety reasons."""

    reasons: list[str] = []
    command: str = ""


class ApiError(Exception):
    def __init__(self, status: int, detail: str, field: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.field = field
        self.extra = extra


#: Responses every API route may give, for the OpenAPI schema (and so schemathesis checks them).
COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "The Host header is not this machine (local mode)."},
    401: {"model": ErrorOut, "description": "Remote mode: log in first."},
    403: {"model": ErrorOut, "description": "Missing or wrong CSRF header on a write."},
    422: {"model": ErrorOut, "description": "Bad input; `field` names it."},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "Unknown id or name."}
}
REFUSED: dict[int | str, dict[str, Any]] = {
    409: {"model": RefusalOut, "description": "Refused for safety; `reasons` say why."}
}


def error_response(
    status: int, detail: str, field: str | None = None, **extra: Any
) -> JSONResponse:
    from fastapi.responses import JSONResponse

    return JSONResponse({"detail": detail, "field": field, **extra}, status_code=status)


def _field_of(loc: Any) -> str | None:
    """`("body", "minutes")` -> "minutes"; `("query", "days")` -> "days"."""
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or None


#: Methods a route of this app can have (for the Allow header of a 405).
_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _methods_for(request: Request) -> list[str]:
    """The methods some route answers at this path. Asks every route through its public
    `matches` (an included router has no `path_regex` of its own in recent FastAPI)."""
    from starlette.routing import Match, Mount

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


def _json_problem(exc: Any) -> str:
    """A body that is not JSON: where it went wrong, as line and column."""
    first = exc.errors()[0]
    doc = exc.body if isinstance(exc.body, str) else ""
    pos = first["loc"][1] if len(first["loc"]) > 1 and isinstance(first["loc"][1], int) else 0
    line = doc.count("\n", 0, pos) + 1
    column = pos - (doc.rfind("\n", 0, pos) + 1) + 1
    why = (first.get("ctx") or {}).get("error", "not valid JSON")
    return (
        f"body: the request body is not valid JSON ({why} at line {line}, column {column}). "
        "Send a JSON object with Content-Type: application/json."
    )


def _is_page(request: Request) -> bool:
    """Paths outside the API are pages a person reads: errors there are HTML."""
    from supple.web.api import PREFIX

    return not request.url.path.startswith(PREFIX + "/") and request.url.path != PREFIX


_PAGE_TITLES = {404: "Page not found", 405: "Not allowed here"}


def _page_error(request: Request, exc: Any) -> Response | None:
    """The HTML error page for a page path, or None when the pages package is not there."""
    try:
        from supple.web.pages import render
    except ImportError:  # pragma: no cover - the API-only app
        return None
    if exc.status_code == 404:
        message = (
            f"There is no page at {request.url.path}. "
            "The menu at the top leads to every page of supple."
        )
    elif exc.status_code == 405:
        message = f"{request.url.path} cannot be asked for with {request.method}."
    else:
        message = str(exc.detail)
    return render(
        request,
        "error.html",
        status_code=exc.status_code,
        title=_PAGE_TITLES.get(exc.status_code, "Something went wrong"),
        message=message,
    )


def install(app: FastAPI) -> None:
    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException

    from supple.domain.catalog import UnknownStretch
    from supple.domain.planner_model import PlanError
    from supple.domain.screening import AnswersError
    from supple.domain.timeline import TimelineError
    from supple.services.context import StoreUnavailable
    from supple.services.planning import SafetyRefusal
    from supple.services.reminders import ReminderError
    from supple.services.transfer import TransferError
    from supple.services.web_sessions import SessionGone, SessionProblem

    async def api_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.detail, exc.field, **exc.extra)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        page = _page_error(request, exc) if _is_page(request) else None
        response = page or error_response(exc.status_code, str(exc.detail))
        if exc.headers:
            response.headers.update(exc.headers)
        if exc.status_code == 405:
            # Starlette names only the methods of the first route matching the path; a
            # path with GET and PUT in two routes must list both.
            response.headers["Allow"] = ", ".join(_methods_for(request))
        return response

    async def invalid(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = exc.errors()
        if errors and errors[0].get("type") == "json_invalid":
            problem = _json_problem(exc)
            return error_response(
                422, problem, "body", problems=[{"field": "body", "problem": problem}]
            )
        first = errors[0] if errors else {"loc": (), "msg": "invalid input"}
        field = _field_of(first.get("loc", ()))
        message = str(first.get("msg", "invalid input"))
        detail = f"{field}: {message}" if field else message
        problems = [
            {"field": _field_of(e.get("loc", ())), "problem": str(e.get("msg", ""))} for e in errors
        ]
        return error_response(422, detail, field, problems=problems)

    async def refused(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, SafetyRefusal)
        return error_response(409, exc.message, None, reasons=exc.reasons, command=exc.command)

    async def plan_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, PlanError)
        from supple.wording import API, word

        return error_response(
            422, word(exc, API), exc.field, code=exc.code.id, params=exc.as_dict()["params"]
        )

    async def answers_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, AnswersError)
        problems = [{"field": p.question, "problem": p.problem} for p in exc.problems]
        first = exc.problems[0]
        return error_response(
            422, f"{first.question}: {first.problem}", first.question, problems=problems
        )

    async def unknown_stretch(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, UnknownStretch)
        return error_response(404, str(exc), "id", suggestions=exc.suggestions)

    async def bad_value(field: str | None, exc: Exception) -> JSONResponse:
        return error_response(422, str(exc), field)

    async def timeline_error(_: Request, exc: Exception) -> JSONResponse:
        return await bad_value("routine", exc)

    async def reminder_error(_: Request, exc: Exception) -> JSONResponse:
        # The service's messages name the CLI option ("--days ..."): the query parameter has
        # the same name without the dashes.
        text = str(exc).removeprefix("--")
        return await bad_value(text.split(" ", 1)[0] or None, ValueError(text))

    async def transfer_error(_: Request, exc: Exception) -> JSONResponse:
        return await bad_value("file", exc)

    async def session_problem(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, SessionProblem)
        return await bad_value(exc.field, exc)

    async def session_gone(_: Request, exc: Exception) -> JSONResponse:
        return error_response(404, str(exc), "id")

    async def not_storable(_: Request, exc: Exception) -> JSONResponse:
        # PostgreSQL refuses some text SQLite takes (NUL characters, over-long values).
        return error_response(
            422, "a value cannot be stored (too long, or it holds a NUL character).", None
        )

    async def store_unavailable(request: Request, exc: Exception) -> Response:
        from supple.wording import API, FORM, word

        # The database went away or was replaced while the server runs (the CLI checks it
        # before serving): say which and what to do, as a page or as JSON, never a 500.
        assert isinstance(exc, StoreUnavailable)
        if _is_page(request):
            from supple.web.pages import render

            return render(
                request,
                "error.html",
                status_code=503,
                title="Your data cannot be opened",
                message=word(exc, FORM),
            )
        return error_response(503, word(exc, API), exc.field, code=exc.code.id)

    handlers: list[tuple[type[Exception], Any]] = [
        (ApiError, api_error),
        (HTTPException, http_error),
        (RequestValidationError, invalid),
        (SafetyRefusal, refused),
        (PlanError, plan_error),
        (AnswersError, answers_error),
        (UnknownStretch, unknown_stretch),
        (TimelineError, timeline_error),
        (ReminderError, reminder_error),
        (TransferError, transfer_error),
        (SessionProblem, session_problem),
        (SessionGone, session_gone),
        (StoreUnavailable, store_unavailable),
    ]
    try:
        from sqlalchemy.exc import DataError

        handlers.append((DataError, not_storable))
    except ImportError:  # pragma: no cover - sqlalchemy is a dependency
        pass
    for exc_type, handler in handlers:
        app.add_exception_handler(exc_type, handler)
