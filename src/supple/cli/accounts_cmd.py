"""`supple accounts`: accounts of a multi-user server (PostgreSQL), made on the server itself."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from supple.cli.common import HomeOpt, settings
from supple.wording.i18n import _

accounts_app = typer.Typer(
    help="Accounts of a shared server (supple serve --multi-user, PostgreSQL).",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(accounts_app, name="accounts")


@accounts_app.command("create-coach")
def create_coach_cmd(
    email: Annotated[str, typer.Argument(help="The coach's email address (the login).")],
    password_file: Annotated[
        Path,
        typer.Option(
            "--password-file",
            metavar="FILE",
            help="First line: the coach's password (at least 12 characters).",
        ),
    ],
    home: HomeOpt = None,
) -> None:
    """Make a coach account on this server (the first one; coaches invite their clients)."""
    from supple.cli.serve_cmd import read_password
    from supple.services.accounts import create_coach, require_postgres

    cfg = settings(home)
    require_postgres(cfg)
    password = read_password(password_file)
    assert password is not None
    account = create_coach(cfg, email, password)
    typer.echo(
        _("Coach account {email} made. Log in at /login on the server.").format(
            email=account.email
        )
    )
