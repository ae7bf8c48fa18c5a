"""`supple remind`: weekly reminders as an .ics file for any calendar app."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from supple.cli.common import HomeOpt, fail, settings
from supple.wording.i18n import _

if TYPE_CHECKING:
    from supple.config import Settings


def register(app: typer.Typer) -> None:
    app.command("remind")(remind)


def remind(
    ics: Annotated[Path, typer.Option("--ics", metavar="FILE", help="Where to write the .ics.")],
    days: Annotated[
        str | None,
        typer.Option(help="Days, e.g. mon,wed,fri (default: your weekly goal spread out)."),
    ] = None,
    at: Annotated[str, typer.Option("--time", help="Time of day, 24-hour HH:MM.")] = "07:30",
    minutes: Annotated[
        int | None,
        typer.Option(help="Length of each session in minutes (default: the routine's, or 10)."),
    ] = None,
    routine: Annotated[
        str | None, typer.Option(help="Saved routine to describe in the event.")
    ] = None,
    home: HomeOpt = None,
) -> None:
    """Write weekly stretching reminders to an iCalendar (.ics) file."""
    from supple.cli.common import console, fail_problem
    from supple.services.files import write_file_safely
    from supple.services.profile import get_profile
    from supple.services.reminders import (
        ReminderError,
        build_calendar,
        default_days,
        local_zone_name,
        parse_days,
        parse_time,
        reminder_uid,
    )

    cfg = settings(home)
    profile = get_profile(cfg)
    try:
        day_list = parse_days(days) if days is not None else default_days(profile.weekly_goal)
        when = parse_time(at)
        minutes, description = _description(cfg, routine, minutes)
        title = (
            _("Stretch: {routine}, {minutes} min (supple)").format(routine=routine, minutes=minutes)
            if routine
            else None
        )
        data = build_calendar(
            day_list,
            when,
            minutes,
            profile.timezone or local_zone_name(),
            description,
            uid=reminder_uid(cfg.database_url, routine),
            title=title,
        )
    except ReminderError as e:
        fail_problem(e)
    folder = ics.parent if str(ics.parent) else Path(".")
    if not folder.is_dir():
        # Never create folders the person did not ask for (a typo would scatter them).
        fail(
            _("--ics {file}: the folder {folder} does not exist.").format(file=ics, folder=folder),
            hint=_("Create it first, or give a file in a folder that exists."),
        )
    try:
        write_file_safely(ics, data)
    except OSError as e:
        fail(
            _("--ics {file}: cannot write the file ({reason}).").format(
                file=ics, reason=e.strerror or e
            )
        )
    console().print(
        _("Wrote {file}: {days} at {time}, {minutes} min. Import it in your calendar app.").format(
            file=ics, days=", ".join(day_list), time=f"{when:%H:%M}", minutes=minutes
        ),
        markup=False,
    )


def _description(cfg: Settings, routine: str | None, minutes: int | None) -> tuple[int, str]:
    """The session's length in minutes and the event's description."""
    import shlex

    from supple.services.reminders import routine_reminder
    from supple.wording.reminders import reminder_text

    length, steps = routine_reminder(cfg, routine, minutes)
    if routine is None:
        command = f"supple start --minutes {length}"
    else:
        command = f"supple start --routine {shlex.quote(routine)}"
    start = _("Start with: {command}").format(command=command)
    return length, reminder_text(length, start, routine, steps)
