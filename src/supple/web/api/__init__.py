"""The REST API under /api/v1: one router module per resource, same JSON as the CLI's --json."""

from __future__ import annotations

from fastapi import APIRouter

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

PREFIX = "/api/v1"


def routers() -> list[APIRouter]:
    # The routes a running app calls most come first: a request is matched against the
    # routers in this order (their paths never overlap, so the order changes nothing else).
    return [
        m.router
        for m in (
            plan,
            sessions,
            history,
            catalog,
            screening,
            profile,
            routines,
            reminders,
            transfer,
        )
    ]
