"""Commands are built when they run (cli/root.py COMMANDS); what every help page says is what
registering every command module up front gives."""

from __future__ import annotations

import importlib

import pytest
import typer
import typer.main
from typer.testing import CliRunner

from supple.cli.root import APP_SETTINGS, COMMANDS, _root, app

#: The order the command modules were registered in before they loaded lazily.
MODULES = [
    "welcome_cmd",
    "catalog_cmd",
    "learn_cmd",
    "screen_cmd",
    "profile_cmd",
    "plan_cmd",
    "start_cmd",
    "log_cmd",
    "pain_cmd",
    "remind_cmd",
    "transfer_cmd",
    "serve_cmd",
    "accounts_cmd",
]


def eager() -> typer.Typer:
    built = typer.Typer(
        name="supple",
        help="An offline stretching coach for the lower back and upper glutes.",
        no_args_is_help=True,
        **APP_SETTINGS,
    )
    built.callback()(_root)
    for name in MODULES:
        importlib.import_module(f"supple.cli.{name}").register(built)
    return built


def _pages() -> list[list[str]]:
    group = typer.main.get_command(eager())
    pages = [["--help"]]
    ctx = group.make_context("supple", [], resilient_parsing=True)
    for name in group.list_commands(ctx):  # type: ignore[attr-defined]
        pages.append([name, "--help"])
        sub = group.get_command(ctx, name)  # type: ignore[attr-defined]
        for subname in getattr(sub, "commands", {}):
            pages.append([name, subname, "--help"])
    return pages


def test_the_table_lists_what_the_modules_register_in_their_order():
    group = typer.main.get_command(eager())
    ctx = group.make_context("supple", [], resilient_parsing=True)
    assert group.list_commands(ctx) == list(COMMANDS)  # type: ignore[attr-defined]
    for name, module in COMMANDS.items():
        from supple.cli.root import build_module

        assert name in build_module(module)


@pytest.mark.parametrize("args", _pages(), ids=" ".join)
def test_every_help_page_is_the_same(args: list[str]):
    runner = CliRunner()
    lazy = runner.invoke(app, args, prog_name="supple", env={"COLUMNS": "100"})
    full = runner.invoke(eager(), args, prog_name="supple", env={"COLUMNS": "100"})
    assert lazy.exit_code == full.exit_code == 0
    assert lazy.output == full.output


def test_an_unknown_command_suggests_the_nearest(cli):
    r = cli("histroy")
    assert r.code == 2
    assert "Did you mean 'history'?" in r.err
