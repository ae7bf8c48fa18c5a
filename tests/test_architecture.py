"""Habits the layout promises: a pure domain, a fast `--help`, documented commands and settings."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT / "src" / "supple" / "domain"
ALLOWED = {"__future__", "pydantic", "supple"} | set(sys.stdlib_module_names)
IO_STDLIB = {
    "os",
    "io",
    "socket",
    "subprocess",
    "sqlite3",
    "pathlib",
    "shutil",
    "tempfile",
    "http",
    "urllib",
    "asyncio",
    "threading",
}


def test_domain_imports_only_stdlib_and_pydantic_and_no_io():
    for path in DOMAIN.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top in ALLOWED, f"{path.name} imports {name}"
                assert top not in IO_STDLIB, f"{path.name} imports I/O module {name}"
                if top == "supple":
                    assert name.startswith("supple.domain"), f"{path.name} imports {name}"


def _run(args: list[str], home: Path, code: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code] if code else [sys.executable, "-m", "supple", *args],
        capture_output=True,
        text=True,
        env={"SUPPLE_HOME": str(home), "PATH": "/usr/bin:/bin", "COLUMNS": "200"},
        timeout=60,
    )


def _modules_after(args: list[str], home: Path) -> tuple[set[str], str]:
    """The modules loaded by `supple ARGS`, and what it printed."""
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['supple', *{args!r}]\n"
        "try:\n    runpy.run_module('supple', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    proc = _run(args, home, code)
    return set(proc.stderr.split()), proc.stdout


FAST = (["--help"], ["catalog"], ["catalog", "show", "cat-cow"], ["learn"])
HEAVY = ("sqlalchemy", "fastapi", "alembic")


def _heavy(mods: set[str]) -> set[str]:
    return {m for m in mods if m.split(".")[0] in HEAVY}


def test_help_catalog_and_learn_do_not_load_sqlalchemy_or_fastapi(tmp_path):
    for args in FAST:
        mods, _ = _modules_after(args, tmp_path / "home")
        assert "supple" in mods
        assert not _heavy(mods), args


def test_catalog_stays_fast_once_the_user_has_a_database_with_imported_stretches(tmp_path):
    home = tmp_path / "home"
    sample = ROOT / "tests" / "fixtures" / "free-exercise-db-sample.json"
    imported = _run(["catalog", "import", str(sample), "--json"], home)
    assert imported.returncode == 0, imported.stderr
    assert (home / "supple.db").is_file()
    ids = json.loads(imported.stdout)["imported"]
    assert "fedb-cat-stretch" in ids
    for args in (*FAST, ["catalog", "show", "fedb-cat-stretch"], ["catalog", "--json"]):
        mods, out = _modules_after(args, home)
        assert "supple" in mods
        assert not _heavy(mods), args
    listed = {s["id"] for s in json.loads(out)}
    assert set(ids) <= listed and "cat-cow" in listed
    _, out = _modules_after(["catalog", "show", "fedb-cat-stretch", "--json"], home)
    assert "free-exercise-db-sample.json" in json.loads(out)["origin"]


def _leaf_commands(cmd: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    subs = getattr(cmd, "commands", {})
    if not subs:
        return [(path, cmd)]
    out: list[tuple[tuple[str, ...], Any]] = []
    if getattr(cmd, "invoke_without_command", False) and path:
        out.append((path, cmd))  # `supple catalog` is itself a command as well as a group
    for name, sub in subs.items():
        out += _leaf_commands(sub, (*path, name))
    return out


def test_every_command_takes_home():
    from typer.main import get_command

    from supple.cli.app import app

    leaves = _leaf_commands(get_command(app))
    assert len(leaves) > 10
    for path, cmd in leaves:
        opts = {o for p in cmd.params for o in getattr(p, "opts", [])}
        assert "--home" in opts, f"`supple {' '.join(path)}` does not take --home"


def test_every_command_and_setting_is_documented():
    from typer.main import get_command

    from supple.cli.app import app
    from supple.config import SETTINGS_DOC

    docs = (ROOT / "docs" / "cli.md").read_text() + (ROOT / "README.md").read_text()
    group = get_command(app)
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        assert f"supple {name}" in docs, f"command `supple {name}` is not documented"
        for sub in getattr(cmd, "commands", {}):
            assert f"supple {name} {sub}" in docs, f"`supple {name} {sub}` is not documented"
    for setting in SETTINGS_DOC:
        assert setting in docs, f"setting {setting} is not documented"


def test_help_lists_each_command_with_a_full_one_line_summary():
    for group in ([], ["catalog"], ["profile"], ["routine"]):
        proc = subprocess.run(
            [sys.executable, "-m", "supple", *group, "--help"],
            capture_output=True,
            text=True,
            env={"COLUMNS": "80", "PATH": "/usr/bin:/bin"},
        )
        assert proc.returncode == 0
        commands = proc.stdout.split("Commands:", 1)[1]
        for line in commands.strip().splitlines():
            assert len(line.split(None, 1)) == 2, f"no summary: {line!r}"
            assert not line.rstrip().endswith("..."), f"summary cut off: {line!r}"
