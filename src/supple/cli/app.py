"""The `supple` command. Each command group lives in its own module; heavy imports stay inside
command bodies so `supple --help` starts fast (a test checks SQLAlchemy and FastAPI stay unloaded).
"""

from __future__ import annotations

import typer

from supple.cli import (
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

app = typer.Typer(
    name="supple",
    help="An offline stretching coach for the lower back and upper glutes.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

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
):
    module.register(app)


def main() -> None:
    app()
