"""`supple serve`: the web app on this machine (and, only when asked with a password, beyond)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from supple.cli.common import HomeOpt, fail, settings
from supple.wording.i18n import _

PASSWORD_ENV = "SUPPLE_PASSWORD"
#: The shortest login password remote mode accepts (it guards the person's health data).
MIN_PASSWORD = 12


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def is_loopback(host: str) -> bool:
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def read_password(password_file: Path | None) -> str | None:
    if password_file is not None:
        try:
            text = password_file.read_text(encoding="utf-8")
        except OSError as e:
            fail(
                _("--password-file {file}: cannot read the file ({reason}).").format(
                    file=password_file, reason=e.strerror
                )
            )
        lines = text.splitlines()
        password = lines[0].strip() if lines else ""
        if not password:
            fail(
                _(
                    "--password-file {file}: the first line is empty; put the password there."
                ).format(file=password_file)
            )
        return password
    return os.environ.get(PASSWORD_ENV) or None


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on; only this machine unless --allow-remote.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    allow_remote: Annotated[
        bool,
        typer.Option(
            "--allow-remote", help="Allow a non-loopback --host (needs a password; then login)."
        ),
    ] = False,
    password_file: Annotated[
        Path | None,
        typer.Option(
            "--password-file",
            metavar="FILE",
            help=f"First line: the login password (or set {PASSWORD_ENV}).",
        ),
    ] = None,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Do not open the browser.")
    ] = False,
    multi_user: Annotated[
        bool,
        typer.Option(
            "--multi-user",
            help="A shared server with accounts (coaches and their clients); needs PostgreSQL "
            "in SUPPLE_DATABASE_URL.",
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=1, max=64, help="Server processes (with --multi-user); default 1."
        ),
    ] = 1,
    home: HomeOpt = None,
) -> None:
    """Start the web app (and open it in the browser)."""
    if multi_user:
        _serve_multi_user(host, port, workers, no_browser, home)
        return
    if workers != 1:
        fail(
            _("--workers needs --multi-user: one person's server runs as one process."),
            hint=_("Drop --workers, or add --multi-user with a PostgreSQL database."),
        )
    password = read_password(password_file)
    loopback = is_loopback(host)
    if not loopback and not (allow_remote and password):
        fail(
            (
                _("--host {host} would let other machines reach your data; that needs a password.")
                if allow_remote
                else _(
                    "--host {host} would let other machines reach your data; that needs "
                    "--allow-remote and a password."
                )
            ).format(host=host),
            hint=_(
                "Use --host 127.0.0.1 (the default), or add --allow-remote with "
                "--password-file FILE or {env}; then every page asks for the login."
            ).format(env=PASSWORD_ENV),
        )
    if not loopback and password is not None and len(password) < MIN_PASSWORD:
        fail(
            _(
                "The password is too short: other machines will reach this server, so use at "
                "least {n} characters."
            ).format(n=MIN_PASSWORD),
            hint=_("A few unrelated words make a long password that is easy to type."),
        )
    _check_port_free(host, port)
    cfg = settings(home)
    from supple.services.context import store_for

    store_for(cfg)  # a database that cannot be opened ends here with exit 2, not in the browser

    import uvicorn

    from supple.web.app import create_app
    from supple.web.security import (
        LOOPBACK_HOSTS,
        SecurityConfig,
        hash_password,
        load_secret,
    )

    security = SecurityConfig(
        secret=load_secret(cfg.ensure_home()),
        password_hash=hash_password(password) if password else None,
        # A loopback address of its own (127.0.0.2) is answered too, not refused as foreign.
        allowed_hosts=LOOPBACK_HOSTS | {host.strip("[]").lower()} if loopback else None,
    )
    app = create_app(cfg, security)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    typer.echo(_("supple is at {url} (Ctrl-C stops it)").format(url=url))
    if not no_browser:
        _open_when_up(host, port, url)
    uvicorn.run(app, host=host, port=port, log_level="warning", workers=1)


def _serve_multi_user(
    host: str, port: int, workers: int, no_browser: bool, home: str | None
) -> None:
    """A shared server: every page asks for an account's login; PostgreSQL only. Answers any
    Host (run it behind a reverse proxy with TLS: docs/deployment.md)."""
    from supple.services.accounts import require_postgres

    cfg = settings(home)
    require_postgres(cfg)  # exit 2, worded for the terminal, before anything starts
    from supple.services.context import close_all, server_engine

    server_engine(cfg)  # the shared schema made; a database that cannot be opened ends here
    # Released again: the workers open their own (a listening connection left here would
    # count as one more process that every logout waits for).
    close_all()
    _check_port_free(host, port)
    import uvicorn

    from supple.web.app import MULTI_USER_ENV
    from supple.web.workers import has_socket_per_worker, serve_workers

    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    typer.echo(_("supple (accounts) is at {url} (Ctrl-C stops it)").format(url=url))
    if not no_browser:
        _open_when_up(host, port, url)
    os.environ[MULTI_USER_ENV] = str(cfg.ensure_home())
    options: dict[str, Any] = {"factory": True, "log_level": "warning", "proxy_headers": True}
    if workers > 1 and has_socket_per_worker():
        # A listening socket per worker: the connections spread evenly (web/workers.py).
        code = serve_workers("supple.web.app:multi_user_app", host, port, workers, **options)
        if code:
            raise typer.Exit(code)
        return
    uvicorn.run("supple.web.app:multi_user_app", host=host, port=port, workers=workers, **options)


def _check_port_free(host: str, port: int) -> None:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host.strip("[]"), port))
        except OSError as e:
            fail(
                _("--host {host} --port {port}: cannot listen there ({reason}).").format(
                    host=host, port=port, reason=e.strerror
                ),
                hint=_("Another program may use it; try --port {port}.").format(port=port + 1),
            )


def _open_when_up(host: str, port: int, url: str) -> None:
    """Open the browser once the server accepts connections (in a background thread)."""
    import socket
    import threading
    import time
    import webbrowser

    target = "127.0.0.1" if host in ("0.0.0.0", "::") else host.strip("[]")

    def wait_then_open() -> None:
        for _attempt in range(100):
            try:
                with socket.create_connection((target, port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        webbrowser.open(url)

    threading.Thread(target=wait_then_open, daemon=True).start()
