"""`supple catalog set` and `supple catalog incomplete`: complete imported entries."""

from __future__ import annotations

from typing import Annotated

import typer

from supple.cli.common import HomeOpt, JsonOpt, emit_json, settings
from supple.wording.i18n import _


def register(catalog_app: typer.Typer) -> None:
    catalog_app.command("set")(set_entry)
    catalog_app.command("incomplete")(incomplete)


def set_entry(
    stretch_id: Annotated[str, typer.Argument(metavar="ID", help="An imported entry's id.")],
    place: Annotated[
        str | None, typer.Option("--place", help="Where it is done: any of floor,chair,standing.")
    ] = None,
    position: Annotated[
        str | None,
        typer.Option("--position", help="standing, chair, kneeling, all-fours, seated or lying."),
    ] = None,
    sides: Annotated[
        str | None, typer.Option("--sides", help="each (one side, then the other) or both.")
    ] = None,
    as_json: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """Set where an imported stretch is done."""
    from supple.cli.common import fail_problem
    from supple.services.user_catalog import EntryError
    from supple.services.user_catalog import set_entry as set_it

    places = [p.strip() for p in place.split(",") if p.strip()] if place is not None else None
    try:
        s = set_it(settings(home), stretch_id, places, position, sides)
    except EntryError as e:
        fail_problem(
            e,
            hint=_("See the entries to complete with: supple catalog incomplete"),
            names={"places": "--place", "stretch": "ID"},
        )
    if as_json:
        emit_json(s.model_dump(mode="json", exclude_none=True))
        return
    from supple.cli.common import console

    sides = _("each side") if s.one_sided else _("both sides together")
    console().print(
        _("{id}: {places} · {position} · {sides}. The planner can use it now.").format(
            id=s.id, places=", ".join(s.places), position=s.position, sides=sides
        ),
        markup=False,
    )


def incomplete(as_json: JsonOpt = False, home: HomeOpt = None) -> None:
    """List imported stretches still to complete."""
    from supple.services.user_catalog import incomplete_entries

    rows = incomplete_entries(settings(home))
    if as_json:
        emit_json([{"id": s.id, "name": s.name, "missing": m} for s, m in rows])
        return
    from rich.markup import escape

    from supple.cli.common import console

    out = console()
    if not rows:
        out.print(_("Every imported stretch is complete."))
    for s, missing in rows:
        settable = [m for m in missing if m != "figure"]
        line = escape(
            _("{id} ({name}): missing {fields}.").format(
                id=s.id, name=s.name, fields=_(" and ").join(missing)
            )
        )
        if settable:
            line += f" supple catalog set {s.id} --place ... --position ..."
        if "figure" in missing:
            figure = _("(a plain standing figure shows until its data has a [figure])")
            line += f" [dim]{escape(figure)}[/]"
        out.print(line)
