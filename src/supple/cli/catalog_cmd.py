"""`supple catalog`: list, show and import stretches."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from supple.cli.catalog_show import _dose, _muscle_names
from supple.cli.common import HomeOpt, JsonOpt, emit_json, fail, settings
from supple.wording.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from supple.data.loader import DataSet
    from supple.domain.catalog import Stretch

catalog_app = typer.Typer(
    help="List, show or import stretches.",
    invoke_without_command=True,
    no_args_is_help=False,
)


#: A variation's kind as people read it.
MODIFICATION_KIND = {"easier": N_("Easier"), "deeper": N_("Deeper")}


def register(app: typer.Typer) -> None:
    from supple.cli import catalog_set_cmd

    catalog_set_cmd.register(catalog_app)
    app.add_typer(catalog_app, name="catalog")


@catalog_app.callback()
def catalog(
    ctx: typer.Context,
    place: Annotated[
        str | None, typer.Option(help="Only stretches for this place: floor, chair or standing.")
    ] = None,
    region: Annotated[
        str | None, typer.Option(help="Only stretches whose main target is in this region.")
    ] = None,
    style: Annotated[
        str | None, typer.Option(help="Only this style: static, dynamic or warmup.")
    ] = None,
    as_json: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """List the stretches (shipped and imported)."""
    if ctx.invoked_subcommand is not None:
        return
    from supple.cli.catalog_show import catalog as show_list

    show_list(place, region, style, as_json, home)


@catalog_app.command("show")
def show(
    stretch_id: Annotated[
        str,
        typer.Argument(
            metavar="NAME", help="The stretch's name or id, e.g. \"child's pose\" or cat-cow."
        ),
    ],
    as_json: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """One stretch: steps, tips, variations, cautions and sources."""
    from supple.data.loader import shipped
    from supple.services.catalog import full_catalog, stretch_json

    data = shipped()
    s = full_catalog(settings(home)).find(stretch_id)  # UnknownStretch is worded by the app
    if as_json:
        emit_json(stretch_json(s))
        return
    _render_stretch(data, s)


def _render_stretch(data: DataSet, s: Stretch) -> None:
    from rich.markup import escape
    from rich.panel import Panel

    from supple.cli.common import console

    out = console()
    from supple.wording.people import caution_line, source_ref

    lines = [f"[bold]{escape(s.name)}[/]"]
    if s.summary:
        lines.append(escape(s.summary))
    lines.append(
        f"{s.style} · {', '.join(s.places)} · {s.position} · "
        f"{_('each side') if s.one_sided else _('both sides together')} · {_dose(s)}"
    )
    lines.append(_("Targets: {names}").format(names=_muscle_names(data, s.targets.primary)))
    if s.targets.secondary:
        lines.append(_("Also: {names}").format(names=_muscle_names(data, s.targets.secondary)))
    if s.targets.note:
        lines.append(f"[italic]{escape(s.targets.note)}[/]")
    if s.origin != "supple":
        inferred = (
            _("; guessed: {fields}").format(fields=", ".join(s.inferred)) if s.inferred else ""
        )
        imported = _("Imported from {origin}").format(origin=s.origin)
        lines.append(f"[yellow]{escape(imported + inferred)}[/]")
    out.print(Panel("\n".join(lines), expand=False))
    from supple.figures.terminal import TerminalFigure

    out.print(TerminalFigure(s))  # nothing on a terminal too narrow for it
    out.print(f"[bold]{_('Steps')}[/]")
    for i, step in enumerate(s.steps, 1):
        out.print(f" {i}. {escape(step)}")
    if s.tempo:
        breath = _("in {inhale} s: {inhale_cue} · out {exhale} s: {exhale_cue}").format(
            inhale=s.tempo.inhale_seconds,
            inhale_cue=s.tempo.inhale_cue,
            exhale=s.tempo.exhale_seconds,
            exhale_cue=s.tempo.exhale_cue,
        )
        out.print(f"[bold]{_('Breath')}[/]  {escape(breath)}")
    if s.tips:
        out.print(f"[bold]{_('Tips')}[/]")
        for tip in s.tips:
            out.print(f" • {escape(tip)}")
    if s.modifications:
        out.print(f"[bold]{_('Variations')}[/]")
        for m in s.modifications:
            out.print(f" • {_(MODIFICATION_KIND.get(m.kind, m.kind))}: {escape(m.text)}")
    if s.cautions:
        out.print(f"[bold]{_('Cautions')}[/]")
        for c in s.cautions:
            out.print(f" • {escape(caution_line(c))}")
    out.print(f"[bold]{_('Sources')}[/]")
    for sid in s.sources:
        src = data.sources.get(sid)
        out.print(f" • {escape(source_ref(src, sid))}")


@catalog_app.command("import")
def import_(
    file: Annotated[
        Path, typer.Argument(metavar="FILE.json", help="Exercises in the free-exercise-db format.")
    ],
    as_json: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """Import free-exercise-db stretches."""
    from supple.importers import ImportFormatError
    from supple.services.catalog import import_catalog

    if not file.is_file():
        fail(
            _("{file}: no such file.").format(file=file),
            hint=_("Give the path of a free-exercise-db exercises.json."),
        )
    try:
        report, changed = import_catalog(settings(home), file)
    except ImportFormatError as e:
        fail(str(e), hint=_("Nothing was imported. See docs/importer.md for the format."))
    if as_json:
        emit_json({**report.as_dict(), "changed": changed})
        return
    from rich.markup import escape

    from supple.cli.common import console

    out = console()
    for line in report.summary_lines():
        out.print(line, markup=False)
    for w in report.warnings:
        out.print(f"[yellow]{_('warning:')}[/] {escape(w)}")
    if changed:
        added = ngettext(
            "{n} stretch added or updated: {ids}",
            "{n} stretches added or updated: {ids}",
            len(changed),
        )
        out.print(added.format(n=len(changed), ids=", ".join(changed)), markup=False)
    else:
        out.print(_("Nothing new: your catalog already holds these entries."))
