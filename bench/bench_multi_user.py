"""Coach mode's cost: POST /api/v1/plan for a signed-in client of `supple serve --multi-user`
with 32 connections (wrk), on 1 and 2 workers, against the single-person server on the same
PostgreSQL. Prints requests/s and p50/p99 per setup, and the throughput per worker as a share
of the single-person server's (target: within 20 %; p99 under 50 ms).

Two comparisons, because one is not like-for-like:
- `per_worker_share_of_single`: the multi-user server's requests/s per worker over the
  single-person server's (one process), as the target is worded.
- `share_of_single_same_workers`: over the single-person app run with the same number of
  uvicorn workers on the same PostgreSQL (`supple serve` runs one person's server as one
  process, so the bench starts that app under uvicorn itself, `single_person_app`). On a machine
  with 2 cores, 2 workers, wrk and PostgreSQL share them: the 2-worker figure per worker can
  never reach the 1-worker one there, whatever the mode, and this is the share that says what
  signing in costs. The output names the cores it ran on.

Each server is warmed up with a short wrk run first (every worker's first plan and first login
lookup are one-time costs, not the steady state). Skipped, with the reason, without wrk or
without PostgreSQL's server binaries.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "src")]

from bench_api import DONE_LUA, _wrk  # noqa: E402

DURATION = int(os.environ.get("SUPPLE_BENCH_SECONDS", "8"))
WARM_UP_SECONDS = 2
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


def single_person_app() -> Any:
    """The app `supple serve` runs for one person (same settings and security), as a uvicorn
    factory, so that it can run with several workers for a like-for-like comparison."""
    from supple.config import get_settings
    from supple.web.app import create_app
    from supple.web.security import LOOPBACK_HOSTS, SecurityConfig, load_secret

    settings = get_settings()
    security = SecurityConfig(
        secret=load_secret(settings.ensure_home()), allowed_hosts=LOOPBACK_HOSTS
    )
    return create_app(settings, security)


def _supple_serve(port: int, *args: str) -> list[str]:
    return [sys.executable, "-m", "supple", "serve", "--no-browser", "--port", str(port), *args]


def _uvicorn_single(port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "bench_multi_user:single_person_app",
        "--factory",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]


@contextlib.contextmanager
def _serve(home: Path, url: str, command: Any, *args: Any) -> Iterator[str]:
    port = _port()
    proc = subprocess.Popen(
        command(port, *args),
        env={
            **os.environ,
            "SUPPLE_HOME": str(home),
            "SUPPLE_DATABASE_URL": url,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "bench")]),
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


def _run(base: str, tmp: Path, csrf: str, cookie: str, workers: int = 1) -> dict[str, Any]:
    script = tmp / "plan.lua"
    script.write_text(_LUA.format(csrf=csrf, cookie=cookie, body=json.dumps(json.dumps(PLAN))))
    import httpx

    httpx.post(
        base + "/api/v1/plan",
        json=PLAN,
        headers={"X-Supple-CSRF": csrf, "Cookie": cookie},
        timeout=30,
    ).raise_for_status()
    _wrk(base + "/api/v1/plan", script, WARM_UP_SECONDS)  # every worker's first plan
    spread: dict[str, Any] = {}
    watcher = threading.Thread(target=_connections_per_process, args=(base, spread))
    watcher.start()
    result = _wrk(base + "/api/v1/plan", script, DURATION)
    watcher.join()
    if spread:
        counts = spread["counts"]
        result["connections_per_process"] = counts
        if workers > 1 and counts and max(counts) > 0.7 * sum(counts):
            result["uneven_split"] = (
                "most connections went to one worker: this run measures about one process"
            )
    return result


def _connections_per_process(base: str, out: dict[str, Any]) -> None:
    """How wrk's connections fell between the server's processes, halfway through. `supple
    serve --workers` gives each worker a socket of its own (web/workers.py), which the kernel
    fills evenly; the single-person comparison app runs on uvicorn's workers, which share one
    socket (whichever accepts first takes the connection: a split such as 25 and 7 shows in the
    p99). Needs `ss`."""
    if shutil.which("ss") is None:
        return
    time.sleep(DURATION / 2)
    port = base.rsplit(":", 1)[1]
    listed = subprocess.run(
        ["ss", "-tnpH", "state", "established", f"( sport = :{port} )"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    counts = Counter(re.findall(r"pid=(\d+)", listed))
    out["counts"] = sorted(counts.values(), reverse=True)


def run() -> dict[str, Any]:
    if shutil.which("wrk") is None:
        return {"skipped": "wrk is not installed (Debian package 'wrk')"}
    from tests.pgserver import PgUnavailable, find_pg_ctl, fresh_database, running_postgres

    if find_pg_ctl() is None:
        return {
            "skipped": "no PostgreSQL server binaries (pg_ctl via pg_config, "
            "/usr/lib/postgresql/*/bin or PATH): coach mode runs only on PostgreSQL; "
            "install postgresql to run this benchmark"
        }
    from tests.web.conftest import clear_answers

    from supple.config import Settings
    from supple.services import screening
    from supple.services.accounts import account_settings, create_account
    from supple.services.context import close_all

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    out: dict[str, Any] = {
        "connections": 32,
        "seconds": DURATION,
        "cores": cores,
        "note": f"{cores} cores shared by the server's workers, wrk and PostgreSQL (and whatever "
        "else runs): with 2 workers, compare with single_person_2_workers (the same app "
        "without accounts, same workers, same PostgreSQL), not with 2x one worker",
    }
    tmp = Path(tempfile.mkdtemp(prefix="supple-bench-mu-"))
    try:
        with running_postgres() as pg, fresh_database(pg) as single, fresh_database(pg) as shared:
            screening.submit(Settings(tmp / "single", single), clear_answers())
            server = Settings(tmp / "multi", shared)
            client = create_account(server, "client@example.org", PASSWORD)
            screening.submit(account_settings(server, client), clear_answers())
            close_all()
            with _serve(tmp / "single", single, _supple_serve) as base:
                out["single_person"] = _run(base, tmp, "bench", "supple_csrf=bench")
            with _serve(tmp / "single", single, _uvicorn_single, 2) as base:
                out["single_person_2_workers"] = _run(base, tmp, "bench", "supple_csrf=bench", 2)
            for workers in (1, 2):
                multi = ("--multi-user", "--workers", str(workers))
                with _serve(tmp / "multi", shared, _supple_serve, *multi) as b:
                    csrf, cookie = _login(b)
                    out[f"multi_user_{workers}_workers"] = _run(b, tmp, csrf, cookie, workers)
    except PgUnavailable as e:
        return {"skipped": str(e)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    base_rps = out["single_person"].get("requests_per_s") or 0
    for workers in (1, 2):
        r = out[f"multi_user_{workers}_workers"]
        if base_rps and "requests_per_s" in r:
            r["per_worker_share_of_single"] = round(r["requests_per_s"] / workers / base_rps, 2)
        same = out["single_person" if workers == 1 else f"single_person_{workers}_workers"]
        if same.get("requests_per_s") and "requests_per_s" in r:
            r["share_of_single_same_workers"] = round(
                r["requests_per_s"] / same["requests_per_s"], 2
            )
        if "p99_ms" in r:
            r["p99_under_50_ms"] = r["p99_ms"] < 50
    return out


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
