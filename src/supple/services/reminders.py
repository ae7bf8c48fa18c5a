"""Reminders as an iCalendar file (RFC 5545) a calendar app can import or subscribe to."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from supple.domain.problems import Kind, Problem, code
from supple.wording.i18n import _

if TYPE_CHECKING:
    from supple.config import Settings

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: HH:MM or H:MM on a 24-hour clock, ASCII digits only (no signs, spaces or other scripts).
_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])", re.ASCII)
#: How many years of time zone changes (daylight saving) the calendar file spells out.
ZONE_YEARS = 75


BAD_DAYS = code("reminders.bad-days", field="days")
BAD_TIME = code("reminders.bad-time", field="time")
BAD_MINUTES = code("reminders.minutes-range", field="minutes")
UNKNOWN_ROUTINE = code("reminders.unknown-routine", Kind.NOT_FOUND, field="routine")
MINUTES_MISMATCH = code("reminders.minutes-mismatch", field="minutes")
NO_DAYS = code("reminders.no-days", field="days")


class ReminderError(Problem):
    """Bad reminder input (exit 2)."""


def default_days(weekly_goal: int) -> list[str]:
    """Spread the weekly goal evenly over the week, starting Monday (3 -> mon, wed, fri)."""
    n = max(1, min(7, weekly_goal))
    picks = sorted({(i * 7) // n for i in range(n)})
    return [DAYS[i] for i in picks]


def _day(word: str) -> str | None:
    """'mon' or 'monday' (any case) -> 'mon'; anything else (say 'mondayzzz') -> None."""
    word = word.strip().lower()
    if word in DAYS:
        return word
    return DAYS[_FULL_DAYS.index(word)] if word in _FULL_DAYS else None


def parse_days(text: str) -> list[str]:
    words = [w.strip() for w in text.split(",") if w.strip()]
    bad = [w for w in words if _day(w) is None]
    if bad or not words:
        raise ReminderError(BAD_DAYS, given=text, bad=bad, count=len(bad), choices=list(DAYS))
    return sorted({d for w in words if (d := _day(w)) is not None}, key=DAYS.index)


def days_from_list(words: list[str]) -> list[str]:
    """Days chosen one by one (the web form's boxes): at least one, each a known day."""
    if not [w for w in words if w.strip()]:
        raise ReminderError(NO_DAYS)
    return parse_days(",".join(words))


def parse_minutes(text: str) -> int:
    """A session length typed as text: a whole number from 1 to 240."""
    value = text.strip()
    if not (value.isascii() and value.isdigit() and 1 <= int(value) <= 240):
        raise ReminderError(BAD_MINUTES, given=text, low=1, high=240)
    return int(value)


def parse_time(text: str) -> time:
    found = _TIME.fullmatch(text.strip())
    if found is None:
        raise ReminderError(BAD_TIME, given=text)
    return time(int(found[1]), int(found[2]))


def reminder_uid(owner: str, routine: str | None) -> str:
    """The event's UID: the same for one user (`owner`: their data's location) and one
    routine whatever the days or time, so importing a changed file updates the reminder a
    calendar app already has instead of adding a second one."""
    key = hashlib.sha256(f"{owner}\n{routine or ''}".encode()).hexdigest()[:24]
    return f"supple-reminder-{key}@supple.local"


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
    *,
    uid: str = "supple-reminder@supple.local",
    title: str | None = None,
) -> bytes:
    """A weekly recurring event with a reminder alarm, in the user's time zone. `title`
    defaults to "Stretch: N min (supple)"."""
    from icalendar import Alarm, Calendar, Event

    if not 1 <= minutes <= 240:
        raise ReminderError(BAD_MINUTES, given=minutes, low=1, high=240)
    tz = ZoneInfo(zone)
    today = today or date.today()
    first = today
    while DAYS[first.weekday()] not in days:  # the first listed day from today on
        first += timedelta(days=1)
    start = datetime.combine(first, at, tzinfo=tz)

    cal = Calendar()
    cal.add("prodid", "-//supple//stretching reminders//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("supple stretching"))
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", datetime.now(tz=ZoneInfo("UTC")))
    ev.add("dtstart", start)
    ev.add("duration", timedelta(minutes=minutes))
    ev.add("summary", title or _("Stretch: {minutes} min (supple)").format(minutes=minutes))
    ev.add("description", description)
    ev.add("rrule", {"freq": "weekly", "byday": [_ICAL_DAYS[DAYS.index(d)] for d in days]})
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _("Time to stretch: supple start"))
    alarm.add("trigger", timedelta(minutes=0))
    ev.add_component(alarm)
    cal.add_component(ev)
    # The event repeats with no end: spell out the zone's changes from its first day for
    # ZONE_YEARS years (the library's default stops at 2038).
    cal.add_missing_timezones(first_date=first, last_date=date(first.year + ZONE_YEARS, 1, 1))
    return bytes(cal.to_ical())


def routine_reminder(
    settings: Settings, routine: str | None, minutes: int | None
) -> tuple[int, list[str]]:
    """(the session's minutes, the names of the saved routine's steps) for a reminder: a
    routine sets the length (ReminderError when it is not saved, or `minutes` says otherwise);
    without one, `minutes` or 10."""
    from supple.services.planning import get_routine

    if routine is None:
        return (10 if minutes is None else minutes), []
    r = get_routine(settings, routine)
    if r is None:
        raise ReminderError(UNKNOWN_ROUTINE, given=routine)
    length = max(1, -(-r.total_seconds // 60))  # whole minutes, rounded up
    if minutes is not None and minutes != length:
        raise ReminderError(MINUTES_MISMATCH, given=minutes, routine=routine, length=length)
    return length, [s.name or s.id or "" for s in r.steps if s.kind != "transition"]
