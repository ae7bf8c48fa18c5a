"""A real terminal for tests: a program running in tmux, read with capture-pane, typed at with
send-keys. Tests that use it skip when tmux is not installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Term:
    def __init__(self, socket: str, name: str) -> None:
        self.base = ["tmux", "-L", socket]
        self.name = name

    def screen(self) -> str:
        return subprocess.run(
            [*self.base, "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=False,
        ).stdout

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.base, "send-keys", "-t", self.name, *keys], check=True)

    def type_line(self, text: str) -> None:
        self.keys("-l", text)
        self.keys("Enter")

    def wait_for(self, pred: Callable[[str], bool], what: str, limit: float = 30.0) -> str:
        # Polls the screen until it shows what we wait for; the limit only guards a hang.
        end = time.monotonic() + limit
        while time.monotonic() < end:
            text = self.screen()
            if pred(text):
                return text
            time.sleep(0.1)
        raise AssertionError(f"screen never showed {what}:\n{self.screen()}")


@contextmanager
def terminal(
    cmd: str, env: dict[str, str] | None = None, width: int = 100, height: int = 45
) -> Iterator[Term]:
    """Run the shell command `cmd` in a fresh tmux server; killed afterwards."""
    socket = f"supple-test-{uuid.uuid4().hex[:8]}"
    # The terminal sets its own size: a COLUMNS/LINES left in the environment (a test's
    # CliRunner sets COLUMNS) would make Rich draw for a screen of another size.
    inherited = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    full_env = {**inherited, "TERM": "xterm-256color", **(env or {})}
    subprocess.run(
        [
            "tmux",
            "-L",
            socket,
            "new-session",
            "-d",
            "-s",
            "s",
            "-x",
            str(width),
            "-y",
            str(height),
            cmd,
        ],
        check=True,
        env=full_env,
    )
    try:
        yield Term(socket, "s")
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], check=False)
