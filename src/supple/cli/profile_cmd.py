"""`supple profile`: show and edit age, usual places, weekly goal and voice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from supple.cli.common import HomeOpt, JsonOpt, emit_json, fail, parse_places, settings
from supple.wording.i18n import _, ngettext

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
        defaults = _("No profile saved yet; these are the defaults (supple profile set ...).")
        out.print(f"[dim]{escape(defaults)}[/]")
    goal = ngettext("{n} session", "{n} sessions", p.weekly_goal).format(n=p.weekly_goal)
    age = p.age if p.age is not None else "-"
    lines = [
        _("Name:         {name}").format(name=p.name or "-"),
        _("Age:          {age} ({band})").format(age=age, band=p.age_band),
        _("Places:       {places}").format(places=", ".join(p.places)),
        _("Weekly goal:  {goal}").format(goal=goal),
        _("Voice cues:   {state}").format(state=_("on") if p.voice else _("off")),
        _("Time zone:    {zone}").format(zone=p.timezone or _("this machine’s")),
    ]
    if screening is None:
        lines.append(_("Safety screen: none yet (supple screen)"))
    else:
        taken = {"outcome": screening["outcome"], "on": screening["screened_on"]}
        lines.append(
            (
                _("Safety screen: {outcome}, taken {on}, expired on {until}")
                + " — "
                + _("take it again: supple screen")
                if screening["expired"]
                else _("Safety screen: {outcome}, taken {on}, valid until {until}")
            ).format(**taken, until=screening["valid_until"])
        )
        if screening["excluded"]:
            left = ", ".join(_name(i) for i in screening["excluded"])
            lines.append(_("  Left out:   {names}").format(names=left))
        for m in screening["modified"]:
            lines.append(
                _("  Changed:    {name} — {change}").format(name=_name(m["id"]), change=m["text"])
            )
    for line in lines:
        out.print(escape(line))


def _name(stretch_id: str) -> str:
    from supple.data.loader import shipped

    catalog = shipped().catalog
    return catalog.get(stretch_id).name if stretch_id in catalog else stretch_id


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
        fail(
            _("nothing to change."),
            hint=_("Try e.g.: {command}").format(command="supple profile set --weekly-goal 4"),
        )
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
        fail(
            _("--timezone '{zone}' is not a known time zone.").format(zone=tz),
            hint=_("Use a name like Europe/Paris."),
        )
    return tz
