"""The JSON error shape: `{"code", "field", "message", "params"}` for every error.

`code` is stable (a problem code such as `plan.too-short`, or `http.*` / `api.*` for what the
web layer refuses itself); `field` is the JSON name it concerns; `message` is for people;
`params` the values the message quotes. Some errors add keys (docs/api.md): `problems` (every
bad field), `reasons` (a safety refusal's reasons, in words), `suggestions` (stretch ids).
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict


class ErrorOut(BaseModel):
    """Every error response. Extra keys appear for some errors (see docs/api.md)."""

    model_config = ConfigDict(extra="allow")

    code: str
    field: str | None = None
    message: str
    params: dict[str, Any] = {}


class RefusalOut(ErrorOut):
    """409: no routine for safety reasons; `reasons` say why, each with its source."""

    reasons: list[str] = []


class ApiError(Exception):
    """What the web layer refuses itself (a CSRF header, a too-large upload, a name taken):
    answered with `status` and the error shape above."""

    def __init__(
        self, status: int, code: str, message: str, field: str | None = None, **params: Any
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.params = params


#: Responses every API route may give, for the OpenAPI schema (and so schemathesis checks them).
COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "The Host header is not this machine (local mode)."},
    401: {"model": ErrorOut, "description": "Remote mode: log in first."},
    403: {"model": ErrorOut, "description": "Missing or wrong CSRF header on a write."},
    422: {"model": ErrorOut, "description": "Bad input; `field` names it."},
    503: {"model": ErrorOut, "description": "The database cannot be opened."},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "Unknown id or name."}
}
REFUSED: dict[int | str, dict[str, Any]] = {
    409: {"model": RefusalOut, "description": "Refused for safety; `reasons` say why."}
}


def error_body(
    code: str, message: str, field: str | None = None, params: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {"code": code, "field": field, "message": message, "params": params or {}}


def error_response(
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    params: dict[str, Any] | None = None,
    **extra: Any,
) -> JSONResponse:
    return JSONResponse({**error_body(code, message, field, params), **extra}, status_code=status)
