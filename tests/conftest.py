"""Shared fixtures: an isolated data directory for every test, and a store on each backend.

PostgreSQL: a real server is started once per test run from the installed binaries with
pytest-postgresql's executor (pg_ctl) and janitor (one fresh database per test). PostgreSQL
refuses to run as root, so when the tests run as root the server runs as the `postgres`
system user through a tiny pg_ctl wrapper (setpriv or runuser), with its data directory in a
temporary directory that user owns. Without a server binary (or, as root, without a
`postgres` user) the PostgreSQL tests skip and say why.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from supple.config import Settings, get_settings

if TYPE_CHECKING:
    from supple.store import Store

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test may read or write the real user's data: point every data location at a temp
    dir (platformdirs reads XDG_DATA_HOME and HOME) and forget any configured database."""
    fake_home = tmp_path_factory.mktemp("user-home")
    monkeypatch.setenv("HOME", str(fake_home))
    monkeypatch.setenv("XDG_DATA_HOME", str(fake_home / ".local" / "share"))
    monkeypatch.setenv("SUPPLE_HOME", str(fake_home / "supple-home"))
    monkeypatch.delenv("SUPPLE_DATABASE_URL", raising=False)


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings for a fresh SUPPLE_HOME in tmp_path, with the default SQLite database in it."""
    home = tmp_path / "supple-home"
    monkeypatch.setenv("SUPPLE_HOME", str(home))
    built = get_settings()
    assert built.database_url == f"sqlite:///{home / 'supple.db'}"
    return built


# --- PostgreSQL ------------------------------------------------------------------------------


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
        pytest.skip("running as root without setpriv or runuser to start PostgreSQL as postgres")
    wrapper = workdir / "pg_ctl"
    # cd into a directory postgres can read: initdb complains about an unreadable cwd.
    wrapper.write_text(f'#!/bin/sh\ncd "{workdir}" || exit 1\nexec {switch} "{pg_ctl}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return str(wrapper)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    pg_ctl = find_pg_ctl()
    if pg_ctl is None:
        pytest.skip(
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
            pytest.skip("running as root and there is no 'postgres' user to run PostgreSQL as")
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
        dbname="supple_tests",
        user="postgres",
        postgres_options="-c fsync=off",  # a throwaway cluster: speed over crash safety
    )
    try:
        executor.start()
    except Exception as exc:
        log = workdir / "postgresql.log"
        detail = log.read_text()[-2000:] if log.exists() else ""
        shutil.rmtree(workdir, ignore_errors=True)
        pytest.fail(f"PostgreSQL ({pg_ctl}) did not start: {exc}\n{detail}")
    try:
        yield PgServer(host=executor.host, port=executor.port, user=executor.user)
    finally:
        executor.stop()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def postgres_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    from pytest_postgresql.janitor import DatabaseJanitor

    dbname = f"supple_{uuid.uuid4().hex[:12]}"
    with DatabaseJanitor(
        user=pg_server.user, host=pg_server.host, port=pg_server.port, dbname=dbname
    ):
        yield pg_server.url(dbname)


# --- Store on each backend ---------------------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def backend_settings(request: pytest.FixtureRequest, settings: Settings) -> Settings:
    """Settings pointing at a fresh database: SQLite in tmp_path, or a new PostgreSQL DB."""
    if request.param == "sqlite":
        return settings
    url = request.getfixturevalue("postgres_url")
    return Settings(home=settings.home, database_url=url)


@pytest.fixture
def store(backend_settings: Settings) -> Iterator[Store]:
    from supple.store import open_store

    opened = open_store(backend_settings)
    try:
        yield opened
    finally:
        opened.close()
