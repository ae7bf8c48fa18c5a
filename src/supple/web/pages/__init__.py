"""The HTML pages, rendered on the server from the same services as the CLI: one module per
area, each with its own `router`.

Every page works without JavaScript except the session player; forms post back with a CSRF
field (supple.web.forms). create_app includes `routers()` and mounts the static files.
"""

from __future__ import annotations

from fastapi import APIRouter

from supple.web.pages import (
    account,
    catalog,
    coach,
    data,
    figures,
    history,
    home,
    learn,
    offline,
    plan,
    profile,
    reminders,
    routines,
    screen,
    session,
    settings,
    sources,
    stretch_now,
)


def routers() -> list[APIRouter]:
    return [
        m.router
        for m in (
            home,
            screen,
            plan,
            routines,
            session,
            history,
            catalog,
            stretch_now,
            learn,
            sources,
            profile,
            settings,
            reminders,
            data,
            offline,
            figures,
            account,
            coach,
        )
    ]
