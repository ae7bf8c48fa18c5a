"""Session log use cases: history and progress over what the player saved."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.domain.progress import Progress


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def history(settings: Settings, since: date | None = None) -> list[dict[str, Any]]:
    """Sessions oldest first in the JSON shape of `supple history --json`."""
    from supple.services.catalog import has_database

    if not has_database(settings):
        return []
    from supple.services.context import store_for

    rows = store_for(settings).sessions.history(since)
    keep = ("id", "side", "held_seconds", "planned_seconds", "discomfort", "pain", "skipped")
    return [
        {
            "id": r["id"],
            "started_at": _iso(r["started_at"]),
            "ended_at": _iso(r["ended_at"]),
            "status": r["status"],
            "items": [{k: i[k] for k in keep} for i in r["items"]],
        }
        for r in rows
    ]


def progress(settings: Settings, today: date | None = None) -> Progress:
    from supple.domain.progress import LoggedItem, LoggedSession, progress
    from supple.services.catalog import has_database
    from supple.services.profile import get_profile

    goal = get_profile(settings).weekly_goal
    rows: list[dict[str, Any]] = []
    if has_database(settings):
        from supple.services.context import store_for

        rows = store_for(settings).sessions.history()
    sessions = [
        LoggedSession(
            id=r["id"],
            started_at=_local(r["started_at"]),
            ended_at=r["ended_at"],
            status=r["status"],
            items=[
                LoggedItem(
                    id=i["id"],
                    side=i["side"],
                    held_seconds=0.0 if i["skipped"] else i["held_seconds"],
                    planned_seconds=i["planned_seconds"],
                    discomfort=i["discomfort"],
                    pain=i["pain"],
                )
                for i in r["items"]
            ],
        )
        for r in rows
    ]
    return progress(sessions, goal, today or date.today())


def _local(when: datetime) -> datetime:
    """Weeks and days are the user's local ones, not UTC's."""
    return when.astimezone() if when.tzinfo else when
