"""The `supple` command's Typer app. Each command group lives in its own module, imported and
built into a Click command only when that command runs (`COMMANDS`; `supple --help` lists them
all); heavy imports stay inside command bodies so commands start fast (tests check SQLAlchemy
and FastAPI stay unloaded). The entry point is `supple.cli.app.main`, which answers
`supple --help` without loading this module when it can (cli/fast_help.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    from typer._click.core import Command, Context

#: Every command, in the order `supple --help` lists them (Typer's: commands as registered,
#: then groups), and the module whose `register(app)` adds it. A test checks this against
#: registering every module eagerly.
COMMANDS = {
    "welcome": "welcome_cmd",
    "learn": "learn_cmd",
    "screen": "screen_cmd",
    "plan": "plan_cmd",
    "start": "start_cmd",
    "history": "log_cmd",
    "progress": "log_cmd",
    "remind": "remind_cmd",
    "export": "transfer_cmd",
    "import": "transfer_cmd",
    "serve": "serve_cmd",
    "catalog": "catalog_cmd",
    "profile": "profile_cmd",
    "routine": "plan_cmd",
}
#: The settings of the root app that shape each command (help layout, errors).
APP_SETTINGS: dict[str, Any] = {
    "add_completion": False,
    "rich_markup_mode": None,
    "pretty_exceptions_enable": False,
}


def build_module(module_name: str) -> dict[str, Command]:
    """The Click commands one command module registers, built as the root app would."""
    import importlib

    import typer.main

    module = importlib.import_module(f"supple.cli.{module_name}")
    holder = typer.Typer(**APP_SETTINGS)
    # A callback makes Typer build a group even around a single command.
    holder.callback()(lambda: None)
    module.register(holder)
    group = typer.main.get_command(holder)
    return dict(group.commands)  # type: ignore[attr-defined]


class SuppleGroup(TyperGroup):
    """The root command group: a problem (`supple.domain.problems`) or a database that cannot be
    opened ends any command the same way, worded for the terminal with what to do (exit 2, or 3
    for safety), never a traceback."""

    def list_commands(self, ctx: Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            for name, command in build_module(COMMANDS[cmd_name]).items():
                self.commands.setdefault(name, command)
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: Context, args: list[str]) -> Any:
        # An unknown name is answered with the nearest ones ("Did you mean ..."), from every
        # command: build them all first.
        if args and args[0] not in COMMANDS and not args[0].startswith("-"):
            for name in COMMANDS:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Context) -> Any:
        from supple.cli.common import fail_problem
        from supple.domain.problems import Problem
        from supple.services.context import FAST_READS

        # Reads take the standard library's SQLite port while the schema is current
        # (store/fast_read.py): no SQLAlchemy or Alembic import for plan, history, progress.
        was, FAST_READS["on"] = FAST_READS["on"], True
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
        finally:
            FAST_READS["on"] = was


app = typer.Typer(
    name="supple",
    cls=SuppleGroup,
    help="An offline stretching coach for the lower back and upper glutes.",
    no_args_is_help=True,
    **APP_SETTINGS,
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
