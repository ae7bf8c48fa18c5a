"""`supple history` and `supple progress`: what was done, and whether it is kept up and helps.
Their options are here; what they do is in cli/log_show.py."""

from __future__ import annotations

from typing import Annotated

import typer

from supple.cli import log_show
from supple.cli.common import HomeOpt, JsonOpt
from supple.cli.log_show import CHANGE_SOURCES, STATUS  # noqa: F401 (kept where they were)


def register(app: typer.Typer) -> None:
    app.command("history")(history)
    app.command("progress")(progress)


def history(
    since: Annotated[
        str | None, typer.Option(help="Only sessions from this date on (YYYY-MM-DD).")
    ] = None,
    as_json: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """List your sessions: stretches, sides, time held, how it felt."""
    log_show.history(since, as_json, home)


def progress(
    as_json: JsonOpt = False,
    accept_goal: Annotated[
        bool,
        typer.Option("--accept-goal", help="Take the weekly goal suggested below, if any."),
    ] = False,
    home: HomeOpt = None,
) -> None:
    """Your week against the goal, streaks, levels and discomfort."""
    log_show.progress(as_json, accept_goal, home)
