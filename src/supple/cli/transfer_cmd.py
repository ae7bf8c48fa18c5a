"""`supple export` and `supple import`: all of a user's data out and back in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from supple.cli.common import HomeOpt, JsonOpt, emit_json, fail, settings
from supple.wording.i18n import _, ngettext


def _records(kind: str, n: int) -> str:
    """`n` records of one kind as people read them ("1 session", "3 sessions")."""
    forms = {
        "profile": ngettext("{n} profile", "{n} profiles", n),
        "screenings": ngettext("{n} screening", "{n} screenings", n),
        "routines": ngettext("{n} routine", "{n} routines", n),
        "sessions": ngettext("{n} session", "{n} sessions", n),
        "user_stretches": ngettext("{n} user stretch", "{n} user stretches", n),
        "pain_checks": ngettext("{n} pain check", "{n} pain checks", n),
    }
    return forms.get(kind, f"{{n}} {kind.replace('_', ' ')}").format(n=n)


def counted(counts: dict[str, int]) -> str:
    """ "1 profile, 2 screenings, ..." for the kinds counted."""
    return ", ".join(_records(k, v) for k, v in counts.items())


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
        fail(_("--format '{format}': use json or csv.").format(format=fmt))
    try:
        counts = run(settings(home), fmt, file)  # type: ignore[arg-type]
    except OSError as e:
        fail(_("{file}: cannot write the file ({reason}).").format(file=file, reason=e.strerror))
    if as_json:
        emit_json(counts)
        return
    from supple.cli.common import console

    console().print(
        _("Wrote {file} ({format}): {counts}.").format(
            file=file, format=fmt, counts=counted(counts)
        ),
        markup=False,
    )


def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A file made by supple export.")],
    as_json: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """Import a supple export (never duplicates)."""
    from supple.cli.common import fail_problem
    from supple.domain.problems import Problem
    from supple.services.transfer import INCOMPLETE, TransferError, import_data
    from supple.wording import CLI, word

    corrections: list[dict[str, object]] = []
    warnings: list[Problem] = []
    try:
        added = import_data(settings(home), file, corrections, warnings)
    except TransferError as e:
        if e.code is INCOMPLETE:
            hint = _(
                "Nothing was imported. Copy the whole file again, or export the data again "
                "with `supple export`, and import that."
            )
        else:
            hint = _(
                "Nothing was imported. Fix that entry (or export the data again with "
                "`supple export`) and import the file again."
            )
        fail_problem(e, hint=hint)
    from supple.cli.common import console

    for w in warnings:
        console(stderr=True).print(_("warning: {text}").format(text=word(w, CLI)), markup=False)
    if as_json:
        emit_json(added)
        return
    for c in corrections:
        # The file's stored screen result is never trusted: it is judged again from its answers.
        console(stderr=True).print(
            _(
                "Screening {screening}: the file said {field} {stored}; judged again from its "
                "answers it is {computed}, and that is what was imported."
            ).format(**c),
            markup=False,
        )

    if not any(added.values()):
        console().print(_("Nothing new: everything in the file is already here."))
        return
    summary = counted({k: v for k, v in added.items() if v})
    console().print(_("Imported {counts}.").format(counts=summary), markup=False)
