"""Rendering a page: the Jinja templates, what every template may use (the CSRF token, the
sources), and the app's settings for a request.

Every page module renders through `render`; the error handlers and the login form too, so
every HTML answer has the same layout.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from supple.config import Settings, get_settings
from supple.data.loader import shipped
from supple.domain.sources import Source
from supple.web.security import csrf_token

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
TEMPLATES_DIR = HERE / "templates"

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))


def sources() -> dict[str, Source]:
    return shipped().sources


@cache
def _source_ids() -> re.Pattern[str]:
    ids = "|".join(map(re.escape, sorted(sources())))
    return re.compile(r"(?<![\w-])(" + ids + r")(?![\w-])")


def _link_sources(text: str) -> Markup:
    """Text that names source ids in passing ("(total-dose, garber-2011)"): each known source
    id becomes a link to its entry on the learn page."""
    return Markup(
        _source_ids().sub(
            lambda m: f'<a class="src" href="/learn#source-{m.group(1)}">{m.group(1)}</a>',
            escape(text),
        )
    )


templates.env.filters["link_sources"] = _link_sources


def settings_of(request: Request) -> Settings:
    """The settings create_app put on the app (or the environment's, for an app made bare)."""
    settings: Settings | None = getattr(request.app.state, "settings", None)
    if settings is None:
        settings = get_settings()
        request.app.state.settings = settings
    return settings


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("page", template.removesuffix(".html"))
    context["csrf"] = csrf_token(request)
    context["sources"] = sources()
    response: HTMLResponse = templates.TemplateResponse(
        request, template, context, status_code=status_code
    )
    return response
