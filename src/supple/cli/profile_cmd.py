"""`supple profile`: show and edit age, usual places, weekly goal and voice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from supple.cli.common import HomeOpt, JsonOpt, emit_json, fail, settings

if TYPE_CHECKING:
    from supple.domain.profile import Profile

profile_app = typer.Typer(
    help="Show or edit your profile (age, places, goal, voice).",
    invoke_without_command=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(profile_app, name="profile")


def profile_json(p: Profile) -> dict[str, object]:
    return {**p.model_dump(mode="json"), "age_band": p.age_band}


@profile_app.callback()
def show(ctx: typer.Context, as_json: JsonOpt = False, home: HomeOpt = None) -> None:
    """Show your profile."""
    if ctx.invoked_subcommand is not None:
        return
    from supple.services.profile import get_profile, has_profile

    cfg = settings(home)
    p = get_profile(cfg)
    if as_json:
        emit_json(profile_json(p))
        return
    print_profile(p, saved=has_profile(cfg))


def print_profile(p: Profile, saved: bool = True) -> None:
    from supple.cli.common import console

    out = console()
    if not saved:
        out.print("[dim]No profile saved yet; these are the defaults (supple profile set ...).[/]")
    out.print(f"Name:         {p.name or '-'}")
    out.print(f"Age:          {p.age if p.age is not None else '-'} ({p.age_band})")
    out.print(f"Places:       {', '.join(p.places)}")
    out.print(f"Weekly goal:  {p.weekly_goal} sessions")
    out.print(f"Voice cues:   {'on' if p.voice else 'off'}")
    out.print(f"Time zone:    {p.timezone or 'this machine’s'}")


def parse_places(text: str, option: str = "--places") -> list[str]:
    from supple.domain.catalog import PLACES

    places = [x.strip().lower() for x in text.split(",") if x.strip()]
    bad = [x for x in places if x not in PLACES]
    if bad or not places:
        fail(
            f"{option} '{text}': unknown place(s) {', '.join(bad) or '(none given)'}.",
            hint=f"Use a comma-separated list of: {', '.join(PLACES)}.",
        )
    return list(dict.fromkeys(places))


@profile_app.command("set")
def set_(
    age: Annotated[int | None, typer.Option(help="Age in whole years.")] = None,
    places: Annotated[
        str | None, typer.Option(help="Where you usually stretch: floor,chair,standing.")
    ] = None,
    weekly_goal: Annotated[
        int | None, typer.Option("--weekly-goal", help="Sessions per week to aim for (1-14).")
    ] = None,
    voice: Annotated[
        bool | None, typer.Option("--voice/--no-voice", help="Spoken cues during sessions.")
    ] = None,
    name: Annotated[str | None, typer.Option(help="What supple calls you.")] = None,
    timezone: Annotated[
        str | None, typer.Option(help="IANA time zone for reminders, e.g. Europe/Berlin.")
    ] = None,
    as_json: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """Change one or more profile fields."""
    from pydantic import ValidationError

    from supple.domain.profile import Profile
    from supple.services.profile import get_profile, save_profile

    cfg = settings(home)
    current = get_profile(cfg)
    changes: dict[str, object] = {}
    if age is not None:
        changes["age"] = age
    if places is not None:
        changes["places"] = parse_places(places)
    if weekly_goal is not None:
        changes["weekly_goal"] = weekly_goal
    if voice is not None:
        changes["voice"] = voice
    if name is not None:
        changes["name"] = name.strip()
    if timezone is not None:
        changes["timezone"] = _check_timezone(timezone)
    if not changes:
        fail("nothing to change.", hint="Try e.g.: supple profile set --weekly-goal 4")
    try:
        updated = Profile.model_validate({**current.model_dump(), **changes})
    except ValidationError as e:
        err = e.errors()[0]
        field = str(err["loc"][0]).replace("_", "-")
        fail(f"--{field} {changes.get(str(err['loc'][0]))}: {err['msg']}.")
    save_profile(cfg, updated)
    if as_json:
        emit_json(profile_json(updated))
    else:
        print_profile(updated)


def _check_timezone(tz: str) -> str:
    if not tz:
        return ""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        fail(f"--timezone '{tz}' is not a known time zone.", hint="Use a name like Europe/Paris.")
    return tz
