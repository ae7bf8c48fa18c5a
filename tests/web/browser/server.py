"""Start the real app (create_app) under uvicorn in a subprocess on a free loopback port.

Shared by the browser tests and bench/bench_page_weight.py.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: Debian's Chromium from apt (never `playwright install`) and quiet, offline flags.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]

_LAUNCH = (
    "import sys, uvicorn\n"
    "from supple.config import get_settings\n"
    "from supple.web.app import create_app\n"
    "uvicorn.run(create_app(get_settings(sys.argv[1])), host='127.0.0.1', "
    "port=int(sys.argv[2]), log_level='warning')\n"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(home: Path) -> Iterator[str]:
    """Yield the base URL of a fresh server whose SUPPLE_HOME is `home`; stop it afterwards."""
    port = free_port()
    env = {**os.environ, "SUPPLE_HOME": str(home)}
    env.pop("SUPPLE_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-c", _LAUNCH, str(home), str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/static/app.css", timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    raise RuntimeError(f"the app did not start on {base}: {err[-2000:]}") from None
                time.sleep(0.1)
        yield base
    finally:
        if proc.stderr is not None:
            proc.stderr.close()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
