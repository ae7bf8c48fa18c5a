"""Reminders as an iCalendar file (RFC 5545) a calendar app can import or subscribe to."""

from __future__ import annotations

import contextlib
import os
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class ReminderError(ValueError):
    """Bad reminder input (exit 2); the message names the value."""


def default_days(weekly_goal: int) -> list[str]:
    """Spread the weekly goal evenly over the week, starting Monday (3 -> mon, wed, fri)."""
    n = max(1, min(7, weekly_goal))
    picks = sorted({(i * 7) // n for i in range(n)})
    return [DAYS[i] for i in picks]


def parse_days(text: str) -> list[str]:
    days = [d.strip().lower()[:3] for d in text.split(",") if d.strip()]
    bad = [d for d in text.split(",") if d.strip() and d.strip().lower()[:3] not in DAYS]
    if bad or not days:
        raise ReminderError(
            f"--days '{text}': unknown day(s) {', '.join(x.strip() for x in bad) or '(none)'}; "
            f"use a comma-separated list of {', '.join(DAYS)}."
        )
    return sorted(set(days), key=DAYS.index)


def parse_time(text: str) -> time:
    try:
        hh, mm = text.strip().split(":")
        return time(int(hh), int(mm))
    except ValueError:
        raise ReminderError(
            f"--time '{text}' is not a time of day; use 24-hour HH:MM, e.g. 07:30."
        ) from None


def local_zone_name() -> str:
    """The machine's IANA zone name (TZ, /etc/timezone, /etc/localtime), else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text().strip())
    try:
        link = os.readlink("/etc/localtime")
        candidates.append(link.split("zoneinfo/", 1)[-1])
    except OSError:
        pass
    for name in candidates:
        if not name:
            continue
        try:
            ZoneInfo(name)
            return name
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return "UTC"


def build_calendar(
    days: list[str],
    at: time,
    minutes: int,
    zone: str,
    description: str,
    today: date | None = None,
) -> bytes:
    """A weekly recurring event with a reminder alarm, in the user's time zone."""
    from icalendar import Alarm, Calendar, Event

    if not 1 <= minutes <= 240:
        raise ReminderError(f"--minutes {minutes}: use a whole number from 1 to 240.")
    tz = ZoneInfo(zone)
    today = today or date.today()
    first = today
    while DAYS[first.weekday()] not in days:  # the first listed day from today on
        first += timedelta(days=1)
    start = datetime.combine(first, at, tzinfo=tz)

    cal = Calendar()
    cal.add("prodid", "-//supple//stretching reminders//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "supple stretching")
    ev = Event()
    ev.add("uid", f"supple-reminder-{'-'.join(days)}-{at:%H%M}@supple.local")
    ev.add("dtstamp", datetime.now(tz=ZoneInfo("UTC")))
    ev.add("dtstart", start)
    ev.add("duration", timedelta(minutes=minutes))
    ev.add("summary", f"Stretch: {minutes} min (supple)")
    ev.add("description", description)
    ev.add("rrule", {"freq": "weekly", "byday": [_ICAL_DAYS[DAYS.index(d)] for d in days]})
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Time to stretch: supple start")
    alarm.add("trigger", timedelta(minutes=0))
    ev.add_component(alarm)
    cal.add_component(ev)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
