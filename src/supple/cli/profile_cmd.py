"""`supple profile`: show and edit age, usual places, weekly goal and voice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

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


def profile_json(p: Profile, screening: dict[str, Any] | None) -> dict[str, object]:
    return {**p.model_dump(mode="json"), "age_band": p.age_band, "screening": screening}


@profile_app.callback()
def show(ctx: typer.Context, as_json: JsonOpt = False, home: HomeOpt = None) -> None:
    """Show your profile."""
    if ctx.invoked_subcommand is not None:
        return
    from supple.services.profile import get_profile, has_profile
    from supple.services.screening import summary

    cfg = settings(home)
    p = get_profile(cfg)
    if as_json:
        emit_json(profile_json(p, summary(cfg)))
        return
    print_profile(p, summary(cfg), saved=has_profile(cfg))


def print_profile(p: Profile, screening: dict[str, Any] | None, saved: bool = True) -> None:
    from rich.markup import escape

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
    if screening is None:
        out.print("Safety screen: none yet (supple screen)")
        return
    state = "expired on" if screening["expired"] else "valid until"
    out.print(
        f"Safety screen: {screening['outcome']}, taken {screening['screened_on']}, "
        f"{state} {screening['valid_until']}"
        + (" — take it again: supple screen" if screening["expired"] else "")
    )
    if screening["excluded"]:
        out.print(f"  Left out:   {escape(', '.join(_name(i) for i in screening['excluded']))}")
    for m in screening["modified"]:
        out.print(f"  Changed:    {escape(_name(m['id']))} — {escape(m['text'])}")


def _name(stretch_id: str) -> str:
    from supple.data.loader import shipped

    catalog = shipped().catalog
    return catalog.get(stretch_id).name if stretch_id in catalog else stretch_id


def parse_places(text: str, option: str = "--places") -> list[str]:
    """The places of a `--places` (or `--place`) option; bad ones end the command (exit 2)."""
    from supple.cli.common import fail_problem
    from supple.services import profile as svc

    try:
        return svc.parse_places(text)
    except svc.BadPlaces as e:
        fail_problem(e, names={"places": option})


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
    from supple.services.screening import summary

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
        from supple.domain.names import person_name

        changes["name"] = person_name(name)  # a name past the limit is worded by the app
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
        emit_json(profile_json(updated, summary(cfg)))
    else:
        print_profile(updated, summary(cfg))


def _check_timezone(tz: str) -> str:
    if not tz:
        return ""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        fail(f"--timezone '{tz}' is not a known time zone.", hint="Use a name like Europe/Paris.")
    return tz
