from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


class Run:
    def __init__(self, proc: subprocess.CompletedProcess[str]) -> None:
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def supple(home: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run the real `supple` command in a subprocess with an isolated data directory."""
    monkeypatch.delenv("SUPPLE_DATABASE_URL", raising=False)

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Run:
        import os

        full_env = {**os.environ, "SUPPLE_HOME": str(home), "COLUMNS": "120", **(env or {})}
        proc = subprocess.run(
            [sys.executable, "-m", "supple", *args],
            capture_output=True,
            text=True,
            input=input,
            env=full_env,
            timeout=120,
        )
        return Run(proc)

    return run


@pytest.fixture
def cli(home: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run `supple` in-process (fast) through Typer's runner, with an isolated data directory."""
    from typer.testing import CliRunner

    from supple.cli.app import app
    from supple.services.context import close_all

    monkeypatch.setenv("SUPPLE_HOME", str(home))
    monkeypatch.delenv("SUPPLE_DATABASE_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Run:
        res = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        return Run(subprocess.CompletedProcess(args, res.exit_code, res.stdout, res.stderr))

    yield run
    close_all()
