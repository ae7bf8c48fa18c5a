"""`supple pain checked NAME --reason ...`: bring a stretch back after sharp pain."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from supple.cli.common import (
    HomeOpt,
    JsonOpt,
    bring_back_hint,  # noqa: F401 (kept importable from here)
    emit_json,
    settings,
)
from supple.wording.i18n import _

pain_app = typer.Typer(
    help="Bring a stretch back after sharp pain (mark it checked).",
    no_args_is_help=True,
)


class Reason(StrEnum):
    professional = "professional"
    settled = "settled"


def register(app: typer.Typer) -> None:
    app.add_typer(pain_app, name="pain")


@pain_app.command("checked")
def checked(
    stretch: Annotated[
        str,
        typer.Argument(
            metavar="NAME", help="The stretch's name or id, e.g. \"child's pose\" or cat-cow."
        ),
    ],
    reason: Annotated[
        Reason,
        typer.Option(
            "--reason",
            help="professional: someone has looked at it; settled: it has settled and you "
            "want to try again.",
        ),
    ],
    as_json: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """Mark a stretch checked after a sharp-pain report (not on the day of the pain): plans
    bring it back at its easier version and lowest dose."""
    from rich.markup import escape

    from supple.cli.common import console
    from supple.services.pain import mark_checked

    done = mark_checked(settings(home), stretch, reason.value)  # Problems worded by the app
    if as_json:
        emit_json(done)
        return
    said = _(
        "{name} is marked checked. Plans bring it back from now on, at its easier version and "
        "lowest dose; stop at once if the sharp pain returns."
    ).format(name=done["name"])
    console().print(escape(said))
