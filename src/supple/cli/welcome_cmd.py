"""`supple welcome`: the first-time flow — screen, profile, then what comes next."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from supple.cli.common import HomeOpt, fail, settings
from supple.wording.i18n import _, ngettext

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

    from rich.markup import escape

    from supple.cli.common import console
    from supple.services.profile import get_profile, has_profile
    from supple.services.screening import latest

    cfg = settings(home)
    out = console()
    about = _(
        "a stretching coach for the lower back and upper glutes.\n"
        "It plans short routines that fit your time and place, guides you with a timer, "
        "and keeps a private log on this machine."
    )
    out.print(f"[bold]{_('Welcome to supple')}[/] — {escape(about)}\n")
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
            _("Your safety screen from {taken} is valid until {until}.").format(
                taken=result.screened_on, until=result.valid_until
            )
        )
    if result.outcome in ("urgent", "consult"):
        out.print(_("supple will not build a routine until this is resolved (see above)."))
        return
    profile = get_profile(cfg)
    # Until the user has been through this step once (the screen alone saves no profile).
    if interactive and not has_profile(cfg):
        profile = _ask_profile(cfg, profile, out)
    _summary(out, profile, result)


def _explain_non_interactive(out: Console) -> None:
    first = _(
        "No safety screen yet. Run {command} in a terminal to answer it, or answer from a file:"
    )
    questions = _("# the questions")
    out.print(
        first.format(command="[bold]supple welcome[/]")
        + f"\n  supple screen --questions --json   {questions}\n"
        "  supple screen --answers answers.json"
    )


def _ask_profile(cfg: Settings, profile: Profile, out: Console) -> Profile:
    from rich.markup import escape

    from supple.services.profile import BadPlaces, parse_places, save_profile
    from supple.wording import FORM, word

    out.rule(_("Your profile"), align="left")
    try:
        while True:
            ask = _("Where do you usually stretch? floor, chair, standing (comma-separated)")
            places = out.input(f"{escape(ask)} [dim]\\[{','.join(profile.places)}][/] ").strip()
            if not places:
                break
            try:
                profile.places = parse_places(places)  # type: ignore[assignment]
                break
            except BadPlaces as e:
                out.print(f"[red]{escape(word(e, FORM))}[/]")
        while True:
            ask = _("Sessions per week to aim for")
            goal = out.input(f"{escape(ask)} [dim]\\[{profile.weekly_goal}][/] ").strip()
            if not goal:
                break
            if goal.isdigit() and 1 <= int(goal) <= 14:
                profile.weekly_goal = int(goal)
                break
            out.print(f"[red]{escape(_('Please type a whole number from 1 to 14.'))}[/]")
        ask = _("Spoken cues during sessions? (y/n)")
        voice = out.input(f"{escape(ask)} [dim]\\[y][/] ").strip().lower()
        profile.voice = voice not in ("n", "no")
    except EOFError:
        fail(_("the input ended before the profile was complete; nothing was saved."))
    return save_profile(cfg, profile)


def _summary(out: Console, profile: Profile, result: ScreeningResult) -> None:
    from rich.markup import escape

    out.rule(_("What supple will do"), align="left")
    older = profile.age_band == "65-plus"
    aim = ngettext(
        "Aim for {n} session a week, at: {places}.",
        "Aim for {n} sessions a week, at: {places}.",
        profile.weekly_goal,
    ).format(n=profile.weekly_goal, places=", ".join(profile.places))
    warm = _(
        "Start each routine with 5-10 minutes of easy walking or cycling unless you are "
        "already warm"
    )
    hold = _(
        "Hold each stretch {seconds} seconds, the same on both sides, to a mild pull — never pain"
    ).format(seconds="30-60" if older else "20-30")
    sources = "acsm-2021" if older else "seed-000, seed-002"
    out.print(
        f"• {escape(aim)}\n• {escape(warm)} [dim]\\[seed-002][/].\n"
        f"• {escape(hold)} [dim]\\[{sources}][/]."
    )
    if result.excluded:
        left = _("Leave out, from your screen: {ids}.").format(ids=", ".join(result.excluded))
        out.print(f"• {escape(left)}")
    if result.modified:
        adapt = _("Adapt: {ids}.").format(ids=", ".join(m.id for m in result.modified))
        out.print(f"• {escape(adapt)}")
    out.print(
        "\n"
        + _("Next:")
        + f"\n  supple plan --minutes 10      # {_('build a routine')}\n"
        + f"  supple catalog                # {_('every stretch')}\n"
        + f"  supple learn                  # {_('why and how')}"
    )
