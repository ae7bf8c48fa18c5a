"""`supple export` and `supple import`: all of a user's data out and back in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from supple.cli.common import HomeOpt, JsonOpt, emit_json, fail, settings


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("import")(import_)


def export(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the export.")],
    fmt: Annotated[str, typer.Option("--format", help="json or csv.")] = "json",
    as_json: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """Export all your data (JSON or CSV)."""
    from supple.services.transfer import export as run

    if fmt not in ("json", "csv"):
        fail(f"--format '{fmt}': use json or csv.")
    try:
        counts = run(settings(home), fmt, file)  # type: ignore[arg-type]
    except OSError as e:
        fail(f"{file}: cannot write the file ({e.strerror}).")
    if as_json:
        emit_json(counts)
        return
    from supple.cli.common import console

    summary = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items())
    console().print(f"Wrote {file} ({fmt}): {summary}.")


def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A file made by supple export.")],
    as_json: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """Import a supple export (never duplicates)."""
    from supple.cli.common import fail_problem
    from supple.services.transfer import TransferError, import_data

    corrections: list[dict[str, object]] = []
    try:
        added = import_data(settings(home), file, corrections)
    except TransferError as e:
        fail_problem(
            e,
            hint="Nothing was imported. Fix that entry (or export the data again with "
            "`supple export`) and import the file again.",
        )
    if as_json:
        emit_json(added)
        return
    from supple.cli.common import console

    for c in corrections:
        # The file's stored screen result is never trusted: it is judged again from its answers.
        console(stderr=True).print(
            f"Screening {c['screening']}: the file said {c['field']} {c['stored']}; judged "
            f"again from its answers it is {c['computed']}, and that is what was imported."
        )

    if not any(added.values()):
        console().print("Nothing new: everything in the file is already here.")
        return
    summary = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in added.items() if v)
    console().print(f"Imported {summary}.")
