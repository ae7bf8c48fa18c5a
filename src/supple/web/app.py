"""`create_app(settings)`: the FastAPI app for one data directory. Nothing is built at import
time, so tests and `supple serve` each make their own app for their own settings."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from supple import __version__
from supple.config import Settings
from supple.data.loader import shipped
from supple.domain import planner, timeline  # noqa: F401 - imported to be ready
from supple.domain.names import ROUTINE_NAME_MAX
from supple.web import login, pages
from supple.web.api import PREFIX, routers
from supple.web.api.routines import NAME_PATTERN
from supple.web.body_limit import BodyLimit
from supple.web.errors import handlers
from supple.web.errors.body import COMMON_RESPONSES
from supple.web.head import HeadAsGet
from supple.web.security import SecurityConfig, SecurityMiddleware, csrf_protect, load_secret
from supple.web.templating import STATIC_DIR

API_DESCRIPTION = (
    "The supple REST API: the same use cases and JSON shapes as the `supple` command's --json. "
    "Errors are JSON {code, field, message, params}; writes need the X-Supple-CSRF header. "
    "See docs/api.md."
)


def create_app(settings: Settings, security: SecurityConfig | None = None) -> FastAPI:
    """The app for these settings. `security` defaults to local mode: no login, answering only
    requests addressed to this machine, with the cookie secret kept in SUPPLE_HOME."""
    if security is None:
        security = SecurityConfig(secret=load_secret(settings.home))
    app = FastAPI(
        lifespan=_warm_up,
        title="supple",
        version=__version__,
        description=API_DESCRIPTION,
        openapi_url=f"{PREFIX}/openapi.json",
        # FastAPI's /docs and /redoc pages load their scripts from a CDN: off (no request may
        # leave 127.0.0.1); the schema itself is served, and docs/api.md describes it.
        docs_url=None,
        redoc_url=None,
        # FastAPI's OpenTelemetry spans, metrics and logs: off. supple sends nothing anywhere,
        # and checking for a configured exporter on every request costs the API time.
        telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
    )
    app.state.settings = settings
    app.state.security = security
    handlers.install(app)
    for router in routers():
        app.include_router(
            router,
            prefix=PREFIX,
            dependencies=[Depends(csrf_protect)],
            responses=COMMON_RESPONSES,
        )
    app.include_router(login.router)
    # The pages check their forms' csrf_token field themselves (supple.web.forms).
    for router in pages.routers():
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # Innermost first: the body cap's 413 still gets the security headers, and a request for
    # another host or without the login is answered before any of its body is read.
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityMiddleware, config=security)
    app.add_middleware(HeadAsGet)
    _add_links(app)
    return app


#: OpenAPI links (what a response gives the next call): a saved routine's name to show or delete
#: it, a new session's id to resume it, post its events and finish it, a listed stretch's id to
#: show it. Clients and schemathesis' stateful tests follow them. (source, status) -> links.
LINKS: dict[tuple[str, str, str], dict[str, tuple[str, str, str]]] = {
    ("post", "/routines", "201"): {
        "ShowSaved": ("get", "/routines/{name}", "$response.body#/name"),
        "DeleteSaved": ("delete", "/routines/{name}", "$response.body#/name"),
    },
    ("get", "/routines", "200"): {
        "ShowFirstSaved": ("get", "/routines/{name}", "$response.body#/0/name"),
    },
    ("post", "/sessions", "201"): {
        "Resume": ("get", "/sessions/{session_id}", "$response.body#/id"),
        "AddEvent": ("post", "/sessions/{session_id}/events", "$response.body#/id"),
        "Finish": ("post", "/sessions/{session_id}/finish", "$response.body#/id"),
    },
    ("post", "/sessions/{session_id}/events", "201"): {
        "AnotherEvent": ("post", "/sessions/{session_id}/events", "$request.path.session_id"),
        "FinishAfterEvent": ("post", "/sessions/{session_id}/finish", "$request.path.session_id"),
    },
    ("get", "/catalog", "200"): {
        "ShowStretch": ("get", "/catalog/{stretch_id}", "$response.body#/0/id"),
    },
}


#: Request models that take exactly one of these fields (their `_one_source` validators), said
#: in the schema too, so it allows no body the server refuses as malformed.
ONE_SOURCE = {
    "SaveRoutine": ("options", "routine"),
    "NewSession": ("routine", "routine_name", "options"),
}

#: A saved routine's name in a path takes what a name to save takes (supple.domain.names).
ROUTINE_NAME = {"minLength": 1, "maxLength": ROUTINE_NAME_MAX, "pattern": NAME_PATTERN}

#: Every operation with a body may answer 413 (supple.web.body_limit).
TOO_LARGE = {
    "description": "The request body is over its limit (docs/api.md, Limits).",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
}


def _whole_bounds(node: Any) -> None:
    """pydantic writes an integer's bounds as floats (`"maximum": 10.0`); as whole numbers they
    keep a schema-driven client (schemathesis) from sending 6.0, which the strict models
    refuse as not a whole number."""
    if isinstance(node, dict):
        if node.get("type") == "integer":
            for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
                value = node.get(key)
                if isinstance(value, float) and value.is_integer():
                    node[key] = int(value)
        for value in node.values():
            _whole_bounds(value)
    elif isinstance(node, list):
        for value in node:
            _whole_bounds(value)


def _add_links(app: FastAPI) -> None:
    """Put LINKS and the 413 answers into the app's OpenAPI schema (made once, on the first
    request for it)."""
    make = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = make()
        _whole_bounds(schema)
        models = schema["components"]["schemas"]
        for model, sources in ONE_SOURCE.items():
            models[model]["oneOf"] = [
                {"required": [k], "properties": {k: {"not": {"type": "null"}}}} for k in sources
            ]
        paths = schema["paths"]
        for operations in paths.values():
            for operation in operations.values():
                if "requestBody" in operation:
                    operation["responses"].setdefault("413", TOO_LARGE)
        for method in ("get", "delete"):
            for parameter in paths[f"{PREFIX}/routines/{{name}}"][method]["parameters"]:
                if parameter["name"] == "name":
                    parameter["schema"] = {**parameter["schema"], **ROUTINE_NAME}
        for (method, path, status), links in LINKS.items():
            response = paths[PREFIX + path][method]["responses"][status]
            response["links"] = {
                name: {
                    "operationId": paths[PREFIX + to][to_method]["operationId"],
                    "parameters": {to.split("{", 1)[1].split("}", 1)[0]: value},
                }
                for name, (to_method, to, value) in links.items()
            }
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


@asynccontextmanager
async def _warm_up(app: FastAPI) -> AsyncIterator[None]:
    """Load the catalog and the planner when the server starts, not on the first request: the
    first plan would otherwise wait half a second, and every request queued behind it too."""
    shipped()
    # Everything loaded so far lives as long as the server: keep it out of the garbage
    # collector's full passes, which otherwise walk it all again and again (tens of ms each
    # on a slow machine, every request queued behind them).
    gc.collect()
    gc.freeze()
    yield
