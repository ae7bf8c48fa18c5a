"""`supple plan` and `supple routine`: build, explain, save and show routines."""

from __future__ import annotations

from typing import Annotated

import typer

from supple.cli import plan_show
from supple.cli.common import HomeOpt, JsonOpt, emit_json, fail, settings
from supple.cli.plan_show import (  # noqa: F401 (other commands import them from here)
    _fmt_secs,
    left_out_lines,
    make_plan_or_fail,
    plan_options,
    print_changes,
    print_pain_hints,
    print_routine,
)
from supple.wording.i18n import _

routine_app = typer.Typer(help="List or show saved routines.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)
    app.add_typer(routine_app, name="routine")


MinutesOpt = Annotated[
    int | None, typer.Option("--minutes", help="Whole session in minutes, warm-up included.")
]
PlaceOpt = Annotated[
    str | None,
    typer.Option("--place", help="Where: any of floor,chair,standing (default: your profile)."),
]
ContextOpt = Annotated[
    str,
    typer.Option(
        "--context", help="before (activity), after (activity) or anytime.", metavar="WHEN"
    ),
]
FocusOpt = Annotated[
    str | None, typer.Option("--focus", help="upper-glutes, lower-back or both (default both).")
]
WarmOpt = Annotated[
    bool, typer.Option("--warm", help="Already warm (after a workout or a warm shower).")
]
AvoidOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--avoid",
        metavar="NAME",
        help="Leave this stretch out: its name or id (repeatable, or several with commas).",
    ),
]
SeedOpt = Annotated[
    int | None, typer.Option("--seed", help="Ask for a different routine with the same inputs.")
]


def plan(
    minutes: MinutesOpt = None,
    place: PlaceOpt = None,
    context: ContextOpt = "anytime",
    focus: FocusOpt = None,
    warm: WarmOpt = False,
    avoid: AvoidOpt = None,
    seed: SeedOpt = None,
    save: Annotated[
        str | None, typer.Option("--save", metavar="NAME", help="Save the routine under NAME.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="With --save: replace NAME.")] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Also say which rule shaped which choice.")
    ] = False,
    as_json: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """Build a routine for your minutes, place and context."""
    plan_show.plan(
        minutes, place, context, focus, warm, avoid, seed, save, force, explain, as_json, home
    )


@routine_app.command("list")
def routine_list(as_json: JsonOpt = False, home: HomeOpt = None) -> None:
    """List saved routines."""
    from supple.services.planning import list_routines

    rows = list_routines(settings(home))
    if as_json:
        emit_json(rows)
        return
    from rich.markup import escape

    from supple.cli.common import console

    out = console()
    if not rows:
        out.print(
            _("No saved routines yet: {command}").format(
                command="supple plan --minutes 10 --save morning"
            )
        )
    for r in rows:
        total = r.get("total_seconds") or r.get("routine", {}).get("total_seconds", 0)
        saved = _("{time} min  saved {when}").format(
            time=_fmt_secs(int(total)), when=r.get("created_at", "")
        )
        out.print(f"[bold]{escape(r['name'])}[/]  {escape(saved)}")


@routine_app.command("show")
def routine_show(
    name: Annotated[str, typer.Argument(help="The name given with --save.")],
    as_json: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """Show a saved routine."""
    from supple.services.planning import get_routine, list_routines

    cfg = settings(home)
    routine = get_routine(cfg, name)
    if routine is None:
        names = [r["name"] for r in list_routines(cfg)]
        fail(
            _("No saved routine '{name}'.").format(name=name),
            hint=_("Saved: {names}").format(names=", ".join(names))
            if names
            else _("Save one with: {command}").format(command="plan --save NAME"),
        )
    if as_json:
        emit_json(routine.model_dump(mode="json"))
    else:
        print_routine(routine)
