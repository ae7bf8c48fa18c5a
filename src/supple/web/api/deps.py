"""What every API route depends on: the app's settings (set by create_app, never global)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from pydantic import BaseModel

from supple.config import Settings


async def app_settings(request: Request) -> Settings:
    # `async` on purpose: a plain `def` dependency runs in the thread pool, a thread hop on
    # every API request for what is one attribute read.
    # A multi-user server's request carries its account's settings (web/accounts.py).
    settings: Settings = getattr(request.state, "settings", None) or request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(app_settings)]


def json_response(data: Any, status_code: int = 200) -> Response:
    """Data already in its JSON shape (a service's dict, a model), serialised once.

    The route still declares its `response_model` for the OpenAPI schema (and schemathesis
    checks the two agree); returning a Response skips FastAPI's re-validation of the data,
    which on the hot routes costs more than the service call itself.
    """
    if isinstance(data, BaseModel):
        body = data.model_dump_json().encode()
    else:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return Response(body, status_code=status_code, media_type="application/json")
