"""`supple start`: the guided, timed session — full-screen, or headless for scripts and tests."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from supple.cli.common import HomeOpt, fail, settings
from supple.cli.plan_cmd import (
    AvoidOpt,
    ContextOpt,
    FocusOpt,
    MinutesOpt,
    PlaceOpt,
    SeedOpt,
    WarmOpt,
)
from supple.wording import CLI, word
from supple.wording.i18n import _, ngettext

if TYPE_CHECKING:
    from supple.config import Settings
    from supple.domain.catalog import Catalog
    from supple.domain.routine import Routine
    from supple.domain.timeline import Timeline
    from supple.services.session_log import SessionRecorder

DEFAULT_MINUTES = 10


def register(app: typer.Typer) -> None:
    app.command("start")(start)


def start(
    routine_name: Annotated[
        str | None, typer.Option("--routine", metavar="NAME", help="Play a saved routine.")
    ] = None,
    minutes: MinutesOpt = None,
    place: PlaceOpt = None,
    context: ContextOpt = "anytime",
    focus: FocusOpt = None,
    warm: WarmOpt = False,
    avoid: AvoidOpt = None,
    seed: SeedOpt = None,
    headless: Annotated[
        bool,
        typer.Option(
            "--headless", help="Commands on stdin lines, one JSON event per line on stdout."
        ),
    ] = False,
    time_scale: Annotated[
        float, typer.Option("--time-scale", help="Multiply every duration (demos, tests).")
    ] = 1.0,
    voice: Annotated[
        bool | None, typer.Option("--voice/--no-voice", help="Spoken cues (default: profile).")
    ] = None,
    sound: Annotated[
        bool | None,
        typer.Option(
            "--sound/--no-sound",
            help="A soft terminal bell at each change (default: only when cues are not spoken).",
        ),
    ] = None,
    home: HomeOpt = None,
) -> None:
    """Start a guided session (a saved routine, or plan one now)."""
    from supple.domain.timeline import TimelineError, compile_timeline
    from supple.services.catalog import full_catalog
    from supple.services.session_log import SessionRecorder

    if not (0 < time_scale <= 10):
        fail(
            _("--time-scale {scale}: use a number above 0 and at most 10 (e.g. 0.1).").format(
                scale=time_scale
            )
        )
    cfg = settings(home)
    if routine_name is not None:
        if minutes is not None:
            fail(_("give either --routine NAME or plan options like --minutes, not both."))
        routine = _saved_routine(cfg, routine_name)
    else:
        from supple.cli.plan_show import make_plan_or_fail, plan_options

        options = plan_options(minutes or DEFAULT_MINUTES, place, context, focus, warm, avoid, seed)
        routine = make_plan_or_fail(cfg, options)
        from supple.cli.common import console
        from supple.cli.plan_show import print_changes

        print_changes(routine, console(stderr=True))
    catalog = full_catalog(cfg)
    try:
        timeline = compile_timeline(routine, catalog)
    except TimelineError as e:
        fail(
            _("this routine cannot be played: {reason}").format(reason=word(e, CLI)),
            hint=_("Plan a new one: {command}").format(command="supple plan"),
        )
    if not headless and not sys.stdin.isatty():
        fail(
            _("the guided session needs a terminal for its keys."),
            hint=_("For scripts use: {command}").format(command="supple start --headless"),
        )
    from supple.player.safety import shipped_red_flags

    recorder = SessionRecorder(cfg, routine, timeline, time_scale)
    try:
        if headless:
            from supple.player.headless import run_headless

            run_headless(
                timeline,
                sys.stdin,
                sys.stdout,
                time_scale=time_scale,
                listener=recorder,
                red_flags=shipped_red_flags(),
            )
        else:
            _interactive(cfg, timeline, catalog, time_scale, recorder, voice, sound)
    finally:
        # Writes what is still queued; ends the session as stopped unless the player ended it.
        recorder.close("stopped")
        if recorder.failures:
            lost = len(recorder.failures)
            print(
                ngettext(
                    "warning: {n} event of this session could not be saved ({first}). "
                    "Check the database with: {command}",
                    "warning: {n} events of this session could not be saved (first: {first}). "
                    "Check the database with: {command}",
                    lost,
                ).format(n=lost, first=recorder.failures[0], command="supple history"),
                file=sys.stderr,
            )
    if not headless:
        _week_summary(cfg)


def _saved_routine(cfg: Settings, name: str) -> Routine:
    """The saved routine as the safety gate lets it play now; what it left out or changed is
    shown before the session starts (on stderr, so headless stdout stays JSON lines)."""
    from supple.cli.common import console
    from supple.cli.plan_show import print_changes
    from supple.services.planning import checked_saved_routine

    routine = checked_saved_routine(cfg, name)  # a SafetyRefusal is worded by the app (exit 3)
    print_changes(routine, console(stderr=True))
    return routine


def _interactive(
    cfg: Settings,
    timeline: Timeline,
    catalog: Catalog,
    time_scale: float,
    recorder: SessionRecorder,
    voice: bool | None,
    sound: bool | None,
) -> None:
    from supple.cli.common import console
    from supple.player.safety import shipped_red_flags
    from supple.player.view import run_interactive
    from supple.services.profile import get_profile

    speak = (
        voice
        if voice is not None
        else (cfg.voice if cfg.voice is not None else get_profile(cfg).voice)
    )
    run_interactive(
        timeline,
        catalog=catalog,
        time_scale=time_scale,
        listener=recorder,
        voice=speak,
        bell=sound,
        console=console(),
        red_flags=shipped_red_flags(),
    )


def _week_summary(cfg: Settings) -> None:
    from supple.cli.common import console
    from supple.services.sessions import progress

    p = progress(cfg)
    tw = p.this_week
    left = max(0, p.weekly_goal - tw.sessions)
    msg = _("goal met — well done") if tw.met else _("{n} more to reach your goal").format(n=left)
    done = ngettext("{done} of {goal} session", "{done} of {goal} sessions", p.weekly_goal)
    week = done.format(done=tw.sessions, goal=p.weekly_goal)
    console().print(_("This week: {sessions} ({state}).").format(sessions=week, state=msg))
