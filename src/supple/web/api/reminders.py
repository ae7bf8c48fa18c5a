"""GET /reminders.ics: weekly reminders for any calendar app (`supple remind`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from supple.services.profile import get_profile
from supple.services.reminders import (
    build_calendar,
    default_days,
    local_zone_name,
    parse_days,
    parse_time,
)
from supple.web.api.deps import SettingsDep
from supple.wording.i18n import _
from supple.wording.reminders import reminder_text

router = APIRouter(tags=["reminders"])


@router.get(
    "/reminders.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {"schema": {"type": "string"}}}}},
)
def reminders(
    settings: SettingsDep,
    days: Annotated[
        str | None,
        Query(max_length=100, description="e.g. mon,wed,fri (default: the weekly goal spread)"),
    ] = None,
    time: Annotated[str, Query(max_length=20, description="24-hour HH:MM")] = "07:30",
    minutes: Annotated[int, Query(ge=1, le=240)] = 10,
) -> Response:
    profile = get_profile(settings)
    day_list = parse_days(days) if days is not None else default_days(profile.weekly_goal)
    at = parse_time(time)  # ReminderError -> 422 naming the parameter
    description = reminder_text(minutes, _("Start it in supple: Plan, then Start."))
    body = build_calendar(day_list, at, minutes, profile.timezone or local_zone_name(), description)
    return Response(
        body,
        media_type="text/calendar",
        headers={"Content-Disposition": 'attachment; filename="supple-reminders.ics"'},
    )
