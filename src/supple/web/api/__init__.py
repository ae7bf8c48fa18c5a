"""The REST API under /api/v1: one router module per resource, same JSON as the CLI's --json."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import APIRouter

PREFIX = "/api/v1"


def routers() -> list[APIRouter]:
    from supple.web.api import (
        catalog,
        history,
        plan,
        profile,
        reminders,
        routines,
        screening,
        sessions,
        transfer,
    )

    return [
        m.router
        for m in (
            catalog,
            screening,
            profile,
            plan,
            routines,
            sessions,
            history,
            reminders,
            transfer,
        )
    ]
