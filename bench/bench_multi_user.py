"""Coach mode's cost: POST /api/v1/plan for a signed-in client of `supple serve --multi-user`
with 32 connections (wrk), on 1 and 2 workers, against the single-person server on the same
PostgreSQL. Prints requests/s and p50/p99 per setup, and the throughput per worker as a share
of the single-person server's (target: within 20 %; p99 under 50 ms).

The machine is shared (2 cores): with 2 workers, wrk and PostgreSQL compete for the same cores,
so the 2-worker figure says more about no per-process state breaking than about speed-up.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "src")]

from bench_api import DONE_LUA, _wrk  # noqa: E402

DURATION = int(os.environ.get("SUPPLE_BENCH_SECONDS", "8"))
PASSWORD = "a long enough password"
PLAN = {"minutes": 10, "places": ["floor"], "warm": True}

_LUA = (
    """
wrk.method = "POST"
wrk.headers["X-Supple-CSRF"] = "{csrf}"
wrk.headers["Cookie"] = "{cookie}"
wrk.headers["Content-Type"] = "application/json"
wrk.body = {body}"""
    + DONE_LUA
)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _serve(home: Path, url: str, *args: str) -> Iterator[str]:
    port = _port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "supple", "serve", "--no-browser", "--port", str(port), *args],
        env={
            **os.environ,
            "SUPPLE_HOME": str(home),
            "SUPPLE_DATABASE_URL": url,
            "PYTHONPATH": str(ROOT / "src"),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/static/app.css", timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stderr.read().decode()[-1000:]) from None
                time.sleep(0.1)
        yield base
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _login(base: str) -> tuple[str, str]:
    import httpx

    with httpx.Client(timeout=10) as c:
        c.get(base + "/login")
        csrf = c.cookies["supple_csrf"]
        r = c.post(
            base + "/api/v1/auth/login",
            json={"email": "client@example.org", "password": PASSWORD},
            headers={"X-Supple-CSRF": csrf},
        )
        r.raise_for_status()
        return csrf, f"supple_csrf={csrf}; supple_account={c.cookies['supple_account']}"


def _run(base: str, tmp: Path, csrf: str, cookie: str) -> dict[str, Any]:
    script = tmp / "plan.lua"
    script.write_text(_LUA.format(csrf=csrf, cookie=cookie, body=json.dumps(json.dumps(PLAN))))
    import httpx

    for _ in range(3):  # warm up: the first plan of each worker
        httpx.post(
            base + "/api/v1/plan",
            json=PLAN,
            headers={"X-Supple-CSRF": csrf, "Cookie": cookie},
            timeout=30,
        )
    return _wrk(base + "/api/v1/plan", script, DURATION)


def run() -> dict[str, Any]:
    if shutil.which("wrk") is None:
        return {"skipped": "wrk is not installed (Debian package 'wrk')"}
    from tests.pgserver import PgUnavailable, fresh_database, running_postgres
    from tests.web.conftest import clear_answers

    from supple.config import Settings
    from supple.services import screening
    from supple.services.accounts import account_settings, create_account
    from supple.services.context import close_all

    out: dict[str, Any] = {"connections": 32, "seconds": DURATION}
    tmp = Path(tempfile.mkdtemp(prefix="supple-bench-mu-"))
    try:
        with running_postgres() as pg, fresh_database(pg) as single, fresh_database(pg) as shared:
            screening.submit(Settings(tmp / "single", single), clear_answers())
            server = Settings(tmp / "multi", shared)
            client = create_account(server, "client@example.org", PASSWORD)
            screening.submit(account_settings(server, client), clear_answers())
            close_all()
            with _serve(tmp / "single", single) as base:
                out["single_person"] = _run(base, tmp, "bench", "supple_csrf=bench")
            for workers in (1, 2):
                with _serve(tmp / "multi", shared, "--multi-user", "--workers", str(workers)) as b:
                    csrf, cookie = _login(b)
                    out[f"multi_user_{workers}_workers"] = _run(b, tmp, csrf, cookie)
    except PgUnavailable as e:
        return {"skipped": str(e)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    base_rps = out["single_person"].get("requests_per_s") or 0
    for workers in (1, 2):
        r = out[f"multi_user_{workers}_workers"]
        if base_rps and "requests_per_s" in r:
            r["per_worker_share_of_single"] = round(r["requests_per_s"] / workers / base_rps, 2)
    return out


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
