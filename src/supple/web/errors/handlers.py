"""`install(app)`: one handler per kind of exception, each giving its status code and body.

Every `Problem` goes through one handler: its kind gives the status (errors.problems.STATUS),
`supple.wording` its message. The other handlers are for what is not a problem of the domain
or services: HTTP errors, request validation, the web layer's own refusals, and (until they
become problems) the few service exceptions that still carry their own text.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException

from supple.domain.problems import Kind, Problem
from supple.domain.screening import AnswersError
from supple.domain.timeline import TimelineError
from supple.services.transfer import TransferError
from supple.services.web_sessions import SessionGone, SessionProblem
from supple.web.errors.body import ApiError, error_response
from supple.web.errors.http import http_error, is_page
from supple.web.errors.problems import STATUS, problem_body
from supple.web.templating import render
from supple.wording import FORM, validation, word
from supple.wording.i18n import _

#: The most problems one error body lists (a 1 MB list of bad items must not give a 26 MB
#: answer); `params.count` then says how many there were.
MAX_PROBLEMS = 50


def _json_problem(exc: RequestValidationError) -> tuple[str, dict[str, int]]:
    """A body that is not JSON: where it went wrong, as line and column."""
    first = exc.errors()[0]
    doc = exc.body if isinstance(exc.body, str) else ""
    pos = first["loc"][1] if len(first["loc"]) > 1 and isinstance(first["loc"][1], int) else 0
    line = doc.count("\n", 0, pos) + 1
    column = pos - (doc.rfind("\n", 0, pos) + 1) + 1
    return (
        _(
            "The request body is not valid JSON (it breaks at line {line}, column {column}). "
            "Send a JSON object with Content-Type: application/json."
        ).format(line=line, column=column),
        {"line": line, "column": column},
    )


async def problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Problem)
    status = STATUS[exc.kind]
    if exc.kind is Kind.UNAVAILABLE and is_page(request):
        # The database went away or was replaced while the server runs (the CLI checks it
        # before serving): say which and what to do as a page, never a 500.
        return render(
            request,
            "error.html",
            status_code=status,
            title=_("Your data cannot be opened"),
            message=word(exc, FORM),
        )
    return JSONResponse(problem_body(exc), status_code=status)


async def api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.field, exc.params)


async def invalid(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    if errors and errors[0].get("type") == "json_invalid":
        message, where = _json_problem(exc)
        part = {"code": "api.not-json", "field": "body", "message": message}
        return error_response(422, "api.not-json", message, "body", where, problems=[part])
    shown = errors[:MAX_PROBLEMS]
    said = validation.words(shown, request.scope.get("route")) or [(None, _("Bad request."))]
    problems: list[dict[str, str | None]] = [
        {"code": "api.invalid", "field": f, "message": m} for f, m in said
    ]
    field, message = said[0]
    count = {"count": len(errors)} if len(errors) > len(shown) else {}
    return error_response(422, "api.invalid", message, field, count, problems=problems)


async def answers_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AnswersError)
    problems = [
        {"code": "screening.bad-answer", "field": p.question, "message": p.problem}
        for p in exc.problems[:MAX_PROBLEMS]
    ]
    first = problems[0]
    count = {"count": len(exc.problems)} if len(exc.problems) > MAX_PROBLEMS else {}
    return error_response(
        422,
        "screening.bad-answers",
        str(first["message"]),
        first["field"],
        count,
        problems=problems,
    )


async def session_problem(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, SessionProblem)
    return error_response(422, "session.bad-event", str(exc), exc.field)


async def session_gone(_: Request, exc: Exception) -> JSONResponse:
    return error_response(404, "session.unknown", str(exc), "id")


async def timeline_error(_: Request, exc: Exception) -> JSONResponse:
    return error_response(422, "routine.unplayable", str(exc), "routine")


async def transfer_error(_: Request, exc: Exception) -> JSONResponse:
    return error_response(422, "transfer.bad-file", str(exc), "file")


async def not_storable(request: Request, exc: Exception) -> JSONResponse:
    # PostgreSQL refuses some text SQLite takes (NUL characters, over-long values).
    return error_response(
        422,
        "api.not-storable",
        _("A value cannot be stored (too long, or it holds a NUL character)."),
    )


#: Service exceptions that are not (yet) problems, with their handlers. One that has become a
#: Problem subclass is skipped (its legacy handler would shadow the Problem one).
_LEGACY: tuple[tuple[type[Exception], Any], ...] = (
    (AnswersError, answers_error),
    (TimelineError, timeline_error),
    (TransferError, transfer_error),
    (SessionProblem, session_problem),
    (SessionGone, session_gone),
)


def install(app: FastAPI) -> None:
    app.add_exception_handler(Problem, problem)
    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(DataError, not_storable)
    for exc_type, handler in _LEGACY:
        if not issubclass(exc_type, Problem):
            app.add_exception_handler(exc_type, handler)
