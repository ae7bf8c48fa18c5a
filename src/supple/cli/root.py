"""The `supple` command's Typer app. Each command group lives in its own module, imported and
built into a Click command only when that command runs (`COMMANDS`; `supple --help` lists them
all); heavy imports stay inside command bodies so commands start fast (tests check SQLAlchemy
and FastAPI stay unloaded). The entry point is `supple.cli.app.main`, which answers
`supple --help` without loading this module when it can (cli/fast_help.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping
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
    "pain": "pain_cmd",
    "accounts": "accounts_cmd",
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


class LazyCommands(MutableMapping[str, "Command"]):
    """The root group's commands by name: each module is imported and its commands built at
    the first look-up of one of them. Listing the names (help order, suggestions for a
    mistyped one) loads nothing; reading every command (`items()`) loads them all."""

    def __init__(self, built: Mapping[str, Command]) -> None:
        self._built = dict(built)

    def _load(self, name: str) -> None:
        if name not in self._built and name in COMMANDS:
            for found, command in build_module(COMMANDS[name]).items():
                self._built.setdefault(found, command)

    def __getitem__(self, name: str) -> Command:
        self._load(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self._built

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self._built if name not in COMMANDS)

    def __len__(self) -> int:
        return len(set(COMMANDS) | set(self._built))


class SuppleGroup(TyperGroup):
    """The root command group: a problem (`supple.domain.problems`) or a database that cannot be
    opened ends any command the same way, worded for the terminal with what to do (exit 2, or 3
    for safety), never a traceback. Help is shown in the reader's language (`cli.help_words`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands(self.commands)

    def list_commands(self, ctx: Context) -> list[str]:
        return list(self.commands)

    def get_command(self, ctx: Context, cmd_name: str) -> Any:
        from supple.cli.help_words import translate_help

        command = super().get_command(ctx, cmd_name)
        return translate_help(command) if command is not None else None

    def format_help(self, ctx: Context, formatter: Any) -> None:
        from supple.cli.help_words import translate_help

        translate_help(self)
        super().format_help(ctx, formatter)

    def invoke(self, ctx: Context) -> Any:
        from supple.cli.common import run_worded

        parent = super().invoke
        return run_worded(lambda: parent(ctx))


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
