"""The JSON error shape: `{"detail": message, "field": name}`, plus `reasons` for a safety
refusal (409), `suggestions` for an unknown id (404), `problems` for screening answers."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict


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
    """Raised by a route for an error it words itself; answered with `status`."""

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
    return JSONResponse({"detail": detail, "field": field, **extra}, status_code=status)
