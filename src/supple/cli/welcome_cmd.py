"""`supple welcome`: the first-time flow — screen, profile, then what comes next."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from supple.cli.common import HomeOpt, fail, settings

if TYPE_CHECKING:
    from rich.console import Console

    from supple.config import Settings
    from supple.domain.profile import Profile
    from supple.domain.screening import ScreeningResult


def register(app: typer.Typer) -> None:
    app.command("welcome")(welcome)


def welcome(home: HomeOpt = None) -> None:
    """First-time setup: safety screen, profile, next steps."""
    from datetime import date

    from supple.cli.common import console
    from supple.services.profile import get_profile, has_profile
    from supple.services.screening import latest

    cfg = settings(home)
    out = console()
    out.print(
        "[bold]Welcome to supple[/] — a stretching coach for the lower back and upper glutes.\n"
        "It plans short routines that fit your time and place, guides you with a timer, "
        "and keeps a private log on this machine.\n"
    )
    result = latest(cfg)
    interactive = sys.stdin.isatty()
    if result is None or result.valid_until < date.today():
        if not interactive:
            _explain_non_interactive(out)
            return
        from supple.cli.screen_cmd import ask_interactively, print_result, submit_or_fail
        from supple.services.screening import questions

        result = submit_or_fail(cfg, ask_interactively(questions()))
        print_result(result, out)
    else:
        out.print(
            f"Your safety screen from {result.screened_on} is valid until {result.valid_until}."
        )
    if result.outcome in ("urgent", "consult"):
        out.print("supple will not build a routine until this is resolved (see above).")
        return
    profile = get_profile(cfg)
    # Until the user has been through this step once (the screen alone saves no profile).
    if interactive and not has_profile(cfg):
        profile = _ask_profile(cfg, profile, out)
    _summary(out, profile, result)


def _explain_non_interactive(out: Console) -> None:
    out.print(
        "No safety screen yet. Run [bold]supple welcome[/] in a terminal to answer it, or "
        "answer from a file:\n  supple screen --questions --json   # the questions\n"
        "  supple screen --answers answers.json"
    )


def _ask_profile(cfg: Settings, profile: Profile, out: Console) -> Profile:
    from rich.markup import escape

    from supple.services.profile import BadPlaces, parse_places, save_profile
    from supple.wording import FORM, word

    out.rule("Your profile", align="left")
    try:
        while True:
            places = out.input(
                "Where do you usually stretch? floor, chair, standing (comma-separated) "
                f"[dim]\\[{','.join(profile.places)}][/] "
            ).strip()
            if not places:
                break
            try:
                profile.places = parse_places(places)  # type: ignore[assignment]
                break
            except BadPlaces as e:
                out.print(f"[red]{escape(word(e, FORM))}[/]")
        while True:
            goal = out.input(
                f"Sessions per week to aim for [dim]\\[{profile.weekly_goal}][/] "
            ).strip()
            if not goal:
                break
            if goal.isdigit() and 1 <= int(goal) <= 14:
                profile.weekly_goal = int(goal)
                break
            out.print("[red]Please type a whole number from 1 to 14.[/]")
        voice = out.input("Spoken cues during sessions? (y/n) [dim][y][/] ").strip().lower()
        profile.voice = voice not in ("n", "no")
    except EOFError:
        fail("the input ended before the profile was complete; nothing was saved.")
    return save_profile(cfg, profile)


def _summary(out: Console, profile: Profile, result: ScreeningResult) -> None:
    out.rule("What supple will do", align="left")
    out.print(
        f"• Aim for {profile.weekly_goal} sessions a week, at: {', '.join(profile.places)}.\n"
        "• Start each routine with 5-10 minutes of easy walking or cycling unless you are already "
        "warm [dim]\\[seed-002][/].\n"
        f"• Hold each stretch {'30-60' if profile.age_band == '65-plus' else '20-30'} seconds, "
        "the same on both sides, to a mild pull — never pain "
        f"[dim]\\[{'acsm-2021' if profile.age_band == '65-plus' else 'seed-000, seed-002'}][/]."
    )
    if result.excluded:
        out.print(f"• Leave out, from your screen: {', '.join(result.excluded)}.")
    if result.modified:
        out.print(f"• Adapt: {', '.join(m.id for m in result.modified)}.")
    out.print(
        "\nNext:\n  supple plan --minutes 10      # build a routine\n"
        "  supple catalog                # every stretch\n"
        "  supple learn                  # why and how"
    )
