"""The reminders page: choose the days, the time and a saved routine (or minutes), and
download the .ics calendar file (services.reminders builds it, as `supple remind` does)."""

from __future__ import annotations

from datetime import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from supple.services import saved_routines
from supple.services.profile import get_profile
from supple.services.reminders import (
    DAYS,
    ReminderError,
    build_calendar,
    days_from_list,
    default_days,
    local_zone_name,
    parse_minutes,
    parse_time,
    reminder_uid,
    routine_reminder,
)
from supple.web.templating import render, settings_of
from supple.wording import FORM, word
from supple.wording.i18n import _
from supple.wording.reminders import reminder_text

router = APIRouter(include_in_schema=False)

DAY_NAMES = dict(
    zip(
        DAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)


def _page(request: Request, values: dict[str, Any], errors: dict[str, str]) -> HTMLResponse:
    settings = settings_of(request)
    return render(
        request,
        "reminders.html",
        status_code=422 if errors else 200,
        values=values,
        errors=errors,
        day_names=DAY_NAMES,
        routines=saved_routines.saved(settings),
    )


@router.get("/reminders", response_class=HTMLResponse)
def reminders_page(request: Request) -> HTMLResponse:
    profile = get_profile(settings_of(request))
    values = {
        "days": default_days(profile.weekly_goal),
        "time": "07:30",
        "minutes": "10",
        "routine": "",
    }
    return _page(request, values, {})


@router.get("/reminders/supple-reminders.ics", response_model=None)
def calendar_file(request: Request) -> Response:
    """The calendar file for the form's choices, or the form again with each problem by its
    field."""
    settings = settings_of(request)
    q = request.query_params
    days_given = q.getlist("days")
    routine = q.get("routine", "") or None
    values: dict[str, Any] = {
        "days": days_given,
        "time": q.get("time", ""),
        "minutes": q.get("minutes", ""),
        "routine": routine or "",
    }
    errors: dict[str, str] = {}

    def problem(e: ReminderError, field: str) -> None:
        errors[e.field or field] = word(e, FORM)

    days: list[str] = []
    at: time | None = None
    minutes: int | None = None
    try:
        days = days_from_list(days_given)
    except ReminderError as e:
        problem(e, "days")
    try:
        at = parse_time(values["time"])
    except ReminderError as e:
        problem(e, "time")
    try:  # a routine sets the length itself
        minutes = None if routine else parse_minutes(values["minutes"])
    except ReminderError as e:
        problem(e, "minutes")
    steps: list[str] = []
    if not errors:
        try:
            minutes, steps = routine_reminder(settings, routine, minutes)
        except ReminderError as e:
            problem(e, "routine")
    if errors or at is None or minutes is None:
        return _page(request, values, errors)
    if routine:
        start = _("Start it in supple: Saved routines, then Start {name}.").format(name=routine)
        description = reminder_text(minutes, start, routine, steps)
    else:
        description = reminder_text(minutes, _("Start it in supple: Plan, then Start."))
    profile = get_profile(settings)
    body = build_calendar(
        days,
        at,
        minutes,
        profile.timezone or local_zone_name(),
        description,
        uid=reminder_uid(settings.database_url, routine),
        title=f"Stretch: {routine}, {minutes} min (supple)" if routine else None,
    )
    return Response(
        body,
        media_type="text/calendar",
        headers={"Content-Disposition": 'attachment; filename="supple-reminders.ics"'},
    )
