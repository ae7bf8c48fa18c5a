"""Start a throwaway PostgreSQL server from the installed binaries (tests and benchmarks).

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user
through a tiny pg_ctl wrapper (setpriv or runuser), with its data directory in a temporary
directory that user owns. `PgUnavailable` says why a server cannot be had here.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


class PgUnavailable(RuntimeError):
    """No PostgreSQL server can be started here; the message says why (tests skip with it)."""


@dataclass(frozen=True)
class PgServer:
    host: str
    port: int
    user: str

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{dbname}"


def find_pg_ctl() -> str | None:
    """pg_ctl from pg_config's bindir, else the newest /usr/lib/postgresql/*/bin, else PATH."""
    candidates: list[str] = []
    try:
        bindir = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, timeout=30, check=True
        ).stdout.strip()
        candidates.append(os.path.join(bindir, "pg_ctl"))
    except (OSError, subprocess.SubprocessError):
        pass
    versions = glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")
    candidates += sorted(versions, key=lambda p: int(Path(p).parts[-3]), reverse=True)
    if found := shutil.which("pg_ctl"):
        candidates.append(found)
    return next((c for c in candidates if os.access(c, os.X_OK)), None)


def _as_postgres_user_wrapper(pg_ctl: str, workdir: Path, account: pwd.struct_passwd) -> str:
    """A pg_ctl that drops from root to the postgres account before running the real one."""
    if setpriv := shutil.which("setpriv"):
        switch = f'"{setpriv}" --reuid={account.pw_uid} --regid={account.pw_gid} --init-groups'
    elif runuser := shutil.which("runuser"):
        switch = f'"{runuser}" -u {account.pw_name} --'
    else:
        raise PgUnavailable(
            "running as root without setpriv or runuser to start PostgreSQL as postgres"
        )
    wrapper = workdir / "pg_ctl"
    # cd into a directory postgres can read: initdb complains about an unreadable cwd.
    wrapper.write_text(f'#!/bin/sh\ncd "{workdir}" || exit 1\nexec {switch} "{pg_ctl}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return str(wrapper)


@contextmanager
def running_postgres(dbname: str = "supple_tests") -> Iterator[PgServer]:
    """A server on 127.0.0.1 for the duration of the block; raises PgUnavailable."""
    pg_ctl = find_pg_ctl()
    if pg_ctl is None:
        raise PgUnavailable(
            "no PostgreSQL server binary (pg_ctl) found via pg_config, /usr/lib/postgresql/*/bin "
            "or PATH; install postgresql to run the postgres tests"
        )
    from port_for import get_port
    from pytest_postgresql.executors import PostgreSQLExecutor

    workdir = Path(tempfile.mkdtemp(prefix="supple-pg-"))
    executable = pg_ctl
    if os.geteuid() == 0:
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(workdir, ignore_errors=True)
            raise PgUnavailable(
                "running as root and there is no 'postgres' user to run PostgreSQL as"
            ) from None
        os.chown(workdir, account.pw_uid, account.pw_gid)
        workdir.chmod(0o755)
        executable = _as_postgres_user_wrapper(pg_ctl, workdir, account)
    port = get_port(None)
    assert port is not None
    executor = PostgreSQLExecutor(
        executable=executable,
        host="127.0.0.1",
        port=port,
        datadir=str(workdir / "data"),
        unixsocketdir=str(workdir),
        logfile=str(workdir / "postgresql.log"),
        startparams="-w",
        dbname=dbname,
        user="postgres",
        postgres_options="-c fsync=off",  # a throwaway cluster: speed over crash safety
    )
    try:
        executor.start()
    except Exception as exc:
        log = workdir / "postgresql.log"
        detail = log.read_text()[-2000:] if log.exists() else ""
        shutil.rmtree(workdir, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL ({pg_ctl}) did not start: {exc}\n{detail}") from exc
    try:
        yield PgServer(host=executor.host, port=executor.port, user=executor.user)
    finally:
        executor.stop()
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def fresh_database(server: PgServer) -> Iterator[str]:
    """A new, empty database on `server` (its URL), dropped afterwards."""
    import uuid

    from pytest_postgresql.janitor import DatabaseJanitor

    dbname = f"supple_{uuid.uuid4().hex[:12]}"
    with DatabaseJanitor(user=server.user, host=server.host, port=server.port, dbname=dbname):
        yield server.url(dbname)
