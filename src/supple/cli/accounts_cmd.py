"""`supple accounts`: accounts of a multi-user server (PostgreSQL), made on the server itself."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from supple.cli.common import HomeOpt, settings
from supple.wording.i18n import _

accounts_app = typer.Typer(
    help="Accounts of a shared server (coach mode, PostgreSQL).",
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
    """Make a coach account on this server.

    Coaches then invite their clients from the web."""
    from supple.cli.serve_cmd import read_password
    from supple.services.accounts import create_coach, require_postgres

    cfg = settings(home)
    require_postgres(cfg)
    password = read_password(password_file)
    assert password is not None
    account = create_coach(cfg, email, password)
    typer.echo(
        _("Coach account {email} made. Log in at /login on the server.").format(email=account.email)
    )


@accounts_app.command("export")
def export_cmd(
    email: Annotated[str, typer.Argument(help="Whose data: the account's email address.")],
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the export.")],
    fmt: Annotated[str, typer.Option("--format", help="json or csv.")] = "json",
    home: HomeOpt = None,
) -> None:
    """Export one account's data to a file.

    The same file `supple export` writes; the person can import it into their own supple."""
    from supple.cli.common import fail
    from supple.services.accounts import account_by_email, account_settings, require_postgres
    from supple.services.transfer import export as run

    cfg = settings(home)
    require_postgres(cfg)
    if fmt not in ("json", "csv"):
        fail(_("--format '{format}': use json or csv.").format(format=fmt))
    account = account_by_email(cfg, email)
    try:
        counts = run(account_settings(cfg, account), fmt, file)  # type: ignore[arg-type]
    except OSError as e:
        fail(_("{file}: cannot write the file ({reason}).").format(file=file, reason=e.strerror))
    typer.echo(
        _("Wrote the data of {email} to {file} ({n} sessions).").format(
            email=account.email, file=file, n=counts.get("sessions", 0)
        )
    )
