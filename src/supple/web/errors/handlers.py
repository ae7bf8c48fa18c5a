"""`install(app)`: one handler per kind of exception, each giving its status code and body."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError
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
from supple.web.errors.body import ApiError, error_response
from supple.web.errors.http import http_error, is_page
from supple.web.templating import render
from supple.wording import API, word


def _field_of(loc: Any) -> str | None:
    """`("body", "minutes")` -> "minutes"; `("query", "days")` -> "days"."""
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or None


def _json_problem(exc: RequestValidationError) -> str:
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


async def api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.detail, exc.field, **exc.extra)


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


async def timeline_error(_: Request, exc: Exception) -> JSONResponse:
    return error_response(422, str(exc), "routine")


async def reminder_error(_: Request, exc: Exception) -> JSONResponse:
    # The service's messages name the CLI option ("--days ..."): the query parameter has
    # the same name without the dashes.
    text = str(exc).removeprefix("--")
    return error_response(422, text, text.split(" ", 1)[0] or None)


async def transfer_error(_: Request, exc: Exception) -> JSONResponse:
    return error_response(422, str(exc), "file")


async def session_problem(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, SessionProblem)
    return error_response(422, str(exc), exc.field)


async def session_gone(_: Request, exc: Exception) -> JSONResponse:
    return error_response(404, str(exc), "id")


async def not_storable(_: Request, exc: Exception) -> JSONResponse:
    # PostgreSQL refuses some text SQLite takes (NUL characters, over-long values).
    return error_response(
        422, "a value cannot be stored (too long, or it holds a NUL character).", None
    )


async def store_unavailable(request: Request, exc: Exception) -> Response:
    # The database went away or was replaced while the server runs (the CLI checks it
    # before serving): say which and what to do, as a page or as JSON, never a 500.
    assert isinstance(exc, StoreUnavailable)
    if is_page(request):
        return render(
            request,
            "error.html",
            status_code=503,
            title="Your data cannot be opened",
            message=f"{exc.message} {exc.hint}".strip(),
        )
    return error_response(503, exc.message, None, hint=exc.hint)


HANDLERS: tuple[tuple[type[Exception], Any], ...] = (
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
    (DataError, not_storable),
)


def install(app: FastAPI) -> None:
    for exc_type, handler in HANDLERS:
        app.add_exception_handler(exc_type, handler)
