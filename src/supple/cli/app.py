"""The `supple` command. Each command group lives in its own module; heavy imports stay inside
command bodies so `supple --help` starts fast (a test checks SQLAlchemy and FastAPI stay unloaded).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from supple.cli import (
    accounts_cmd,
    catalog_cmd,
    learn_cmd,
    log_cmd,
    plan_cmd,
    profile_cmd,
    remind_cmd,
    screen_cmd,
    serve_cmd,
    start_cmd,
    transfer_cmd,
    welcome_cmd,
)

if TYPE_CHECKING:
    from typer._click.core import Context


class SuppleGroup(TyperGroup):
    """The root command group: a problem (`supple.domain.problems`) or a database that cannot be
    opened ends any command the same way, worded for the terminal with what to do (exit 2, or 3
    for safety), never a traceback. Help is shown in the reader's language (`cli.help_words`)."""

    def get_command(self, ctx: Context, cmd_name: str) -> Any:
        from supple.cli.help_words import translate_help

        command = super().get_command(ctx, cmd_name)
        return translate_help(command) if command is not None else None

    def format_help(self, ctx: Context, formatter: Any) -> None:
        from supple.cli.help_words import translate_help

        translate_help(self)
        super().format_help(ctx, formatter)

    def invoke(self, ctx: Context) -> Any:
        from supple.cli.common import fail_problem
        from supple.domain.problems import Problem

        try:
            return super().invoke(ctx)
        except Problem as e:
            fail_problem(e)
        except Exception as e:
            # A write the machine refused (read-only folder, full disk) is said plainly with
            # exit 2, never as a traceback; anything else is a bug and keeps its traceback.
            from supple.cli.common import root_home
            from supple.config import get_settings
            from supple.services.context import write_problem

            problem = write_problem(e, str(get_settings(root_home()).home))
            if problem is None:
                raise
            fail_problem(problem)


app = typer.Typer(
    name="supple",
    cls=SuppleGroup,
    help="An offline stretching coach for the lower back and upper glutes.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    home: Annotated[
        str | None,
        typer.Option(
            "--home",
            help="Data directory for every command (overrides SUPPLE_HOME).",
            metavar="DIR",
        ),
    ] = None,
) -> None:
    """An offline stretching coach for the lower back and upper glutes."""
    # `supple --home DIR COMMAND` works like `COMMAND --home DIR` (the command's own wins):
    # cli.common.settings() reads it.
    from supple.cli.common import ROOT_OPTIONS

    ROOT_OPTIONS["home"] = home


for module in (
    welcome_cmd,
    catalog_cmd,
    learn_cmd,
    screen_cmd,
    profile_cmd,
    plan_cmd,
    start_cmd,
    log_cmd,
    remind_cmd,
    transfer_cmd,
    serve_cmd,
    accounts_cmd,
):
    module.register(app)


def main() -> None:
    app()
