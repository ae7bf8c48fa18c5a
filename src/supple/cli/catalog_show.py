"""What `supple catalog` (the list) does and prints, free of Typer: the command's options are
in cli/catalog_cmd.py, and cli/fast_run.py runs this directly for the usual arguments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from supple.cli.common import emit_json, settings
from supple.wording.i18n import _, ngettext

if TYPE_CHECKING:
    from supple.data.loader import DataSet
    from supple.domain.catalog import Stretch


def _dose(s: Stretch) -> str:
    if s.hold_seconds:
        return _("hold {low}-{high} s").format(low=s.hold_seconds.min, high=s.hold_seconds.max)
    if s.repetitions and s.tempo:
        return _("{low}-{high} breaths of {seconds} s").format(
            low=s.repetitions.min, high=s.repetitions.max, seconds=s.tempo.rep_seconds
        )
    if s.minutes:
        return _("{low}-{high} min").format(low=s.minutes.min, high=s.minutes.max)
    return ""


def _muscle_names(data: DataSet, ids: list[str]) -> str:
    return ", ".join(data.anatomy.muscles[m].name if m in data.anatomy.muscles else m for m in ids)


def catalog(
    place: str | None = None,
    region: str | None = None,
    style: str | None = None,
    as_json: bool = False,
    home: str | None = None,
) -> None:
    """`supple catalog` without a subcommand: the stretches, filtered."""
    from supple.data.loader import shipped
    from supple.domain.planner_imported import one_per_movement
    from supple.services.catalog import filter_catalog, full_catalog, stretch_json

    data = shipped()
    cat = full_catalog(settings(home))
    items = filter_catalog(cat, data, place, region, style)  # a BadFilter is worded by the app
    if as_json:
        emit_json([stretch_json(s) for s in items])
        return
    # People see each movement once: an imported twin is listed as its shipped stretch (the
    # JSON keeps every entry, with the twin named in its origin).
    _print_table(data, one_per_movement(items, set(cat.ids())))


def _print_table(data: DataSet, items: list[Stretch]) -> None:
    """Words are never broken: each column is at least as wide as its longest word. On a narrow
    terminal the targets are left to `catalog show`. People read names; ids are in --json."""
    from rich.markup import escape
    from rich.table import Table

    from supple.cli.common import console

    out = console()
    wide = out.width >= 110

    def name_of(s: Stretch) -> str:
        imported = "" if s.origin == "supple" else f" [dim]{_('(imported)')}[/]"
        return f"{escape(s.name)}{imported}"

    def longest_word(texts: list[str]) -> int:
        return max((len(w) for t in texts for w in t.split()), default=4)

    # Warm-ups are not stretches: they are listed after the table (or alone with --style warmup).
    warmups = [s for s in items if s.style == "warmup"]
    if len(warmups) < len(items):
        items = [s for s in items if s.style != "warmup"]
    else:
        warmups = []
    title = ngettext("{n} stretch", "{n} stretches", len(items)).format(n=len(items))
    table = Table(title=title, title_justify="left")
    table.add_column(_("stretch"), min_width=longest_word([s.name for s in items]))
    table.add_column(_("style"), no_wrap=True)
    table.add_column(_("place"), min_width=len("standing"))
    table.add_column(_("sides"), no_wrap=True)
    table.add_column(_("dose"), min_width=longest_word([_dose(s) for s in items]))
    if wide:
        targets = [_muscle_names(data, s.targets.primary) for s in items]
        table.add_column(_("targets"), min_width=longest_word(targets))
    for s in items:
        sides = _("each side") if s.one_sided else _("together")
        row = [name_of(s), s.style, ", ".join(s.places), sides, _dose(s)]
        if wide:
            row.append(_muscle_names(data, s.targets.primary))
        table.add_row(*row)
    out.print(table)
    if warmups:
        names = ", ".join(f"{escape(w.name)} ({', '.join(w.places)})" for w in warmups)
        out.print(_("Warm-ups: {names}").format(names=names))
    out.print(
        _("Details:")
        + ' [bold]supple catalog show "NAME"[/]'
        + (
            ""
            if wide
            else " " + _("(targets and steps; a wider terminal also lists the targets here)")
        )
    )
