"""`create_app(settings)`: the FastAPI app for one data directory. Nothing is built at import
time, so tests and `supple serve` each make their own app for their own settings."""

from __future__ import annotations

import gc
import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from supple import __version__
from supple.config import Settings, get_settings
from supple.data.loader import shipped
from supple.domain import planner, timeline  # noqa: F401 - imported to be ready
from supple.services.accounts import server_settings
from supple.web import login, openapi, pages
from supple.web.accounts import AccountMiddleware
from supple.web.api import PREFIX, accounts, coach, routers
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
    requests addressed to this machine, with the cookie secret kept in SUPPLE_HOME. With
    `security.multi_user` (PostgreSQL), every request is signed in to an account and reaches
    only that account's data (web/accounts.py)."""
    if security is None:
        security = SecurityConfig(secret=load_secret(settings.home))
    if security.multi_user:
        settings = server_settings(settings)
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
    api_routers = routers() + ([accounts.router, coach.router] if security.multi_user else [])
    for router in api_routers:
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
    if security.multi_user:
        # Inside the security middleware: its host check, CSRF cookie and headers apply to the
        # login redirects and 401s too.
        app.add_middleware(AccountMiddleware, settings=settings)
    app.add_middleware(SecurityMiddleware, config=security)
    app.add_middleware(HeadAsGet)
    openapi.install(app)  # links and the server's bounds in the schema
    return app


#: Where `supple serve --multi-user` tells each worker process its data directory.
MULTI_USER_ENV = "SUPPLE_MULTI_USER_HOME"


def multi_user_app() -> FastAPI:
    """The app of `supple serve --multi-user` in each worker process (uvicorn's factory): the
    settings from the environment the command set (SUPPLE_DATABASE_URL, the data directory).
    Nothing a request needs is kept in the process: logins, throttling and data are in
    PostgreSQL, so any worker can answer any request."""
    settings = get_settings(os.environ.get(MULTI_USER_ENV) or None)
    # No signed cookie is used in this mode (logins are rows in the database); the secret only
    # fills the field, so each worker may have its own.
    security = SecurityConfig(secret=secrets.token_bytes(32), allowed_hosts=None, multi_user=True)
    return create_app(settings, security)


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
