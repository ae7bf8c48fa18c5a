"""`create_app(settings)`: the FastAPI app for one data directory. Nothing is built at import
time, so tests and `supple serve` each make their own app for their own settings."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from supple.config import Settings
    from supple.web.security import SecurityConfig

log = logging.getLogger(__name__)

API_DESCRIPTION = (
    "The supple REST API: the same use cases and JSON shapes as the `supple` command's --json. "
    "Errors are JSON {detail, field}; writes need the X-Supple-CSRF header. See docs/api.md."
)


def create_app(settings: Settings, security: SecurityConfig | None = None) -> FastAPI:
    """The app for these settings. `security` defaults to local mode: no login, answering only
    requests addressed to this machine, with the cookie secret kept in SUPPLE_HOME."""
    from fastapi import Depends, FastAPI

    from supple import __version__
    from supple.web import errors
    from supple.web.api import PREFIX, routers
    from supple.web.head import HeadAsGet
    from supple.web.security import (
        SecurityConfig,
        SecurityMiddleware,
        csrf_protect,
        load_secret,
        login_router,
    )

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
    errors.install(app)
    for router in routers():
        app.include_router(
            router,
            prefix=PREFIX,
            dependencies=[Depends(csrf_protect)],
            responses=errors.COMMON_RESPONSES,
        )
    app.include_router(login_router())
    _include_pages(app)
    app.add_middleware(SecurityMiddleware, config=security)
    app.add_middleware(HeadAsGet)
    return app


@asynccontextmanager
async def _warm_up(app: FastAPI) -> AsyncIterator[None]:
    """Load the catalog and the planner when the server starts, not on the first request: the
    first plan would otherwise wait half a second, and every request queued behind it too."""
    import gc

    from supple.data.loader import shipped
    from supple.domain import planner, timeline  # noqa: F401 - imported to be ready

    shipped()
    # Everything loaded so far lives as long as the server: keep it out of the garbage
    # collector's full passes, which otherwise walk it all again and again (tens of ms each
    # on a slow machine, every request queued behind them).
    gc.collect()
    gc.freeze()
    yield


def _include_pages(app: FastAPI) -> None:
    """The HTML pages and their static files, when the pages package is there."""
    try:
        from supple.web import pages
    except ImportError as e:
        if e.name not in ("supple.web.pages",):
            raise
        log.warning("supple.web.pages is missing: serving the API only")
        return
    from fastapi.staticfiles import StaticFiles

    # The pages check their forms' csrf_token field themselves (they read the raw body, which
    # a dependency parsing the form first would consume).
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=pages.STATIC_DIR), name="static")
