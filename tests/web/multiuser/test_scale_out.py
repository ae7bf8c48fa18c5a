"""Scale out: two `supple serve --multi-user` processes on two ports over one PostgreSQL, one
of them with `--workers 2`, behave as one server: a login made on one is valid on the other,
a write on one is read on the other, and wrong passwords are counted across them all."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.web.multiuser.conftest import PASSWORD

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


@contextmanager
def _server(home: Path, url: str, port: int, *args: str) -> Iterator[subprocess.Popen[str]]:
    import httpx

    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "supple",
            "serve",
            "--multi-user",
            "--no-browser",
            "--port",
            str(port),
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "SUPPLE_HOME": str(home), "SUPPLE_DATABASE_URL": url},
    )
    try:
        for _ in range(300):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                if proc.poll() is not None:
                    raise AssertionError(proc.stderr.read()) from None
                time.sleep(0.1)
        else:
            raise AssertionError("the server did not answer")
        yield proc
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()


def _log_in(client, base: str, email: str, password: str = PASSWORD):
    client.get(f"{base}/login")
    return client.post(
        f"{base}/api/v1/auth/login",
        json={"email": email, "password": password},
        headers={"X-Supple-CSRF": client.cookies["supple_csrf"]},
    )


def test_two_servers_and_two_workers_over_one_postgres_behave_as_one(tmp_path, postgres_url):
    import httpx

    from supple.config import Settings
    from supple.services.accounts import create_account
    from supple.services.context import close_all
    from supple.web.throttle import FREE_ATTEMPTS

    settings = Settings(home=tmp_path / "home", database_url=postgres_url)
    try:
        create_account(settings, "ann@example.org", PASSWORD)
        create_account(settings, "ben@example.org", PASSWORD)
    finally:
        close_all()
    one, two = _free_port(), _free_port()
    a, b = f"http://127.0.0.1:{one}", f"http://127.0.0.1:{two}"
    with (
        _server(tmp_path / "home", postgres_url, one, "--workers", "2") as first,
        _server(tmp_path / "home2", postgres_url, two),
    ):
        assert len(_children(first.pid)) >= 2, "--workers 2 runs two worker processes"
        with httpx.Client(timeout=10) as c:
            assert _log_in(c, a, "ann@example.org").status_code == 200
            csrf = {"X-Supple-CSRF": c.cookies["supple_csrf"]}
            # Many requests, so both workers of the first server answer some of them.
            for n in range(12):
                r = c.put(f"{a}/api/v1/profile", json={"name": f"Ann {n}"}, headers=csrf)
                assert r.status_code == 200, r.text
                assert c.get(f"{b}/api/v1/profile").json()["name"] == f"Ann {n}"
                assert c.get(f"{a}/api/v1/profile").json()["name"] == f"Ann {n}"
            # A write on the second server is read on the first (its plan cache included).
            c.put(f"{b}/api/v1/profile", json={"weekly_goal": 5}, headers=csrf)
            assert c.get(f"{a}/api/v1/progress").json()["weekly_goal"] == 5
            # Logging out on one ends the login on both.
            assert c.post(f"{b}/api/v1/auth/logout", headers=csrf).status_code == 204
            assert c.get(f"{a}/api/v1/profile").status_code == 401
        with httpx.Client(timeout=10) as c:
            for n in range(FREE_ATTEMPTS):
                base = a if n % 2 else b
                assert _log_in(c, base, "ben@example.org", "wrong password!").status_code == 401
            assert _log_in(c, a, "ben@example.org").status_code == 429
            assert _log_in(c, b, "ben@example.org").status_code == 429


def _listening_pids(port: int) -> list[int]:
    """The processes holding a listening socket on the port, one entry per socket (needs ss)."""
    listed = subprocess.run(
        ["ss", "-tlnpH", f"( sport = :{port} )"], capture_output=True, text=True, check=True
    ).stdout
    import re

    return sorted(int(pid) for pid in re.findall(r"pid=(\d+)", listed))


def _until(condition, seconds: float = 30.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    return condition()


@pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT"), reason="no SO_REUSEPORT here")
def test_each_worker_has_its_own_socket_a_killed_one_is_replaced_and_ctrl_c_stops_all(
    tmp_path, postgres_url
):
    import shutil

    import httpx

    if shutil.which("ss") is None:
        pytest.skip("needs ss (Debian package iproute2) to see the listening sockets")
    port = _free_port()
    with _server(tmp_path / "home", postgres_url, port, "--workers", "2") as parent:
        first = _until(lambda: pids if len(set(pids := _listening_pids(port))) == 2 else [])
        assert len(first) == 2 and len(set(first)) == 2, "two workers, a socket each"
        assert set(first) <= set(_children(parent.pid))

        os.kill(first[0], signal.SIGKILL)  # a worker dies without a word
        again = _until(
            lambda: pids if len(pids := _listening_pids(port)) == 2 and first[0] not in pids else []
        )
        assert again and len(set(again)) == 2 and first[1] in again, "a new worker took its place"
        for _ in range(20):  # and every connection is answered, whichever socket it reaches
            with httpx.Client(timeout=10) as c:
                assert c.get(f"http://127.0.0.1:{port}/login").status_code == 200

        parent.send_signal(signal.SIGINT)  # Ctrl-C
        assert parent.wait(timeout=30) == 0
        assert not [pid for pid in again if Path(f"/proc/{pid}").exists()], "no worker left"
