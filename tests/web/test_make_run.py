"""`make run` starts the web app and opens it in the browser (the terminal flow is `supple
welcome` / `supple start`)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.web.test_serve import _free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_starts_supple_serve() -> None:
    # Under `make test` the outer make's variables would make this one print its directory.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", "run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env=env,
    )
    last = done.stdout.strip().splitlines()[-1].split()
    assert last[0].endswith("/supple") and last[1:] == ["serve"], done.stdout


def test_readme_puts_make_run_and_make_test_first_and_names_the_terminal_flow() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    top = readme.split("## ", 1)[0]
    assert "make run" in top and "make test" in top and "supple serve" in top
    assert "supple welcome" in readme and "supple start" in readme


def test_serve_opens_the_browser_at_its_address(tmp_path: Path) -> None:
    # Python's webbrowser runs $BROWSER with the URL: a script that writes it down stands in.
    seen = tmp_path / "opened.txt"
    fake = tmp_path / "fake-browser"
    fake.write_text(f'#!/bin/sh\nprintf "%s" "$1" > {seen}\n')
    fake.chmod(0o755)
    port = _free_port()
    env = {**os.environ, "SUPPLE_HOME": str(tmp_path / "home"), "BROWSER": str(fake)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "supple", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while not seen.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        assert seen.exists(), "the browser was not opened"
        assert seen.read_text() == f"http://127.0.0.1:{port}/"
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
